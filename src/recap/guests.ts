import type { RecapInputGuest, RecapInputMessage } from './recap-input.js';

/**
 * Tells the guests' messages apart: by user address where the guest has one, else by name, which is how a
 * transcript names them ("@ana_l" and "Ana_L" are the same handle).
 */
export function guestMatcher(guests: readonly RecapInputGuest[] | undefined): (message: RecapInputMessage) => boolean {
  if (!guests?.length) return () => false;
  const ids = new Set(guests.flatMap((g) => (g.id ? [g.id] : [])));
  const names = new Set(guests.map((g) => handleKey(g.name)));
  return (message) =>
    (message.authorId !== undefined && ids.has(message.authorId)) || names.has(handleKey(message.author));
}

/** A name or handle compared without case, surrounding spaces or a leading "@". */
export function handleKey(name: string): string {
  return name.trim().replace(/^@/, '').toLowerCase();
}
