import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliIdentity, hostRightsFrom, type HostRightsSource } from '../../src/access/host-rights.js';
import { knownSeries, setPublished } from '../../src/access/publishing.js';
import { webBaseUrl } from '../../src/config/web-base-url.js';
import { ChatStore } from '../../src/store/chat-store.js';

const platform = (name: string, hosts: string[] | Error): HostRightsSource => ({
  name,
  isHost: async (user) => {
    if (hosts instanceof Error) throw hosts;
    return hosts.includes(user);
  },
});

describe('host rights', () => {
  it('are always granted to CLI identities, who can run the server’s commands anyway', async () => {
    const rights = hostRightsFrom([]);
    expect(cliIdentity('alice', 'chat-server')).toBe('cli:alice@chat-server');
    expect(await rights(cliIdentity('alice', 'chat-server'))).toBe(true);
    // Without Slack connected (`emcee web` alone) nobody can tell: neither yes nor a reason to sign anyone out.
    await expect(rights('slack:T1:U2')).rejects.toThrow(/No connected platform can tell/);
  });

  it('are asked of the platforms at the moment of asking: a host removed there loses them at once', async () => {
    const hosts = ['slack:T1:U2'];
    const rights = hostRightsFrom([platform('discord', ['discord:1:2']), platform('slack', hosts)]);
    expect(await rights('slack:T1:U2')).toBe(true);
    expect(await rights('discord:1:2')).toBe(true);
    expect(await rights('slack:T1:U9')).toBe(false);
    hosts.pop();
    expect(await rights('slack:T1:U2')).toBe(false);
  });

  it('reject when a platform cannot be asked and none said yes, rather than signing anyone out', async () => {
    const down = platform('slack', new Error('slack is down'));
    await expect(hostRightsFrom([down])('slack:T1:U2')).rejects.toThrow(/Could not check host rights/);
    expect(await hostRightsFrom([down, platform('discord', ['discord:1:2'])])('discord:1:2')).toBe(true);
    await expect(hostRightsFrom([{ name: 'local' }])('local:me')).rejects.toThrow(/No connected platform can tell/);
  });
});

describe('publishing', () => {
  let store: ChatStore;
  beforeEach(() => {
    store = ChatStore.open(':memory:');
    store.sessions.ensureCommunity('local', 'local', 0);
    const session = (script: string, rehearsal: boolean) =>
      store.sessions.create({
        communityId: 'local',
        channel: 'local:room',
        scriptId: script,
        scriptJson: '{}',
        now: 1,
        rehearsal,
      });
    session('weekly-chat', false);
    session('secret-rehearsal', true);
  });
  afterEach(() => store.close());

  it('publishes and unpublishes a known series, saying whether anything changed', () => {
    expect(setPublished(store, 'weekly-chat', true, 'slack:T1:U2', 5)).toEqual({
      ok: true,
      changed: true,
      text: 'Published weekly-chat: its calendar, recaps and search are now public on the website.',
    });
    expect(store.published.isPublished('weekly-chat')).toBe(true);
    expect(store.db.prepare('SELECT * FROM published_series').get()).toEqual({
      series_id: 'weekly-chat',
      published_at: 5,
      published_by: 'slack:T1:U2',
    });
    expect(setPublished(store, 'weekly-chat', true, 'x', 6)).toMatchObject({ ok: true, changed: false });
    expect(setPublished(store, 'weekly-chat', false, 'x', 7)).toMatchObject({ ok: true, changed: true });
    expect(store.published.isPublished('weekly-chat')).toBe(false);
    expect(setPublished(store, 'weekly-chat', false, 'x', 8)).toMatchObject({ ok: true, changed: false });
  });

  it('refuses an unknown series, listing the known ones (rehearsals are no series)', () => {
    expect(knownSeries(store)).toEqual(['weekly-chat']);
    expect(setPublished(store, 'weekly', true, 'x', 5)).toEqual({
      ok: false,
      text: 'No series called "weekly". Series: weekly-chat.',
    });
    expect(store.published.all().size).toBe(0);
  });
});

describe('the website’s address for links', () => {
  it('is EMCEE_PUBLIC_URL when set, else where the site listens, reachable from this machine', () => {
    const listen = { EMCEE_WEB_HOST: '127.0.0.1', EMCEE_WEB_PORT: 8787 };
    expect(webBaseUrl({ ...listen, EMCEE_PUBLIC_URL: 'https://chats.example.org/' })).toBe('https://chats.example.org');
    expect(webBaseUrl({ ...listen, EMCEE_PUBLIC_URL: undefined })).toBe('http://127.0.0.1:8787');
    expect(webBaseUrl({ EMCEE_WEB_HOST: '0.0.0.0', EMCEE_WEB_PORT: 9000, EMCEE_PUBLIC_URL: undefined })).toBe(
      'http://127.0.0.1:9000',
    );
    expect(webBaseUrl({ EMCEE_WEB_HOST: '::', EMCEE_WEB_PORT: 80, EMCEE_PUBLIC_URL: undefined })).toBe(
      'http://[::1]:80',
    );
  });
});
