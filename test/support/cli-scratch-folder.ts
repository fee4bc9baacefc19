import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

/**
 * A scratch folder with the shipped weekly series in its prompts folder, and the in-process CLI pointed at it
 * (prompts, a database no test should touch unless it passes --db, silent logs). The caller unstubs the env.
 */
export function cliScratchFolder(name: string): { dir: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), `emcee-${name}-`));
  mkdirSync(join(dir, 'prompts'));
  copyFileSync(new URL('../../prompts/weekly-chat.yaml', import.meta.url), join(dir, 'prompts', 'weekly-chat.yaml'));
  vi.stubEnv('EMCEE_PROMPTS_DIR', join(dir, 'prompts'));
  vi.stubEnv('EMCEE_DB', join(dir, 'unused.db'));
  vi.stubEnv('EMCEE_LOG_LEVEL', 'silent');
  return { dir, db: join(dir, 'emcee.db') };
}
