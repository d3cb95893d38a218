/**
 * fairaudit's one pool of worker threads (node:worker_threads), started through ./launch.ts: the
 * counting threads of an audit (./collect.ts), the Parquet encoding threads of the writer
 * (src/write/parquet.ts) and the hashing threads of masking (src/mask/hmac-threads.ts) are each a
 * {@link ThreadPool}, so how jobs are handed out, answered and failed is written once.
 */
import { availableParallelism } from 'node:os';
import type { Transferable, Worker } from 'node:worker_threads';
import { startThread, type ThreadCode } from './launch.js';
import type { CountAnswer, CountTask } from './messages.js';

/**
 * Threads an audit counts with: the environment variable `FAIRAUDIT_THREADS` when set (1 counts on
 * the main thread alone), else the number of cores (`os.availableParallelism()`), less the cores
 * `reserved` for other work running beside the count (such as hashing the input).
 */
export function countingThreads(reserved = 0): number {
  const set = Number(process.env.FAIRAUDIT_THREADS);
  if (Number.isInteger(set) && set >= 1) return set;
  return Math.max(1, availableParallelism() - reserved);
}

/** A job handed to a thread or to the caller, with the settling of its promise. */
export interface PoolJob<Job, Answer> {
  job: Job;
  resolve(answer: Answer): void;
  reject(error: unknown): void;
}

interface Queued<Job, Answer> extends PoolJob<Job, Answer> {
  transfer: readonly Transferable[];
}

/** How a pool runs its threads. */
export interface ThreadPoolOptions {
  /** Threads to start (at least 1). */
  size: number;
  /**
   * Jobs a thread holds at once (default 1). More lets a thread start its next job without waiting
   * for this thread to hand it over: the Parquet encoder takes every row group as it comes, since
   * its caller is busy cutting the next one. The thread must then answer its jobs in order.
   */
  jobsPerThread?: number;
  /** What a thread is called in the error when one stops ("a counting thread"). */
  name: string;
  /** Each thread's `workerData` (a copy per thread), such as the hashing threads' key. */
  workerData?: unknown;
}

/**
 * Threads running one module's jobs. Jobs wait in one queue; a thread with room takes the oldest,
 * so a thread slowed by other work on the machine takes fewer. A thread answers each job with one
 * message, in the order it got them. The caller may take queued jobs itself ({@link take}). A
 * thread that dies fails every job not yet answered, and any given later.
 *
 * @example
 * const pool = new ThreadPool<Job, Answer>({ module: 'write/parquet-worker' }, { size: 2, name: 'a Parquet encoding thread' });
 * const answer = await pool.run(job);
 * await pool.close();
 */
export class ThreadPool<Job, Answer> {
  private readonly threads: { worker: Worker; jobs: Queued<Job, Answer>[] }[];
  private readonly queue: Queued<Job, Answer>[] = [];
  private readonly jobsPerThread: number;
  private failure: unknown;

  constructor(code: ThreadCode, options: ThreadPoolOptions) {
    this.jobsPerThread = options.jobsPerThread ?? 1;
    this.threads = Array.from({ length: options.size }, () => {
      const thread = { worker: startThread(code, options.workerData), jobs: [] as Queued<Job, Answer>[] };
      thread.worker.on('message', (answer: Answer) => {
        thread.jobs.shift()?.resolve(answer);
        this.dispatch();
      });
      thread.worker.on('error', (error) => this.fail(error));
      thread.worker.on('exit', (exitCode) => this.fail(new Error(`${options.name} stopped with exit code ${exitCode}`)));
      return thread;
    });
  }

  /** Runs `job` on a thread, moving the `transfer` buffers to it; resolves to the thread's answer. */
  run(job: Job, transfer: readonly Transferable[] = []): Promise<Answer> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ job, transfer, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * The oldest job no thread has taken yet, now the caller's to run and settle; undefined when
   * none waits. The main thread has every module loaded already: it can work while threads start.
   */
  take(): PoolJob<Job, Answer> | undefined {
    return this.queue.shift();
  }

  /** Stops every thread; jobs not yet answered are failed. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  /** Hands queued jobs to the threads with the fewest, up to `jobsPerThread` each. */
  private dispatch(): void {
    while (this.queue.length > 0 && this.failure === undefined) {
      let thread = this.threads[0];
      for (const t of this.threads) if (t.jobs.length < thread.jobs.length) thread = t;
      if (!thread || thread.jobs.length >= this.jobsPerThread) return;
      const queued = this.queue.shift()!;
      thread.jobs.push(queued);
      thread.worker.postMessage(queued.job, [...queued.transfer]);
    }
  }

  private fail(error: unknown): void {
    if (this.failure === undefined) this.failure = error;
    const waiting = [...this.queue.splice(0), ...this.threads.flatMap((thread) => thread.jobs.splice(0))];
    for (const job of waiting) job.reject(this.failure);
  }
}

/** A counting thread's code: ./worker.ts, bundled by the build into `worker.mjs`. */
const COUNTING_THREAD = { module: 'parallel/worker', bundle: 'worker.mjs' };

/** Counting threads, started at once so their start-up overlaps the main thread's own work. */
export class CountingPool {
  private readonly pool: ThreadPool<CountTask, CountAnswer>;

  constructor(size: number) {
    this.pool = new ThreadPool(COUNTING_THREAD, { size, name: 'a counting thread' });
  }

  /**
   * Runs every task and resolves to the answers in task order; rejects when a thread dies. With
   * `local`, this thread takes tasks from the same queue too: it has every module loaded already
   * and starts counting while the threads are still starting up. `onAnswer` hears of each answer
   * (a progress line).
   */
  run(tasks: readonly CountTask[], local?: (task: CountTask) => Promise<CountAnswer>, onAnswer?: (done: number, total: number) => void): Promise<CountAnswer[]> {
    let done = 0;
    const answered = (answer: CountAnswer) => {
      onAnswer?.(++done, tasks.length);
      return answer;
    };
    const answers = Promise.all(tasks.map((task) => this.pool.run(task).then(answered)));
    if (local) {
      const work = async () => {
        for (let taken = this.pool.take(); taken; taken = this.pool.take()) {
          try {
            taken.resolve(await local(taken.job));
          } catch (error) {
            taken.reject(error);
          }
        }
      };
      void work();
    }
    return answers;
  }

  /** Stops every thread. */
  close(): Promise<void> {
    return this.pool.close();
  }
}
