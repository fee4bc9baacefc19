import { afterEach, describe, expect, it } from 'vitest';
import { permalinkFor } from '../../adapters/permalinks.js';
import { RECAP_CSS } from '../../src/recap/render-html.js';
import { renderRecaps } from '../../src/recap/render-recap.js';
import { sessionRecapInput } from '../../src/recap/session-recap-input.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import type { WebDeps } from '../../web/web-deps.js';
import { startWebRig, TEST_HOST, type WebRig } from '../support/web-rig.js';
import { fillArchive, type PagesArchive } from './pages-fixture.js';

let rig: WebRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const SCRIPTS = new ScriptCatalog(new URL('../../prompts', import.meta.url).pathname);

async function serve(asHost = false, overrides: Partial<WebDeps> = {}): Promise<{ rig: WebRig; chats: PagesArchive }> {
  rig = await startWebRig({ scripts: SCRIPTS, ...overrides }, asHost ? TEST_HOST : undefined);
  return { rig, chats: fillArchive(rig.deps.store) };
}

async function get(path: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(`${rig!.url}${path}`);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

const publish = () => rig!.deps.store.published.set('weekly-chat', true, 'test', Date.UTC(2026, 11, 1));

// The standalone HTML recap's content: what stands between its <main> and </main>.
function standaloneBody(html: string): string {
  return html.slice(html.indexOf('<main>\n') + '<main>\n'.length, html.indexOf('</main>'));
}

describe('what a visitor may see', () => {
  it('nothing of an unpublished series: its page, recaps and downloads answer 404, and home says so', async () => {
    await serve();
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('No chats published yet');
    expect(home.text).not.toContain('Community Chat');
    for (const path of [
      '/series/weekly-chat',
      '/recaps/weekly-chat/2026-11-19',
      '/recaps/weekly-chat/2026-11-19.md',
      '/recaps/weekly-chat/2026-11-19.json',
    ])
      expect((await get(path)).status, path).toBe(404);
  });

  it('a published series’ home, series page, recap and downloads once it is published', async () => {
    await serve();
    publish();
    const home = await get('/');
    expect(home.text).toContain('href="/series/weekly-chat"');
    expect(home.text).toContain('href="/recaps/weekly-chat/2026-11-26"');
    expect(home.text).toContain('href="/recaps/weekly-chat/2026-11-19-2"');
    expect(home.text).not.toContain('No chats published yet');
    for (const path of ['/series/weekly-chat', '/recaps/weekly-chat/2026-11-19', '/recaps/weekly-chat/2026-11-19.csv'])
      expect((await get(path)).status, path).toBe(200);
  });

  it('never a rehearsal or a chat still running, nor an unknown series or date', async () => {
    await serve();
    publish();
    for (const path of [
      '/recaps/weekly-chat/2026-11-27',
      '/recaps/weekly-chat/2026-12-01',
      '/recaps/weekly-chat/2026-11-19-3',
      '/recaps/weekly-chat/19-11-2026',
      '/series/no-such-series',
      '/recaps/no-such-series/2026-11-19',
    ])
      expect((await get(path)).status, path).toBe(404);
    const series = await get('/series/weekly-chat');
    expect(series.text).not.toContain('2026-11-27');
    expect(series.text).not.toContain('2026-12-01"');
  });
});

describe('what a host sees', () => {
  it('every series, published or not, marked as unpublished, and the way to publish it', async () => {
    await serve(true);
    const home = await get('/');
    expect(home.text).toContain('href="/series/weekly-chat"');
    expect(home.text).toContain('Publish a series from the <a href="/console">console</a>');
    const series = await get('/series/weekly-chat');
    expect(series.status).toBe(200);
    expect(series.text).toContain('Not published: only hosts see this page');
    expect((await get('/recaps/weekly-chat/2026-11-19')).status).toBe(200);
    expect((await get('/recaps/weekly-chat/2026-11-27')).status).toBe(404);
  });
});

describe('the home and series pages', () => {
  it('list the next chats with topic, guests and the time in the series’ zone, named', async () => {
    const { rig } = await serve();
    publish();
    rig.deps.store.episodes.save(
      {
        series_id: 'weekly-chat',
        run_at: Date.UTC(2026, 11, 10, 18, 0),
        topic: 'Communities that <b>last</b>',
        guests_json: JSON.stringify([{ name: 'Grace Guest' }]),
        questions_json: '[]',
        note: null,
        state: 'planned',
      },
      Date.UTC(2026, 11, 1),
    );
    for (const path of ['/', '/series/weekly-chat']) {
      const { text } = await get(path);
      expect(text).toContain('Communities that &lt;b&gt;last&lt;/b&gt;');
      expect(text).toContain('Guest: Grace Guest');
      expect(text).toContain('Thu, Dec 10, 2026, 1:00 PM EST (America/New_York)');
      // The schedule's next Thursday, with nothing planned: the series' own topic.
      expect(text).toContain('Thu, Dec 3, 2026, 1:00 PM EST (America/New_York)');
      expect(text).toContain('Topic: Building real relationships online');
      // Christmas Eve is skipped by the schedule.
      expect(text).not.toContain('Dec 24, 2026');
    }
  });

  it('draw new against returning people per chat, new meaning new to the series', async () => {
    await serve();
    publish();
    const { text } = await get('/series/weekly-chat');
    expect(text).toContain('<svg id="attendance-chart"');
    // 19 Nov: ana, mallory, li and bo (who only chatted: writing counts as attending) are new;
    // that evening cy is new and ana back; on 26 Nov di is new and cy back.
    expect(text).toContain('Nov 19: 4 new, 0 returning');
    expect(text).toContain('Nov 19: 1 new, 1 returning');
    expect(text).toContain('Nov 26: 1 new, 1 returning');
  });

  it('list the past recaps newest first, the second chat of a day at its -2 address', async () => {
    await serve();
    publish();
    const { text } = await get('/series/weekly-chat');
    const order = ['2026-11-26', '2026-11-19-2', '2026-11-19"'].map((slug) =>
      text.indexOf(`/recaps/weekly-chat/${slug}`),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe('the recap page', () => {
  it('shows what the HTML recap shows, from the same renderer, with the recap’s stylesheet', async () => {
    const { rig, chats } = await serve();
    publish();
    const page = await get('/recaps/weekly-chat/2026-11-19');
    const standalone = renderRecaps(sessionRecapInput(rig.deps.store, chats.first), ['html']).get('html')!;
    expect(page.text).toContain(standaloneBody(standalone));
    expect(page.text).toContain('<link rel="stylesheet" href="/assets/recap.css">');
    expect(page.text).toContain('Who joined');
    expect(page.text).not.toContain('<script>window');
    expect(page.text).toContain('&lt;script&gt;window.__pwned');
    const evening = await get('/recaps/weekly-chat/2026-11-19-2');
    expect(evening.text).toContain('The evening edition answer');
    expect(evening.text).not.toContain('Listening first');
    const css = await get('/assets/recap.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.text).toBe(RECAP_CSS);
  });

  it('offers Markdown, CSV and JSON exactly as renderRecaps makes them, as attachments', async () => {
    const { rig, chats } = await serve();
    publish();
    const expected = renderRecaps(sessionRecapInput(rig.deps.store, chats.secondSameDay), ['md', 'csv', 'json']);
    const types = { md: 'text/markdown', csv: 'text/csv', json: 'application/json' } as const;
    for (const format of ['md', 'csv', 'json'] as const) {
      const file = await fetch(`${rig.url}/recaps/weekly-chat/2026-11-19-2.${format}`);
      expect(file.status).toBe(200);
      // Bytes, not text(): the CSV's byte-order mark is part of the file (text() would drop it).
      expect(Buffer.from(await file.arrayBuffer())).toEqual(Buffer.from(expected.get(format)!, 'utf8'));
      expect(file.headers.get('content-type')).toContain(types[format]);
      expect(file.headers.get('content-disposition')).toBe(`attachment; filename="weekly-chat-2026-11-19-2.${format}"`);
    }
    const page = await get('/recaps/weekly-chat/2026-11-19-2');
    expect(page.text).toContain('href="/recaps/weekly-chat/2026-11-19-2.md"');
  });

  it('links each answer to where it was written when the platform has permalinks', async () => {
    await serve(false, {
      permalinkOf: (address) => permalinkFor(address, { slackWorkspaceUrl: 'https://acme.slack.com/' }),
    });
    publish();
    const { text } = await get('/recaps/weekly-chat/2026-11-19');
    expect(text).toContain(
      '<a class="jump" href="https://acme.slack.com/archives/C1/p1700000001000100" ' +
        'rel="nofollow noopener noreferrer">open in Slack</a>',
    );
    expect(text.match(/class="jump"/g)).toHaveLength(3);
  });

  it('has no answer links without permalinks (the local room)', async () => {
    await serve();
    publish();
    expect((await get('/recaps/weekly-chat/2026-11-19')).text).not.toContain('class="jump"');
  });
});
