/**
 * The shared machinery of the masking operators (reading a chunk's cells is arrow/cells.ts's), and
 * the one kernel most operators reduce to — rewrite each distinct value once and
 * write the result as a dictionary column, so a value repeated a million times is transformed once.
 */
import { Data, DataType, Dictionary, Int32, Type, Utf8, Vector, makeData } from 'apache-arrow';
import { isValidAt, textOf, valueReader, type CellValue } from '../../arrow/cells.js';
import type { MaskOperator } from '../../config/types.js';

/** What an operator made of one column chunk. */
export interface ColumnOutput {
  /** The rewritten chunk, or null when the column is dropped. */
  data: Data | null;
  /** Non-null values whose text changed (for `drop`: every non-null value). */
  changed: number;
}

/**
 * One column's operator, built once per column for the whole stream. `observe` is the counting
 * pre-pass for operators that need whole-data counts (`needsPrePass`); `apply` is the masking pass.
 */
export interface ColumnOperator {
  readonly op: MaskOperator;
  /** The Arrow type of every chunk `apply` returns; null when the column is dropped. */
  readonly outputType: DataType | null;
  readonly needsPrePass: boolean;
  observe(data: Data): void;
  apply(data: Data): ColumnOutput;
}

/**
 * A string-valued dictionary type with Int32 indices: the output of every value-rewriting operator
 * on plain input. `id` is the dictionary id in the output schema (default: Arrow's next id), which
 * must differ from every other dictionary column's.
 */
export function utf8DictionaryType(id?: number): Dictionary<Utf8, Int32> {
  return new Dictionary(new Utf8(), new Int32(), id);
}

/** A Utf8 vector of `strings` (null entries stay null). */
export function utf8Vector(strings: readonly (string | null)[]): Vector<Utf8> {
  return new Vector([utf8Data(strings)]);
}

/** The Utf8 chunk of `strings`, encoded straight into one byte buffer (no per-value builder). */
function utf8Data(strings: readonly (string | null)[]): Data<Utf8> {
  const n = strings.length;
  const offsets = new Int32Array(n + 1);
  let bytes = Buffer.allocUnsafe(Math.max(64, n * 16));
  let at = 0;
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const text = strings[i];
    if (text === null) nulls++;
    else {
      // At most 3 bytes per UTF-16 code unit.
      if (at + text.length * 3 > bytes.length) {
        const grown = Buffer.allocUnsafe(Math.max(bytes.length * 2, at + text.length * 3));
        bytes.copy(grown, 0, 0, at);
        bytes = grown;
      }
      at += bytes.write(text, at, 'utf8');
    }
    offsets[i + 1] = at;
  }
  let nullBitmap: Uint8Array | undefined;
  if (nulls > 0) {
    nullBitmap = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) if (strings[i] !== null) nullBitmap[i >> 3] |= 1 << (i & 7);
  }
  return makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap, valueOffsets: offsets, data: bytes.subarray(0, at) });
}

/**
 * A map key for row i of a plain chunk: the raw integer for 32-bit-or-smaller integer and Date32
 * columns (small integers hash fastest), else the value itself. Two rows get equal keys exactly
 * when their values are equal.
 */
function keyReader(data: Data, read: (i: number) => CellValue): (i: number) => CellValue {
  const values = data.values as unknown;
  const integers = values instanceof Int32Array || values instanceof Int16Array || values instanceof Int8Array || values instanceof Uint8Array || values instanceof Uint16Array;
  if (integers && (data.type.typeId === Type.Int || (data.type.typeId === Type.Date && values instanceof Int32Array))) {
    const raw = values as ArrayLike<number>;
    return (i) => raw[i];
  }
  return read;
}

/** One distinct value rewritten: the output text, or null to write a null. */
export type ValueRewrite = (value: CellValue) => string | null;

/** Per dictionary chunk, the rewritten chunk and which of its entries changed. */
interface RewrittenChunk {
  data: Data<Utf8>;
  changed: Uint8Array;
  nulls: Uint8Array | null;
}

/**
 * Rewrites each distinct value of `data` once with `rewrite` and returns a dictionary column of the
 * results (type `outputType`).
 *
 * - Dictionary input keeps its indices (no per-row work beyond counting changes); each dictionary
 *   chunk is rewritten once and remembered in `cache`, so a dictionary shared by many batches (an
 *   Arrow IPC file) gives output batches that share one output dictionary.
 * - Plain input is dictionary-encoded on the way: one map lookup per row.
 *
 * A rewrite returning null turns the value into a null.
 */
export function rewriteDistinct(
  data: Data,
  outputType: Dictionary<Utf8>,
  rewrite: ValueRewrite,
  cache: WeakMap<Data, RewrittenChunk>,
): ColumnOutput {
  if (DataType.isDictionary(data.type)) return rewriteDictionary(data, outputType, rewrite, cache);
  return rewritePlain(data, outputType, rewrite);
}

