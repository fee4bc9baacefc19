/**
 * `npm run bench:recap` (npx tsx bench/recap-bench.ts): a transcript recap end to end, stage by stage, for
 * 20,000 and 100,000 synthetic messages in JSONL and as a TAGS-archive CSV. Prints a table; never fails.
 * RECAP_BENCH_RUNS sets the runs per case (default 3): the first is cold, the median is steady.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRecap } from '../src/recap/build-recap.js';
import { pickHighlights } from '../src/recap/highlights.js';
import { renderHtml } from '../src/recap/render-html.js';
import { renderJson } from '../src/recap/render-json.js';
import { renderMarkdown } from '../src/recap/render-markdown.js';
import { attributeTranscript } from '../src/transcript/attribute-transcript.js';
import { readTranscript } from '../src/transcript/read-transcript.js';
import { transcriptRecapInput } from '../src/transcript/transcript-recap-input.js';
import { fmt, machine, median, scratchDir } from './bench-support.js';
import { writeTranscript } from './recap.js';

const STAGES = ['read', 'attribute', 'input', 'build', 'highlights', 'md', 'html', 'json'] as const;
type Stage = (typeof STAGES)[number];
const TARGET_MS = { 20000: 1000, 100000: 4000 } as Record<number, number>;

/** One end-to-end recap of `file`, every stage timed, the outputs written beside it. */
function recapOnce(file: string, outDir: string): Record<Stage | 'total', number> {
  const times = {} as Record<Stage | 'total', number>;
  const started = performance.now();
  let mark = started;
  const lap = (stage: Stage) => {
    const now = performance.now();
    times[stage] = now - mark;
    mark = now;
  };
  const { messages } = readTranscript(file);
  lap('read');
  const attributed = attributeTranscript(messages, ['community_host']);
  lap('attribute');
  const input = transcriptRecapInput(attributed, { host: 'community_host', timezone: 'America/New_York' });
  lap('input');
  const recap = buildRecap(input);
  lap('build');
  const highlights = pickHighlights(recap, input);
  lap('highlights');
  writeFileSync(join(outDir, 'recap.md'), renderMarkdown(recap, { timezone: input.timezone, highlights }));
  lap('md');
  writeFileSync(join(outDir, 'recap.html'), renderHtml(recap, { timezone: input.timezone, highlights, input }));
  lap('html');
  writeFileSync(join(outDir, 'recap.json'), renderJson(recap));
  lap('json');
  times.total = performance.now() - started;
  return times;
}

// The same chat as the TAGS sheet exports it: Twitter's time form, every field quoted, a BOM, CRLF.
function toTagsCsv(jsonl: string, csv: string): void {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const rows = readFileSync(jsonl, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = JSON.parse(line) as { id: string; author: string; text: string; ts: string; replyTo?: string };
      const d = new Date(m.ts);
      const time =
        `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${pad(d.getUTCDate())} ` +
        `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
      return [m.id, m.author, m.text, time, m.replyTo ?? ''].map(quote).join(',');
    });
  writeFileSync(csv, `\uFEFFid_str,from_user,text,created_at,in_reply_to_status_id_str\r\n${rows.join('\r\n')}\r\n`);
}

const runs = Math.max(1, Number(process.env.RECAP_BENCH_RUNS ?? 3));
const dir = scratchDir('recap-stages');
const m = machine();
const lines = [
  `Recap of a transcript, end to end (read → attribute → build → highlights → md + html + json), ${runs} ` +
    `run(s) per case.`,
  `${m.cores} cores (${m.cpu}), Node ${m.node}, ${m.platform}, ${m.date}.`,
  '',
  `| case | ${STAGES.join(' | ')} | total (cold) | total (median) | target |`,
  `| --- | ${STAGES.map(() => '---:').join(' | ')} | ---: | ---: | --- |`,
];
for (const size of [20_000, 100_000]) {
  const jsonl = join(dir, `chat-${size}.jsonl`);
  writeTranscript(jsonl, size);
  const csv = join(dir, `chat-${size}.csv`);
  toTagsCsv(jsonl, csv);
  for (const [label, file] of [
    ['JSONL', jsonl],
    ['TAGS CSV', csv],
  ] as const) {
    const all = Array.from({ length: runs }, () => recapOnce(file, dir));
    const stageMedians = STAGES.map((stage) => fmt(median(all.map((t) => t[stage])), 0));
    const cold = all[0]!.total;
    const steady = median(all.map((t) => t.total));
    const target = TARGET_MS[size]!;
    const verdict = cold < target ? '✅' : '❌';
    lines.push(
      `| ${size.toLocaleString('en-US')} ${label} | ${stageMedians.join(' | ')} | ${fmt(cold, 0)} | ` +
        `${fmt(steady, 0)} | < ${target} ms ${verdict} |`,
    );
    process.stderr.write(`${size} ${label}: cold ${fmt(cold, 0)} ms, median ${fmt(steady, 0)} ms\n`);
  }
}
lines.push(
  '',
  'Stage columns are medians in ms; "input" turns the attributed transcript into the neutral recap input.',
);
process.stdout.write(`${lines.join('\n')}\n`);
