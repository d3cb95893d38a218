/**
 * Dictionary columns written as plain values. An Arrow IPC file holds one dictionary per column
 * for the whole file (./dictionaries.ts), so a column of unique values (hashed identifiers, free
 * text) would keep every value it has seen in memory; such a column is written plain instead,
 * each batch decoded on its own. A column counts as high-cardinality when its first batch has more
 * dictionary entries than half its rows (and more than a few): categories stay dictionaries.
 */
import { Data, DataType, Field, Schema, Utf8, makeData, vectorFromArray, type Dictionary, type Vector } from 'apache-arrow';
import { isValidAt, valueReader } from '../arrow/cells.js';

/** Entries a first batch's dictionary may hold before its column is written plain, whatever the batch's size. */
const FEW_ENTRIES = 1024;

/** Whether dictionary column `data` (a first batch's chunk) is better written plain. */
export function highCardinality(data: Data): boolean {
  if (!DataType.isDictionary(data.type)) return false;
  const entries = (data.dictionary as Vector).length;
  return entries > FEW_ENTRIES && entries * 2 > data.length;
}

/** `schema` with the dictionary fields at `plain` given their value type. */
export function plainSchema(schema: Schema, plain: ReadonlySet<number>): Schema {
  const fields = schema.fields.map((f, j) => (plain.has(j) ? new Field(f.name, (f.type as Dictionary).dictionary, f.nullable, f.metadata) : f));
  return new Schema(fields, schema.metadata);
}

/**
 * Dictionary-coded `data` as plain values of its dictionary's type: UTF-8 bytes copied entry by
 * entry, any other value type through its values.
 */
export function decodeDictionary(data: Data): Data {
  if (!DataType.isDictionary(data.type)) return data;
  const chunks = (data.dictionary as Vector).data;
  const only = chunks.length === 1 ? chunks[0] : undefined;
  if (only && DataType.isUtf8(only.type) && only.valueOffsets instanceof Int32Array) return decodeUtf8(data, only);
  const reads = chunks.map((chunk) => ({ chunk, read: valueReader(chunk) }));
  const codes = data.values as ArrayLike<number>;
  const values = new Array<unknown>(data.length);
  for (let i = 0; i < data.length; i++) {
    if (!isValidAt(data, i)) {
      values[i] = null;
      continue;
    }
    let code = codes[i];
    const at = reads.findIndex(({ chunk }) => (code < chunk.length ? true : ((code -= chunk.length), false)));
    values[i] = isValidAt(reads[at].chunk, code) ? reads[at].read(code) : null;
  }
  return vectorFromArray(values as never[], (data.type as Dictionary).dictionary).data[0];
}

function decodeUtf8(data: Data, dictionary: Data): Data {
  const codes = data.values as ArrayLike<number>;
  const from = dictionary.valueOffsets as Int32Array;
  const bytes = dictionary.values as Uint8Array;
  const n = data.length;
  const offsets = new Int32Array(n + 1);
  const nulls = data.nullCount !== 0 || dictionary.nullCount !== 0;
  const valid = nulls ? new Uint8Array(n) : null;
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    const ok = !nulls || (isValidAt(data, i) && isValidAt(dictionary, codes[i]));
    if (valid) valid[i] = ok ? 1 : 0;
    if (!ok) nullCount++;
    offsets[i + 1] = offsets[i] + (ok ? from[codes[i] + 1] - from[codes[i]] : 0);
  }
  const values = new Uint8Array(offsets[n]);
  for (let i = 0; i < n; i++) {
    if (offsets[i + 1] > offsets[i]) values.set(bytes.subarray(from[codes[i]], from[codes[i] + 1]), offsets[i]);
  }
  return makeData({ type: new Utf8(), length: n, nullCount, nullBitmap: valid ? bitmap(valid) : null, valueOffsets: offsets, data: values });
}

/** Validity flags (one byte per row) as an Arrow bitmap. */
function bitmap(valid: Uint8Array): Uint8Array {
  const bits = new Uint8Array((valid.length + 7) >> 3);
  for (let i = 0; i < valid.length; i++) if (valid[i]) bits[i >> 3] |= 1 << (i & 7);
  return bits;
}
