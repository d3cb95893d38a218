/**
 * Parquet writer: Arrow batches in, one Parquet file out, with the encoding — most of the work of
 * writing — done by threads. The batches are cut into row groups of {@link PARQUET_ROW_GROUP_ROWS}
 * rows exactly where a single writer would cut them; each row group goes (as Arrow IPC streams) to
 * the next free encoding thread, which writes it with parquet-wasm as a Parquet file of its own;
 * those files are joined in order into the one file a single writer would have written, byte for
 * byte (see {@link ParquetJoiner}). Memory: the row groups in flight, a few per thread.
 */
import { RecordBatch, Schema, Struct, Table, Vector, makeData, tableToIPC, vectorFromArray, DataType, type Data } from 'apache-arrow';
import { ThreadPool, countingThreads } from '../parallel/pool.js';
import { ParquetJoiner } from './parquet-join.js';
import type { BatchEncoder, ByteSink } from './encoder.js';

/** Rows per Parquet row group. */
export const PARQUET_ROW_GROUP_ROWS = 256 * 1024;

/** Row groups waiting for or in encoding, per thread, before `write` waits. */
const JOBS_PER_THREAD = 2;

/** One row group to encode: its batches as Arrow IPC streams of one batch each. */
export interface ParquetJob {
  id: number;
  batches: Uint8Array[];
  rowGroupRows: number;
}

/** The Parquet file of one job, or why it failed. */
export type ParquetAnswer = { id: number; file: Uint8Array } | { id: number; error: string };

/** Options of {@link parquetEncoder}. */
export interface ParquetEncoderOptions {
  /** Rows per row group (default {@link PARQUET_ROW_GROUP_ROWS}). */
  rowGroupRows?: number;
  /** Encoding threads (default: as many as counting threads, see `FAIRAUDIT_THREADS`). */
  threads?: number;
}

/**
 * A Parquet encoder (Snappy-compressed, row groups of {@link PARQUET_ROW_GROUP_ROWS} rows) whose
 * row groups are encoded by threads and joined in order.
 */
export function parquetEncoder(schema: Schema, options: ParquetEncoderOptions = {}): BatchEncoder {
  const rowGroupRows = options.rowGroupRows ?? PARQUET_ROW_GROUP_ROWS;
  const threads = Math.max(1, Math.min(4, options.threads ?? countingThreads()));
  let pool: EncodingPool | undefined;
  const joiner = new ParquetJoiner();
  // Encoded row groups in file order.
  const pending: Promise<Uint8Array>[] = [];
  let single: Uint8Array | undefined;
  let jobs = 0;
  let group: Uint8Array[] = [];
  let groupRows = 0;

  const dispatch = () => {
    const job = pool!.encode({ id: jobs++, batches: group, rowGroupRows });
    // Failures surface when the job is awaited; until then keep them from going unhandled.
    job.catch(() => undefined);
    pending.push(job);
    group = [];
    groupRows = 0;
  };
  const drain = async (sink: ByteSink, keep: number) => {
    while (pending.length > keep) {
      const file = await pending.shift()!;
      // Only when finishing can there be one job in all: a file of one row group (or none) is written as it is.
      if (jobs === 1) single = file;
      else for (const part of joiner.add(file)) await sink.write(part);
    }
  };
  return {
    // Each piece is serialized to IPC bytes before the first await of write().
    copiesOnWrite: true,
    async start() {
      pool = new EncodingPool(threads);
    },
    async write(batch, sink) {
      let rest = singleChunkDictionaries(batch, schema);
      while (rest.numRows > 0) {
        const take = Math.min(rowGroupRows - groupRows, rest.numRows);
        const piece = take === rest.numRows ? rest : rest.slice(0, take);
        group.push(tableToIPC(new Table(schema, [piece]), 'stream'));
        groupRows += take;
        rest = take === rest.numRows ? rest.slice(0, 0) : rest.slice(take);
        if (groupRows === rowGroupRows) dispatch();
      }
      await drain(sink, threads * JOBS_PER_THREAD);
    },
    async finish(sink) {
      // An empty table is still a file (schema, no row group): one job without batches.
      if (groupRows > 0 || jobs === 0) dispatch();
      try {
        await drain(sink, 0);
        await sink.write(single ?? joiner.finish());
      } finally {
        await pool?.close();
      }
    },
    async abort() {
      await pool?.close();
    },
  };
}

/**
 * The encoding threads: each job goes to the thread with the fewest jobs, and its promise settles
 * with the thread's answer. A thread that dies fails its jobs.
 */
class EncodingPool {
  private readonly pool: ThreadPool<ParquetJob, ParquetAnswer>;

  constructor(size: number) {
    // Each thread takes every row group as it comes: it encodes them in order while this thread cuts the next.
    this.pool = new ThreadPool({ module: 'write/parquet-worker' }, { size, jobsPerThread: Infinity, name: 'a Parquet encoding thread' });
  }

  async encode(job: ParquetJob): Promise<Uint8Array> {
    // Buffers that hold one batch each are moved, not copied; any other is copied.
    const transfer = new Set(job.batches.filter((b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength).map((b) => b.buffer as ArrayBuffer));
    const answer = await this.pool.run(job, [...transfer]);
    if ('error' in answer) throw new Error(`the Parquet writer failed: ${answer.error}`);
    return answer.file;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * `batch` with each multi-chunk dictionary (an Arrow dictionary grown by deltas) flattened into one
 * chunk, so the IPC stream handed to the WebAssembly reader has no delta dictionaries.
 */
function singleChunkDictionaries(batch: RecordBatch, schema: Schema): RecordBatch {
  let changed = false;
  const children = batch.data.children.map((child: Data) => {
    if (!DataType.isDictionary(child.type) || !child.dictionary || child.dictionary.data.length <= 1) return child;
    changed = true;
    const flat: Vector = vectorFromArray([...child.dictionary] as never[], child.type.dictionary);
    return makeData({
      type: child.type,
      offset: child.offset,
      length: child.length,
      nullCount: child.nullCount,
      nullBitmap: child.nullBitmap,
      data: child.values,
      dictionary: flat,
    });
  });
  if (!changed && batch.schema === schema) return batch;
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: batch.numRows, nullCount: 0, children }));
}
