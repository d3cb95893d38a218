import { describe, expect, it } from 'vitest';
import { startThread } from '../../src/parallel/launch.js';

/** The first message of a thread, then the thread stopped. */
function firstAnswer(worker: ReturnType<typeof startThread>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.once('message', (answer) => void worker.terminate().then(() => resolve(answer)));
    worker.once('error', reject);
  });
}

describe('startThread', () => {
  it('runs a self-contained script with the data it is given', async () => {
    const script = "const { parentPort, workerData } = require('node:worker_threads'); parentPort.postMessage(workerData.a + workerData.b);";
    expect(await firstAnswer(startThread({ script }, { a: 2, b: 40 }))).toBe(42);
  });

  it('runs one of fairaudit’s own TypeScript modules from source, which answers a message', async () => {
    const worker = startThread({ module: 'write/parquet-worker' });
    const answer = firstAnswer(worker);
    // A job the encoder cannot read: the thread answers with an error for the same job id.
    worker.postMessage({ id: 7, batches: [new Uint8Array([1, 2, 3])], rowGroupRows: 10 });
    expect(await answer).toMatchObject({ id: 7, error: expect.any(String) });
  });
});
