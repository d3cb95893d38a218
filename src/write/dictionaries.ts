/**
 * One dictionary per column for the whole Arrow IPC file. The file format cannot replace a
 * dictionary half-way (only extend it), while batches arrive with a dictionary each; this rewrites
 * each batch's indices into one growing dictionary whose new entries go out as delta batches.
 * Memory: the distinct values of each dictionary column, at most {@link MAX_ENTRIES} each. A text
 * dictionary is looked up by its bytes ({@link ByteIndex}): a JavaScript string and Map entry for
 * each value would cost more time and memory than the dictionary itself.
 */
import { isUtf8 } from 'node:buffer';
import { Data, DataType, Dictionary, Field, Int32, RecordBatch, Schema, Struct, Vector, makeData, vectorFromArray, type Utf8 } from 'apache-arrow';
import { isValidAt, valueReader, type CellValue } from '../arrow/cells.js';
import { UserError } from '../errors.js';
import { ByteIndex } from './byte-index.js';

interface ColumnDictionary {
  /** The dictionary chunks written so far. */
  chunks: Data[];
  /** Entry → index in the written dictionary, by value; built when the first remap needs it, unless `bytes` is. */
  index: Map<CellValue, number> | null;
  /**
   * The same by bytes, for a text dictionary whose every chunk is valid UTF-8 (where equal text
   * means equal bytes); undefined until needed, null once a chunk was not.
   */
  bytes: ByteIndex | null | undefined;
  size: number;
}

/** Rewrites batches so that each dictionary column only ever extends one dictionary. */
export class DictionaryUnifier {
  /** The schema of the batches {@link DictionaryUnifier.unify} returns: dictionary indices widened to Int32. */
  readonly schema: Schema;
  private readonly columns: (ColumnDictionary | null)[];

  /** `maxEntries`: the distinct values a column's dictionary may reach before {@link DictionaryUnifier.unify} refuses it. */
  constructor(
    schema: Schema,
    private readonly maxEntries = MAX_ENTRIES,
  ) {
    this.schema = new Schema(
      schema.fields.map((f) =>
        DataType.isDictionary(f.type)
          ? new Field(f.name, new Dictionary(f.type.dictionary, new Int32(), f.type.id, f.type.isOrdered), f.nullable, f.metadata)
          : f,
      ),
      schema.metadata,
    );
    this.columns = schema.fields.map((f) => (DataType.isDictionary(f.type) ? { chunks: [], index: null, bytes: DataType.isUtf8(f.type.dictionary) ? undefined : null, size: 0 } : null));
  }

  /** `batch` with every dictionary column's indices pointing into the one dictionary of its column. */
  unify(batch: RecordBatch): RecordBatch {
    const children = batch.data.children.map((child, j) => {
      const state = this.columns[j];
      if (!state) return child;
      const unified = this.unifyColumn(child, state, this.schema.fields[j].type as Dictionary);
      if (state.size > this.maxEntries) throw tooManyEntries(this.schema.fields[j].name, this.maxEntries);
      return unified;
    });
    const data = makeData({ type: new Struct(this.schema.fields), length: batch.numRows, nullCount: 0, children });
    return new RecordBatch(this.schema, data);
  }

  private unifyColumn(data: Data, state: ColumnDictionary, type: Dictionary): Data {
    const incoming = (data.dictionary as Vector).data;
    const indices = data.values as ArrayLike<number>;
    const n = data.length;
    let codes: Int32Array;
    if (extends_(incoming, state.chunks)) {
      for (let c = state.chunks.length; c < incoming.length; c++) this.append(state, incoming[c]);
      codes = indices instanceof Int32Array ? indices : Int32Array.from(indices);
    } else if (state.bytes !== null && incoming.every(isUtf8Text) && this.byteIndexOf(state)) {
      const remap = remapByBytes(incoming, state, type, (data.dictionary as Vector).length);
      codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = remap[indices[i]];
    } else {
      state.bytes = null;
      const index = this.indexOf(state);
      const fresh: CellValue[] = [];
      const remap = new Int32Array((data.dictionary as Vector).length);
      let at = 0;
      for (const chunk of incoming) {
        const read = valueReader(chunk);
        for (let e = 0; e < chunk.length; e++, at++) {
          if (!isValidAt(chunk, e)) continue;
          const value = read(e);
          let code = index.get(value);
          if (code === undefined) {
            code = state.size + fresh.length;
            index.set(value, code);
            fresh.push(value);
          }
          remap[at] = code;
        }
      }
      if (fresh.length > 0) {
        const chunk = new Vector([makeVectorOf(fresh, type.dictionary)]).data[0];
        state.chunks = [...state.chunks, chunk];
        state.size += chunk.length;
      }
      codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = remap[indices[i]];
    }
    return makeData({
      type,
      offset: data.offset,
      length: n,
      nullCount: data.nullCount,
      nullBitmap: data.nullBitmap,
      data: codes,
      dictionary: new Vector(state.chunks),
    });
  }

  private append(state: ColumnDictionary, chunk: Data): void {
    if (state.bytes) {
      if (isUtf8Text(chunk)) indexChunk(state.bytes, chunk, state.size);
      else state.bytes = null;
    }
    if (state.index) {
      const read = valueReader(chunk);
      for (let e = 0; e < chunk.length; e++) {
        if (!isValidAt(chunk, e)) continue;
        const value = read(e);
        if (!state.index.has(value)) state.index.set(value, state.size + e);
      }
    }
    state.chunks = [...state.chunks, chunk];
    state.size += chunk.length;
  }

