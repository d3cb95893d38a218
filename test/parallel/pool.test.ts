/**
 * The one thread pool, with threads built here from small scripts: every job answered, in the
 * order given, by however many threads; the caller taking queued jobs itself; jobs held per
 * thread; and a thread that dies failing every job not yet answered.
 */
import { describe, expect, it } from 'vitest';
import { ThreadPool } from '../../src/parallel/pool.js';

/** A thread that answers each number with its square after `delay` ms, one job at a time in order. */
const SQUARES = `
const { parentPort } = require('node:worker_threads');
let queue = Promise.resolve();
parentPort.on('message', (n) => {
  queue = queue.then(() => new Promise((done) => setTimeout(() => { parentPort.postMessage({ n, square: n * n, thread: require('node:worker_threads').threadId }); done(); }, 5)));
});
`;

/** A thread that exits with code 7 on its first job. */
const DIES = `require('node:worker_threads').parentPort.on('message', () => process.exit(7));`;

type Answer = { n: number; square: number; thread: number };

describe('the thread pool', () => {
  it('answers every job with its own answer, in the order the jobs were given, on every thread', async () => {
    const pool = new ThreadPool<number, Answer>({ script: SQUARES }, { size: 3, name: 'a test thread' });
    try {
      const jobs = Array.from({ length: 20 }, (_, i) => i + 1);
      const answers = await Promise.all(jobs.map((n) => pool.run(n)));
      expect(answers.map((a) => a.square)).toEqual([1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144, 169, 196, 225, 256, 289, 324, 361, 400]);
      expect(new Set(answers.map((a) => a.thread)).size).toBe(3);
    } finally {
      await pool.close();
    }
  });

  it('lets the caller take the jobs no thread has taken, and settle them itself', async () => {
    const pool = new ThreadPool<number, Answer>({ script: SQUARES }, { size: 1, name: 'a test thread' });
    try {
      const results = [1, 2, 3, 4].map((n) => pool.run(n));
      // One thread holds one job: the other three wait for whoever takes them.
      const taken: number[] = [];
      for (let job = pool.take(); job; job = pool.take()) {
        taken.push(job.job);
        job.resolve({ n: job.job, square: -job.job, thread: 0 });
      }
      expect(taken).toEqual([2, 3, 4]);
      expect((await Promise.all(results)).map((a) => a.square)).toEqual([1, -2, -3, -4]);
    } finally {
      await pool.close();
    }
  });

  it('gives one thread several jobs at once when allowed, answered in order', async () => {
    const pool = new ThreadPool<number, Answer>({ script: SQUARES }, { size: 1, jobsPerThread: Infinity, name: 'a test thread' });
    try {
      const results = [5, 6, 7].map((n) => pool.run(n));
      // Every job went to the thread at once: none is left to take.
      expect(pool.take()).toBeUndefined();
      expect((await Promise.all(results)).map((a) => [a.n, a.square])).toEqual([[5, 25], [6, 36], [7, 49]]);
    } finally {
      await pool.close();
    }
  });

  it('fails every job not yet answered, and any given later, when a thread dies, naming the thread', async () => {
    const pool = new ThreadPool<number, Answer>({ script: DIES }, { size: 2, name: 'a test thread' });
    try {
      const results = [1, 2, 3].map((n) => pool.run(n));
      for (const result of results) await expect(result).rejects.toThrow('a test thread stopped with exit code 7');
      await expect(pool.run(4)).rejects.toThrow('a test thread stopped with exit code 7');
    } finally {
      await pool.close();
    }
  });
});
