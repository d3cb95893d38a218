/**
 * The history lock under the failures the hostile-input review found: a writer that stalls while
 * holding the lock must never break the chain, whatever happens meanwhile, and a 0-byte lock left
 * by a full disk must not make the next audit wait 30 s.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendHistory } from '../../src/history/history-file.js';
import { sealEntry } from '../../src/history/chain.js';
import { historyEntryFrom, type HistoryEntry } from '../../src/history/entry.js';
import { baselineSpec, makeResults } from '../compare/fixtures.js';
import { runCliInProcess } from '../cli/run-cli.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const entry = (dataset: string): HistoryEntry => ({ ...historyEntryFrom(makeResults(baselineSpec())), dataset });
const fresh = () => mkdtempSync(join(tmpdir(), 'fairaudit-lock-'));

/** Starts the stalling writer on `path`; resolves once it holds the lock and has stalled. */
async function stalledWriter(path: string): Promise<{ resume: () => Promise<string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/history/stall-worker.ts'), path], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<string>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`writer exited ${code}: ${stderr}`)))));
  while (!existsSync(`${path}.stalled`)) await new Promise((resolve) => setTimeout(resolve, 10));
  return {
    resume: () => {
      writeFileSync(`${path}.resume`, '');
      return exited;
    },
  };
}

/** Every line's prev_sha256 is the SHA-256 of the line before (64 zeros first), checked here. */
function expectChained(path: string): string[] {
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  lines.forEach((line, i) => expect(JSON.parse(line).prev_sha256).toBe(i === 0 ? '0'.repeat(64) : sha(lines[i - 1])));
  return lines.map((line) => JSON.parse(line).dataset as string);
}

describe('a writer that stalls while it holds the history lock', () => {
  it('writes nothing once another run broke its lock and appended, so the chain stays whole', async () => {
    const path = join(fresh(), 'history.jsonl');
    await appendHistory(path, entry('first'));
    const writer = await stalledWriter(path);
    // What a waiter does to a lock it takes for abandoned: move it aside, take its own, append.
    renameSync(`${path}.lock`, `${path}.lock.broken`);
    await appendHistory(path, entry('took over'));
    expect(await writer.resume()).toMatch(/^refused: another run took over the history lock while this one was stalled; nothing was appended/);
    expect(expectChained(path)).toEqual(['first', 'took over']);
  }, 60_000);

  it('re-reads the last line before appending, so a line added meanwhile is chained onto', async () => {
    const path = join(fresh(), 'history.jsonl');
    await appendHistory(path, entry('first'));
    const writer = await stalledWriter(path);
    // A line that reached the file after the writer read the tail (by a run that did not wait for it).
    appendFileSync(path, sealEntry(entry('meanwhile'), readFileSync(path, 'utf8').trimEnd()) + '\n');
    expect(await writer.resume()).toBe('appended\n');
    expect(expectChained(path)).toEqual(['first', 'meanwhile', 'stalled writer']);
  }, 60_000);
});

describe('a 0-byte lock left by a full disk', () => {
  it('does not hold up the next audit --history for 30 s', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'data.csv'), ['sex,label,pred', ...Array.from({ length: 60 }, (_, i) => `${i % 2 ? 'F' : 'M'},${i % 3 === 0 ? 1 : 0},${i % 4 === 0 ? 1 : 0}`)].join('\n') + '\n');
    const audit = (history: string) =>
      runCliInProcess(['audit', 'data.csv', '--label', 'label', '--prediction', 'pred', '--sensitive', 'sex', '--bootstrap', '20', '-q', '-o', 'r', '--history', history], { cwd: dir });
    // The same audit without a lock in its way: what the run costs on this (shared) machine.
    let started = Date.now();
    expect((await audit('warm-up.jsonl')).status).toBeLessThan(2);
    const unhindered = Date.now() - started;
    writeFileSync(join(dir, 'h.jsonl.lock'), '');
    const threeSecondsAgo = new Date(Date.now() - 3000);
    utimesSync(join(dir, 'h.jsonl.lock'), threeSecondsAgo, threeSecondsAgo);
    started = Date.now();
    const run = await audit('h.jsonl');
    expect(run.status, run.stderr).toBeLessThan(2);
    // Broken at once (it is older than the 2 s grace), never after the 30 s stale age.
    expect(Date.now() - started).toBeLessThan(unhindered + 5_000);
    expect(expectChained(join(dir, 'h.jsonl'))).toEqual(['data']);
    expect(existsSync(join(dir, 'h.jsonl.lock'))).toBe(false);
  }, 60_000);
});
