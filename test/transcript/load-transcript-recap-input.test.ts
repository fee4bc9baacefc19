import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTranscriptRecapInput } from '../../src/transcript/load-transcript-recap-input.js';
import { TranscriptError } from '../../src/transcript/transcript-error.js';

const dir = mkdtempSync(join(tmpdir(), 'emcee-load-transcript-'));
const chat = join(dir, 'chat.jsonl');
writeFileSync(
  chat,
  [
    { id: 'w', author: 'Mod_Maria', text: 'Welcome to #TinyChat!', ts: '2026-11-19T18:00:00Z' },
    {
      id: 'q1',
      author: 'Mod_Maria',
      text: '#TinyChat Q1: What brought you here? #TinyChat',
      ts: '2026-11-19T18:05:00Z',
    },
    { id: 'a1', author: 'ana', text: 'A1: curiosity #TinyChat', ts: '2026-11-19T18:06:00Z' },
    { id: 'a2', author: 'bo', text: 'A1: a friend', ts: '2026-11-19T18:06:30Z' },
    { id: 'q2', author: 'Mod_Maria', text: 'Q2) What keeps you?', ts: '2026-11-19T18:10:00Z' },
    { id: 'a3', author: 'ana', text: 'the people', ts: '2026-11-19T18:11:00Z', replyTo: 'q2' },
  ]
    .map((m) => JSON.stringify(m))
    .join('\n'),
);

describe('loading a transcript for a recap', () => {
  it('finds the questions, cleans their wording, the hashtag and the title', () => {
    const { input } = loadTranscriptRecapInput(chat, { host: '@mod_maria', timezone: 'Europe/Rome' });
    expect(input.questions).toEqual([
      { number: 1, text: 'What brought you here?', askedAt: Date.UTC(2026, 10, 19, 18, 5) },
      { number: 2, text: 'What keeps you?', askedAt: Date.UTC(2026, 10, 19, 18, 10) },
    ]);
    expect(input).toMatchObject({
      host: '@mod_maria',
      hashtag: '#TinyChat',
      title: 'TinyChat chat',
      timezone: 'Europe/Rome',
    });
    expect(input.messages.find((m) => m.id === 'a3')!.attribution).toEqual({ question: 2, late: false, via: 'thread' });
  });

  it("takes question texts from a script over the host's wording", () => {
    const { input } = loadTranscriptRecapInput(chat, {
      host: 'Mod_Maria',
      questionTexts: ['Why did you come?', 'Why do you stay?', 'And next?'],
    });
    expect(input.questions.map((q) => [q.number, q.text, q.askedAt !== undefined])).toEqual([
      [1, 'Why did you come?', true],
      [2, 'Why do you stay?', true],
      [3, 'And next?', false],
    ]);
  });

  it('names the likely host when the one given asked nothing', () => {
    let error: unknown;
    try {
      loadTranscriptRecapInput(chat, { host: 'somebody' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TranscriptError);
    expect(error).toMatchObject({ code: 'TRANSCRIPT_NO_QUESTIONS' });
    expect((error as Error).message).toMatch(
      /No questions found in .*chat\.jsonl: the host "somebody" posted no message starting "Q1"/,
    );
    expect((error as Error).message).toMatch(/starting "Q1".*include "Mod_Maria", "ana", "bo"/);
  });
});