function rewriteDictionary(
  data: Data,
  outputType: Dictionary<Utf8>,
  rewrite: ValueRewrite,
  cache: WeakMap<Data, RewrittenChunk>,
): ColumnOutput {
  const dictionary = data.dictionary as Vector;
  const chunks: RewrittenChunk[] = dictionary.data.map((chunk) => {
    let done = cache.get(chunk);
    if (!done) {
      done = rewriteChunk(chunk, rewrite);
      cache.set(chunk, done);
    }
    return done;
  });
  // Entry flags of all chunks, laid end to end in dictionary order.
  const size = dictionary.length;
  const changed = new Uint8Array(size);
  let anyNull = false;
  const nulls = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    changed.set(chunk.changed, at);
    if (chunk.nulls) {
      nulls.set(chunk.nulls, at);
      anyNull = true;
    }
    at += chunk.changed.length;
  }
  const indices = data.values as ArrayLike<number>;
  let count = 0;
  let nullBitmap = data.nullBitmap;
  let nullCount = data.nullCount;
  if (anyNull) {
    const rebuilt = rebuildValidity(data, (i) => nulls[indices[i]] === 0);
    nullBitmap = rebuilt.bitmap;
    nullCount = rebuilt.nullCount;
  }
  const n = data.length;
  if (data.nullCount === 0) {
    for (let i = 0; i < n; i++) count += changed[indices[i]];
  } else {
    for (let i = 0; i < n; i++) if (isValidAt(data, i)) count += changed[indices[i]];
  }
  const out = makeData({
    type: outputType,
    offset: anyNull ? 0 : data.offset,
    length: n,
    nullCount,
    nullBitmap,
    // rewrittenType keeps the input's index type, so the indices are reused as they are.
    data: data.values,
    dictionary: new Vector(chunks.map((c) => c.data)),
  });
  return { data: out, changed: count };
}

function rewriteChunk(chunk: Data, rewrite: ValueRewrite): RewrittenChunk {
  const read = valueReader(chunk);
  const n = chunk.length;
  const out: (string | null)[] = new Array(n);
  const changed = new Uint8Array(n);
  let nulls: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (!isValidAt(chunk, i)) {
      out[i] = null;
      continue;
    }
    const value = read(i);
    const text = rewrite(value);
    out[i] = text;
    if (text === null) {
      nulls ??= new Uint8Array(n);
      nulls[i] = 1;
      changed[i] = 1;
    } else if (text !== textOf(value, chunk.type)) changed[i] = 1;
  }
  return { data: utf8Vector(out).data[0], changed, nulls };
}

function rewritePlain(data: Data, outputType: Dictionary<Utf8>, rewrite: ValueRewrite): ColumnOutput {
  const read = valueReader(data);
  const keyOf = keyReader(data, read);
  const n = data.length;
  const codes = new Int32Array(n);
  const codeOf = new Map<CellValue, number>();
  const entries: (string | null)[] = [];
  const entryChanged: number[] = [];
  let changed = 0;
  let introducedNulls = false;
  for (let i = 0; i < n; i++) {
    if (!isValidAt(data, i)) continue;
    const key = keyOf(i);
    let code = codeOf.get(key);
    if (code === undefined) {
      const value = read(i);
      code = entries.length;
      const text = rewrite(value);
      if (text === null) introducedNulls = true;
      entries.push(text);
      entryChanged.push(text === null || text !== textOf(value, data.type) ? 1 : 0);
      codeOf.set(key, code);
    }
    codes[i] = code;
    changed += entryChanged[code];
  }
  let nullBitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
  let nullCount = Math.max(0, data.nullCount);
  let offset = data.offset;
  if (introducedNulls || (nullBitmap && offset !== 0)) {
    const rebuilt = rebuildValidity(data, (i) => entries[codes[i]] !== null);
    nullBitmap = rebuilt.bitmap;
    nullCount = rebuilt.nullCount;
  }
  offset = 0;
  const out = makeData({
    type: outputType as Dictionary<Utf8, Int32>,
    offset,
    length: n,
    nullCount,
    nullBitmap,
    data: codes,
    dictionary: utf8Vector(entries),
  });
  return { data: out, changed };
}

/**
 * A zero-offset validity bitmap for `data` where a row stays valid only if it was valid and
 * `keep(i)` says so.
 */
export function rebuildValidity(data: Data, keep: (i: number) => boolean): { bitmap: Uint8Array; nullCount: number } {
  const n = data.length;
  const bitmap = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    if (isValidAt(data, i) && keep(i)) bitmap[i >> 3] |= 1 << (i & 7);
    else nullCount++;
  }
  return { bitmap, nullCount };
}

/**
 * `data` in the shape `type` asks for. A text loader's string column turns from dictionary codes
 * into plain Utf8 mid-file once its dictionary spills (src/load/dictionary.ts), while the output
 * schema was fixed from the first shape: a plain string chunk becomes a dictionary chunk whose
 * dictionary is the chunk itself (index i → entry i), which costs an index per row and no copy of
 * the values. Any other mismatch is a bug.
 */
export function inShape(data: Data, type: DataType): Data {
  if (data.type.typeId === type.typeId) return data;
  const dictionary = type as Dictionary;
  if (DataType.isDictionary(type) && DataType.isUtf8(data.type) && DataType.isUtf8(dictionary.dictionary) && dictionary.indices.bitWidth === 32) {
    const n = data.length;
    const indices = new Int32Array(n);
    for (let i = 0; i < n; i++) indices[i] = i;
    // A slice's value offsets already start at its first row; its validity bitmap does not, so
    // the validity is rebuilt from row 0 and travels with the indices.
    const validity = data.nullCount > 0 ? rebuildValidity(data, () => true) : undefined;
    return makeData({
      type: dictionary as Dictionary<Utf8, Int32>,
      length: n,
      nullCount: validity?.nullCount ?? 0,
      nullBitmap: validity?.bitmap,
      data: indices,
      dictionary: new Vector([makeData({ type: data.type as Utf8, length: n, nullCount: 0, valueOffsets: data.valueOffsets, data: data.values })]),
    });
  }
  throw new Error(`a ${String(data.type)} chunk cannot be written as ${String(type)}`);
}

/**
 * The output type of a value-rewriting operator: dictionary input keeps its index type, plain
 * input gets Int32 indices; `id` as in {@link utf8DictionaryType}.
 */
export function rewrittenType(input: DataType, id?: number): Dictionary<Utf8> {
  if (DataType.isDictionary(input)) return new Dictionary(new Utf8(), (input as Dictionary).indices, id);
  return utf8DictionaryType(id);
}
