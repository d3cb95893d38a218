/**
 * Hashing on the other cores: a plain string chunk's values go to a hashing thread
 * (./hmac-worker.ts), which returns their hex HMACs with the very loop the main thread would run
 * (`hexColumn`), so the output is byte for byte the same; the main thread reads and writes other
 * batches meanwhile. The threads are one {@link ThreadPool}, which answers jobs in the order given.
 * When the main thread would wait for a chunk's hashes (while the threads start, or when they fall
 * behind), it takes chunks no thread has started and hashes them itself, with the same loop.
 */
import { DataType, type Data, type Utf8 } from 'apache-arrow';
import { ThreadPool, countingThreads } from '../parallel/pool.js';
import { HmacSha256, hexColumn } from './operators/hmac-kernel.js';
import type { ColumnOutput } from './operators/column.js';
import { hexData, validFlags } from './operators/hmac.js';
import type { HmacAnswer, HmacJob } from './hmac-worker.js';

/** Threads that hash plain string chunks under one key; {@link HmacThreads.close} when done. */
export class HmacThreads {
  private readonly pool: ThreadPool<HmacJob, HmacAnswer>;
  private jobs = 0;
  private mac: HmacSha256 | null = null;
  /** Chunks hashed on this thread by {@link HmacThreads.hashWhileWaiting}. */
  hashedHere = 0;

  /** Starts `size` threads; each holds a copy of `key` in memory only. */
  constructor(
    private readonly key: Uint8Array,
    size: number,
  ) {
    this.pool = new ThreadPool({ module: 'mask/hmac-worker' }, { size, name: 'a hashing thread', workerData: Uint8Array.from(key) });
  }

  /** Whether {@link HmacThreads.hash} takes `data`: a Utf8 chunk with 32-bit offsets. */
  static takes(data: Data): boolean {
    return DataType.isUtf8(data.type) && data.valueOffsets instanceof Int32Array;
  }

  /**
   * The hmac operator's output for a chunk {@link HmacThreads.takes}: its values are copied
   * before this returns, so the chunk's memory may be reused at once.
   */
  async hash(data: Data, type: Utf8): Promise<ColumnOutput> {
    const n = data.length;
    const from = data.valueOffsets as Int32Array;
    const start = from[0];
    const values = (data.values as Uint8Array).slice(start, from[n]);
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i <= n; i++) offsets[i] = from[i] - start;
    const valid = validFlags(data);
    // The thread gets its own copy of the flags: the ones here build the output's validity.
    const sent = valid ? valid.slice() : null;
    const job: HmacJob = { id: this.jobs++, values, offsets, valid: sent, length: n };
    const answer = await this.pool.run(job, [values.buffer, offsets.buffer, ...(sent ? [sent.buffer as ArrayBuffer] : [])]);
    if ('error' in answer) throw new Error(`a hashing thread failed: ${answer.error}`);
    return hexData(answer, valid, n, type);
  }

  /**
   * Until `pending` settles, hashes here the chunks no thread has taken yet, oldest first, so that
   * this thread works instead of waiting; each job's answer is the one a thread would give.
   */
  async hashWhileWaiting(pending: Promise<unknown>): Promise<void> {
    let settled = false;
    pending.then(
      () => (settled = true),
      () => (settled = true),
    );
    // A promise settled already says so within this tick.
    await null;
    while (!settled) {
      const taken = this.pool.take();
      if (!taken) return;
      const { job } = taken;
      try {
        this.mac ??= new HmacSha256(this.key);
        taken.resolve({ id: job.id, ...hexColumn(this.mac, job.values, job.offsets, job.valid, job.length) });
      } catch (error) {
        taken.reject(error);
      }
      this.hashedHere++;
      // The threads' answers arrive as events: let them in before deciding to take another chunk.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** Batches a masking pass holds while their hashes are computed (memory: this many batches more). */
export const HASHED_IN_FLIGHT = 2;

/** Rows a chunk needs for hashing threads to pay for themselves (starting one takes about 0.1 s). */
const THREADED_ROWS = 8192;

/**
 * Hashing threads for a masking pass, started when the first chunk worth them arrives: one fewer
 * than the counting threads (`FAIRAUDIT_THREADS`, default the cores), at most 2, none on one core.
 */
export class LazyHashing {
  private threads: HmacThreads | null = null;
  private readonly size = Math.min(2, countingThreads() - 1);

  constructor(private readonly key: Uint8Array) {}

  /** Whether this machine gets hashing threads at all. */
  get possible(): boolean {
    return this.size > 0;
  }

  /** The threads to hash `data` with, or undefined when it is hashed on this thread. */
  threadsFor(data: Data): HmacThreads | undefined {
    if (!this.possible || data.length < THREADED_ROWS || !HmacThreads.takes(data)) return undefined;
    this.threads ??= new HmacThreads(this.key, this.size);
    return this.threads;
  }

  /** Hashes queued chunks on this thread until `pending` settles (see {@link HmacThreads.hashWhileWaiting}). */
  async hashWhileWaiting(pending: Promise<unknown>): Promise<void> {
    await this.threads?.hashWhileWaiting(pending);
  }

  async close(): Promise<void> {
    await this.threads?.close();
  }
}
