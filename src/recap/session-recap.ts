import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Platform } from '../port.js';
import type { ChatStore } from '../store/chat-store.js';
import type { SessionRunner } from '../session/session-runner.js';
import { buildRecap } from './build-recap.js';
import { buildChannelRecap } from './channel-recap.js';
import { pickHighlights } from './highlights.js';
import { renderRecaps, type RenderExtras } from './render-recap.js';
import { sessionRecapInput } from './session-recap-input.js';

/** Writes a session's recap as md, html and json under `dir`; returns the paths, Markdown first. */
export function writeSessionRecap(store: ChatStore, sessionId: number, dir: string, extras: RenderExtras = {}): string[] {
  const input = sessionRecapInput(store, sessionId);
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (const [format, text] of renderRecaps(input, ['md', 'html', 'json'], extras)) {
    const path = join(dir, `session-${sessionId}.${format}`);
    writeFileSync(path, text);
    paths.push(path);
  }
  return paths;
}

/** Posts the short channel recap of a finished session (once: a restart does not post it again). */
export async function postChannelRecap(store: ChatStore, platform: Platform, session: SessionRunner): Promise<void> {
  const input = sessionRecapInput(store, session.id);
  const recap = buildRecap(input);
  const messages = buildChannelRecap(recap, pickHighlights(recap, input, 1), {
    maxLength: platform.limits.messageLength,
    quote: (text) => platform.quote(text),
  });
  for (const [index, text] of messages.entries()) await session.postOnce(`recap:${index}`, { kind: 'recap', text });
}
