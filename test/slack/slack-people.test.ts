import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { SlackPeople } from '../../adapters/slack/slack-people.js';
import { silentLogger } from '../../src/log.js';
import { ManualClock } from '../../src/time/manual-clock.js';

/** A users.info that counts its calls and answers from `users`. */
function fakeClient(users: Record<string, { display: string; isAdmin?: boolean }>) {
  const asked: string[] = [];
  const client = {
    users: {
      info: async ({ user }: { user: string }) => {
        asked.push(user);
        const found = users[user];
        if (!found) throw new Error('user_not_found');
        const profile = { display_name: found.display };
        return { ok: true, user: { name: user, is_admin: found.isAdmin ?? false, profile } };
      },
    },
  } as unknown as webApi.WebClient;
  return { client, asked };
}

describe('Slack people on the injected clock', () => {
  it('asks users.info once per person for an hour, then again', async () => {
    const clock = new ManualClock();
    const { client, asked } = fakeClient({ U1: { display: 'Ana' } });
    const people = new SlackPeople(client, [], silentLogger, clock);
    expect(await people.author('T1', 'U1')).toMatchObject({ displayName: 'Ana', isHost: false });
    await clock.advance(59 * 60_000);
    await people.author('T1', 'U1');
    expect(asked).toEqual(['U1']);
    await clock.advance(60_000);
    await people.author('T1', 'U1');
    expect(asked).toEqual(['U1', 'U1']);
  });

  it('hosts are the configured ids and workspace admins; a failed lookup is not cached', async () => {
    const clock = new ManualClock();
    const { client, asked } = fakeClient({ UHOST: { display: 'Hana' }, UADMIN: { display: 'Ada', isAdmin: true } });
    const people = new SlackPeople(client, ['UHOST'], silentLogger, clock);
    expect(await people.author('T1', 'UHOST')).toMatchObject({ isHost: true, displayName: 'Hana' });
    expect(await people.author('T1', 'UADMIN')).toMatchObject({ isHost: true, displayName: 'Ada' });
    expect(await people.author('T1', 'UGONE')).toMatchObject({ isHost: false, displayName: 'UGONE' });
    await people.author('T1', 'UGONE');
    expect(asked.filter((user) => user === 'UGONE')).toHaveLength(2);
  });
});

describe('Slack host rights for the website', () => {
  it('are asked afresh each time: configured ids, admins and owners; not deactivated or unknown people', async () => {
    const standing: Record<string, object> = {
      UADMIN: { is_admin: true },
      UOWNER: { is_owner: true },
      UGONE: { is_admin: true, deleted: true },
      UMEMBER: {},
    };
    const asked: string[] = [];
    const client = {
      users: {
        info: async ({ user }: { user: string }) => {
          asked.push(user);
          const found = standing[user];
          if (found) return { ok: true, user: { name: user, ...found } };
          const error = new Error('An API error occurred: user_not_found');
          throw Object.assign(error, { code: 'slack_webapi_platform_error', data: { error: 'user_not_found' } });
        },
      },
    } as unknown as webApi.WebClient;
    const people = new SlackPeople(client, ['UHOST'], silentLogger, new ManualClock());
    const answers = await Promise.all(
      ['UHOST', 'UADMIN', 'UOWNER', 'UGONE', 'UMEMBER', 'UNOBODY'].map((user) => people.isHostNow(user)),
    );
    expect(answers).toEqual([true, true, true, false, false, false]);
    expect(await people.isHostNow('UADMIN')).toBe(true);
    standing.UADMIN = {};
    expect(await people.isHostNow('UADMIN')).toBe(false);
    expect(asked.filter((user) => user === 'UADMIN')).toHaveLength(3);
    expect(asked).not.toContain('UHOST');
  });

  it('reject when Slack cannot be asked, so nobody is signed out for an outage', async () => {
    const client = {
      users: { info: async () => Promise.reject(new Error('An API error occurred: invalid_auth')) },
    } as unknown as webApi.WebClient;
    const people = new SlackPeople(client, [], silentLogger, new ManualClock());
    await expect(people.isHostNow('U1')).rejects.toThrow(/invalid_auth/);
  });
});
