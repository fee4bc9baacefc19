import { expect } from 'vitest';
import { ChatStore } from '../../src/store/chat-store.js';
import { checkChaosChat, type ChaosFigures, type SaidLine } from './chaos-checks.js';
import type { ChaosFiles } from './local-chaos-chat.js';
import { RoomLogReader } from './room-log-reader.js';

/**
 * Checks a local chat that was killed and restarted until it finished (see checkChaosChat), the room log
 * standing for the platform: its lines in file order are the order things were said in.
 */
export function checkFinishedChaosChat(files: ChaosFiles, questions: number): ChaosFigures & { sessionId: number } {
  const lines: (SaidLine & { bot: boolean })[] = new RoomLogReader(files.room).entries().map((entry, index) => ({
    address: entry.id,
    authorId: entry.authorId,
    text: entry.text,
    thread: entry.replyTo,
    order: BigInt(index),
    bot: entry.bot,
  }));
  const names = new Map(new RoomLogReader(files.room).entries().map((entry) => [entry.authorId, entry.author]));
  const store = ChatStore.open(files.db);
  try {
    expect(store.sessions.unfinished(), 'no unfinished session is left').toEqual([]);
    const session = store.sessions.lastEndedOnChannel('local:room')!;
    const figures = checkChaosChat({
      store,
      sessionId: session.id,
      recapDir: files.recaps,
      questions,
      botLines: lines.filter((line) => line.bot),
      peopleLines: lines.filter((line) => !line.bot),
      mentionOf: (userAddress) => `@${names.get(userAddress)}`,
    });
    return { ...figures, sessionId: session.id };
  } finally {
    store.close();
  }
}
