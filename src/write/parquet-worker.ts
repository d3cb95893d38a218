/**
 * A Parquet encoding thread: for each job (the Arrow IPC batches of one row group), writes the
 * Parquet file of that row group (in parts) and posts it back with the job's buffer, moving them
 * rather than copying them. Jobs run one at a time, in the order they came.
 */
import { parentPort } from 'node:worker_threads';
import { encodeParquet } from './parquet-encode.js';
import type { ParquetAnswer, ParquetJob } from './parquet.js';

const port = parentPort;
if (port) {
  const pq = import('parquet-wasm');
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (job: ParquetJob) => {
    queue = queue.then(async () => {
      let answer: ParquetAnswer;
      try {
        const batches = job.ends.map((end, k) => job.ipc.subarray(k === 0 ? 0 : job.ends[k - 1], end));
        const file = await encodeParquet(await pq, batches, job.rowGroupRows);
        answer = { id: job.id, file, ipc: job.ipc };
      } catch (error) {
        answer = { id: job.id, error: error instanceof Error ? error.message : String(error) };
      }
      port.postMessage(answer, 'file' in answer ? [...answer.file.map((part) => part.buffer as ArrayBuffer), answer.ipc.buffer as ArrayBuffer] : []);
    });
  });
}
