/**
 * A batch of strings kept as UTF-8 bytes and offsets — Arrow's Utf8 layout — for a column whose
 * dictionary was spilled (see ./dictionary.ts): a field is copied straight from the input buffer,
 * with no decoding to a JS string and no map lookup, so a unique column costs a memcpy per value.
 */
import { Utf8, makeData, type Data } from 'apache-arrow';

/** Bytes reserved per row when a batch starts (grown by doubling when values are longer). */
const BYTES_PER_ROW = 24;

/** The values of one batch of a plain string column; rows without a value are empty (and null in the validity). */
export class Utf8Bytes {
  private offsets: Int32Array;
  private bytes: Uint8Array;
  private end = 0;

  /** @param reuse Keep the same buffers for every batch (a flushed batch is valid until the next flush). */
  constructor(
    private readonly capacity: number,
    private readonly reuse: boolean,
  ) {
    this.offsets = new Int32Array(capacity + 1);
    this.bytes = new Uint8Array(capacity * BYTES_PER_ROW);
  }

  /** Sets row `row` to the bytes `source[start, end)`. Rows are set in order, from 0. */
  setBytes(row: number, source: Uint8Array, start: number, end: number): void {
    const at = this.end;
    const after = at + (end - start);
    if (after > this.bytes.length) this.grow(after);
    // Short values (the usual field) copy faster by hand than through a subarray view.
    if (end - start <= 64) {
      const bytes = this.bytes;
      for (let k = start, to = at; k < end; k++, to++) bytes[to] = source[k];
    } else this.bytes.set(source.subarray(start, end), at);
    this.end = after;
    this.offsets[row + 1] = after;
  }

  /** Sets row `row` to the UTF-8 encoding of `text`. */
  setText(row: number, text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const room = this.end + text.length * 3;
    if (room > this.bytes.length) this.grow(room);
    this.end += encoder.encodeInto(text, this.bytes.subarray(this.end)).written;
    this.offsets[row + 1] = this.end;
  }

  /** Sets row `row` to no bytes (a null, or an empty string). */
  setEmpty(row: number): void {
    this.offsets[row + 1] = this.end;
  }

  /** Drops the rows from `length` on. */
  truncate(length: number): void {
    this.end = this.offsets[length];
  }

  /** The first `length` rows as a Utf8 chunk with the given validity; the next batch starts empty. */
  flush(length: number, nullCount: number, nullBitmap: Uint8Array | undefined): Data<Utf8> {
    const data = makeData({
      type: new Utf8(),
      length,
      nullCount,
      nullBitmap,
      valueOffsets: this.offsets.subarray(0, length + 1),
      data: this.bytes.subarray(0, this.end),
    });
    if (!this.reuse) {
      this.offsets = new Int32Array(this.capacity + 1);
      this.bytes = new Uint8Array(Math.max(this.capacity * BYTES_PER_ROW, this.end));
    }
    this.end = 0;
    return data;
  }

  private grow(atLeast: number): void {
    const next = new Uint8Array(Math.max(atLeast, this.bytes.length * 2));
    next.set(this.bytes.subarray(0, this.end));
    this.bytes = next;
  }
}

const encoder = new TextEncoder();
