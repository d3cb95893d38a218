/**
 * Reading sampled cells out of Arrow record batches as plain values, straight from the Arrow
 * buffers: the samplers (src/load/sample.ts, src/load/parquet/sample.ts) decode only the rows
 * they keep, and discovery's rules see only these plain values. Pure.
 */
import { DataType, Precision, type Data, type RecordBatch, type Vector } from 'apache-arrow';

/** A sampled cell: strings, numbers (dates as epoch milliseconds), booleans, or null. */
export type SampledValue = string | number | boolean | null;

/** What the values of a column are, as far as the discovery rules care. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'date' | 'other';

/** A reader of one cell by its index in the batch. */
export type CellReader = (index: number) => SampledValue;

/** Decoded dictionary entries, per dictionary, shared across the batches that share it. */
export type DictionaryCache = WeakMap<object, SampledValue[]>;

/** What the values of an Arrow type are, as far as the discovery rules care. */
export function valueKind(type: DataType): ValueKind {
  const t = DataType.isDictionary(type) ? type.dictionary : type;
  if (DataType.isUtf8(t) || DataType.isLargeUtf8(t)) return 'string';
  if (DataType.isInt(t) || DataType.isFloat(t) || DataType.isDecimal(t)) return 'number';
  if (DataType.isBool(t)) return 'boolean';
  if (DataType.isDate(t) || DataType.isTimestamp(t)) return 'date';
  return 'other';
}

/** The column `name` of `batch`; an Error when the batch lacks it (a loader broke its contract). */
export function childByName(batch: RecordBatch, name: string): Vector {
  const index = batch.schema.fields.findIndex((f) => f.name === name);
  const child = index < 0 ? null : batch.getChildAt(index);
  if (!child) throw new Error(`record batch lacks column "${name}" announced by the schema`);
  return child;
}

/**
 * A reader of the cells of `vector` by index. Dictionary columns decode each entry once, on
 * first use, into `dictionaries`; text is decoded from its UTF-8 bytes only when read.
 */
export function readerFor(vector: Vector, dictionaries: DictionaryCache): CellReader {
  if (vector.data.length !== 1) return (i) => plain(vector.get(i));
  const data: Data = vector.data[0];
  const type = data.type as DataType;
  const valid = validity(data);
  if (DataType.isDictionary(type) && data.dictionary) {
    const dictionary = data.dictionary;
    let decoded = dictionaries.get(dictionary);
    if (!decoded) dictionaries.set(dictionary, (decoded = new Array<SampledValue | undefined>(dictionary.length).fill(undefined) as SampledValue[]));
    const cache = decoded;
    const codes = data.values as ArrayLike<number | bigint>;
    return (i) => {
      if (!valid(i)) return null;
      const code = Number(codes[i]);
      if (cache[code] === undefined) cache[code] = plain(dictionary.get(code));
      return cache[code];
    };
  }
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) {
    const values = data.values as Uint8Array;
    // Buffer#toString decodes short strings faster than TextDecoder on a fresh subarray.
    const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    const offsets = data.valueOffsets as Int32Array | BigInt64Array;
    if (offsets instanceof Int32Array) return (i) => (valid(i) ? bytes.toString('utf8', offsets[i], offsets[i + 1]) : null);
    return (i) => (valid(i) ? bytes.toString('utf8', Number(offsets[i]), Number(offsets[i + 1])) : null);
  }
  if ((DataType.isInt(type) || DataType.isFloat(type)) && !(DataType.isFloat(type) && type.precision === Precision.HALF)) {
    const values = data.values as ArrayLike<number | bigint>;
    return (i) => (valid(i) ? Number(values[i]) : null);
  }
  if (DataType.isBool(type)) {
    const bits = data.values as Uint8Array;
    return (i) => {
      if (!valid(i)) return null;
      const at = data.offset + i;
      return ((bits[at >> 3] >> (at & 7)) & 1) === 1;
    };
  }
  return (i) => (valid(i) ? plain(vector.get(i)) : null);
}

/** Whether cell i is non-null, read from the validity bitmap (no per-cell type dispatch). */
function validity(data: Data): (i: number) => boolean {
  const bitmap = data.nullBitmap as Uint8Array | undefined;
  if (data.nullCount === 0 || !bitmap || bitmap.length === 0) return () => true;
  const offset = data.offset;
  return (i) => ((bitmap[(offset + i) >> 3] >> ((offset + i) & 7)) & 1) === 1;
}

/** A cell as a plain value: dates to epoch milliseconds, big integers to numbers, rest to text. */
function plain(value: unknown): SampledValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  return String(value);
}
