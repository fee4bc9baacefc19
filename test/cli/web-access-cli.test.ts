import { hostname, userInfo } from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inspectSignInLink } from '../../src/access/sign-in-links.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { cliScratchFolder } from '../support/cli-scratch-folder.js';
import { runCliInProcess as cli } from '../support/run-cli.js';

let db: string;

beforeEach(() => {
  ({ db } = cliScratchFolder('web-cli'));
  vi.stubEnv('EMCEE_PUBLIC_URL', '');
  vi.stubEnv('EMCEE_WEB_HOST', '127.0.0.1');
  vi.stubEnv('EMCEE_WEB_PORT', '8899');
  vi.stubEnv('EMCEE_WEB', 'on');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('emcee signin', () => {
  it('prints a one-time link for the person at the command line, on the site’s address', async () => {
    const result = await cli(['signin', '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('Open it within 10 minutes; it works once.\n');
    const url = result.stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:8899\/signin\/[A-Za-z0-9_-]{43}$/);
    const store = ChatStore.open(db);
    try {
      const user = userInfo().username;
      expect(inspectSignInLink(store, url.split('/').at(-1)!, Date.now())).toEqual({
        kind: 'valid',
        identity: `cli:${user}@${hostname()}`,
        name: user,
      });
    } finally {
      store.close();
    }
  });

  it('starts the link with EMCEE_PUBLIC_URL, and says when the website is off', async () => {
    vi.stubEnv('EMCEE_PUBLIC_URL', 'https://chats.example.org/');
    vi.stubEnv('EMCEE_WEB', 'off');
    const result = await cli(['signin', '--db', db]);
    expect(result.stdout).toMatch(/^https:\/\/chats\.example\.org\/signin\/[\w-]{43}\n$/);
    expect(result.stderr).toContain('The website is off (EMCEE_WEB=off)');
  });
});

describe('emcee publish and unpublish', () => {
  it('publish a series of the prompts folder, and unpublish it', async () => {
    expect(await cli(['publish', 'weekly-chat', '--db', db])).toEqual({
      code: 0,
      stdout: 'Published weekly-chat: its calendar, recaps and search are now public on the website.\n',
      stderr: '',
    });
    const published = () => {
      const store = ChatStore.open(db);
      try {
        return [...store.published.all()];
      } finally {
        store.close();
      }
    };
    expect(published()).toEqual(['weekly-chat']);
    expect((await cli(['unpublish', 'weekly-chat', '--db', db])).stdout).toBe(
      'Unpublished weekly-chat: only signed-in hosts see its pages now.\n',
    );
    expect(published()).toEqual([]);
  });

  it('refuse an unknown series in one line listing the known ones, and a missing name with an example', async () => {
    expect(await cli(['publish', 'weekly', '--db', db])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'No series called "weekly". Series: weekly-chat.\n',
    });
    const missing = await cli(['unpublish', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Say which one series to unpublish, e.g. "emcee unpublish weekly-chat".');
  });
});
