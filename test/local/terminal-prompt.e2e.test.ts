import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { screenWidth } from '../../adapters/local/screen-width.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { VirtualTerminal } from '../support/virtual-terminal.js';
import { waitFor } from '../support/wait-for.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const COLUMNS = 50;
const ROWS = 16;
// Wide characters and a symbol, so the prompt's widths are tested too; short enough for one row.
const ANSWER = 'Hi from a pty 你好 ✓ typed by hand';
// The room draws its status row between these (auto-wrap off, then on): one per status redraw.
const STATUS_DRAW = '\x1b[?7l';

/**
 * The real CLI in a pseudo-terminal (python3's pty module, through test/support/pty-run.py), its screen
 * kept by a VirtualTerminal: what a person at a terminal would see while typing as the room redraws.
 */
function runInTerminal(args: string[], env: Record<string, string>) {
  const vt = new VirtualTerminal(COLUMNS, ROWS);
  const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, ...inherited } = process.env;
  const child = spawn(
    'python3',
    [join(root, 'test/support/pty-run.py'), String(COLUMNS), String(ROWS), process.execPath, 'bin/emcee.js', ...args],
    { cwd: root, env: { ...inherited, TERM: 'xterm-256color', EMCEE_LOG_LEVEL: 'warn', ...env }, stdio: 'pipe' },
  );
  let raw = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    vt.write(chunk);
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    vt,
    exited,
    stderr: () => stderr,
    statusDraws: () => raw.split(STATUS_DRAW).length - 1,
    press: (keys: string) => child.stdin.write(keys),
    kill: () => child.kill(),
  };
}

describe('the terminal room in a real terminal (pty), end to end', () => {
  it('keeps typed text on its own prompt row while the status redraws, and takes the answer intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emcee-pty-'));
    const db = join(dir, 'emcee.db');
    const roomLog = join(dir, 'room.jsonl');
    const terminal = runInTerminal(
      ['run', 'demo', '--crowd', '3', '--speed', '1', '--db', db, '--room', roomLog, '--user', 'tester'],
      { EMCEE_RECAP_DIR: join(dir, 'recaps') },
    );
    const { vt } = terminal;
    const cursorRow = () => vt.screen()[vt.cursor().row] ?? '';
    const rowsWith = (text: string) => vt.history().filter((row) => row.includes(text));
    const statusRows = () => vt.history().filter((row) => row.startsWith('Community Chat (demo):'));

    try {
      await waitFor(() => rowsWith("emcee: Who's here?").length > 0 && cursorRow() === 'you ›', 'the prompt', 30_000);

      let redrawsWhileTyping = 0;
      for (let i = 1; i <= ANSWER.length; i++) {
        const typed = ANSWER.slice(0, i);
        terminal.press(ANSWER[i - 1]!);
        await waitFor(() => cursorRow() === `you › ${typed}`.trimEnd(), `the echo of "${typed}"`);
        if (i % 4 !== 0) continue;
        // Let the room redraw (status tick or a crowd message) with the answer half typed, then look.
        const before = terminal.statusDraws();
        await waitFor(() => terminal.statusDraws() > before, 'a status redraw', 5_000);
        redrawsWhileTyping += terminal.statusDraws() - before;
        const screen = vt.screen();
        const { row, col } = vt.cursor();
        expect(screen[row]).toBe(`you › ${typed}`.trimEnd());
        expect(col).toBe(screenWidth(`you › ${typed}`));
        expect(screen[row - 1]).toMatch(/^Community Chat \(demo\): .*…$/);
        expect(screenWidth(screen[row - 1]!)).toBeLessThan(COLUMNS);
        // Nothing typed leaked into a status row, and no old status or prompt was left behind.
        expect(statusRows()).toHaveLength(1);
        expect(rowsWith('you ›')).toHaveLength(1);
      }
      expect(redrawsWhileTyping).toBeGreaterThanOrEqual(Math.floor(ANSWER.length / 4));

      terminal.press('\r');
      await waitFor(() => rowsWith(`tester: ${ANSWER}`).length === 1, 'the answer shown as a chat line');
      // Joined without line breaks: the welcome may wrap in the middle of the name on a 50-column screen.
      await waitFor(() => vt.history().join('').includes('@tester'), 'the bot to welcome the person who typed');
      expect(cursorRow()).toBe('you ›');
      expect(rowsWith('you › Hi')).toHaveLength(0);
      const logged = readFileSync(roomLog, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(logged).toContainEqual(expect.objectContaining({ author: 'tester', text: ANSWER }));

      for (const key of '/end\r') terminal.press(key);
      expect(await terminal.exited).toBe(0);
    } finally {
      terminal.kill();
    }
    expect(terminal.stderr()).not.toMatch(/failed|Error/);
    // The prompt and status are gone: the terminal is left with the chat and the summary.
    expect(statusRows()).toHaveLength(0);
    expect(rowsWith('you ›')).toHaveLength(0);
    expect(vt.history().join('\n')).toMatch(/Chat finished: \d+ answers from \d+ participants/);
    expect(existsSync(join(dir, 'recaps'))).toBe(true);

    const store = ChatStore.open(db);
    const [session] = store.sessions.recent(1);
    expect(session).toMatchObject({ state: 'ended' });
    const rows = store.messages.forSession(session!.id);
    expect(rows).toContainEqual(expect.objectContaining({ author_id: 'local:tester', text: ANSWER }));
    store.close();
  }, 90_000);
});
