import { describe, expect, it } from 'vitest';
import { buildRecap } from '../../src/recap/build-recap.js';
import { pickHighlights } from '../../src/recap/highlights.js';
import { renderMarkdown } from '../../src/recap/render-markdown.js';
import { answer, chatInput, other } from './chat-input.js';

const input = chatInput(
  [
    other('hi', 'zoe', 'Hello! Here is our guide https://example.org/guide', 1, 'no-prefix', { firstTime: true }),
    answer('a1', 'ana', 'A1: Listen first, then talk to people who show up', 6, 1, { reactions: 3 }),
    answer('a2', 'bo', 'A1b: and reply to every comment', 7, 1, { part: 'b' }),
    answer('a3', 'bo', 'A1a: Show up weekly for the community', 6.5, 1, { part: 'a' }),
    answer('a4', 'zoe', 'A1: # Not a heading <script>alert(1)</script> **bold** [x](javascript:alert(1))', 8, 1, {
      firstTime: true,
    }),
    answer('late', 'li', 'A1: catching up on this one', 16, 1, { late: true }),
    answer('b1', 'ana', 'A2: Marketing is relationships at scale', 17, 2),
  ],
  // 18:00 UTC on Thursday is already Friday 03:00 in Tokyo.
  { timezone: 'Asia/Tokyo' },
);

function render(extra: Partial<Parameters<typeof renderMarkdown>[1]> = {}) {
  const recap = buildRecap(input);
  return renderMarkdown(recap, { timezone: input.timezone, highlights: pickHighlights(recap, input), ...extra });
}

describe('the Markdown recap', () => {
  const md = render();

  it("opens with the title, the date in the chat's timezone, host, hashtag and the numbers", () => {
    expect(md.startsWith('# Community Chat — recap\n')).toBe(true);
    expect(md).toContain('**Friday, November 20, 2026** · hosted by host · #CommunityChat');
    expect(md).toContain('**4** participants · **6** answers · **1** first-timers · **9** messages');
  });

  it('gives each question how many answered, highlights and every answer credited', () => {
    expect(md).toContain('## Q1: How do you build relationships?');
    expect(md).toContain('_4 people answered (5 answers), asked at 3:05 AM._');
    expect(md).toContain('**Highlights**');
    expect(md).toContain('> Listen first, then talk to people who show up — **ana**');
    expect(md).toContain('## Q2: What does marketing mean to you?');
    expect(md).toContain('_1 person answered (1 answer), asked at 3:15 AM._');
    expect(md).toContain('- **ana**: Marketing is relationships at scale');
  });

  it('keeps a multi-part answer together in part order and marks late answers', () => {
    expect(md).toContain('- **bo**: (a) Show up weekly for the community (b) and reply to every comment');
    expect(md).toContain('- **li**: catching up on this one _(late)_');
  });

  it('welcomes first-timers, lists who joined and the links shared', () => {
    expect(md).toContain('## Who joined');
    expect(md).toContain('A warm welcome to our first-timers: **zoe**.');
    expect(md).toContain('zoe (1 answer, first time)');
    expect(md).toContain('## Links shared\n\n- <https://example.org/guide> — zoe');
  });

  it('keeps participant text from becoming HTML, links, emphasis or headings', () => {
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('\\*\\*bold\\*\\*');
    expect(md).toContain('\\[x\\](javascript:alert(1))');
    expect(md).toContain('> \\# Not a heading \\<script\\>'); // a highlight: its quote opens the line
    expect(md).not.toMatch(/^> #/m);
    expect(md).not.toMatch(/^#(?!#? )/m);
  });

  it('shows the AI summary or the reason there is none', () => {
    expect(render({ summaries: new Map([[1, 'People value _listening_.']]) })).toContain(
      '**In short:** People value \\_listening\\_.',
    );
    expect(render({ notice: 'AI summary unavailable (timeout); this recap is extractive.' })).toContain(
      '> AI summary unavailable (timeout); this recap is extractive.',
    );
  });

  it('keeps answers to a question the host skipped, and says so', () => {
    const skipped = chatInput([answer('x', 'ana', 'A2: answered anyway, with enough words', 20, 2)], {
      questions: [
        { number: 1, text: 'One', askedAt: input.startedAt },
        { number: 2, text: 'Two' },
        { number: 3, text: 'Three' },
      ],
    });
    const recap = buildRecap(skipped);
    const text = renderMarkdown(recap, { timezone: 'UTC', highlights: pickHighlights(recap, skipped) });
    expect(text).toContain('_1 person answered (1 answer), though it was never posted as a question._');
    expect(text).toContain('- **ana**: answered anyway, with enough words');
    expect(text).toContain('## Q3: Three\n\n_Not asked: the chat ended before this question._');
  });
});
