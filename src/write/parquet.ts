/**
 * Parquet writer: Arrow batches in, one Parquet file out, with the encoding — most of the work of
 * writing — done by threads. The batches are cut into row groups of {@link PARQUET_ROW_GROUP_ROWS}
 * rows exactly where a single writer would cut them; each row group goes (as Arrow IPC streams) to
 * the next free encoding thread, which writes it with parquet-wasm as a Parquet file of its own;
 * those files are joined in order into the one file a single writer would have written, byte for
 * byte (see {@link ParquetJoiner}). Memory: the row groups in flight, a few per thread, each in
 * one buffer that its thread hands back to be filled again (a fresh buffer per row group costs
 * this thread more than copying into it: zeroed pages from the system, and garbage collections).
 */
import { RecordBatch, Schema, Struct, Vector, makeData, vectorFromArray, DataType, type Data } from 'apache-arrow';
import { ThreadPool, countingThreads } from '../parallel/pool.js';
import { ipcStreamChunks } from './ipc-chunks.js';
import { ParquetJoiner } from './parquet-join.js';
import type { BatchEncoder, ByteSink } from './encoder.js';

/** Rows per Parquet row group. */
export const PARQUET_ROW_GROUP_ROWS = 256 * 1024;

/**
 * Row groups waiting for or in encoding, per thread, before `write` waits. One: a second per
 * thread held about 90 MB more (two more buffers of a 256K-row group of two hashed ids) for no
 * measurable gain in time, as the threads that write are seldom the ones the others wait for.
 */
const JOBS_PER_THREAD = 1;

/**
 * One row group to encode: its batches as Arrow IPC streams of one batch each, one after the other
 * in `ipc` (a whole buffer, moved to the thread), the k-th ending at byte `ends[k]`.
 */
export interface ParquetJob {
  id: number;
  ipc: Uint8Array;
  ends: number[];
  rowGroupRows: number;
}

/** The Parquet file of one job (in parts) and the job's `ipc` buffer handed back for reuse, or why it failed. */
export type ParquetAnswer = { id: number; file: Uint8Array[]; ipc: Uint8Array } | { id: number; error: string };

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
  const pending: Promise<Uint8Array[]>[] = [];
  let single: Uint8Array[] | undefined;
  let jobs = 0;
  // The row group being cut: its IPC streams so far, copied into one buffer.
  const buffers = new JobBuffers(threads * JOBS_PER_THREAD + 1);
  let group = buffers.take();
  let groupBytes = 0;
  let ends: number[] = [];
  let groupRows = 0;

  const append = (piece: RecordBatch) => {
    const chunks = ipcStreamChunks(piece, schema);
    let size = 0;
    for (const chunk of chunks) size += chunk.byteLength;
    if (groupBytes + size > group.byteLength) group = buffers.grow(group, groupBytes, groupBytes + size);
    for (const chunk of chunks) {
      group.set(chunk, groupBytes);
      groupBytes += chunk.byteLength;
    }
    ends.push(groupBytes);
  };
  const dispatch = () => {
    const job = pool!.encode({ id: jobs++, ipc: group, ends, rowGroupRows }, buffers);
    // Failures surface when the job is awaited; until then keep them from going unhandled.
    job.catch(() => undefined);
    pending.push(job);
    group = buffers.take();
    groupBytes = 0;
    ends = [];
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
    // Each piece is copied as IPC bytes before the first await of write().
    copiesOnWrite: true,
    async start() {
      pool = new EncodingPool(threads);
    },
    async write(batch, sink) {
      let rest = singleChunkDictionaries(batch, schema);
      while (rest.numRows > 0) {
        const take = Math.min(rowGroupRows - groupRows, rest.numRows);
        append(take === rest.numRows ? rest : rest.slice(0, take));
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
        for (const part of single ?? [joiner.finish()]) await sink.write(part);
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
 * The buffers row groups are copied into: each goes to a thread with its job and comes back with
 * the answer, to be filled again. Keeps at most `keep` (the row groups that can be in flight).
 */
class JobBuffers {
  private readonly free: ArrayBuffer[] = [];
  /** The largest buffer made so far: a new one is made at least as large, so a row group is not copied as it grows. */
  private largest = 0;

  constructor(private readonly keep: number) {}

  /** A buffer to cut the next row group into: a kept one, else an empty one that grows as it is filled. */
  take(): Uint8Array {
    return new Uint8Array(this.free.pop() ?? new ArrayBuffer(0));
  }

  /** A buffer of at least `size` bytes that starts with the first `used` bytes of `from`. */
  grow(from: Uint8Array, used: number, size: number): Uint8Array {
    let buffer = this.free.pop();
    if (!buffer || buffer.byteLength < size) {
      // Until the first row group is known, grow by half again each time.
      buffer = new ArrayBuffer(Math.max(size, this.largest, Math.ceil(from.byteLength * 1.5)));
      this.largest = buffer.byteLength;
    }
    const grown = new Uint8Array(buffer);
    grown.set(from.subarray(0, used));
    return grown;
  }

  /** Hands back a buffer a thread is done with. */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength >= this.largest && this.free.length < this.keep) this.free.push(buffer);
  }
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

  /** The Parquet file of `job`, whose `ipc` buffer is moved to the thread and handed back to `buffers`. */
  async encode(job: ParquetJob, buffers: JobBuffers): Promise<Uint8Array[]> {
    const answer = await this.pool.run(job, [job.ipc.buffer as ArrayBuffer]);
    if ('error' in answer) throw new Error(`the Parquet writer failed: ${answer.error}`);
    buffers.give(answer.ipc.buffer as ArrayBuffer);
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
