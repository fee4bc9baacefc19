import type { ArgSpec, CommandArgs } from './command-spec.js';

/** Typed words read by a command's specs, or the hint for the person who typed them. */
export type ParsedArgs = { ok: true; args: CommandArgs } | { ok: false; hint: string };

/** Reads typed words into named arguments by the command's specs; a problem names what to type instead. */
export function parseCommandArgs(specs: readonly ArgSpec[], words: readonly string[]): ParsedArgs {
  const parsed: CommandArgs = {};
  for (const [index, spec] of specs.entries()) {
    // The last text argument takes the rest of the line ("start weekly chat" names one script).
    const last = index === specs.length - 1;
    const raw = spec.kind === 'text' && last ? words.slice(index).join(' ') : words[index];
    if (raw === undefined || raw === '') {
      if (spec.default !== undefined) parsed[spec.name] = spec.default;
      else if (spec.required) return { ok: false, hint: spec.hint };
      continue;
    }
    if (spec.kind === 'text') {
      parsed[spec.name] = raw;
      continue;
    }
    const value = Number(raw);
    const inRange =
      Number.isInteger(value) &&
      (spec.min === undefined || value >= spec.min) &&
      (spec.max === undefined || value <= spec.max);
    if (!inRange) return { ok: false, hint: spec.hint };
    parsed[spec.name] = value;
  }
  return { ok: true, args: parsed };
}

/** "extend <minutes>" or "start <script>". */
export function usageOf(name: string, specs: readonly ArgSpec[]): string {
  return [name, ...specs.map((spec) => (spec.required ? `<${spec.name}>` : `[${spec.name}]`))].join(' ');
}

/** "extend 5", for a hint that shows a real example. */
export function exampleOf(name: string, specs: readonly ArgSpec[]): string {
  return [name, ...specs.map((spec) => spec.example)].join(' ');
}
