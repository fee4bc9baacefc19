import { createInterface, type Interface } from 'node:readline';
import { displayPosition } from './screen-width.js';
import type { LiveInput, TerminalOutput } from './terminal-output.js';

/** Settings for the prompt the person types at. */
export interface PromptLineConfig {
  /** The keyboard: a TTY (readline puts it in raw mode to edit the line). */
  input: NodeJS.ReadableStream;
  /** The screen the room is drawn on, shared with `terminal`. */
  output: NodeJS.WritableStream & { columns?: number };
  /** The room's output, which keeps the prompt under its status line. */
  terminal: TerminalOutput;
  /** What the prompt says, e.g. "you › ". */
  prompt: string;
  /** Called with each line typed. */
  onLine: (line: string) => void;
  /** Called when the person presses Ctrl-C (the keyboard is raw, so the terminal sends no SIGINT). */
  onInterrupt: () => void;
}

/**
 * A line-editing prompt under the room's status line. Readline echoes and edits the line; the room's
 * output clears it before each redraw and has it drawn again, with the partly typed text and the cursor
 * where they were, so chat and status never land in what is being typed.
 */
export class PromptLine implements LiveInput {
  private readonly readline: Interface;
  // Rows a just-submitted line left on screen above the cursor (readline moved to a fresh row after it).
  private submittedRows = 0;

  constructor(private readonly config: PromptLineConfig) {
    const { input, output, prompt } = config;
    this.readline = createInterface({ input, output, prompt, terminal: true });
    this.readline.on('line', (line) => {
      // Enter left the typed line on screen; it is taken away, as the room shows it as a chat line.
      this.submittedRows = displayPosition(config.prompt + line, this.columns()).rows + 1;
      config.terminal.interject(() => undefined);
      config.onLine(line);
    });
    this.readline.on('SIGINT', () => config.onInterrupt());
    this.readline.on('close', () => config.terminal.detachInput());
    config.terminal.attachInput(this);
  }

  rowsAboveCursor(): number {
    return this.submittedRows + this.readline.getCursorPos().rows;
  }

  render(): void {
    this.submittedRows = 0;
    // prompt(true) redraws in place: it first climbs the rows it believes the cursor is below the prompt's
    // start (its prevRows). The cursor is at the start now, so as many fresh rows are made for it to climb.
    // prevRows is read, not assumed: readline leaves it stale after a paste that wraps (it does not count
    // the rows of all but a paste's last character), and this redraw puts it right again.
    const climb = (this.readline as unknown as { prevRows?: number }).prevRows ?? this.readline.getCursorPos().rows;
    this.config.output.write('\n'.repeat(climb));
    this.readline.prompt(true);
  }

  /** Closes the prompt and gives the keyboard back (raw mode off). */
  close(): void {
    this.readline.close();
  }

  private columns(): number {
    return this.config.output.columns || Infinity;
  }
}