  /** The column's {@link ByteIndex}, built from the chunks written so far; null when one of them is not valid UTF-8. */
  private byteIndexOf(state: ColumnDictionary): ByteIndex | null {
    if (state.bytes) return state.bytes;
    if (!state.chunks.every(isUtf8Text)) return (state.bytes = null);
    const index = new ByteIndex();
    let at = 0;
    for (const chunk of state.chunks) {
      indexChunk(index, chunk, at);
      at += chunk.length;
    }
    return (state.bytes = index);
  }

  private indexOf(state: ColumnDictionary): Map<CellValue, number> {
    if (state.index) return state.index;
    const index = new Map<CellValue, number>();
    let at = 0;
    for (const chunk of state.chunks) {
      const read = valueReader(chunk);
      for (let e = 0; e < chunk.length; e++, at++) {
        if (!isValidAt(chunk, e)) continue;
        const value = read(e);
        if (!index.has(value)) index.set(value, at);
      }
    }
    state.index = index;
    return index;
  }
}

/**
 * Distinct values one column's dictionary may reach. A column whose first batch looked like
 * categories but whose values keep coming would otherwise hold them all in memory.
 */
const MAX_ENTRIES = 1 << 20;

function tooManyEntries(column: string, max: number): UserError {
  return new UserError(`more than ${max.toLocaleString('en-US')} distinct values, more than an Arrow IPC file's one dictionary per column is allowed to hold`, {
    column,
    hint: 'write the Arrow stream format (.arrows), Parquet or CSV instead',
  });
}

/**
 * Codes into the column's dictionary for every entry of `incoming` (0 for a null entry), by bytes;
 * the entries not in it yet become one new chunk of the column's dictionary, in the order met,
 * with the bytes a chunk built from their text would hold.
 */
function remapByBytes(incoming: readonly Data[], state: ColumnDictionary, type: Dictionary, entries: number): Int32Array {
  const index = state.bytes!;
  const remap = new Int32Array(entries);
  // New entries are at most all the incoming bytes: the buffer is never grown.
  let room = 0;
  for (const chunk of incoming) room += textEnd(chunk) - textStart(chunk);
  const values = new Uint8Array(room);
  const offsets = new Int32Array(entries + 1);
  let fresh = 0;
  let used = 0;
  let buffer = -1;
  let at = 0;
  for (const chunk of incoming) {
    const from = chunk.values as Uint8Array;
    const starts = chunk.valueOffsets as Int32Array;
    for (let e = 0; e < chunk.length; e++, at++) {
      if (!isValidAt(chunk, e)) continue;
      const start = starts[e];
      const end = starts[e + 1];
      let code = index.find(from, start, end);
      if (code < 0) {
        if (buffer < 0) buffer = index.addBuffer(values);
        for (let k = start; k < end; k++) values[used + k - start] = from[k];
        code = state.size + fresh;
        index.addFound(buffer, used, used + end - start, code);
        used += end - start;
        offsets[++fresh] = used;
      }
      remap[at] = code;
    }
  }
  if (fresh > 0) {
    // Kept for the whole file: trimmed when much of the room went unused.
    const kept = used * 4 < room * 3 ? values.slice(0, used) : values.subarray(0, used);
    index.replaceBuffer(buffer, kept);
    const chunk = makeData({ type: type.dictionary as Utf8, length: fresh, nullCount: 0, valueOffsets: offsets.slice(0, fresh + 1), data: kept });
    state.chunks = [...state.chunks, chunk];
    state.size += fresh;
  }
  return remap;
}

/** Adds the valid entries of `chunk` not yet in `index`, numbered from `first` by their place in the chunk. */
function indexChunk(index: ByteIndex, chunk: Data, first: number): void {
  const buffer = index.addBuffer(chunk.values as Uint8Array);
  const starts = chunk.valueOffsets as Int32Array;
  for (let e = 0; e < chunk.length; e++) {
    if (!isValidAt(chunk, e)) continue;
    const start = starts[e];
    const end = starts[e + 1];
    if (index.find(chunk.values as Uint8Array, start, end) < 0) index.addFound(buffer, start, end, first + e);
  }
}

/** A Utf8 chunk (32-bit offsets) whose bytes are valid UTF-8: its equal texts are its equal byte strings. */
function isUtf8Text(chunk: Data): boolean {
  if (!DataType.isUtf8(chunk.type) || !(chunk.valueOffsets instanceof Int32Array)) return false;
  const values = chunk.values as Uint8Array;
  return isUtf8(values.subarray(textStart(chunk), textEnd(chunk)));
}

function textStart(chunk: Data): number {
  return (chunk.valueOffsets as Int32Array)[0];
}

function textEnd(chunk: Data): number {
  return (chunk.valueOffsets as Int32Array)[chunk.length];
}

/** Whether `incoming` starts with exactly the chunks already written (same objects). */
function extends_(incoming: readonly Data[], written: readonly Data[]): boolean {
  if (incoming.length < written.length) return false;
  for (let c = 0; c < written.length; c++) if (incoming[c] !== written[c]) return false;
  return true;
}

function makeVectorOf(values: CellValue[], type: DataType): Data {
  return vectorFromArray(values as never[], type).data[0];
}
