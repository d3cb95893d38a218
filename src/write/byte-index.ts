/**
 * The distinct values of a growing UTF-8 dictionary, found by their bytes: an open-addressing hash
 * table of entry numbers over the dictionary's own value buffers, so an entry costs a few integers
 * beside the bytes the dictionary holds anyway (no JavaScript string or Map entry per value: a
 * hashed column's dictionary has as many entries as rows). Pure.
 */

/** Distinct byte strings, each with a number (a dictionary code). */
export class ByteIndex {
  /** The buffers entries live in (a dictionary's chunks); an entry names one and a byte range. */
  private readonly buffers: Uint8Array[] = [];
  private buffer = new Int32Array(1024);
  private start = new Int32Array(1024);
  private end = new Int32Array(1024);
  private hash = new Int32Array(1024);
  private value = new Int32Array(1024);
  /** Entry number + 1 per slot; 0 marks an empty slot. */
  private slots = new Int32Array(2048);
  /** Entries added. */
  size = 0;

  /** Registers a buffer entries will point into; returns its number for {@link ByteIndex.add}. */
  addBuffer(bytes: Uint8Array): number {
    this.buffers.push(bytes);
    return this.buffers.length - 1;
  }

  /** Points buffer `id` at a new array holding the same bytes (one grown by copying). */
  replaceBuffer(id: number, bytes: Uint8Array): void {
    this.buffers[id] = bytes;
  }

  /** The number given with the entry equal to `bytes[start, end)`, or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const h = hashOf(bytes, start, end);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = this.slots[slot] - 1;
      if (e < 0) return -1;
      if (this.hash[e] === h && this.equals(e, bytes, start, end)) return this.value[e];
    }
  }

  /** Adds the entry `buffers[buffer][start, end)` (not already present: see {@link ByteIndex.find}) with number `value` (at least 0). */
  add(buffer: number, start: number, end: number, value: number): void {
    if (this.size === this.start.length) this.growEntries();
    if ((this.size + 1) * 2 > this.slots.length) this.growSlots();
    const e = this.size++;
    const h = hashOf(this.buffers[buffer], start, end);
    this.buffer[e] = buffer;
    this.start[e] = start;
    this.end[e] = end;
    this.hash[e] = h;
    this.value[e] = value;
    this.place(e);
  }

  private equals(e: number, bytes: Uint8Array, start: number, end: number): boolean {
    const length = end - start;
    if (this.end[e] - this.start[e] !== length) return false;
    const own = this.buffers[this.buffer[e]];
    const at = this.start[e];
    for (let k = 0; k < length; k++) if (own[at + k] !== bytes[start + k]) return false;
    return true;
  }

  private place(e: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hash[e] & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = e + 1;
  }

  private growEntries(): void {
    const grow = (a: Int32Array) => {
      const grown = new Int32Array(a.length * 2);
      grown.set(a);
      return grown;
    };
    this.buffer = grow(this.buffer);
    this.start = grow(this.start);
    this.end = grow(this.end);
    this.hash = grow(this.hash);
    this.value = grow(this.value);
  }

  private growSlots(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let e = 0; e < this.size; e++) this.place(e);
  }
}

/** FNV-1a over `bytes[start, end)`, its bits mixed once more so that nearby values spread over the slots. */
function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ bytes[k], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}
