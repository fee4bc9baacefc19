import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRecaps } from '../src/recap/render-recap.js';
import { attributeTranscript } from '../src/transcript/attribute-transcript.js';
import { readTranscript } from '../src/transcript/read-transcript.js';
import { transcriptRecapInput } from '../src/transcript/transcript-recap-input.js';
import { fmt, scratchDir, type BenchResult, type BenchRow } from './bench-support.js';
import { binPath } from './startup.js';

const LINES = [
  'Listen first, then talk.',
  'Reply to every comment you can, people notice.',
  'Video replies feel human.',
  '像磁铁而不是扩音器。',
  'Ascoltare prima di parlare, sempre.',
  'Track who replies, not follower counts. https://example.org/x',
];

/** A realistic synthetic chat: 11 questions, a crowd answering in every style, chatter and late answers. */
export function writeTranscript(path: string, messages: number): void {
  const start = Date.UTC(2026, 10, 19, 18);
  const span = 60 * 60_000;
  const out: string[] = [];
  let question = 0;
  for (let i = 0; i < messages; i++) {
    const ts = new Date(start + Math.floor((i / messages) * span)).toISOString();
    const due = Math.min(11, Math.floor((i / messages) * 12));
    if (due > question) {
      question = due;
      out.push(
        JSON.stringify({
          id: `q${question}`,
          author: 'community_host',
          text: `Q${question}: What about topic ${question}? #BenchChat`,
          ts,
        }),
      );
      continue;
    }
    const author = `person${(i * 7919) % 1500}`;
    const line = LINES[i % LINES.length];
    const roll = i % 10;
    const text =
      question === 0 || roll === 0
        ? `Great point! ${line}`
        : roll === 1 && question > 1
          ? `A${question - 1}: ${line} (late)`
          : roll === 2
            ? `A${question}a: ${line}`
            : `${roll % 2 ? '#BenchChat ' : ''}A${question}: ${line}`;
    out.push(
      JSON.stringify({ id: `m${i}`, author, text, ts, ...(roll === 3 && question ? { replyTo: `q${question}` } : {}) }),
    );
  }
  writeFileSync(path, `${out.join('\n')}\n`);
}

/** Scenario 5: wall time from transcript file to recap files (md, html, json), in process and through the CLI. */
export function benchRecap(): BenchResult {
  const dir = scratchDir('recap');
  const rows: BenchRow[] = [];
  const data: Record<string, unknown>[] = [];
  for (const [size, targetMs] of [
    [20_000, 1000],
    [100_000, 4000],
  ] as const) {
    const file = join(dir, `chat-${size}.jsonl`);
    writeTranscript(file, size);
    const started = performance.now();
    const { messages } = readTranscript(file);
    const input = transcriptRecapInput(attributeTranscript(messages, ['community_host']), { host: 'community_host' });
    for (const [format, text] of renderRecaps(input, ['md', 'html', 'json']))
      writeFileSync(join(dir, `recap-${size}.${format}`), text);
    const inProcess = performance.now() - started;
    // The same work as a user runs it, process start-up included (one format per command).
    const cliStarted = performance.now();
    const cli = spawnSync(process.execPath, [
      'bin/emcee.js',
      'recap',
      '--transcript',
      file,
      '--host',
      'community_host',
      '--format',
      'html',
      '--out',
      join(dir, `cli-${size}.html`),
    ]);
    const cliMs = performance.now() - cliStarted;
    if (cli.status !== 0) throw new Error(`emcee recap failed: ${cli.stderr}`);
    rows.push({
      scenario: `Recap of ${size.toLocaleString('en-US')} messages (md + html + json; the CLI ran ${binPath()})`,
      figure: `${fmt(inProcess, 0)} ms in process; \`emcee recap\` html end to end ${fmt(cliMs, 0)} ms`,
      target: `< ${targetMs} ms`,
      met: inProcess < targetMs && cliMs < targetMs,
    });
    data.push({ messages: size, inProcessMs: inProcess, cliHtmlMs: cliMs });
  }
  return { rows, data: { cases: data } };
}
