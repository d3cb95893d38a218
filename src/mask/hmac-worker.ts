/**
 * A hashing thread of masking: the hex HMAC-SHA-256 of every value of a plain string chunk, for
 * the main thread (./hmac-threads.ts). The key comes in `workerData` and stays in this thread's
 * memory; jobs run in the order they came, and each answer's buffers are moved, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { HmacSha256, hexColumn } from './operators/hmac-kernel.js';

/** One chunk to hash: its bytes and offsets rebased to 0, and per row 1 when valid (null: all valid). */
export interface HmacJob {
  id: number;
  values: Uint8Array;
  offsets: Int32Array;
  valid: Uint8Array | null;
  length: number;
}

/** The hashes of one job, or why it failed. */
export type HmacAnswer = { id: number; hex: Uint8Array; offsets: Int32Array } | { id: number; error: string };

const port = parentPort;
if (port) {
  const mac = new HmacSha256(workerData as Uint8Array);
  port.on('message', (job: HmacJob) => {
    let answer: HmacAnswer;
    try {
      answer = { id: job.id, ...hexColumn(mac, job.values, job.offsets, job.valid, job.length) };
    } catch (error) {
      answer = { id: job.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer, 'hex' in answer ? [answer.hex.buffer as ArrayBuffer, answer.offsets.buffer as ArrayBuffer] : []);
  });
}
