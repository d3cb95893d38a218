/**
 * A string dictionary that only grows: a value keeps its code for the whole scan, so every batch
 * of a column (and of every file in the scan) shares one code space, and counting by code needs no
 * remapping between batches.
 */
import { Utf8, makeData, makeVector, type Vector } from 'apache-arrow';

const encoder = new TextEncoder();

/**
 * Codes strings in first-seen order and hands out the dictionary as an Arrow Utf8 vector. Each
 * vector is a zero-copy view of the values so far; later values are appended past its end (or
 * into a new, larger buffer), so a view handed out earlier never changes.
 */
export class GrowingDictionary {
  private readonly codes = new Map<string, number>();
  private offsets = new Int32Array(1025);
  private bytes = new Uint8Array(16_384);
  private byteLength = 0;
  private cached: Vector<Utf8> | undefined;

  /** Number of distinct values coded so far. */
  get size(): number {
    return this.codes.size;
  }

  /** The code of `value`, adding it when new. */
  code(value: string): number {
    const known = this.codes.get(value);
    return known === undefined ? this.add(value) : known;
  }

  /** The dictionary as it stands: value `i` is the string with code `i`. */
  vector(): Vector<Utf8> {
    const size = this.codes.size;
    if (this.cached?.length !== size) {
      this.cached = makeVector(
        makeData({ type: new Utf8(), length: size, valueOffsets: this.offsets.subarray(0, size + 1), data: this.bytes.subarray(0, this.byteLength) }),
      );
    }
    return this.cached;
  }

  private add(value: string): number {
    const code = this.codes.size;
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
