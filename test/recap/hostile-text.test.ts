import { describe, expect, it } from 'vitest';
import { buildRecap } from '../../src/recap/build-recap.js';
import { buildChannelRecap } from '../../src/recap/channel-recap.js';
import { pickHighlights } from '../../src/recap/highlights.js';
import type { Recap } from '../../src/recap/recap-model.js';
import { RECAP_FORMATS, type RecapFormat, renderRecaps } from '../../src/recap/render-recap.js';
import { oneLine, visibleText } from '../../src/recap/safe-text.js';
import { parseCsv } from '../../src/transcript/csv-rows.js';
import { answer, chatInput } from './chat-input.js';

// Every character that may reverse, hide or break text; joiners are checked apart (emoji keep theirs).
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B\u200E\u200F\u2060\uFEFF\u061C]/;
const STRAY_JOINER = /(?<!\p{Extended_Pictographic})[\u200C\u200D]|[\u200C\u200D](?!\p{Extended_Pictographic})/u;
const BREAK_FORMS = { CRLF: '\r\n', CR: '\r', LF: '\n', NEL: '\u0085', LS: '\u2028', PS: '\u2029' };
const INVISIBLES = {
  'right-to-left override': '\u202E',
  'left-to-right override': '\u202D',
  'right-to-left embedding': '\u202B',
  'left-to-right embedding': '\u202A',
  'pop directional formatting': '\u202C',
  'right-to-left isolate': '\u2067',
  'left-to-right isolate': '\u2066',
  'first-strong isolate': '\u2068',
  'pop directional isolate': '\u2069',
  'zero-width space': '\u200B',
  'zero-width non-joiner': '\u200C',
  'zero-width joiner': '\u200D',
  'word joiner': '\u2060',
  'byte-order mark': '\uFEFF',
  'left-to-right mark': '\u200E',
  'right-to-left mark': '\u200F',
};

interface Hostile {
  label: string;
  author: string;
  text: string;
  /** A line break is in the text: no output may start a line with what follows it. */
  breaks?: boolean;
}

const HOSTILE: Hostile[] = [
  ...Object.entries(BREAK_FORMS).map(([form, br]) => ({
    label: `${form} line break then a heading`,
    author: `eve${br}# Injected name`,
    text: `A1: line one of a long enough answer${br}# Injected heading${br}> injected quote${br}- injected item`,
    breaks: true,
  })),
  ...['=', '+', '-', '@', '\t', '\r', '\u200B='].map((start) => ({
    label: `a cell starting with ${JSON.stringify(start)}`,
    author: `${start}HYPERLINK("http://evil.example")`,
    text: `${start}HYPERLINK("http://evil.example","click") and more words here`,
  })),
  ...Object.entries(INVISIBLES).map(([name, ch]) => ({
    label: `a ${name} in the name and the answer`,
    author: `ad${ch}min`,
    text: `A1: file${ch}gnp.exe is a picture, trust me${ch} friends`,
  })),
];

type Rendered = { input: ReturnType<typeof chatInput>; recap: Recap; outputs: Map<RecapFormat, string> };

function render(hostile: Hostile): Rendered {
  const input = chatInput([
    answer('h1', hostile.author, hostile.text, 6, 1),
    answer('ok', 'ana', 'A2: a plain answer with a few words', 16, 2),
  ]);
  return { input, recap: buildRecap(input), outputs: renderRecaps(input, RECAP_FORMATS) };
}

