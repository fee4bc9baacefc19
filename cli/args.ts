import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';

/** A command line that cannot be used; the message says which flag and what it takes. */
export class UsageError extends Error {
  /** Stable code for callers. */
  readonly code = 'USAGE';
}

/**
 * Parses flags with node's parseArgs, then validates them with a zod schema so that every flag has a
 * type, a default and a readable error.
 */
export function parseFlags<T extends z.ZodType>(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  schema: T,
): { flags: z.infer<T>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
  const result = schema.safeParse(parsed.values);
  if (!result.success) {
    throw new UsageError(result.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n'));
  }
  return { flags: result.data, positionals: parsed.positionals };
}
