import { afterEach, describe, expect, it } from 'vitest';
import { stripAnswerPrefix } from '../../src/attribution/answer-prefix.js';
import { followUpsFor, type FollowUps } from '../../src/people/follow-ups.js';
import { storeSmallCommunity } from '../support/console-community.js';
import { HOSTILE_TEXT, weeklyStoreWithHostileChat } from '../support/follow-ups-community.js';
import { startWebRig, TEST_HOST, type WebRig } from '../support/web-rig.js';
import { weeklyStore } from '../people/weekly-community.js';

let rig: WebRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const get = (query = '') => fetch(`${rig!.url}/console/followups${query}`);
const text = async (query = '') => (await get(query)).text();

const unescapeHtml = (markup: string) =>
  markup
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const SECTIONS = ['first-timers', 'missed-regulars', 'unanswered', 'most-replied'] as const;

/** Each section's entries as the page shows them: the person's name and the quoted text, if any. */
function sectionsOf(page: string): Record<(typeof SECTIONS)[number], string[]> {
  const entries = (id: string) => {
    const section = page.match(new RegExp(`id="followups-${id}">[\\s\\S]*?</section>`))?.[0];
    if (!section) throw new Error(`No section ${id} on the page`);
    return [...section.matchAll(/<li><strong>([^<]*)<\/strong>([\s\S]*?)<\/li>/g)].map((m) => {
      const said = m[2]!.match(/<q\n class="said">([^<]*)<\/q>/)?.[1];
      return unescapeHtml(said === undefined ? m[1]! : `${m[1]}: ${said}`);
    });
  };
  return Object.fromEntries(SECTIONS.map((id) => [id, entries(id)])) as Record<(typeof SECTIONS)[number], string[]>;
}

/** The same entries, from followUpsFor's plain data. */
function expectedOf(list: FollowUps): Record<(typeof SECTIONS)[number], string[]> {
  const quote = (text: string, question: number | null) => (question === null ? text : stripAnswerPrefix(text));
  return {
    'first-timers': list.firstTimers.map(({ person, firstAnswer }) =>
      firstAnswer ? `${person.name}: ${quote(firstAnswer.text, firstAnswer.question)}` : person.name,
    ),
    'missed-regulars': list.missedRegulars.map(({ person }) => person.name),
    unanswered: list.unansweredQuestions.map((q) => `${q.person.name}: ${quote(q.message.text, q.message.question)}`),
    'most-replied': list.mostRepliedAnswers.map(
      (a) => `${a.person.name}: ${quote(a.message.text, a.message.question)}`,
    ),
  };
}

