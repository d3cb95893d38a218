/**
 * Reading the cells of one Arrow column chunk (`Data`) without row objects: validity, the type of
 * the values, a fast per-type reader and the text a file would show; and, for the samplers
 * (src/load/sample.ts, src/load/parquet/sample.ts), cells of a record batch as the plain values
 * discovery's rules see. Neutral ground: the masking operators, the risk measures, the writers and
 * the samplers all read cells through this one module, so a writer never imports from mask/ and
 * discovery never from a loader's internals. Pure.
 */
import { Data, DataType, Dictionary, Precision, Type, Vector, type RecordBatch } from 'apache-arrow';

/** A value as operators see it: text, a number (dates and timestamps as epoch milliseconds), a boolean or a bigint. */
export type CellValue = string | number | boolean | bigint;

/** Whether row `i` of `data` holds a value (not null). */
export function isValidAt(data: Data, i: number): boolean {
  const bitmap = data.nullBitmap;
  if (!bitmap || bitmap.length === 0 || data.nullCount === 0) return true;
  const bit = data.offset + i;
  return ((bitmap[bit >> 3] >> (bit & 7)) & 1) === 1;
}

/** Non-null values in the chunk. */
export function nonNullCount(data: Data): number {
  return data.length - Math.max(0, data.nullCount);
}

/** The type of the values a chunk holds: the dictionary's value type for dictionary columns. */
function valueTypeOf(type: DataType): DataType {
  return DataType.isDictionary(type) ? (type as Dictionary).dictionary : type;
}

/** Whether values of this type are dates or timestamps (read as epoch milliseconds). */
export function isTemporal(type: DataType): boolean {
  const t = valueTypeOf(type);
  return DataType.isDate(t) || DataType.isTimestamp(t);
}

/** Whether values of this type are numbers (integers or floats). */
export function isNumeric(type: DataType): boolean {
  const t = valueTypeOf(type);
  return DataType.isInt(t) || DataType.isFloat(t) || DataType.isDecimal(t);
}

/** Whether values of this type are integers. */
export function isInteger(type: DataType): boolean {
  return DataType.isInt(valueTypeOf(type));
}

const TIMESTAMP_MS_PER_UNIT = [1000, 1, 1e-3, 1e-6];

/**
 * A reader of one plain (not dictionary) chunk: `value(i)` for a valid row, straight from the
 * typed arrays. Dates and timestamps read as epoch milliseconds; unusual types fall back to
 * Arrow's own getter (slow, but only for types a masking rule rarely meets).
 */
export function valueReader(data: Data): (i: number) => CellValue {
  const type = data.type;
  switch (type.typeId) {
    case Type.Utf8:
    case Type.LargeUtf8: {
      const values = data.values as Uint8Array;
      const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
      const offsets = data.valueOffsets as Int32Array | BigInt64Array;
      if (offsets instanceof Int32Array) return (i) => bytes.toString('utf8', offsets[i], offsets[i + 1]);
      return (i) => bytes.toString('utf8', Number(offsets[i]), Number(offsets[i + 1]));
    }
    case Type.Int:
    case Type.Float: {
      const values = data.values as ArrayLike<number | bigint>;
      if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
        return (i) => {
          const v = values[i] as bigint;
          return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
        };
      }
      if (values instanceof Uint16Array && DataType.isFloat(type)) return slowReader(data);
      return (i) => values[i] as number;
    }
    case Type.Bool: {
      const bits = data.values as Uint8Array;
      const offset = data.offset;
      return (i) => ((bits[(offset + i) >> 3] >> ((offset + i) & 7)) & 1) === 1;
    }
    case Type.Date: {
      const values = data.values as Int32Array | BigInt64Array;
      if (values instanceof Int32Array) return (i) => values[i] * 86_400_000;
      return (i) => Number(values[i]);
    }
    case Type.Timestamp: {
      const values = data.values as BigInt64Array;
      const scale = TIMESTAMP_MS_PER_UNIT[(type as unknown as { unit: number }).unit] ?? 1;
      return (i) => Math.floor(Number(values[i]) * scale);
    }
    default:
      return slowReader(data);
  }
}

function slowReader(data: Data): (i: number) => CellValue {
  const vector = new Vector([data]);
  return (i) => {
    const v: unknown = vector.get(i);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v;
    if (v instanceof Date) return v.getTime();
    return String(v);
  };
}

/**
 * The text of a value as a file would show it: dates as `YYYY-MM-DD`, timestamps as ISO 8601,
 * everything else as JavaScript prints it. This is what hmac, mask and redact see.
 */
export function textOf(value: CellValue, type: DataType): string {
  if (typeof value === 'number') {
    const t = valueTypeOf(type);
    if (DataType.isDate(t)) return new Date(value).toISOString().slice(0, 10);
    if (DataType.isTimestamp(t)) return new Date(value).toISOString();
  }
  return String(value);
}

// Sampled cells: plain values for discovery, decoded only for the rows a sampler keeps.

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
