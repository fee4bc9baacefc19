import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webSignInFor } from '../../src/access/sign-in-links.js';
import { testCommandServices } from '../support/command-services.js';
import type { CommandServices } from '../../src/commands/command-spec.js';
import { dispatchCommand } from '../../src/commands/dispatch-command.js';
import type { InboundCommand } from '../../src/port.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';

let store: ChatStore;
let clock: ManualClock;
beforeEach(() => {
  store = ChatStore.open(':memory:');
  clock = new ManualClock(Date.UTC(2026, 2, 5, 18));
  store.sessions.ensureCommunity('slack:T1', 'slack', 0);
  for (const series of ['weekly-chat', 'book-club']) {
    store.sessions.create({
      communityId: 'slack:T1',
      channel: 'slack:T1:C1',
      scriptId: series,
      scriptJson: '{}',
      now: 1,
    });
  }
});
afterEach(() => store.close());

function services(webSignIn?: CommandServices['webSignIn']): CommandServices {
  return testCommandServices({ store, clock, ...(webSignIn ? { webSignIn } : {}) });
}

const command = (name: string, args: string[] = [], isHost = true): InboundCommand => ({
  channel: 'slack:T1:C1',
  community: 'slack:T1',
  by: { id: 'slack:T1:U2', displayName: 'Hana', isBot: false, isHost },
  name,
  args,
});

describe('/emcee console', () => {
  it('answers a host with a one-time link bound to their platform identity and name', async () => {
    const made: string[][] = [];
    const link = webSignInFor({ store, clock, baseUrl: 'https://chats.example.org' });
    const reply = await dispatchCommand(
      command('console'),
      undefined,
      services((identity, name) => {
        made.push([identity, name]);
        return link(identity, name);
      }),
    );
    expect(reply.ok).toBe(true);
    expect(reply.text).toMatch(/works once, within 10 minutes\.\nhttps:\/\/chats\.example\.org\/signin\/[\w-]{43}$/);
    expect(made).toEqual([['slack:T1:U2', 'Hana']]);
    const row = store.db.prepare('SELECT identity, display_name, expires_at FROM web_signin_links').get();
    expect(row).toEqual({ identity: 'slack:T1:U2', display_name: 'Hana', expires_at: clock.now() + 600_000 });
  });

  it('says the website is off, and how to turn it on, when there is no website', async () => {
    const reply = await dispatchCommand(command('console'), undefined, services());
    expect(reply).toEqual({ ok: false, text: expect.stringContaining('The website is off here. Set EMCEE_WEB=on') });
  });

  it('gives no link to someone who is not a host', async () => {
    const reply = await dispatchCommand(
      command('console', [], false),
      undefined,
      services(() => 'http://x/signin/y'),
    );
    expect(reply.ok).toBe(false);
    expect(reply.text).not.toContain('http');
  });
});

describe('/emcee publish and unpublish', () => {
  it('publish a known series in the host’s name, and unpublish it', async () => {
    const published = await dispatchCommand(command('publish', ['weekly-chat']), undefined, services());
    expect(published).toEqual({
      ok: true,
      text: 'Published weekly-chat: its calendar, recaps and search are now public on the website.',
    });
    expect(store.db.prepare('SELECT * FROM published_series').all()).toEqual([
      { series_id: 'weekly-chat', published_at: clock.now(), published_by: 'slack:T1:U2' },
    ]);
    const unpublished = await dispatchCommand(command('unpublish', ['weekly-chat']), undefined, services());
    expect(unpublished).toEqual({ ok: true, text: 'Unpublished weekly-chat: only signed-in hosts see its pages now.' });
    expect(store.published.all().size).toBe(0);
  });

  it('refuse an unknown series with the known ones, a missing name with an example, and non-hosts', async () => {
    expect(await dispatchCommand(command('publish', ['weekly']), undefined, services())).toEqual({
      ok: false,
      text: 'No series called "weekly". Series: book-club, weekly-chat.',
    });
    expect(await dispatchCommand(command('publish'), undefined, services())).toEqual({
      ok: false,
      text: 'Say which series to publish, e.g. "publish weekly-chat".',
    });
    const stranger = await dispatchCommand(command('publish', ['weekly-chat'], false), undefined, services());
    expect(stranger.ok).toBe(false);
    expect(store.published.all().size).toBe(0);
  });
});
