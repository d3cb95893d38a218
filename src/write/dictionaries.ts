/**
 * One dictionary per column for the whole Arrow IPC file. The file format cannot replace a
 * dictionary half-way (only extend it), while batches arrive with a dictionary each; this rewrites
 * each batch's indices into one growing dictionary whose new entries go out as delta batches.
 * Memory: the distinct values of each dictionary column, at most {@link MAX_ENTRIES} each.
 */
import { Data, DataType, Dictionary, Field, Int32, RecordBatch, Schema, Struct, Vector, makeData, vectorFromArray } from 'apache-arrow';
import { isValidAt, valueReader, type CellValue } from '../arrow/cells.js';
import { UserError } from '../errors.js';

interface ColumnDictionary {
  /** The dictionary chunks written so far. */
  chunks: Data[];
  /** Entry → index in the written dictionary; built when the first remap needs it. */
  index: Map<CellValue, number> | null;
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
    this.columns = schema.fields.map((f) => (DataType.isDictionary(f.type) ? { chunks: [], index: null, size: 0 } : null));
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
    } else {
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

/** Whether `incoming` starts with exactly the chunks already written (same objects). */
function extends_(incoming: readonly Data[], written: readonly Data[]): boolean {
  if (incoming.length < written.length) return false;
  for (let c = 0; c < written.length; c++) if (incoming[c] !== written[c]) return false;
  return true;
}

function makeVectorOf(values: CellValue[], type: DataType): Data {
  return vectorFromArray(values as never[], type).data[0];
}
