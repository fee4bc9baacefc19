import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { forgetPerson } from '../people/forget-person.js';
import type { CommandReply, InboundAuthor } from '../port.js';
import { writeSessionRecap } from '../recap/session-recap.js';
import type { ChatCommand, CommandServices } from './command-spec.js';
import { myDataFilePrefix } from './my-data-command.js';

const CONFIRM = 'confirm';

/**
 * `forget-me`: after a confirmation (a button, or "forget-me confirm" typed), erases the person's profile and the
 * text of their messages from the store, writes again the recaps of the chats they were in, and tells the hosts
 * that someone used it (never who, nor what they wrote).
 */
export const forgetMeCommand: ChatCommand = {
  name: 'forget-me',
  audience: 'everyone',
  summary: 'Erase what Emcee stores about me (asks first)',
  // "confirm" is read from the typed words, not declared: the usage hint and Discord's form offer the question first.
  args: [],
  relayFromCli: false,
  async run({ command, services }) {
    if (command.args[0]?.toLowerCase() === CONFIRM) {
      return forget(services, command.community, command.by);
    }
    return {
      ok: true,
      text:
        'This erases your profile and the text of every message you wrote in chats here, and takes you out of ' +
        'their recaps; counts keep a number without your name. It cannot be undone. ' +
        `To go ahead, press the button or type "forget-me ${CONFIRM}".`,
      items: [
        {
          text: 'Erase what Emcee stores about me',
          actions: [{ id: `forget-me:${CONFIRM}`, label: 'Forget me', style: 'danger' }],
        },
      ],
    };
  },
  async act({ action, services }, key) {
    if (key !== CONFIRM) return { ok: false, text: 'This button is out of date: run "forget-me" again.' };
    return forget(services, action.community, action.by);
  },
};

async function forget(services: CommandServices, community: string, person: InboundAuthor): Promise<CommandReply> {
  const outcome = await forgetPerson(services.store, {
    community,
    user: person.id,
    mentionOf: (name) => services.mentionOf(person.id, name),
  });
  // Live views keep recent messages for browsers that reconnect: theirs go too.
  services.live?.publish({ kind: 'forgotten', community, userId: person.id, rehearsal: false });
  const rewritten = rewriteRecaps(services, outcome.recapSessions);
  removeDataFiles(services, person.id);
  await services.tellHosts({
    text:
      'Someone used forget-me: their profile and the text of their messages were erased from the store' +
      (outcome.recapSessions.length > 0 ? `, and the recap files of ${chats(outcome.recapSessions.length)}` : '') +
      ' were written again without them. Recaps already shared elsewhere are not changed.',
  });
  const notes = [
    rewritten.failed > 0 ? `The recap files of ${chats(rewritten.failed)} could not be written again yet.` : '',
    outcome.compactionProblem
      ? `The erased bytes leave the database file once it is compacted (${outcome.compactionProblem}).`
      : '',
  ].filter(Boolean);
  return {
    ok: true,
    text:
      `Done: your profile and the text of your ${outcome.messages} message${outcome.messages === 1 ? '' : 's'} ` +
      `are erased, and the recaps of ${chats(rewritten.written)} written again without you.` +
      (notes.length ? ` ${notes.join(' ')}` : ''),
  };
}

// Their my-data files written beside the recaps (the local room) go too.
function removeDataFiles(services: CommandServices, user: string): void {
  const dir = services.recapDir;
  if (!dir || !existsSync(dir)) return;
  const prefix = myDataFilePrefix(user);
  for (const file of readdirSync(dir)) if (file.startsWith(prefix)) rmSync(join(dir, file), { force: true });
}

function rewriteRecaps(services: CommandServices, sessions: readonly number[]): { written: number; failed: number } {
  const dir = services.recapDir;
  if (!dir) return { written: 0, failed: 0 };
  let failed = 0;
  for (const session of sessions) {
    try {
      writeSessionRecap(services.store, session, dir);
    } catch {
      failed++;
    }
  }
  return { written: sessions.length - failed, failed };
}

function chats(count: number): string {
  return `${count} chat${count === 1 ? '' : 's'}`;
}
