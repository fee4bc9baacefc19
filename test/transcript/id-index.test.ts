import { describe, expect, it } from 'vitest';
import { IdIndex } from '../../src/transcript/id-index.js';

describe('the id index for repeats', () => {
  it('finds the first index of every repeated id among many, as a Map would, growing as it fills', () => {
    // Every seventh id repeats an earlier one; some are bare numbers.
    const idOf = (i: number) => (i % 7 === 3 ? `m${i - 3}` : i % 11 === 0 ? `${i}` : `m${i}`);
    const ids = Array.from({ length: 200_000 }, (_, i) => idOf(i));
    const kept: string[] = [];
    const index = new IdIndex((at) => kept[at]!);
    const map = new Map<string, number>();
    for (const id of ids) {
      const found = index.findOrAdd(id, kept.length);
      const expected = map.get(id);
      expect(found).toBe(expected ?? -1);
      if (expected === undefined) {
        map.set(id, kept.length);
        kept.push(id);
      }
    }
    expect(kept.length).toBe(map.size);
    expect(kept.length).toBeLessThan(ids.length);
  });
});
