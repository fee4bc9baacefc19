import { afterEach, describe, expect, it } from 'vitest';
import { archiveBySeries } from '../../web/archive-query.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import { storeSmallCommunity } from '../support/console-community.js';
import { startWebRig, TEST_HOST, type WebRig } from '../support/web-rig.js';

const scripts = () => new ScriptCatalog(new URL('../../prompts/', import.meta.url).pathname);

let rig: WebRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function publish(series: string, on: '0' | '1', csrf = TEST_HOST.csrf): Promise<Response> {
  return fetch(`${rig!.url}/console/archive/publish`, {
    method: 'POST',
    body: new URLSearchParams({ _csrf: csrf, series, publish: on }),
    redirect: 'manual',
  });
}

const rowsOf = (page: string) =>
  [
    ...page.matchAll(
      /<tr><td>([^<]*)<\/td><td>([^<]*)<\/td><td class="number">(\d+)<\/td>\s*<td class="number">(\d+)<\/td>/g,
    ),
  ].map((m) => m.slice(1).join(' | '));

describe('the console archive', () => {
  it('lists every finished chat by series, newest first, with counts and recap links; never rehearsals', async () => {
    rig = await startWebRig({ scripts: scripts() }, TEST_HOST);
    storeSmallCommunity(rig.deps.store);
    const page = await (await fetch(`${rig.url}/console/archive`)).text();
    // Worked out by hand: the other community's chat (Dan), then S2 (Ana 1 + Cai 1; her deleted answer not
    // counted), then S1 (Ana 2 + Ben 1; her remark and the host not counted), dated in New York.
    expect(rowsOf(page)).toEqual([
      '2026-11-14 | Elsewhere | 1 | 1',
      '2026-11-12 | Feedback | 2 | 2',
      '2026-11-05 | Trust | 3 | 2',
    ]);
    expect(page).toContain('href="/recaps/weekly-chat/2026-11-05"');
    expect(page).not.toContain('Rehearsed');
    expect(page).not.toContain('Still running');
    expect(page).toContain('Rehearsals are not listed');
    // A series of the prompts folder with no chat yet is there too, to publish ahead.
    expect(page).toContain('<h2 id="series-demo-heading">demo</h2>');
    expect(page).toContain('<a href="/console/archive" aria-current="page">Archive</a>');
  });

  it('publishes and unpublishes a series: the store and the page change', async () => {
    rig = await startWebRig({ scripts: scripts() }, TEST_HOST);
    storeSmallCommunity(rig.deps.store);
    const before = await (await fetch(`${rig.url}/console/archive`)).text();
    expect(before).toContain(
      '<button type="submit" class="" aria-describedby="publish-weekly-chat-hint">Publish weekly-chat</button>',
    );
    expect(before).toContain('Publishing makes its calendar, recaps and search public; nothing else.');

    const on = await publish('weekly-chat', '1');
    expect(on.status).toBe(303);
    expect(rig.deps.store.published.isPublished('weekly-chat')).toBe(true);
    expect(rig.deps.store.published.isPublished('demo')).toBe(false);
    const after = await (await fetch(`${rig.url}${on.headers.get('location')}`)).text();
    expect(after).toContain('weekly-chat is published: its calendar, recaps and search are public now.');
    expect(after).toContain('>Unpublish weekly-chat</button>');
    expect(after).toContain('>Publish demo</button>');
    const row = rig.deps.store.db.prepare('SELECT published_by, published_at FROM published_series').get();
    expect(row).toEqual({ published_by: TEST_HOST.identity, published_at: rig.deps.clock.now() });

    const off = await publish('weekly-chat', '0');
    expect(rig.deps.store.published.isPublished('weekly-chat')).toBe(false);
    const private_ = await (await fetch(`${rig.url}${off.headers.get('location')}`)).text();
    expect(private_).toContain('weekly-chat is private: only signed-in hosts see its pages now.');
    expect(private_).toContain('>Publish weekly-chat</button>');
  });

  it('refuses an unknown series, and a host whose rights were taken away, changing nothing', async () => {
    let isHost = true;
    rig = await startWebRig({ scripts: scripts(), hostRights: async () => isHost }, TEST_HOST);
    expect((await publish('no-such-series', '1')).status).toBe(400);
    expect((await publish('weekly-chat', 'yes' as '1')).status).toBe(400);
    isHost = false;
    const refused = await publish('weekly-chat', '1');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Only hosts can publish a series.');
    expect((await publish('weekly-chat', '1', 'forged')).status).toBe(404);
    expect(rig.deps.store.published.all()).toEqual(new Set());
  });

  it('reads a chat’s topic from its episode when the stored script has none', async () => {
    rig = await startWebRig({}, TEST_HOST);
    const { s1 } = storeSmallCommunity(rig.deps.store);
    rig.deps.store.db
      .prepare(
        `INSERT INTO episodes (series_id, run_at, topic, state, session_id, created_at, updated_at)
           VALUES ('weekly-chat', ?, 'From the episode', 'done', ?, 0, 0)`,
      )
      .run(1, s1);
    const [series] = archiveBySeries(rig.deps.store);
    expect(series!.chats.map((chat) => chat.topic)).toEqual(['Elsewhere', 'Feedback', 'From the episode']);
  });
});