describe('the console follow-ups page', () => {
  it('shows the latest finished chat by default, exactly as followUpsFor lists it', async () => {
    const { store, chat } = weeklyStore();
    rig = await startWebRig({ store }, TEST_HOST);
    const response = await get();
    expect(response.status).toBe(200);
    const page = await response.text();
    const list = followUpsFor(store, chat(12));
    // Chat 12 has something in every section: the comparison below is never of empty lists.
    for (const entries of Object.values(expectedOf(list))) expect(entries.length).toBeGreaterThan(0);
    expect(sectionsOf(page)).toEqual(expectedOf(list));
    expect(sectionsOf(page)['first-timers']).toEqual(['Kim: I keep a journal']);
    expect(page).toContain(`<option value="${chat(12)}" selected>2026-03-26 · weekly · Weekly Chat</option>`);
    expect(page).toContain('<a href="/console/followups" aria-current="page">Follow-ups</a>');
    expect(page).toContain('<a href="/recaps/weekly/2026-03-26">Read the recap');
    // Kim asked to be quiet: named like everyone else, and nothing says so.
    expect(page).not.toMatch(/quiet/i);
  });

  it('switches to another chat with ?session=, offering every recent finished chat but no rehearsal', async () => {
    const { store, chat, rehearsals } = weeklyStore();
    rig = await startWebRig({ store }, TEST_HOST);
    const page = await text(`?session=${chat(6)}`);
    const list = followUpsFor(store, chat(6));
    for (const entries of Object.values(expectedOf(list))) expect(entries.length).toBeGreaterThan(0);
    expect(sectionsOf(page)).toEqual(expectedOf(list));
    expect(page).toContain(`<option value="${chat(6)}" selected>`);
    expect(page).toContain('Weekly Chat, Thursday, February 12, 2026');
    // Twelve weekly chats and the monthly one; the three rehearsals are not offered.
    const offered = [...page.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1]));
    expect(offered).toHaveLength(13);
    for (const id of rehearsals) expect(offered).not.toContain(id);
    // The picker is a plain GET form: it works without JavaScript.
    expect(page).toContain('<form class="chat-picker" method="get" action="/console/followups">');
  });

  it('writes times and the recap date in the series’ time zone, and links each message to the chat', async () => {
    const { store, chat } = weeklyStore();
    rig = await startWebRig(
      { store, permalinkOf: (address) => (address.endsWith('-m3') ? `https://chat.example/${address}` : undefined) },
      TEST_HOST,
    );
    const page = await text(`?session=${chat(6)}`);
    // Eli's first answer, the fourth message (18:00:40 UTC; the weekly series keeps UTC).
    const eli = followUpsFor(store, chat(6)).firstTimers[0]!.firstAnswer!;
    expect(page).toContain(
      `<time datetime="${eli.at}">6:00 PM</time> <a href="https://chat.example/${eli.address}">Open in chat`,
    );
    expect(page.match(/Open in chat/g)).toHaveLength(1);

    // The shipped weekly-chat series is in New York: a chat at 10 pm there is already the next day in UTC.
    const small = await startWebRig({}, TEST_HOST);
    try {
      const { s1 } = storeSmallCommunity(small.deps.store);
      const other = await (await fetch(`${small.url}/console/followups?session=${s1}`)).text();
      expect(other).toContain('<a href="/recaps/weekly-chat/2026-11-05">Read the recap');
      expect(other).toContain('Times in America/New_York.');
      expect(other).toContain('No first-timers this time.');
      expect(other).toContain('Every regular was there.');
    } finally {
      await small.close();
    }
  });

  it('says kindly when no chat has finished yet, or this one is still running', async () => {
    rig = await startWebRig({}, TEST_HOST);
    const empty = await get();
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('No chat has finished yet.');
    const { s2 } = storeSmallCommunity(rig.deps.store);
    const running = rig.deps.store.sessions.unfinished()[0]!.id;
    const stillRunning = await text(`?session=${running}`);
    expect(stillRunning).toContain(`Chat ${running} has not finished yet`);
    expect(stillRunning).toContain(`<option value="${s2}">`);
  });

  it('answers 404 for a rehearsal, an unknown chat or a bad id, and the sign-in page (401) to visitors', async () => {
    const { store, rehearsals } = weeklyStore();
    rig = await startWebRig({ store }, TEST_HOST);
    for (const query of [`?session=${rehearsals[0]}`, '?session=9999', '?session=abc', '?session=1e3']) {
      const response = await get(query);
      expect(response.status, query).toBe(404);
      expect(await response.text(), query).toContain('<h1>Not found</h1>');
    }
    await rig.close();
    rig = await startWebRig({ store: weeklyStore().store });
    const visitor = await get();
    expect(visitor.status).toBe(401);
    const page = await visitor.text();
    expect(page).toContain('Sign in to open the console.');
    expect(page).not.toContain('Kim');
  });

  it('escapes hostile text: the raw markup never reaches the page', async () => {
    const { store, hostile } = weeklyStoreWithHostileChat();
    rig = await startWebRig({ store }, TEST_HOST);
    const page = await text();
    expect(page).toContain(`<option value="${hostile}" selected>`);
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src="https://evil.example');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(sectionsOf(page)['first-timers']).toEqual([`Mal: ${stripAnswerPrefix(HOSTILE_TEXT)}`]);
  });
});
