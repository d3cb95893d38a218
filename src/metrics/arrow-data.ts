/**
 * Low-level readers over one Arrow `Data` chunk (one column of one record batch). They expose the
 * typed arrays a kernel loops over, with Arrow's slicing rules applied once here: fixed-width
 * `values` already start at the slice, while bit-packed buffers (validity, booleans) are indexed
 * from `data.offset`.
 */
import { DataType, type Data } from 'apache-arrow';

/** The validity bitmap of `data` and the bit of row 0, or null when the chunk has no nulls. */
export function validity(data: Data): { bitmap: Uint8Array; offset: number } | null {
  if (data.nullCount <= 0 || !data.nullBitmap || data.nullBitmap.length === 0) return null;
  return { bitmap: data.nullBitmap, offset: data.offset };
}

/** Whether row `i` of a chunk with validity `valid` holds a value. */
export function isValid(valid: { bitmap: Uint8Array; offset: number } | null, i: number): boolean {
  if (valid === null) return true;
  const bit = valid.offset + i;
  return (valid.bitmap[bit >> 3] & (1 << (bit & 7))) !== 0;
}

/** Whether the type is a number fairaudit reads as a double (integers, floats, 64-bit integers). */
export function isNumericType(type: DataType): boolean {
  return DataType.isInt(type) || (DataType.isFloat(type) && type.precision !== 0);
}

/**
 * Copies a numeric chunk into `out` as doubles, NaN for nulls. 64-bit integers arrive as BigInt;
 * they are converted once here so kernels see plain numbers.
 */
export function readNumbers(data: Data, out: Float64Array): void {
  const n = data.length;
  const values = data.values as ArrayLike<number | bigint>;
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    for (let i = 0; i < n; i++) out[i] = Number(values[i]);
  } else {
    const numbers = values as ArrayLike<number>;
    for (let i = 0; i < n; i++) out[i] = numbers[i];
  }
  const valid = validity(data);
  if (valid !== null) for (let i = 0; i < n; i++) if (!isValid(valid, i)) out[i] = NaN;
}

/**
 * The numbers of a numeric chunk as doubles: the chunk's own values when they are doubles without
 * nulls (no copy), else {@link readNumbers} into `copy`, which must hold `data.length`.
 */
export function numbersOf(data: Data, copy: Float64Array): Float64Array<ArrayBufferLike> {
  const values = data.values as unknown;
  if (values instanceof Float64Array && validity(data) === null) return values;
  readNumbers(data, copy);
  return copy;
}

/** The boolean of row `i` of a Bool chunk (bit-packed, indexed from `data.offset`). */
export function readBool(data: Data, i: number): boolean {
  const bit = data.offset + i;
  return ((data.values as Uint8Array)[bit >> 3] & (1 << (bit & 7))) !== 0;
}

const decoder = new TextDecoder();

/** The string of row `i` of a Utf8 chunk, decoded from its bytes (used where no dictionary exists). */
export function readUtf8(data: Data, i: number): string {
  const offsets = data.valueOffsets as Int32Array;
  return decoder.decode((data.values as Uint8Array).subarray(offsets[i], offsets[i + 1]));
}

/** How a value is shown as a group or outcome value: strings as they are, numbers and booleans as text. */
export function valueText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? value : String(value);
}
