import { describe, expect, it } from 'vitest';
import { buildRecap } from '../../src/recap/build-recap.js';
import { pickHighlights } from '../../src/recap/highlights.js';
import type { RecapInputMessage } from '../../src/recap/recap-input.js';
import { renderHtml, renderHtmlBody } from '../../src/recap/render-html.js';
import { answer, chatInput, other, START } from './chat-input.js';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror="alert(2)">';
const input = chatInput(
  [
    answer('a1', `mal"lory${SCRIPT}`, `A1: ${SCRIPT}${IMG} & 'quotes' and enough words to be highlighted`, 6, 1, {
      reactions: 2,
    }),
    answer('a2', 'ana', 'A1: Listen first, then talk', 7, 1),
    answer('b1', 'li', `A2: see https://example.org/a?b=1&c=2"onmouseover="alert(3) now`, 16, 2, { firstTime: true }),
    other('c1', 'bo', `${IMG} hi`, 17, 'no-prefix'),
  ],
  { title: `Chat ${SCRIPT}`, hashtag: `#Tag${IMG}`, host: `host${SCRIPT}` },
);
input.questions[0]!.text = `What ${IMG} matters?`;

function render() {
  const recap = buildRecap(input);
  return renderHtml(recap, {
    timezone: input.timezone,
    highlights: pickHighlights(recap, input),
    input,
    summaries: new Map([[1, `Summary ${SCRIPT}`]]),
    notice: `Note ${IMG}`,
  });
}

describe('the HTML recap as text', () => {
  const html = render();

  it('escapes every piece of participant, host and AI text', () => {
    // Escaped text may still read "onerror=&quot;…": inert. What must never appear is a tag or a live attribute.
    expect(html).not.toMatch(/<script|<img|\son\w+="/i);
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt; &amp; &#39;quotes&#39;',
    );
    expect(html).toContain('<strong>mal&quot;lory&lt;script&gt;');
    expect(html).toContain('<title>Chat &lt;script&gt;alert(1)&lt;/script&gt; — recap</title>');
    expect(html).toContain('What &lt;img src=x onerror=&quot;alert(2)&quot;&gt; matters?');
    expect(html).toContain('Summary &lt;script&gt;');
    expect(html).toContain('Note &lt;img');
  });

  it('makes shared links plain http(s) links that cannot break out of their attribute', () => {
    expect(html).toContain(
      '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener ' +
        'noreferrer">https://example.org/a?b=1&amp;c=2</a> — li',
    );
  });

  it('is self-contained: a strict content policy, no scripts, nothing loaded from elsewhere', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/\s(src|srcset|action|formaction)="/i);
    expect(html).not.toMatch(/@import|url\(|<link\b/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['https://example.org/a?b=1&amp;c=2']);
  });

  it('draws both charts inline: a bar per question and a bar per minute with the questions marked', () => {
    const answersChart = /<svg id="answers-chart"[\s\S]*?<\/svg>/.exec(html)![0];
    expect(answersChart.match(/<rect class="bar"/g)).toHaveLength(2);
    const activity = /<svg id="activity-chart"[\s\S]*?<\/svg>/.exec(html)![0];
    expect(activity.match(/<rect class="minute"/g)).toHaveLength(31);
    expect(activity.match(/class="marker-label">Q\d</g)).toHaveLength(2);
  });

  it('copes with a very large chat (no call-stack limit on the activity chart)', () => {
    const many: RecapInputMessage[] = Array.from({ length: 250_000 }, (_, i) => ({
      id: `m${i}`,
      author: 'p',
      text: 'hi',
      ts: START + i * 10,
      attribution: { question: null, reason: 'no-prefix' },
    }));
    const recap = buildRecap(input);
    const big = renderHtml(recap, { timezone: 'UTC', highlights: new Map(), input: { ...input, messages: many } });
    expect(big).toContain('id="activity-chart"');
  });
});

describe('answer links (the website’s recap page)', () => {
  it('link each answer where it was written, only over https, and change nothing when absent', () => {
    const input = chatInput([answer('m1', 'ana', 'A1: first', 6, 1), answer('m2', 'bo', 'A1: second', 7, 1)]);
    const recap = buildRecap(input);
    const options = { timezone: input.timezone, highlights: new Map(), input };
    const links = renderHtmlBody(recap, {
      ...options,
      answerLink: (a) =>
        a.id === 'm1'
          ? { href: 'https://discord.com/channels/1/2/3', label: 'open in Discord' }
          : {
              href: 'javascript:alert(1)',
              label: 'bad',
            },
    });
    expect(links).toContain('<a class="jump" href="https://discord.com/channels/1/2/3"');
    expect(links).not.toContain('javascript:');
    expect(renderHtml(recap, options)).toContain(renderHtmlBody(recap, options));
    expect(renderHtmlBody(recap, options)).not.toContain('class="jump"');
  });
});
