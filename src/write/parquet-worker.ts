/**
 * A Parquet encoding thread: for each job (the Arrow IPC batches of one row group), writes the
 * Parquet file of that row group and posts it back, moving its buffer rather than copying it.
 * Jobs run one at a time, in the order they came.
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
        const file = await encodeParquet(await pq, job.batches, job.rowGroupRows);
        answer = { id: job.id, file };
      } catch (error) {
        answer = { id: job.id, error: error instanceof Error ? error.message : String(error) };
      }
      port.postMessage(answer, 'file' in answer ? [answer.file.buffer as ArrayBuffer] : []);
    });
  });
}
