import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { attributeTranscript, type TranscriptMessage } from '../../src/transcript/attribute-transcript.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

interface Labels {
  host: string;
  questions: number;
  labels: Record<string, number | null>;
}

function loadFixture(): { messages: TranscriptMessage[]; labels: Labels } {
  const messages = readFileSync(`${fixtures}sample-chat.jsonl`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const raw = JSON.parse(line) as { id: string; author: string; text: string; ts: string; replyTo?: string };
      return { ...raw, ts: Date.parse(raw.ts) };
    });
  const labels = JSON.parse(readFileSync(`${fixtures}sample-chat.labels.json`, 'utf8')) as Labels;
  return { messages, labels };
}

describe('attribution of the shared sample chat', () => {
  const { messages, labels } = loadFixture();
  const result = attributeTranscript(messages, [labels.host]);

  it('finds every question the host asked', () => {
    expect(result.questions.map((q) => q.number)).toEqual(Array.from({ length: labels.questions }, (_, i) => i + 1));
  });

  it('agrees with the labels on every message', () => {
    const disagreements: string[] = [];
    for (const { message, attribution } of result.messages) {
      if (!(message.id in labels.labels)) continue;
      const expected = labels.labels[message.id];
      if (attribution.question !== expected) {
        disagreements.push(`${message.id} expected ${expected} got ${attribution.question}: ${message.text}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(Object.keys(labels.labels).length).toBeGreaterThan(150);
  });

  it('still agrees when the messages arrive shuffled', () => {
    const shuffled = [...messages].reverse();
    const again = attributeTranscript(shuffled, [labels.host]);
    const byId = new Map(again.messages.map((m) => [m.message.id, m.attribution.question]));
    for (const [id, expected] of Object.entries(labels.labels)) expect(byId.get(id), id).toBe(expected);
  });
});
