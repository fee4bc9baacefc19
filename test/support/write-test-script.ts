import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadScript } from '../../src/script/load-script.js';
import { scriptSchema, type ChatScript } from '../../src/script/script-schema.js';

const promptsDir = new URL('../../prompts/', import.meta.url).pathname;

/** A shipped script (`prompts/<name>.yaml`), validated: the base a test changes field by field. */
export function shippedScript(name: 'demo' | 'weekly-chat'): ChatScript {
  return loadScript(join(promptsDir, `${name}.yaml`));
}

/**
 * Writes `script` as `<dir>/<id>.yaml` and returns the path. Tests build their script as a typed object
 * rather than by editing the YAML text, so a reworded shipped script can never turn an edit into a no-op;
 * it is validated first, so a test that builds a bad script fails here, naming the field.
 */
export function writeTestScript(dir: string, script: ChatScript): string {
  const valid = scriptSchema.parse(script);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${valid.id}.yaml`);
  writeFileSync(file, stringify(valid));
  return file;
}

/** `text` with `from` replaced by `to`; throws when `from` is absent, so an edit can never silently do nothing. */
export function replaceOrThrow(text: string, from: string | RegExp, to: string): string {
  const found = typeof from === 'string' ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`test edit found nothing to replace: ${String(from)}`);
  return text.replace(from, to);
}
