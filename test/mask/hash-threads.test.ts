/**
 * Hashing on other threads changes nothing but the time: a mask with hashing threads writes the
 * very bytes of a mask on one thread, rows in input order, each id the HMAC recomputed here with
 * node:crypto, and the same manifest counts.
 */
import { createHmac } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { HmacThreads } from '../../src/mask/hmac-threads.js';
import { runCliInProcess } from '../cli/run-cli.js';
import { tempFolder } from './helpers.js';

/** A batch of the loader's 65,536 rows for the hashing threads, then a small one hashed on the main thread. */
const ROWS = 70_000;
const KEY = 'hash-threads-test-key-0123456789abcdef';

function idOf(i: number): string {
  return `CUST-${String((i * 7919) % ROWS).padStart(9, '0')}`;
}

describe('masking with hashing threads', () => {
  for (const format of ['csv', 'parquet'] as const) {
    it(`writes the same ${format} bytes and manifest counts as one thread, rows in order`, async () => {
      const folder = await tempFolder();
      const data = join(folder, 'people.csv');
      const lines = ['customer_id,email,sex,approved'];
      for (let i = 0; i < ROWS; i++) lines.push(`${idOf(i)},${i % 1000 === 7 ? '' : `user${i}.x@example.com`},${i % 2 ? 'F' : 'M'},${i % 3 ? 1 : 0}`);
      await writeFile(data, lines.join('\n') + '\n');
      const outputs: string[] = [];
      for (const threads of ['1', '3']) {
        const out = join(folder, `threads-${threads}.${format}`);
        const run = await runCliInProcess(['mask', data, '-o', out, '-q', '--allow-k', '1'], { env: { FAIRAUDIT_MASK_KEY: KEY, FAIRAUDIT_THREADS: threads } });
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        outputs.push(out);
      }
      const [one, many] = await Promise.all(outputs.map((out) => readFile(out)));
      expect(one.equals(many)).toBe(true);
      const manifests = await Promise.all(outputs.map(async (out) => JSON.parse(await readFile(`${out}.manifest.json`, 'utf8')) as { columns: unknown[]; risk: { quasi_identifiers: string[]; k_achieved: number; classes: number } }));
      expect(manifests[1].columns).toEqual(manifests[0].columns);
      // A hashed unique id is not a quasi-identifier: k is measured over sex alone, whose smaller
      // class (recounted from the rows: F on odd rows) holds half of them.
      for (const { risk } of manifests) expect([risk.quasi_identifiers, risk.classes, risk.k_achieved]).toEqual([['sex'], 2, ROWS / 2]);
      if (format === 'csv') {
        const hmac = (text: string) => createHmac('sha256', KEY).update(text, 'utf8').digest('hex');
        // The copy keeps the input's line ends.
        const rows = one.toString('utf8').split('\n').slice(1, -1);
        expect(rows.length).toBe(ROWS);
        const wrong = rows.filter((row, i) => {
          const [id, email] = row.split(',');
          return id !== hmac(idOf(i)) || email !== (i % 1000 === 7 ? '' : hmac(`user${i}.x@example.com`));
        });
        expect(wrong.length).toBe(0);
      }
    }, 120_000);
  }

  it('hashes on the main thread the chunks no thread has started while it waits, each answer the HMAC of its own rows', async () => {
    const key = Buffer.from(KEY);
    const threads = new HmacThreads(key, 1);
    try {
      const chunks = Array.from({ length: 6 }, (_, c) => Array.from({ length: 1000 + c }, (_, i) => (i % 97 === 5 ? null : `row${c}-${i}@example.com`)));
      const outputs = chunks.map((rows) => threads.hash(vectorFromArray(rows, new Utf8()).data[0], new Utf8()));
      // The thread is still starting: the main thread takes the chunks queued behind the first.
      await threads.hashWhileWaiting(outputs[5]);
      expect(threads.hashedHere).toBeGreaterThan(0);
      const answers = await Promise.all(outputs);
      answers.forEach((answer, c) => {
        const values = [...new Array(answer.data!.length)].map((_, i) => (answer.data!.getValid(i) ? Buffer.from(answer.data!.values.subarray(answer.data!.valueOffsets[i], answer.data!.valueOffsets[i + 1])).toString('latin1') : null));
        expect(values).toEqual(chunks[c].map((row) => (row === null ? null : createHmac('sha256', key).update(row, 'utf8').digest('hex'))));
      });
    } finally {
      await threads.close();
    }
  });
});
