import { z } from 'zod';
import { describeCurrentSettings, renderEnvExample, renderSettingsTable } from '../../src/config/render-settings.js';
import { parseFlags } from '../args.js';
import { loadEnvironment } from '../environment.js';
import { SETTINGS_GROUPS } from '../settings-catalog.js';
import type { CommandIO } from './command-io.js';

/** Help for `emcee settings`. */
export const SETTINGS_HELP = `emcee settings [--env-example | --markdown]

Lists every setting Emcee reads, with its value from the environment or .env (tokens masked) or the
default it takes.

  --env-example   print a fresh .env.example (every setting, commented where it has no default)
  --markdown      print the README's configuration table`;

const flagsSchema = z.object({
  'env-example': z.boolean().optional(),
  markdown: z.boolean().optional(),
  help: z.boolean().optional(),
});

/** Prints the settings, or the documents generated from their declarations. */
export async function settingsCommand(argv: string[], io: CommandIO): Promise<number> {
  const { flags } = parseFlags(
    argv,
    { 'env-example': { type: 'boolean' }, markdown: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    flagsSchema,
  );
  if (flags.help) io.stdout.write(`${SETTINGS_HELP}\n`);
  else if (flags['env-example']) io.stdout.write(renderEnvExample(SETTINGS_GROUPS));
  else if (flags.markdown) io.stdout.write(`${renderSettingsTable(SETTINGS_GROUPS)}\n`);
  else io.stdout.write(`${describeCurrentSettings(SETTINGS_GROUPS, loadEnvironment().env)}\n`);
  return 0;
}
