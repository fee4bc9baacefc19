import { afterEach, describe, expect, it } from 'vitest';
import { seedChat, seriesScript } from '../support/search-seed.js';
import { startWebRig, TEST_HOST, type WebRig } from '../support/web-rig.js';

let rig: WebRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

// 02:30 UTC on 4 November is still 3 November in New York: the recap's address takes the series' date.
const STARTED = Date.UTC(2026, 10, 4, 2, 30);
const open = seriesScript('open-chat', 'Open Chat', { timezone: 'America/New_York' });
const hidden = seriesScript('hidden-chat', 'Hidden Chat');
const HOSTILE = '<script>alert(1)</script><img src="https://evil.example/x" onerror="alert(2)"> compost "tips" & more';

async function seeded(asHost = false): Promise<WebRig> {
  const web = await startWebRig({}, asHost ? TEST_HOST : undefined);
  const { store } = web.deps;
  seedChat(store, open, STARTED, [
    { by: 'Ana', q: 1, text: 'I compost everything' },
    { by: 'Mallory', q: 2, text: HOSTILE },
  ]);
  seedChat(store, hidden, STARTED, [{ by: 'Bea', q: 1, text: 'compost in secret' }]);
  seedChat(store, open, STARTED + 86_400_000, [{ by: 'Rex', q: 1, text: 'compost rehearsal' }], { rehearsal: true });
  store.published.set('open-chat', true, 'test', STARTED);
  return web;
}

const get = async (path: string) => {
  const response = await fetch(`${rig!.url}${path}`);
  return { status: response.status, body: await response.text() };
};

describe('/search', () => {
  it('shows the form and a hint when nothing is typed', async () => {
    rig = await seeded();
    const { status, body } = await get('/search');
    expect(status).toBe(200);
    expect(body).toContain('<form class="search" method="get" action="/search"');
    expect(body).toContain('Type a word or two');
    expect(body).toContain('<option value="open-chat">Open Chat</option>');
    expect(body).not.toContain('hidden-chat'); // a visitor is not even offered the unpublished series
  });

  it('finds answers of published chats only for a visitor, with the match marked and the text escaped', async () => {
    rig = await seeded();
    const { body } = await get('/search?q=compost');
    expect(body).toContain('2 answers');
    expect(body).toContain('I <mark>compost</mark> everything');
    expect(body).not.toContain('secret');
    expect(body).not.toContain('rehearsal');
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=&quot;https://evil.example/x&quot;');
    expect(body).toContain('<mark>compost</mark> &quot;tips&quot; &amp; more');
    expect(body).toContain('href="/recaps/open-chat/2026-11-03"');
    expect(body).toContain('Mallory · A2 to “What does relationship marketing mean to you?”');
  });

  it('lets a host search every series, still never rehearsals', async () => {
    rig = await seeded(true);
    const { body } = await get('/search?q=compost');
    expect(body).toContain('3 answers');
    expect(body).toContain('<mark>compost</mark> in secret');
    expect(body).not.toContain('rehearsal');
    expect(body).toContain('<option value="hidden-chat">Hidden Chat</option>');
  });

  it('filters by series, question and person, and refuses a hidden series to a visitor', async () => {
    rig = await seeded();
    expect((await get('/search?q=compost&question=2')).body).toContain('1 answer, showing 1–1.');
    expect((await get('/search?q=compost&person=ana')).body).toContain('I <mark>compost</mark> everything');
    expect((await get('/search?q=compost&person=nobody')).body).toContain('No answer matches');
    expect((await get('/search?q=compost&series=hidden-chat')).body).toContain('No answer matches');
    const selected = (await get('/search?q=compost&series=open-chat')).body;
    expect(selected).toContain('<option value="open-chat" selected>Open Chat</option>');
  });

  it('pages 20 at a time with links that keep the filters', async () => {
    rig = await startWebRig();
    const answers = Array.from({ length: 45 }, (_, i) => ({ by: 'Pat', q: 3, text: `river walk ${i}` }));
    seedChat(rig.deps.store, open, STARTED, answers);
    rig.deps.store.published.set('open-chat', true, 'test', STARTED);
    const first = (await get('/search?q=river&person=Pat&question=3')).body;
    expect(first).toContain('45 answers, showing 1–20');
    expect(first).toContain('href="/search?q=river&amp;question=3&amp;person=Pat&amp;page=2" rel="next"');
    expect(first).not.toContain('rel="prev"');
    const last = (await get('/search?q=river&person=Pat&question=3&page=3')).body;
    expect(last).toContain('showing 41–45');
    expect(last).toContain('<ol class="search-results" start="41">');
    expect(last).toContain('href="/search?q=river&amp;question=3&amp;person=Pat&amp;page=2" rel="prev"');
    expect(last).not.toContain('rel="next"');
  });
});
