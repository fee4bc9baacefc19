import { accessSync, constants, mkdirSync } from 'node:fs';
import { folderFailure } from '../src/errors/explain-failure.js';

/**
 * Makes sure `folder` exists and can be written, creating it if needed; otherwise throws a UserError naming
 * the folder and the setting that chose it (so a bad folder stops start-up, not the end of a chat).
 */
export function ensureWritableFolder(folder: string, purpose: string, setting: string): void {
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw folderFailure(folder, purpose, setting, error);
  }
}
