import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildRecap } from '../../src/recap/build-recap.js';
import { buildChannelRecap } from '../../src/recap/channel-recap.js';
import { pickHighlights } from '../../src/recap/highlights.js';
import type { Recap } from '../../src/recap/recap-model.js';
import { renderRecaps } from '../../src/recap/render-recap.js';
import { scriptGuests, sessionRecapInput } from '../../src/recap/session-recap-input.js';
import { ChatStore } from '../../src/store/chat-store.js';
import type { MessageRow } from '../../src/store/session-rows.js';
import { parseCsv } from '../../src/transcript/csv-rows.js';
import { runCliInProcess as cli } from '../support/run-cli.js';
import { shippedScript } from '../support/write-test-script.js';
import { answer, chatInput, START } from './chat-input.js';

const ANA = { authorId: 'slack:T1:U0ANA' };
// Ana Lopez is the guest (and new to the community); zoe is a first-timer; bo a regular.
const input = chatInput(
  [
    answer('z1', 'zoe', 'A1: Reply to everyone who writes to you', 6, 1, { firstTime: true }),
    answer('b1', 'bo', 'A1: Show up every single week', 6.5, 1),
    answer('g1', 'Ana Lopez', 'A1: Listen first, then talk, then listen again', 7, 1, { firstTime: true, ...ANA }),
    answer('g2', 'Ana Lopez', 'A1: And thank people by name', 8, 1, ANA),
    answer('b2', 'bo', 'A2: Marketing is relationships at scale', 16, 2),
    answer('g3', 'Ana Lopez', 'A2: Trust, earned one reply at a time', 17, 2, ANA),
  ],
  { guests: [{ id: 'slack:T1:U0ANA', name: 'Ana Lopez' }] },
);
const outputs = renderRecaps(input, ['md', 'html', 'csv', 'json']);

