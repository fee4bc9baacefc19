import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, scratchDir, type BenchResult, type BenchRow } from './bench-support.js';
import { binPath } from './startup.js';

const MB = 1024 * 1024;
const SIZES = [
  { bytes: 200 * MB, label: '200 MB', rssTargetMb: 600 },
  { bytes: 1024 * MB, label: '1 GB', rssTargetMb: undefined },
];
const LINES = [
  'Listen first, then talk. The people who show up every week are the community, not the follower count.',
  'Reply to every comment you can, people notice.',
  'Video replies feel human, and a short one beats a long thread nobody reads.',
  '像磁铁而不是扩音器。先倾听，再说话。',
  'Ascoltare prima di parlare, sempre. Poi rispondere a tutti, anche a chi critica.',
  'Track who replies, not follower counts. https://example.org/guide',
];

/**
 * Writes a JSONL transcript of about `bytes`: a host asking 11 questions over an hour and a crowd of 1,500
 * answering in every style, with chatter and late answers. Written in pieces, so it costs no memory.
 */
export function writeLargeTranscript(path: string, bytes: number): { messages: number } {
  const start = Date.UTC(2026, 10, 19, 18);
  const fd = openSync(path, 'w');
  let written = 0;
  let batch = '';
  let question = 0;
  let i = 0;
  try {
    while (written + batch.length < bytes) {
      const progress = (written + batch.length) / bytes;
      const ts = new Date(start + Math.floor(progress * 3_600_000)).toISOString();
      const due = Math.min(11, Math.floor(progress * 12));
      let row: Record<string, string>;
      if (due > question) {
        question = due;
        const text = `Q${question}: What about topic ${question}? #BenchChat`;
        row = { id: `q${question}`, author: 'community_host', text, ts };
      } else {
        const line = LINES[i % LINES.length]!;
        const roll = i % 10;
        const text =
          question === 0 || roll === 0
            ? `Great point! ${line}`
            : roll === 1 && question > 1
              ? `A${question - 1}: ${line} (late)`
              : roll === 2
                ? `A${question}a: ${line}`
                : `${roll % 2 ? '#BenchChat ' : ''}A${question}: ${line}`;
        const reply: Record<string, string> = roll === 3 && question ? { replyTo: `q${question}` } : {};
        row = { id: `m${i}`, author: `person${(i * 7919) % 1500}`, text, ts, ...reply };
        i++;
      }
      batch += `${JSON.stringify(row)}\n`;
      if (batch.length >= 4 * MB) {
        written += writeSync(fd, batch);
        batch = '';
      }
    }
    if (batch) written += writeSync(fd, batch);
  } finally {
    closeSync(fd);
  }
  return { messages: i + question };
}

/** Peak resident memory and wall time of one `emcee recap` run, measured by /usr/bin/time or the child itself. */
async function measureRecap(transcript: string, out: string): Promise<{ peakRssMb: number; ms: number; by: string }> {
  const args = ['bin/emcee.js', 'recap', '--transcript', transcript, '--host', 'community_host'];
  args.push('--format', 'json', '--out', out);
  const useTime = existsSync('/usr/bin/time');
  // Without GNU time the child reports its own peak (getrusage's maxRSS, in KiB) as it exits.
  const report =
    'data:text/javascript,process.on("exit",()=>' +
    // biome-ignore lint/suspicious/noTemplateCurlyInString: code for the child, whose own template fills it in
    'process.stderr.write(`maxrss-kib:${process.resourceUsage().maxRSS}\\n`))';
  const [command, argv] = useTime
    ? ['/usr/bin/time', ['-v', process.execPath, ...args]]
    : [process.execPath, ['--import', report, ...args]];
  const started = performance.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(command, argv as string[], { stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    child.stderr.on('data', (chunk) => (text = (text + String(chunk)).slice(-20_000)));
    child.on('error', reject);
    child.on('close', (status) => resolve({ code: status, stderr: text }));
  });
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`emcee recap failed (exit ${code}): ${stderr.slice(-2000)}`);
  const figure = useTime ? /Maximum resident set size \(kbytes\): (\d+)/ : /maxrss-kib:(\d+)/;
  const kib = figure.exec(stderr)?.[1];
  if (!kib) throw new Error(`no peak memory figure in: ${stderr.slice(-500)}`);
  return { peakRssMb: Number(kib) / 1024, ms, by: useTime ? '/usr/bin/time -v' : "the child's getrusage" };
}

/**
 * Transcript size: `emcee recap --format json --out` on 200 MB and 1 GB JSONL transcripts, as a child process,
 * peak resident memory beside the file size. The files are made in a temporary folder and deleted after.
 */
export async function benchTranscriptSize(): Promise<BenchResult> {
  const dir = scratchDir('transcript-size');
  const rows: BenchRow[] = [];
  const cases: Record<string, unknown>[] = [];
  try {
    for (const size of SIZES) {
      const transcript = join(dir, 'chat.jsonl');
      const out = join(dir, 'recap.json');
      const { messages } = writeLargeTranscript(transcript, size.bytes);
      const fileMb = statSync(transcript).size / MB;
      const run = await measureRecap(transcript, out);
      const outMb = statSync(out).size / MB;
      rmSync(transcript, { force: true });
      rmSync(out, { force: true });
      const met = size.rssTargetMb === undefined ? true : run.peakRssMb < size.rssTargetMb;
      rows.push({
        scenario:
          `Recap of a ${size.label} JSONL transcript (${messages.toLocaleString('en-US')} messages, ` +
          `${fmt(fileMb, 0)} MB; \`emcee recap --format json --out\`, ${binPath()})`,
        figure:
          `peak RSS ${fmt(run.peakRssMb, 0)} MB for a ${fmt(fileMb, 0)} MB file; ${fmt(run.ms / 1000, 1)} s; ` +
          `recap ${fmt(outMb, 0)} MB`,
        target:
          size.rssTargetMb === undefined ? 'completes (no string-size ceiling)' : `< ${size.rssTargetMb} MB peak RSS`,
        met,
        note: `peak memory by ${run.by}`,
      });
      const seconds = run.ms / 1000;
      cases.push({ label: size.label, fileMb, messages, peakRssMb: run.peakRssMb, seconds, recapMb: outMb });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, data: { cases } };
}

// Run on its own: `npx tsx bench/transcript-size.ts` prints the rows (BENCH_SIZES=200 runs only the first).
if (process.argv[1]?.endsWith('transcript-size.ts')) {
  if (process.env.BENCH_SIZES === '200') SIZES.splice(1);
  const result = await benchTranscriptSize();
  for (const row of result.rows) {
    console.log(`${row.met ? '✓' : '✗'} ${row.scenario}\n  ${row.figure} (target ${row.target})`);
  }
  console.log(JSON.stringify(result.data));
}
