/**
 * Finds the first message with a given id, for spotting repeats in a transcript of millions of lines. An
 * open-addressing table of message indexes in one Int32Array: a Map of a million ids cost some 60 MB and as
 * much again in the tables it outgrew; this costs 4 bytes a slot, the ids themselves being already held.
 */
export class IdIndex {
  private slots = new Int32Array(1 << 16);
  private count = 0;

  /** `idOf(index)` reads the id of an indexed message back, to tell ids that share a hash apart. */
  constructor(private readonly idOf: (index: number) => string) {}

  /** The index stored for `id`, or -1 after storing `index` for it. */
  findOrAdd(id: string, index: number): number {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    for (let slot = hash(id) & mask; ; slot = (slot + 1) & mask) {
      const stored = this.slots[slot]!;
      if (stored === 0) {
        this.slots[slot] = index + 1;
        this.count++;
        return -1;
      }
      if (this.idOf(stored - 1) === id) return stored - 1;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    const mask = this.slots.length - 1;
    for (const stored of old) {
      if (stored === 0) continue;
      let slot = hash(this.idOf(stored - 1)) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = stored;
    }
  }
}

// FNV-1a over UTF-16 units: fast, and spreads ids like "m1", "m2"… evenly.
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
