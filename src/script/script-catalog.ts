import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../errors/user-error.js';
import { loadScript, ScriptError, type ScriptProblem } from './load-script.js';
import type { ChatScript } from './script-schema.js';

/** A script that could not be loaded, in a shape an entry point can log or post to the hosts. */
export interface BrokenScript {
  /** Its name in the catalog ("weekly-chat"). */
  name: string;
  /** The file, as resolved. */
  file: string;
  /** Everything wrong with it, each with its line and field when known. */
  problems: ScriptProblem[];
}

/** A script that loaded, with its name in the catalog. */
export interface NamedScript {
  /** Its name in the catalog (the file name without .yaml). */
  name: string;
  /** The validated script. */
  script: ChatScript;
}

/** Every script of the catalog that loads, and the ones that do not. */
export interface CatalogLoad {
  /** Valid scripts, in name order. */
  loaded: NamedScript[];
  /** Scripts skipped, with their problems. */
  broken: BrokenScript[];
}

/** The chat scripts a host can start by name: the YAML files in a folder (prompts/ by default). */
export class ScriptCatalog {
  constructor(private readonly folder: string) {}

  /** Script names available, without the .yaml ending. */
  names(): string[] {
    if (!existsSync(this.folder)) return [];
    return readdirSync(this.folder)
      .filter((file) => /\.ya?ml$/.test(file))
      .map((file) => file.replace(/\.ya?ml$/, ''))
      .sort();
  }

  /** Resolves a name ("weekly-chat") or a path to a file; undefined when nothing matches. */
  pathOf(nameOrPath: string): string | undefined {
    const candidates = [nameOrPath, join(this.folder, `${nameOrPath}.yaml`), join(this.folder, `${nameOrPath}.yml`)];
    const found = candidates.find((candidate) => /\.ya?ml$/.test(candidate) && existsSync(candidate));
    return found ? resolve(found) : undefined;
  }

  /** Loads and validates a script by name or path; throws ScriptError with the details (UserError: no such script). */
  load(nameOrPath: string): ChatScript {
    const path = this.pathOf(nameOrPath);
    if (!path) {
      const known = this.names();
      throw new UserError(
        'SCRIPT_NOT_FOUND',
        `No chat script called "${nameOrPath}". ` +
          (known.length ? `Known scripts: ${known.join(', ')}.` : `Add one to ${this.folder}/.`),
      );
    }
    return loadScript(path);
  }

  /**
   * Loads every script (or those named), keeping going past broken ones: a serving bot skips a script
   * with a typo instead of refusing to start, and reports it. `emcee validate` stays strict with `load`.
   */
  loadAll(names: readonly string[] = this.names()): CatalogLoad {
    const loaded: NamedScript[] = [];
    const broken: BrokenScript[] = [];
    for (const name of names) {
      try {
        loaded.push({ name, script: this.load(name) });
      } catch (error) {
        if (!(error instanceof ScriptError)) throw error;
        broken.push({ name, file: error.file, problems: error.problems });
      }
    }
    return { loaded, broken };
  }
}

/**
 * One line for a skipped script: its file, the first problem's line and field, how many more there are,
 * and the command that lists them all.
 */
export function describeBrokenScript(script: BrokenScript): string {
  const first = script.problems[0];
  const where = `${script.file}${first?.line ? `:${first.line}` : ''}`;
  const what = first ? `${first.field || '(top level)'}: ${first.message}` : 'not a valid chat script';
  const more = script.problems.length > 1 ? ` (and ${script.problems.length - 1} more problem(s))` : '';
  return `Skipped the chat script ${where}  ${what}${more}; "emcee validate ${script.name}" lists every problem.`;
}
