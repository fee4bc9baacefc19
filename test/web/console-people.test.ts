import { afterEach, describe, expect, it } from 'vitest';
import { profilesIn } from '../../src/people/profiles.js';
import { storeSmallCommunity } from '../support/console-community.js';
import { startWebRig, TEST_HOST, type WebRig } from '../support/web-rig.js';

let rig: WebRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const get = async (query: string) => (await fetch(`${rig!.url}/console/people${query}`)).text();
const rowsOf = (page: string) =>
  [
    ...page.matchAll(
      new RegExp(
        '<tr><td>([^<]*)</td><td>([^<]*)</td>\\s*<td class="number">(\\d+)</td><td class="number">(\\d+)</td>' +
          '<td>([^<]*)</td></tr>',
        'g',
      ),
    ),
  ].map((m) => m.slice(1).join(' | '));

describe('the console people page', () => {
  it('shows first seen, chats attended, answers and last seen, worked out by hand', async () => {
    rig = await startWebRig({}, TEST_HOST);
    storeSmallCommunity(rig.deps.store);
    const page = await get('?community=local&sort=name');
    // Ana: both chats, 2 + 1 answers (a remark, a deleted answer and the running chat not counted), last on 12
    // November; Ben: one chat (his rehearsal not counted); Cai: the second. Dates in New York.
    expect(rowsOf(page)).toEqual([
      'Ana | 2026-11-05 | 2 | 3 | 2026-11-12',
      'Ben | 2026-11-05 | 1 | 1 | 2026-11-05',
      'Cai | 2026-11-12 | 1 | 1 | 2026-11-12',
    ]);
    expect(page).toContain('3 people.');
    expect(page).toContain(
      '<th scope="col" aria-sort="ascending"><a\n href="/console/people?community=local&amp;sort=name">Name</a></th>',
    );
    expect(page).toContain('<a href="/console/people" aria-current="page">People</a>');
    const ana = profilesIn(rig.deps.store, 'local').find((p) => p.userId === 'local:ana')!;
    expect(ana.chats).toHaveLength(2);
  });

  it('sorts by each column, and picks another community', async () => {
    rig = await startWebRig({}, TEST_HOST);
    storeSmallCommunity(rig.deps.store);
    const names = async (query: string) => rowsOf(await get(query)).map((row) => row.split(' | ')[0]);
    expect(await names('?community=local&sort=last-seen')).toEqual(['Cai', 'Ana', 'Ben']);
    expect(await names('?community=local&sort=answers')).toEqual(['Ana', 'Ben', 'Cai']);
    expect(await names('?community=local&sort=first-seen')).toEqual(['Ana', 'Ben', 'Cai']);
    expect(await names('?community=local')).toEqual(['Ana', 'Ben', 'Cai']);
    expect(await names('?community=local&sort=nonsense&page=x')).toEqual(['Ana', 'Ben', 'Cai']);
    const other = await get('?community=discord:G1');
    expect(rowsOf(other)).toEqual(['Dan | 2026-11-14 | 1 | 1 | 2026-11-14']);
    expect(other).toContain('<option value="discord:G1" selected>discord:G1</option>');
  });

  it('finds people by name and pages 50 at a time', async () => {
    rig = await startWebRig({}, TEST_HOST);
    const { store } = rig.deps;
    store.sessions.ensureCommunity('big', 'local', 0);
    for (let n = 1; n <= 120; n++) {
      const name = `Person ${String(n).padStart(3, '0')}`;
      store.participants.recordSeen({
        communityId: 'big',
        userId: `big:${n}`,
        displayName: name,
        sessionId: 1,
        now: n,
      });
    }
    const first = await get('?sort=name');
    expect(rowsOf(first)).toHaveLength(50);
    expect(rowsOf(first)[0]).toMatch(/^Person 001 \| 1970-01-01 \| 0 \| 0 \| —$/);
    expect(first).toContain('Page 1 of 3');
    expect(first).toContain('href="/console/people?community=big&amp;sort=name&amp;page=2" rel="next"');
    const last = await get('?sort=name&page=3');
    expect(rowsOf(last).map((row) => row.slice(0, 10))).toEqual(
      Array.from({ length: 20 }, (_, i) => `Person ${101 + i}`),
    );
    const beyond = await get('?sort=name&page=99');
    expect(beyond).toContain('Page 3 of 3');
    const found = await get('?sort=name&q=person 11');
    expect(rowsOf(found).map((row) => row.slice(0, 10))).toEqual(
      Array.from({ length: 10 }, (_, i) => `Person ${110 + i}`),
    );
    expect(found).toContain('10 people named like “person 11”');
    expect(await get('?q=nobody')).toContain('Nobody by that name.');
  });
});