const checks: Record<RecapFormat | 'channel', (out: string, hostile: Hostile, recap: Recap) => void> = {
  md: (md) => {
    expect(md).not.toMatch(INVISIBLE);
    expect(md).not.toMatch(STRAY_JOINER);
    expect(md).not.toMatch(/[\r\u0085\u2028\u2029]/);
    // Only the recap's own headings, quotes and items start lines; nothing injected does.
    for (const line of md.split('\n').filter((l) => /injected/i.test(l))) {
      expect(line, line).not.toMatch(/^ {0,3}(#|> ?#|> ?>|[-*+] injected|[-*+] \*\*# )/i);
      if (line.includes('Injected heading')) expect(line, line).toMatch(/^(- \*\*|> )/);
    }
    expect(md).not.toContain('\nad\u202E');
  },
  html: (html, hostile) => {
    expect(html).not.toMatch(INVISIBLE);
    expect(html).not.toMatch(STRAY_JOINER);
    const author = visibleText(hostile.author)
      .replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
      .split('&#')[0]!;
    // The name in the answer list and the answer itself each sit in their own <bdi>.
    expect(html).toMatch(new RegExp(`<li><bdi><strong>${escapeRe(author)}`));
    expect(html).toMatch(/<\/span> <bdi>|<\/bdi> <bdi>/);
  },
  json: (json, hostile, recap) => {
    expect(json).not.toMatch(INVISIBLE);
    expect(json).not.toMatch(/\u200C|\u200D|\u0085|\u2028|\u2029/);
    const parsed = JSON.parse(json) as Recap;
    // Escaped, not lost: the data reads back exactly as written.
    expect(parsed.questions[0]!.answers[0]!.text).toBe(hostile.text);
    expect(parsed.questions[0]!.answers[0]!.author).toBe(hostile.author);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(recap)));
  },
  csv: (csv) => {
    expect(csv.slice(1)).not.toMatch(INVISIBLE);
    expect(csv).not.toMatch(STRAY_JOINER);
    const { records, error } = parseCsv(csv);
    expect(error).toBeUndefined();
    expect(records).toHaveLength(3);
    for (const field of records.flatMap((r) => r.fields)) {
      expect(field, JSON.stringify(field)).not.toMatch(/^[=+\-@\t\r]/);
    }
  },
  channel: (post) => {
    expect(post).not.toMatch(INVISIBLE);
    expect(post).not.toMatch(STRAY_JOINER);
    expect(post).not.toMatch(/[\r\u0085\u2028\u2029]/);
    // The title, one line per question, the thanks: an answer adds no line of its own.
    expect(post.split('\n')).toHaveLength(4);
    for (const line of post.split('\n')) expect(line).toMatch(/^(📋|Q\d \(\d\): “|Thank you all!)/);
  },
};

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('hostile names and answers stay text in every recap format and the channel recap', () => {
  for (const format of [...RECAP_FORMATS, 'channel'] as const) {
    it.each(HOSTILE)(`${format}: $label`, (hostile) => {
      const { input, recap, outputs } = render(hostile);
      const out =
        format === 'channel'
          ? buildChannelRecap(recap, pickHighlights(recap, input, 1), { maxLength: 4000, quote: (t) => t }).join('\n')
          : outputs.get(format)!;
      checks[format](out, hostile, recap);
    });
  }

  it('the table reaches every format (a new format needs a check here)', () => {
    expect(Object.keys(checks).sort()).toEqual([...RECAP_FORMATS, 'channel'].sort());
  });

  it('keeps the joiners emoji and joining scripts are written with, and drops them elsewhere', () => {
    expect(visibleText('👩\u200D💻 and می\u200Cخواهم')).toBe('👩\u200D💻 and می\u200Cخواهم');
    expect(visibleText('ad\u200Dmin a\u200Cb')).toBe('admin ab');
    expect(oneLine('one\r\ntwo\u2028three\u0085four\rfive\u2029six')).toBe('one two three four five six');
  });

  it('shows a name with a right-to-left override as written, without the override, in Markdown and HTML', () => {
    const { outputs } = render({ label: '', author: 'ad\u202Emin', text: 'A1: an answer with enough words' });
    expect(outputs.get('md')).toContain('- **admin**: an answer with enough words');
    expect(outputs.get('html')).toContain(
      '<li><bdi><strong>admin</strong></bdi> <bdi>an answer with enough words</bdi></li>',
    );
  });
});
