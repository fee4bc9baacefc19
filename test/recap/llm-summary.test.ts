import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { summarizeQuestions } from '../../src/recap/llm-summary.js';
import type { RecapInput } from '../../src/recap/recap-input.js';

const input: RecapInput = {
  title: 'Chat',
  host: 'host',
  hashtag: '#Chat',
  timezone: 'UTC',
  startedAt: 0,
  endedAt: 60_000,
  questions: [
    { number: 1, text: 'Why?', askedAt: 0 },
    { number: 2, text: 'Nobody answered this', askedAt: 30_000 },
  ],
  messages: [
    {
      id: 'a',
      author: 'ana',
      text: 'A1: Because people matter',
      ts: 1000,
      attribution: { question: 1, late: false, via: 'prefix' },
    },
  ],
};

let server: Server | undefined;
afterEach(async () => {
  if (!server) return;
  const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
  server.closeAllConnections(); // a hanging endpoint's request would otherwise hold the close open
  await closed;
});

type Asked = { model: string; messages: { content: string }[] };

/** A fake OpenAI-compatible endpoint on 127.0.0.1 that records what it was asked. */
async function fakeEndpoint(answer: (body: Asked) => { status: number; body: unknown; hang?: boolean }) {
  const seen: { auth?: string; body: Asked }[] = [];
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw);
      seen.push({ auth: req.headers.authorization, body });
      const reply = answer(body);
      // A hanging endpoint never answers: the caller's own time-out is what ends the request.
      if (reply.hang) return;
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1/chat/completions`, seen };
}

const config = (url?: string, timeout = 2000) => ({
  EMCEE_LLM_URL: url,
  EMCEE_LLM_MODEL: url ? 'tiny-model' : undefined,
  EMCEE_LLM_API_KEY: 'sk-test',
  EMCEE_LLM_TIMEOUT_MS: timeout,
  EMCEE_PROMPTS_DIR: 'prompts',
});

describe('the optional AI summary', () => {
  it('touches nothing without EMCEE_LLM_URL', async () => {
    expect(await summarizeQuestions(input, config(undefined), silentLogger)).toEqual({});
  });

  it('asks the endpoint once per answered question, with the template, and returns the synthesis', async () => {
    const fake = await fakeEndpoint(() => ({
      status: 200,
      body: { choices: [{ message: { content: 'People matter most.' } }] },
    }));
    const extras = await summarizeQuestions(input, config(fake.url), silentLogger);
    expect(extras.summaries).toEqual(new Map([[1, 'People matter most.']]));
    expect(fake.seen).toHaveLength(1);
    expect(fake.seen[0]!.auth).toBe('Bearer sk-test');
    expect(fake.seen[0]!.body.model).toBe('tiny-model');
    expect(fake.seen[0]!.body.messages[0]!.content).toContain('Question: Why?');
    expect(fake.seen[0]!.body.messages[0]!.content).toContain('- A1: Because people matter');
  });

  it('falls back to the extractive recap, and says so, on an error or a time-out', async () => {
    const failing = await fakeEndpoint(() => ({ status: 500, body: { error: 'boom' } }));
    expect(await summarizeQuestions(input, config(failing.url), silentLogger)).toEqual({
      notice: 'AI summary unavailable (the endpoint answered HTTP 500); this recap is extractive.',
    });
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    const slow = await fakeEndpoint(() => ({ status: 200, body: {}, hang: true }));
    const extras = await summarizeQuestions(input, config(slow.url, 100), silentLogger);
    expect(extras.summaries).toBeUndefined();
    expect(extras.notice).toMatch(/AI summary unavailable \(.*(timeout|aborted).*\)/i);
  });
});
