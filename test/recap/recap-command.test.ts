import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runRecapFromTranscript } from '../../src/recap/recap-command.js';
import type { Recap } from '../../src/recap/recap-model.js';
import { TranscriptError } from '../../src/transcript/transcript-error.js';

const fixture = fileURLToPath(new URL('../fixtures/sample-chat.jsonl', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'emcee-recap-command-'));
const sink = () => {
  const sink = { text: '', write: (t: string) => (sink.text += t) };
  return sink;
};

let server: Server | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A fake OpenAI-compatible endpoint on 127.0.0.1 answering every call with `reply`. */
async function fakeLlm(reply: { status: number; body: unknown }): Promise<{ url: string; calls: string[] }> {
  const calls: string[] = [];
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      calls.push((JSON.parse(raw) as { messages: { content: string }[] }).messages[0]!.content);
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`, calls };
}

describe('runRecapFromTranscript', () => {
  it('writes the recap to the given writer, touching no network without an endpoint', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const stdout = sink();
    const result = await runRecapFromTranscript({ file: fixture, host: 'community_host', format: 'json', stdout });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(stdout.text).toBe(result.text);
    const recap = JSON.parse(stdout.text) as Recap;
    expect(recap.questions).toHaveLength(11);
    expect(recap.hashtag).toBe('#CommunityChat');
  });

  it('writes a file with --out and says where', async () => {
    const out = join(dir, 'recap.md');
    const stderr = sink();
    const result = await runRecapFromTranscript({
      file: fixture,
      host: 'community_host',
      out,
      stderr,
      title: 'November chat',
      timezone: 'Europe/Rome',
    });
    expect(result.path).toBe(out);
    expect(readFileSync(out, 'utf8')).toMatch(/^# November chat — recap\n\n\*\*Thursday, November 19, 2026\*\*/);
    expect(stderr.text).toBe(`Recap written to ${out}\n`);
  });

  it('refuses bad lines in a transcript, naming file and line, writing nothing; skipBad recaps the rest', async () => {
    const broken = join(dir, 'broken.jsonl');
    const lines = readFileSync(fixture, 'utf8').split('\n');
    lines.splice(2, 0, '{"id": "x", "author": "a", "text": "t", "ts": "19/11/2026"}');
    writeFileSync(broken, lines.join('\n'));
    const out = join(dir, 'never.md');
    const refused = runRecapFromTranscript({ file: broken, host: 'community_host', out });
    await expect(refused).rejects.toBeInstanceOf(TranscriptError);
    await expect(refused).rejects.toThrow(`${broken}:3  ts: "19/11/2026" is not an ISO 8601 time`);
    expect(existsSync(out)).toBe(false);

    const stderr = sink();
    const skipped = await runRecapFromTranscript({
      file: broken,
      host: 'community_host',
      out,
      stderr,
      skipBad: true,
      format: 'csv',
    });
    expect(skipped.skipped.map((b) => b.line)).toEqual([3]);
    expect(stderr.text).toContain(`skipped ${broken}:3  ts:`);
    expect(readFileSync(out, 'utf8').startsWith('\uFEFFquestion,')).toBe(true);
  });

  it('adds an AI summary per answered question from a local endpoint', async () => {
    const llm = await fakeLlm({
      status: 200,
      body: { choices: [{ message: { content: 'People agreed that listening comes first.' } }] },
    });
    const result = await runRecapFromTranscript({
      file: fixture,
      host: 'community_host',
      llm: { url: llm.url, model: 'tiny', timeoutMs: 2000 },
    });
    expect(llm.calls.length).toBeGreaterThan(5);
    expect(llm.calls[0]).toContain('Question: How do you build real relationships on social media?');
    expect(result.text).toContain('**In short:** People agreed that listening comes first.');
    expect(result.notice).toBeUndefined();
  });

  it('falls back to the extractive recap, and says so in it, when the endpoint fails', async () => {
    const llm = await fakeLlm({ status: 200, body: { not: 'a completion' } });
    const result = await runRecapFromTranscript({
      file: fixture,
      host: 'community_host',
      format: 'html',
      llm: { url: llm.url, model: 'tiny', timeoutMs: 2000 },
    });
    expect(result.notice).toMatch(/^AI summary unavailable/);
    expect(result.text).toContain(
      'AI summary unavailable (the endpoint answered something other than a chat completion); this recap ' +
        'is extractive.',
    );
    expect(result.text).not.toContain('In short');
    expect(result.text).toContain('<blockquote>');
  });
});
