/**
 * A string dictionary that only grows: a value keeps its code for the whole scan, so every batch
 * of a column (and of every file in the scan) shares one code space, and counting by code needs no
 * remapping between batches.
 *
 * It grows only up to a bound: a column with more distinct values than {@link DICTIONARY_BOUND}
 * (or `FAIRAUDIT_DICTIONARY_BOUND`, read by the scan context in ./file-reader.ts),
 * or more than half as many as its rows once {@link RATIO_MIN_ROWS} rows were coded (an id, an
 * e-mail), is {@link GrowingDictionary.spilled}: its builders carry the following batches as plain
 * Utf8 bytes and the map of values is let go, so memory stays bounded whatever the cardinality.
 */
import { Utf8, makeData, makeVector, type Vector } from 'apache-arrow';

const encoder = new TextEncoder();

/** Most distinct values a column is dictionary-coded with; past it the column goes plain. */
export const DICTIONARY_BOUND = 65_536;

/**
 * Rows coded before the ratio rule applies (a small file's column of mostly distinct values stays
 * coded: nothing is gained by spilling it).
 */
export const RATIO_MIN_ROWS = 16_384;

/**
 * Codes strings in first-seen order and hands out the dictionary as an Arrow Utf8 vector. Each
 * vector is a zero-copy view of the values so far; later values are appended past its end (or
 * into a new, larger buffer), so a view handed out earlier never changes.
 */
export class GrowingDictionary {
  private readonly codes = new Map<string, number>();
  private count = 0;
  private rows = 0;
  private isSpilled = false;
  private offsets = new Int32Array(1025);
  private bytes = new Uint8Array(16_384);
  private byteLength = 0;
  private cached: Vector<Utf8> | undefined;

  /** @param bound Most distinct values coded (default {@link DICTIONARY_BOUND}). */
  constructor(private readonly bound = DICTIONARY_BOUND) {}

  /** Number of distinct values coded so far. */
  get size(): number {
    return this.count;
  }

  /** Whether the column passed the bound: its batches from now on are plain Utf8, not codes. */
  get spilled(): boolean {
    return this.isSpilled;
  }

  /**
   * Whether the dictionary passes its bound with `pending` more rows coded than recorded by
   * {@link GrowingDictionary.settle} (see the module comment).
   */
  passesBound(pending = 0): boolean {
    const rows = this.rows + pending;
    return this.count > this.bound || (rows >= RATIO_MIN_ROWS && this.count * 2 > rows);
  }

  /**
   * Records that a batch of `rows` rows was coded, and spills the dictionary when it passed the
   * bound. Returns {@link GrowingDictionary.spilled}.
   */
  settle(rows: number): boolean {
    if (!this.isSpilled && this.passesBound(rows)) this.spill();
    this.rows += rows;
    return this.isSpilled;
  }

  /** Stops coding new values. The vectors handed out so far stay valid; only the map of values is dropped. */
  spill(): void {
    this.isSpilled = true;
    this.codes.clear();
  }

  /** Where the UTF-8 bytes of the value with code `code` lie in {@link GrowingDictionary.bytesOf}. */
  startOf(code: number): number {
    return this.offsets[code];
  }

  /** The bytes of all values, value `code` from `startOf(code)` to `startOf(code + 1)`. */
  get bytesOf(): Uint8Array {
    return this.bytes;
  }

  /** The code of `value`, adding it when new. */
  code(value: string): number {
    const known = this.codes.get(value);
    if (known !== undefined) return known;
    if (this.isSpilled) throw new Error('a spilled dictionary codes no new values');
    return this.add(value);
  }

  /** The dictionary as it stands: value `i` is the string with code `i`. */
  vector(): Vector<Utf8> {
    const size = this.count;
    if (this.cached?.length !== size) {
      this.cached = makeVector(
        makeData({ type: new Utf8(), length: size, valueOffsets: this.offsets.subarray(0, size + 1), data: this.bytes.subarray(0, this.byteLength) }),
      );
    }
    return this.cached;
  }

  private add(value: string): number {
    const code = this.count++;
    if (code + 1 >= this.offsets.length) this.offsets = grown(this.offsets, code + 2);
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const room = this.byteLength + value.length * 3;
    if (room > this.bytes.length) this.bytes = grown(this.bytes, room);
    const { written } = encoder.encodeInto(value, this.bytes.subarray(this.byteLength));
    this.byteLength += written;
    this.offsets[code + 1] = this.byteLength;
    this.codes.set(value, code);
    return code;
  }
}

function grown<T extends Int32Array | Uint8Array>(array: T, atLeast: number): T {
  const next = new (array.constructor as new (n: number) => T)(Math.max(atLeast, array.length * 2));
  next.set(array);
  return next;
}
