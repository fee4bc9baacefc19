import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Platform } from '../port.js';
import type { ChatStore } from '../store/chat-store.js';
import type { SessionRunner } from '../session/session-runner.js';
import { buildRecap } from './build-recap.js';
import { buildChannelRecap } from './channel-recap.js';
import { pickHighlights } from './highlights.js';
import { renderRecapChunks, type RenderExtras } from './render-recap.js';
import { sessionRecapInput } from './session-recap-input.js';
import { type FileCalls, FileWriteError, plainCause, writeFileAtomically } from './write-file-atomically.js';

/**
 * Writes a session's recap as md, html and json under `dir`, each atomically (a failed write leaves the earlier
 * file as it was and throws FileWriteError); returns the paths, Markdown first.
 */
export function writeSessionRecap(
  store: ChatStore,
  sessionId: number,
  dir: string,
  extras: RenderExtras = {},
  calls?: FileCalls,
): string[] {
  const input = sessionRecapInput(store, sessionId);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new FileWriteError(dir, plainCause(error));
  }
  return (['md', 'html', 'json'] as const).map((format) => {
    const path = join(dir, `session-${sessionId}.${format}`);
    writeFileAtomically(path, renderRecapChunks(input, format, extras), calls);
    return path;
  });
}

/** Posts the short channel recap of a finished session (once: a restart does not post it again). */
export async function postChannelRecap(store: ChatStore, platform: Platform, session: SessionRunner): Promise<void> {
  const input = sessionRecapInput(store, session.id, { community: false });
  const recap = buildRecap(input);
  const messages = buildChannelRecap(recap, pickHighlights(recap, input, 1), {
    maxLength: platform.limits.messageLength,
    quote: (text) => platform.quote(text),
    rehearsal: session.rehearsal,
  });
  for (const [index, text] of messages.entries()) await session.postOnce(`recap:${index}`, { kind: 'recap', text });
}