describe('an episode with a guest, in every recap format', () => {
  it('the recap model: guests named, their answers first and marked, listed as guests, not first-timers', () => {
    const recap = buildRecap(input);
    expect(recap.guests).toEqual([{ name: 'Ana Lopez', id: 'slack:T1:U0ANA' }]);
    expect(recap.questions[0]!.answers.map((a) => [a.id, a.guest])).toEqual([
      ['g1', true],
      ['g2', true],
      ['z1', undefined],
      ['b1', undefined],
    ]);
    expect(recap.questions[1]!.answers.map((a) => a.id)).toEqual(['g3', 'b2']);
    expect(recap.participants.map((p) => [p.author, p.guest, p.firstTime])).toEqual([
      ['Ana Lopez', true, false],
      ['zoe', undefined, true],
      ['bo', undefined, false],
    ]);
    expect(recap.stats).toMatchObject({ participants: 3, firstTimers: 1, answers: 6 });
  });

  it('Markdown: "Guest:" at the top, the guest first under each question, and in who joined', () => {
    const md = outputs.get('md')!;
    expect(md).toContain('🎤 Guest: **Ana Lopez**');
    const q1 = md.slice(md.indexOf('## Q1'), md.indexOf('## Q2'));
    expect(q1).toContain(
      '**All answers**\n\n- **Ana Lopez** (🎤 guest):\n  - Listen first, then talk, then listen again\n' +
        '  - And thank people by name\n- **zoe**:',
    );
    expect(md).toContain('\n\n- **Ana Lopez** (🎤 guest): Trust, earned one reply at a time\n- **bo**:');
    expect(md).toContain('Our guest: **Ana Lopez**.');
    expect(md).toContain('A warm welcome to our first-timers: **zoe**.');
    expect(md).toContain('Ana Lopez (3 answers, guest) · zoe (1 answer, first time) · bo (2 answers)');
  });

  it('HTML: the guest named at the top, first and tagged under each question, and in who joined', () => {
    const html = outputs.get('html')!;
    expect(html).toContain('<p class="guests">🎤 Guest: <bdi><strong>Ana Lopez</strong></bdi></p>');
    expect(html).toContain(
      '<ul class="answers"><li><bdi><strong>Ana Lopez</strong></bdi> <span class="tag guest">🎤 guest</span>' +
        '<div class="answer"><bdi>Listen first',
    );
    expect(html).toContain('<p>Our guest: <bdi><strong>Ana Lopez</strong></bdi>.</p>');
    expect(html).toContain('A warm welcome to our first-timers: <bdi><strong>zoe</strong></bdi>.');
    expect(html).not.toContain('first-timers: <bdi><strong>Ana Lopez');
    expect(html).toContain('<bdi>Ana Lopez</bdi> (3, guest)');
  });

  it('CSV: a guest column, the guest rows first under each question', () => {
    const { records } = parseCsv(outputs.get('csv')!);
    const header = ['question', 'question_text', 'author', 'text', 'time', 'late', 'part', 'guest'];
    expect(records[0]!.fields).toEqual(header);
    expect(records.slice(1).map((r) => [r.fields[0], r.fields[2], r.fields[7]])).toEqual([
      ['1', 'Ana Lopez', 'yes'],
      ['1', 'Ana Lopez', 'yes'],
      ['1', 'zoe', 'no'],
      ['1', 'bo', 'no'],
      ['2', 'Ana Lopez', 'yes'],
      ['2', 'bo', 'no'],
    ]);
  });

  it('JSON: "guests" at the top, "guest": true on their answers and on them as participants', () => {
    const json = JSON.parse(outputs.get('json')!) as Recap;
    expect(json.guests).toEqual([{ name: 'Ana Lopez', id: 'slack:T1:U0ANA' }]);
    expect(json.questions[0]!.answers[0]).toMatchObject({ id: 'g1', guest: true });
    expect(json.questions[0]!.answers[2]).not.toHaveProperty('guest');
    expect(json.participants[0]).toMatchObject({ author: 'Ana Lopez', guest: true, firstTime: false });
  });

  it('the channel recap names the guest', () => {
    const recap = buildRecap(input);
    const posts = buildChannelRecap(recap, pickHighlights(recap, input, 1), { maxLength: 4000, quote: (t) => t });
    expect(posts.join('\n').split('\n')[1]).toBe('🎤 Our guest: Ana Lopez');
  });

  it('a recap without guests has no guest column, line or tag', () => {
    const noGuests = chatInput([answer('a', 'li', 'A1: hello there everyone', 6, 1)]);
    const plain = renderRecaps(noGuests, ['md', 'html', 'csv', 'json']);
    expect(plain.get('csv')!.split('\r\n')[0]).toBe('\uFEFFquestion,question_text,author,text,time,late,part');
    expect(plain.get('md')).not.toMatch(/guest/i);
    expect(plain.get('html')).not.toContain('🎤');
    expect((JSON.parse(plain.get('json')!) as Recap).guests).toEqual([]);
  });

  it('a hostile guest name stays text: one line in Markdown, escaped in HTML, inert in the channel', () => {
    const eve = { name: 'Eve\n# <script>alert(1)</script>\u202E' };
    const hostile = renderRecaps({ ...input, guests: [eve] }, ['md', 'html']);
    expect(hostile.get('md')).toContain('🎤 Guest: **Eve # \\<script\\>alert(1)\\</script\\>**');
    expect(hostile.get('md')).not.toMatch(/^# </m);
    expect(hostile.get('html')).toContain(
      'Guest: <bdi><strong>Eve\n# &lt;script&gt;alert(1)&lt;/script&gt;</strong></bdi>',
    );
    const recap = buildRecap({ ...input, guests: [{ name: 'Eve\n<!channel>' }] });
    const post = buildChannelRecap(recap, new Map(), { maxLength: 4000, quote: (t) => t.replace(/</g, '&lt;') });
    expect(post[0]!.split('\n')[1]).toBe('🎤 Our guest: Eve &lt;!channel>');
  });

  it('a guest named by handle only is matched by name, without case or a leading "@"', () => {
    const byHandle = buildRecap({ ...input, guests: [{ name: '@ana lopez' }] });
    expect(byHandle.questions[0]!.answers.slice(0, 2).map((a) => a.guest)).toEqual([true, true]);
  });
});

describe('where guests come from', () => {
  it('the transcript CLI takes them from --guest, repeatable', async () => {
    const jsonl = fileURLToPath(new URL('../fixtures/sample-chat.jsonl', import.meta.url));
    const args = ['recap', '--transcript', jsonl, '--host', 'community_host', '--guest', '@lena', '--guest', 'rob_b'];
    const result = await cli([...args, '--format', 'json']);
    expect(result.code).toBe(0);
    const recap = JSON.parse(result.stdout) as Recap;
    expect(recap.guests).toEqual([{ name: 'lena' }, { name: 'rob_b' }]);
    expect(recap.questions[0]!.answers[0]).toMatchObject({ author: 'lena', guest: true });
    expect(
      recap.participants
        .slice(0, 2)
        .map((p) => p.author)
        .sort(),
    ).toEqual(['lena', 'rob_b']);
    const md = (await cli(args)).stdout;
    expect(md).toContain('🎤 Guests: **lena**, **rob\\_b**');
  });

  it("a session takes them from its script, and the community's known people name its mentions", () => {
    const store = ChatStore.open(':memory:');
    store.sessions.ensureCommunity('slack:T1', 'slack', START);
    const zed = { userId: 'slack:T1:U0ZED', displayName: 'Zed Park', sessionId: 0, now: START };
    store.participants.recordSeen({ communityId: 'slack:T1', ...zed });
    const script = { ...shippedScript('demo'), guests: [{ id: 'slack:T1:U0ANA', name: 'Ana Lopez' }, { bad: true }] };
    const sessionId = store.sessions.create({
      communityId: 'slack:T1',
      channel: 'slack:T1:C1',
      scriptId: 'demo',
      scriptJson: JSON.stringify(script),
      now: START,
    });
    type NewRow = Omit<MessageRow, 'edited_at' | 'deleted_at' | 'acked_at'>;
    const row = (address: string, authorId: string, name: string, text: string, at: number): NewRow => ({
      address,
      session_id: sessionId,
      author_id: authorId,
      author_name: name,
      text,
      ts: START + at,
      reply_to: null,
      from_host: 0,
      first_time: 0,
      open_question: 1,
      asked_questions: 1,
      question_number: 1,
      part: null,
      late: 0,
      via: 'prefix',
      reason: null,
      received_at: START + at,
    });
    store.messages.insert(row('slack:T1:C1:1', 'slack:T1:U0BO', 'Bo Chen', 'A1: ask <@U0ZED> or <@U0ANA>', 1000));
    store.messages.insert(row('slack:T1:C1:2', 'slack:T1:U0ANA', 'Ana L.', 'A1: listen to <@U0BO>', 2000));
    const session = sessionRecapInput(store, sessionId);
    store.close();
    expect(session.guests).toEqual([{ id: 'slack:T1:U0ANA', name: 'Ana Lopez' }]);
    expect(session.people).toEqual({ 'slack:T1:U0ZED': 'Zed Park' });
    expect(session.messages.map((m) => m.authorId)).toEqual(['slack:T1:U0BO', 'slack:T1:U0ANA']);
    const recap = buildRecap(session);
    expect(recap.questions[0]!.answers.map((a) => [a.author, a.text, a.guest])).toEqual([
      ['Ana L.', 'A1: listen to @Bo Chen', true],
      ['Bo Chen', 'A1: ask @Zed Park or @Ana L.', undefined],
    ]);
  });

  it("reads a script's guests defensively: none, names, and entries without a name", () => {
    expect(scriptGuests({})).toEqual([]);
    expect(scriptGuests(undefined)).toEqual([]);
    expect(scriptGuests({ guests: 'Ana' })).toEqual([]);
    const mixed = [' Ana ', { name: 'Bo', id: 'discord:1:2' }, { id: 'x' }, { name: ' ' }, 3];
    expect(scriptGuests({ guests: mixed })).toEqual([{ name: 'Ana' }, { name: 'Bo', id: 'discord:1:2' }]);
  });
});
