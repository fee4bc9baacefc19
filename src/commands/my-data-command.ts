import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { personalData } from '../people/personal-data.js';
import { writeFileAtomically } from '../recap/write-file-atomically.js';
import type { ChatCommand } from './command-spec.js';

/**
 * `my-data`: a JSON file of everything Emcee stores about the person, in a direct message; in the local room
 * (no direct messages) the file is written beside the recaps and its path given.
 */
export const myDataCommand: ChatCommand = {
  name: 'my-data',
  audience: 'everyone',
  summary: 'Everything Emcee stores about me, as a file in a direct message',
  args: [],
  relayFromCli: false,
  async run({ command, services }) {
    // A message of theirs still waiting for the database belongs in the file.
    await services.store.writes.settled();
    const data = personalData(services.store, command.community, command.by.id);
    const day = new Date(services.clock.now()).toISOString().slice(0, 10);
    const name = `${myDataFilePrefix(command.by.id)}${day}.json`;
    const content = `${JSON.stringify(data, null, 2)}\n`;
    const summary =
      `${data.messages.length} message${data.messages.length === 1 ? '' : 's'} in ` +
      `${data.sessions.length} chat${data.sessions.length === 1 ? '' : 's'}`;
    const sent = await services.sendPrivately(command.by.id, {
      text: `Everything Emcee stores about you here (${summary}). "forget-me" erases it.`,
      files: [{ name, content, mimeType: 'application/json' }],
    });
    if (sent) return { ok: true, text: `Sent you a direct message with your data (${summary}).` };
    if (!services.recapDir) {
      return { ok: false, text: 'I could not send you a direct message here, and no folder is set for files.' };
    }
    try {
      mkdirSync(services.recapDir, { recursive: true });
      const path = join(services.recapDir, name);
      writeFileAtomically(path, content);
      return { ok: true, text: `Your data (${summary}) is in ${path}` };
    } catch (error) {
      return { ok: false, text: `I could not write your data: ${error instanceof Error ? error.message : error}` };
    }
  },
};

/**
 * The start of a person's my-data file name: a digest of their address, so forget-me can find their files beside
 * the recaps without the name showing who they are.
 */
export function myDataFilePrefix(user: string): string {
  return `emcee-my-data-${createHash('sha256').update(user).digest('hex').slice(0, 12)}-`;
}
