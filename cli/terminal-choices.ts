/** How the terminal room should draw and read, decided from the environment by the entry point. */
export interface TerminalChoices {
  /** ANSI colours on the room's output. */
  colors: boolean;
  /** A line-editing prompt under the status line (needs a terminal both ways). */
  interactive: boolean;
}

/**
 * Colour follows no-color.org and the FORCE_COLOR convention: NO_COLOR with any non-empty value turns it
 * off (and wins, as a person's explicit "no"); FORCE_COLOR turns it on even into a pipe, unless it is
 * "0" or "false"; otherwise colour only on a terminal that is not TERM=dumb.
 */
export function chooseColors(env: Record<string, string | undefined>, outputIsTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return outputIsTTY && env.TERM !== 'dumb';
}

/** The choices for a room reading `input` and drawing on `output`. */
export function terminalChoices(
  env: Record<string, string | undefined>,
  input: { isTTY?: boolean },
  output: { isTTY?: boolean },
): TerminalChoices {
  const tty = Boolean(output.isTTY);
  return {
    colors: chooseColors(env, tty),
    // A dumb terminal cannot move the cursor, so it gets plain line-by-line reading.
    interactive: Boolean(input.isTTY) && tty && env.TERM !== 'dumb',
  };
}
