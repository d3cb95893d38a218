/**
 * A small pool of counting threads (node:worker_threads): each takes the next task when it is
 * done with its last, so a thread slowed by other work on the machine takes fewer parts.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startThread } from './launch.js';
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

/** A counting thread's code: ./worker.ts, bundled by the build into `worker.mjs`. */
const COUNTING_THREAD = { module: 'parallel/worker', bundle: 'worker.mjs' };

/** Counting threads, started at once so their start-up overlaps the main thread's own work. */
export class CountingPool {
  private readonly workers: Worker[];

  constructor(size: number) {
    this.workers = Array.from({ length: size }, () => startThread(COUNTING_THREAD));
  }

  /**
   * Runs every task and resolves to the answers in task order; rejects when a thread dies. With
   * `local`, this thread takes tasks from the same queue too: it has every module loaded already
   * and starts counting while the threads are still starting up. `onAnswer` hears of each answer
   * (a progress line).
   */
  run(tasks: readonly CountTask[], local?: (task: CountTask) => Promise<CountAnswer>, onAnswer?: (done: number, total: number) => void): Promise<CountAnswer[]> {
    return new Promise((resolve, reject) => {
      const answers = new Array<CountAnswer>(tasks.length);
      let next = 0;
      let done = 0;
      let failed = false;
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      const answered = (answer: CountAnswer) => {
        answers[answer.index] = answer;
        onAnswer?.(done + 1, tasks.length);
        if (++done === tasks.length) resolve(answers);
      };
      for (const worker of this.workers) {
        const give = () => {
          if (next < tasks.length && !failed) worker.postMessage(tasks[next++]);
        };
        worker.on('message', (answer: CountAnswer) => {
          answered(answer);
          give();
        });
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (done < tasks.length) fail(new Error(`a counting thread stopped with exit code ${code}`));
        });
        give();
      }
      if (local) {
        const work = async () => {
          while (next < tasks.length && !failed) answered(await local(tasks[next++]));
        };
        work().catch(fail);
      }
    });
  }

  /** Stops every thread. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
