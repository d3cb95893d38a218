/**
 * Appends one entry to a history file and stalls in the middle of it, for the lock tests:
 * `stall-worker.ts FILE`. Once it holds the lock and has read the last line, it creates
 * `FILE.stalled` and blocks until `FILE.resume` exists, as a run descheduled for a long time would.
 * Prints `appended` or `refused: <message>`.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { appendHistory } from '../../src/history/history-file.js';
import { historyEntryFrom } from '../../src/history/entry.js';
import { UserError } from '../../src/errors.js';
import { baselineSpec, makeResults } from '../compare/fixtures.js';

const [file] = process.argv.slice(2);
const pause = new Int32Array(new SharedArrayBuffer(4));
let stalled = false;
const entry = historyEntryFrom(makeResults(baselineSpec()));
// The line is built from the entry right after the last line is read under the lock: reading
// `dataset` the first time is where this writer stalls, blocking its whole process.
Object.defineProperty(entry, 'dataset', {
  enumerable: true,
  get() {
    if (!stalled) {
      stalled = true;
      writeFileSync(`${file}.stalled`, '');
      while (!existsSync(`${file}.resume`)) Atomics.wait(pause, 0, 0, 5);
    }
    return 'stalled writer';
  },
});
try {
  await appendHistory(file, entry);
  process.stdout.write('appended\n');
} catch (error) {
  if (!(error instanceof UserError)) throw error;
  process.stdout.write(`refused: ${error.message}\n`);
}
