import type { z } from 'zod';

/**
 * One environment variable, declared once: the config parsing, the error naming it, `.env.example` and the
 * README's configuration table all follow from this declaration (see cli/settings-catalog.ts).
 */
export interface Setting<K extends string = string, T extends z.ZodType = z.ZodType> {
  /** The environment variable, e.g. "EMCEE_DB". */
  name: string;
  /** The config field it fills, e.g. "botToken"; the core's fields are the variable names themselves. */
  key: K;
  /** Validates the value read (a zod schema, with its default when it has one). */
  schema: T;
  /** Turns the variable's text into the value the schema checks (numbers, lists, yes/no). */
  read: (text: string) => unknown;
  /** What it does, in a few words (README table, .env.example comment). */
  description: string;
  /** A token or password: never printed, shown masked. */
  secret: boolean;
  /** A value to show, commented out, in .env.example when it has no default. */
  example?: string;
}

/** How a setting's text becomes a value before validation. */
export const readAs = {
  text: (text: string): unknown => text,
  number: (text: string): unknown => (/^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text),
  list: (text: string): unknown =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  yesNo: (text: string): unknown => {
    const lower = text.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(lower)) return true;
    if (['0', 'false', 'no', 'off'].includes(lower)) return false;
    return text;
  },
};

/** Declares a core setting, whose config field is the variable's own name; `read` defaults to plain text. */
export function setting<const N extends string, T extends z.ZodType>(
  fields: { name: N; schema: T } & Omit<Setting, 'key' | 'schema' | 'name' | 'read' | 'secret'> &
    Partial<Pick<Setting, 'read' | 'secret'>>,
): Setting<N, T> {
  return { key: fields.name, read: readAs.text, secret: false, ...fields };
}

/** Declares an adapter's setting, which fills the config field `key`. */
export function settingFor<const K extends string, T extends z.ZodType>(
  key: K,
  fields: { schema: T } & Omit<Setting, 'key' | 'schema' | 'read' | 'secret'> &
    Partial<Pick<Setting, 'read' | 'secret'>>,
): Setting<K, T> {
  return { read: readAs.text, secret: false, ...fields, key };
}

/** The zod shape of a group of settings, keyed by config field. */
export type ShapeOf<S extends readonly Setting[]> = { [E in S[number] as E['key']]: E['schema'] };

/** The zod shape of a group of settings, keyed by config field. */
export function settingsShape<const S extends readonly Setting[]>(settings: S): ShapeOf<S> {
  return Object.fromEntries(settings.map((s) => [s.key, s.schema])) as ShapeOf<S>;
}

/** The settings' values from the environment, keyed by config field; empty strings count as unset. */
export function readSettings(
  settings: readonly Setting[],
  env: Record<string, string | undefined>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const s of settings) {
    const text = env[s.name];
    if (text !== undefined && text !== '') values[s.key] = s.read(text);
  }
  return values;
}

/** The default a setting takes when unset, as text; undefined when it has none. */
export function defaultOf(s: Setting): string | undefined {
  const result = s.schema.safeParse(undefined);
  if (!result.success || result.data === undefined) return undefined;
  if (Array.isArray(result.data)) return result.data.length > 0 ? result.data.join(',') : undefined;
  return String(result.data);
}

/** A group of settings that cannot be used; the message names each variable and the fix. */
export class SettingsError extends Error {
  /** Stable code for callers. */
  readonly code = 'CONFIG_INVALID';
}

/**
 * Turns a failed parse into one error naming each environment variable to fix, and whether it is missing
 * or malformed. `what` is "Slack", "Discord" or "Emcee"; `help` says where to read more.
 */
export function settingsError(
  what: string,
  issues: readonly z.core.$ZodIssue[],
  settings: readonly Setting[],
  env: Record<string, string | undefined>,
  help: string,
): SettingsError {
  const lines = issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    const name = settings.find((s) => s.key === field)?.name ?? field;
    const missing = env[name] === undefined || env[name] === '';
    return `  ${name}: ${missing ? 'missing — ' : ''}${issue.message}`;
  });
  return new SettingsError(`${what} is not set up right (${help}):\n${lines.join('\n')}`);
}
