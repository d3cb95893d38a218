/**
 * Reading the cells of one Arrow column chunk (`Data`) without row objects: validity, the type of
 * the values, a fast per-type reader and the text a file would show. Neutral ground: the masking
 * operators, the risk measures and the writers all read cells through this one module, so a
 * writer never imports from mask/. Pure.
 */
import { Data, DataType, Dictionary, Type, Vector } from 'apache-arrow';

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

