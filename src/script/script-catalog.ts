import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadScript } from './load-script.js';
import type { ChatScript } from './script-schema.js';

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

  /** Loads and validates a script by name or path; throws ScriptError with the details. */
  load(nameOrPath: string): ChatScript {
    const path = this.pathOf(nameOrPath);
    if (!path) {
      const known = this.names();
      throw new Error(
        `No chat script called "${nameOrPath}". ` +
          (known.length ? `Known scripts: ${known.join(', ')}.` : `Add one to ${this.folder}/.`),
      );
    }
    return loadScript(path);
  }
}
