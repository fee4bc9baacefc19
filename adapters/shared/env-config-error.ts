import type { z } from 'zod';

/**
 * Turns a failed settings parse into one error that names each environment variable to fix, and says
 * whether it is missing or malformed.
 */
export function envConfigError(
  platform: string,
  issues: readonly z.core.$ZodIssue[],
  envNames: Record<string, string>,
  env: Record<string, string | undefined>,
): Error {
  const lines = issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    const name = envNames[field] ?? field;
    const missing = env[name] === undefined || env[name] === '';
    return `  ${name}: ${missing ? 'missing — ' : ''}${issue.message}`;
  });
  return new Error(`${platform} is not set up right (see README, "${platform}"):\n${lines.join('\n')}`);
}
