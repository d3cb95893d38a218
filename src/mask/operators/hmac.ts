/**
 * `hmac`: keyed HMAC-SHA-256 of each value, as 64 hex characters. The same key gives the same
 * output for the same value in every file, so joins on a pseudonymized id still work; without the
 * key the value cannot be recovered or confirmed by hashing guesses.
 */
import { createHmac } from 'node:crypto';
import { Data, DataType, Utf8, makeData } from 'apache-arrow';
import { HmacSha256, hexColumn, type HexColumn } from './hmac-kernel.js';
import { isValidAt, textOf, valueReader } from '../../arrow/cells.js';
import { inShape, rewriteDistinct, rewrittenType, type ColumnOperator, type ColumnOutput } from './column.js';

const HEX_LENGTH = 64;

/**
 * HMAC-SHA-256 of the UTF-8 bytes of `text` under `key`, in lowercase hex.
 *
 * @example
 * hmacHex(Buffer.from('secret'), 'alice@example.com') // 64 hex characters
 */
export function hmacHex(key: Buffer, text: string | Uint8Array): string {
  return createHmac('sha256', key).update(text).digest('hex');
}

/**
 * An operator that replaces each non-null value with {@link hmacHex} of its text. Dictionary
 * columns hash each dictionary entry once and keep their indices; plain columns are hashed row by
 * row into a Utf8 column (string columns straight from their bytes, with no decoding) — also when
 * a dictionary column turns plain mid-file (a spilled dictionary), whose hashes are then written
 * as a dictionary chunk of its own (see {@link inShape}).
 */
export function hmacOperator(inputType: DataType, key: Buffer, dictionaryId?: number): ColumnOperator {
  const dictionaryType = DataType.isDictionary(inputType) ? rewrittenType(inputType, dictionaryId) : null;
  const plainType = new Utf8();
  const cache = new WeakMap();
  const mac = new HmacSha256(key);
  const hex = (text: string): string => {
    const bytes = Buffer.from(text, 'utf8');
    const out = Buffer.allocUnsafe(HEX_LENGTH);
    mac.hexInto(bytes, 0, bytes.length, out, 0);
    return out.toString('latin1', 0, HEX_LENGTH);
  };
  return {
    op: 'hmac',
    outputType: dictionaryType ?? plainType,
    needsPrePass: false,
    observe: () => undefined,
    apply: (data: Data): ColumnOutput => {
      if (dictionaryType && DataType.isDictionary(data.type)) {
        return rewriteDistinct(data, dictionaryType, (value) => hex(textOf(value, data.type)), cache);
      }
      const output = hmacPlain(data, mac, plainType);
      return dictionaryType ? { data: inShape(output.data!, dictionaryType), changed: output.changed } : output;
    },
  };
}

function hmacPlain(data: Data, mac: HmacSha256, type: Utf8): ColumnOutput {
  const n = data.length;
  const valid = validFlags(data);
  if (DataType.isUtf8(data.type) && data.valueOffsets instanceof Int32Array) {
    return hexData(hexColumn(mac, data.values as Uint8Array, data.valueOffsets, valid, n), valid, n, type);
  }
  const offsets = new Int32Array(n + 1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (valid === null || valid[i]) count++;
    offsets[i + 1] = count * HEX_LENGTH;
  }
  const bytes = Buffer.allocUnsafe(count * HEX_LENGTH);
  const isString = DataType.isLargeUtf8(data.type);
  if (isString) {
    const values = data.values as Uint8Array;
    const from = data.valueOffsets as ArrayLike<number | bigint>;
    for (let i = 0, at = 0; i < n; i++) {
      if (valid !== null && !valid[i]) continue;
      mac.hexInto(values, Number(from[i]), Number(from[i + 1]), bytes, at);
      at += HEX_LENGTH;
    }
  } else {
    const read = valueReader(data);
    for (let i = 0, at = 0; i < n; i++) {
      if (valid !== null && !valid[i]) continue;
      const text = Buffer.from(textOf(read(i), data.type), 'utf8');
      mac.hexInto(text, 0, text.length, bytes, at);
      at += HEX_LENGTH;
    }
  }
  return hexData({ hex: bytes, offsets }, valid, n, type);
}

/** Per row of `data`, 1 when it holds a value; null when every row does. */
export function validFlags(data: Data): Uint8Array | null {
  if (data.nullCount === 0) return null;
  const n = data.length;
  const valid = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (isValidAt(data, i)) valid[i] = 1;
  return valid;
}

/** The Utf8 chunk of a column's hex HMACs (`valid` as from {@link validFlags}); every value counts as changed. */
export function hexData(column: HexColumn, valid: Uint8Array | null, n: number, type: Utf8 = new Utf8()): ColumnOutput {
  const count = column.offsets[n] / HEX_LENGTH;
  const nullCount = n - count;
  const out = makeData({
    type,
    length: n,
    nullCount,
    nullBitmap: valid === null || nullCount === 0 ? undefined : packBits(valid),
    valueOffsets: column.offsets,
    data: column.hex,
  });
  return { data: out, changed: count };
}

function packBits(flags: Uint8Array): Uint8Array {
  const bitmap = new Uint8Array((flags.length + 7) >> 3);
  for (let i = 0; i < flags.length; i++) if (flags[i]) bitmap[i >> 3] |= 1 << (i & 7);
  return bitmap;
}
