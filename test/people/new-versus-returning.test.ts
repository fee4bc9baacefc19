import { describe, expect, it } from 'vitest';
import { newVersusReturning } from '../../src/people/new-versus-returning.js';

const chat = (sessionId: number, people: string[]) => ({
  sessionId,
  seriesId: 's',
  startedAt: sessionId * 1000,
  people: new Set(people),
});

describe('new versus returning', () => {
  it('counts someone new at their first chat and returning at each later one, even after a gap', () => {
    const split = newVersusReturning([chat(1, ['a', 'b']), chat(2, ['b', 'c']), chat(3, []), chat(4, ['a', 'c', 'd'])]);
    expect(split.map(({ sessionId, newcomers, returning }) => [sessionId, newcomers, returning])).toEqual([
      [1, 2, 0],
      [2, 1, 1],
      [3, 0, 0],
      [4, 1, 2],
    ]);
  });
});
