/**
 * Appends `count` entries to a history file, for the concurrency test:
 * `append-worker.ts FILE WORKER COUNT`. Prints `ready`, then waits for `FILE.go` to exist, so that
 * every worker starts appending at the same moment.
 */
import { existsSync } from 'node:fs';
import { appendHistory } from '../../src/history/history-file.js';
import { historyEntryFrom } from '../../src/history/entry.js';
import { baselineSpec, makeResults } from '../compare/fixtures.js';

const [file, worker, count] = process.argv.slice(2);
const base = historyEntryFrom(makeResults(baselineSpec()));
process.stdout.write('ready\n');
while (!existsSync(`${file}.go`)) await new Promise((resolve) => setTimeout(resolve, 2));
for (let i = 0; i < Number(count); i++) {
  await appendHistory(file, { ...base, dataset: `w${worker}-${i}` });
  // A short pause lets the other workers in, so that appends from different processes alternate.
  await new Promise((resolve) => setTimeout(resolve, 1 + (i % 3)));
}
