import type { ChatStore } from '../src/store/chat-store.js';

/** Writes a finished session's recap files and returns their paths. */
export async function writeSessionRecap(_store: ChatStore, _sessionId: number, _dir: string): Promise<string[]> {
  return [];
}
