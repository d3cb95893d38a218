/**
 * The distinct values of a growing UTF-8 dictionary, found by their bytes: an open-addressing hash
 * table of entries over the dictionary's own value buffers, so an entry costs a few integers
 * beside the bytes the dictionary holds anyway (no JavaScript string or Map entry per value: a
 * hashed column's dictionary has as many entries as rows). Each slot holds its entry's hash beside
 * it, and each entry's fields sit together, so a lookup touches memory in few places. Pure.
 */

/** Distinct byte strings, each with a number (a dictionary code). */
export class ByteIndex {
  /** The buffers entries live in (a dictionary's chunks). */
  private readonly buffers: Uint8Array[] = [];
  /** Per entry, four integers: buffer, start, end, number. */
  private entries = new Int32Array(4 * 1024);
  /** Per slot, two integers: the entry's hash and the entry + 1 (0: an empty slot). */
  private slots = new Int32Array(2 * 2048);
  /** The hash of the bytes {@link ByteIndex.find} looked for last. */
  private lastHash = 0;
  /** Entries held. */
  size = 0;

  /** Registers a buffer entries will point into; returns its number for {@link ByteIndex.addFound}. */
  addBuffer(bytes: Uint8Array): number {
    this.buffers.push(bytes);
    return this.buffers.length - 1;
  }

  /** Points buffer `id` at a new array holding the same bytes at the same places. */
  replaceBuffer(id: number, bytes: Uint8Array): void {
    this.buffers[id] = bytes;
  }

  /** The number given with the entry equal to `bytes[start, end)`, or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const h = hashOf(bytes, start, end);
    this.lastHash = h;
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = slots[2 * slot + 1] - 1;
      if (e < 0) return -1;
      if (slots[2 * slot] === h && this.equals(e, bytes, start, end)) return this.entries[4 * e + 3];
    }
  }

  /**
   * Adds the entry `buffers[buffer][start, end)` with number `value`: the bytes that the last
   * {@link ByteIndex.find} looked for and did not find (its hash is reused).
   */
  addFound(buffer: number, start: number, end: number, value: number): void {
    if (4 * (this.size + 1) > this.entries.length) {
      const grown = new Int32Array(this.entries.length * 2);
      grown.set(this.entries);
      this.entries = grown;
    }
    if ((this.size + 1) * 2 > this.slots.length >> 1) this.growSlots();
    const e = this.size++;
    const at = 4 * e;
    this.entries[at] = buffer;
    this.entries[at + 1] = start;
    this.entries[at + 2] = end;
    this.entries[at + 3] = value;
    this.place(e, this.lastHash);
  }

  private equals(e: number, bytes: Uint8Array, start: number, end: number): boolean {
    const entries = this.entries;
    const at = entries[4 * e + 1];
    const length = end - start;
    if (entries[4 * e + 2] - at !== length) return false;
    const own = this.buffers[entries[4 * e]];
    for (let k = 0; k < length; k++) if (own[at + k] !== bytes[start + k]) return false;
    return true;
  }

  private place(e: number, h: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = h & mask;
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = h;
    slots[2 * slot + 1] = e + 1;
  }

  private growSlots(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let s = 0; s < old.length; s += 2) if (old[s + 1] !== 0) this.place(old[s + 1] - 1, old[s]);
  }
}

/** A Murmur3-style hash of `bytes[start, end)`, four bytes a step. */
function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  let k = start;
  for (; k + 4 <= end; k += 4) {
    let w = bytes[k] | (bytes[k + 1] << 8) | (bytes[k + 2] << 16) | (bytes[k + 3] << 24);
    w = Math.imul(w, 0xcc9e2d51);
    w = (w << 15) | (w >>> 17);
    h ^= Math.imul(w, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  for (; k < end; k++) h = Math.imul(h ^ bytes[k], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
