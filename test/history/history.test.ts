import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, existsSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendHistory, readHistory, verifyHistory } from '../../src/history/history-file.js';
import { historyEntryFrom, type HistoryEntry } from '../../src/history/entry.js';
import { entrySha256 } from '../../src/history/chain.js';
import { UserError } from '../../src/errors.js';
import { baselineSpec, makeCheck, makeResults } from '../compare/fixtures.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'fairaudit-history-')), 'history.jsonl');
const entry = (dataset: string): HistoryEntry => ({ ...historyEntryFrom(makeResults(baselineSpec())), dataset });

/** A 5-line history and its lines. */
async function fiveLines(): Promise<{ path: string; lines: string[] }> {
  const path = tempFile();
  for (let i = 1; i <= 5; i++) await appendHistory(path, entry(`run${i}`));
  return { path, lines: readFileSync(path, 'utf8').split('\n').slice(0, -1) };
}

describe('a history entry', () => {
  it('keeps time, inputs, config hash, models, verdicts and the key metrics of each attribute', () => {
    const spec = baselineSpec();
    spec.attributes[0].checks = [makeCheck('impact_ratio', 'race', 0.85, 'pass', { group: { race: 'Black' } })];
    const results = makeResults({ ...spec, models: [{ path: 'm.onnx', bytes: 4, sha256: 'e'.repeat(64) }] });
    const e = historyEntryFrom(results);
    expect(e.time).toBe('2024-05-01T02:00:00.000Z');
    expect(e.inputs).toEqual([{ path: 'loans.csv', sha256: 'a'.repeat(64) }]);
    expect(e.config_sha256).toBe('c'.repeat(64));
    expect(e.models).toEqual([{ path: 'm.onnx', sha256: 'e'.repeat(64) }]);
    expect(e.checks[0]).toEqual({ metric: 'impact_ratio', attribute: 'race', group: 'race=Black', value: 0.85, verdict: 'pass' });
    expect(e.metrics).toEqual({
      race: { demographic_parity_difference: 0.075, equalized_odds_difference: 0.06, impact_ratio: 0.85 },
      sex: { demographic_parity_difference: 0.04, equalized_odds_difference: 0.03, impact_ratio: 0.92 },
    });
  });
});

describe('the history chain', () => {
  it('links each line to the SHA-256 of the previous line and starts from 64 zeros', async () => {
    const { path, lines } = await fiveLines();
    expect(lines).toHaveLength(5);
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed[0].prev_sha256).toBe('0'.repeat(64));
    for (let i = 1; i < 5; i++) expect(parsed[i].prev_sha256).toBe(sha(lines[i - 1]));
    expect(parsed.map((p) => p.dataset)).toEqual(['run1', 'run2', 'run3', 'run4', 'run5']);
    expect(await verifyHistory(path)).toEqual({ ok: true, lines: 5, problems: [], head: parsed[4].sha256 });
    expect((await readHistory(path)).map((e) => e.dataset)).toEqual(['run1', 'run2', 'run3', 'run4', 'run5']);
  });

  it('catches an edited line: its own hash and the next link break', async () => {
    const { path, lines } = await fiveLines();
    lines[2] = lines[2].replace('"impact_ratio":0.85', '"impact_ratio":0.95');
    writeFileSync(path, lines.join('\n') + '\n');
    const result = await verifyHistory(path);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.line)).toEqual([3, 4]);
  });

  it('catches an edited line whose own sha256 was recomputed, at the next link', async () => {
    const { path, lines } = await fiveLines();
    const edited = JSON.parse(lines[1]);
    edited.verdict = 'fail';
    delete edited.sha256;
    lines[1] = JSON.stringify({ ...edited, sha256: entrySha256(edited) });
    writeFileSync(path, lines.join('\n') + '\n');
    expect((await verifyHistory(path)).problems.map((p) => p.line)).toEqual([3]);
  });

  it('catches a deleted line', async () => {
    const { path, lines } = await fiveLines();
    lines.splice(2, 1);
    writeFileSync(path, lines.join('\n') + '\n');
    const result = await verifyHistory(path);
    expect(result.lines).toBe(4);
    expect(result.problems.map((p) => p.line)).toEqual([3]);
    expect(result.problems[0].message).toContain('does not match line 2');
  });

  it('catches a deleted first line', async () => {
    const { path, lines } = await fiveLines();
    writeFileSync(path, lines.slice(1).join('\n') + '\n');
    expect((await verifyHistory(path)).problems.map((p) => p.line)).toEqual([1]);
  });

  it('catches reordered lines', async () => {
    const { path, lines } = await fiveLines();
    [lines[1], lines[3]] = [lines[3], lines[1]];
    writeFileSync(path, lines.join('\n') + '\n');
    const result = await verifyHistory(path);
    expect(result.ok).toBe(false);
    // new order 1,4,3,2,5: every line from 2 on follows the wrong line
    expect(result.problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
  });

  it('catches a cut-short last line and refuses to chain onto it', async () => {
    const { path, lines } = await fiveLines();
    writeFileSync(path, lines.join('\n') + '\n' + lines[4].slice(0, 40));
    const result = await verifyHistory(path);
    expect(result.problems.map((p) => p.line)).toEqual([6, 6]);
    await expect(appendHistory(path, entry('run7'))).rejects.toThrow(/incomplete line/);
  });

  it('reads a missing history as empty, but refuses to verify one', async () => {
    expect(await readHistory(join(tmpdir(), 'no-such-history.jsonl'))).toEqual([]);
    await expect(verifyHistory(join(tmpdir(), 'no-such-history.jsonl'))).rejects.toBeInstanceOf(UserError);
  });
});

describe('concurrent appends', () => {
  it('8 processes appending 25 lines each to one history lose nothing and never interleave', async () => {
    const path = tempFile();
    let ready = 0;
    let allReady: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (allReady = resolve));
    const workers = Array.from({ length: 8 }, (_, w) =>
      new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/history/append-worker.ts'), path, String(w), '25'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stdout.on('data', () => ++ready === 8 && allReady());
        child.stderr.on('data', (d) => (stderr += d));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve(code) : reject(new Error(`worker ${w} exited ${code}: ${stderr}`))));
      }),
    );
    await started;
    writeFileSync(`${path}.go`, ''); // every worker starts appending now
    await Promise.all(workers);
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    expect(lines.pop()).toBe(''); // ends with a newline
    expect(lines).toHaveLength(200);
    // every line is one whole JSON object: no interleaving
    const datasets = lines.map((l) => JSON.parse(l).dataset as string);
    const expected = Array.from({ length: 8 }, (_, w) => Array.from({ length: 25 }, (_, i) => `w${w}-${i}`)).flat();
    expect([...datasets].sort()).toEqual([...expected].sort());
    // each worker's own lines are in its order
    for (let w = 0; w < 8; w++) {
      const mine = datasets.filter((d) => d.startsWith(`w${w}-`)).map((d) => Number(d.split('-')[1]));
      expect(mine).toEqual(Array.from({ length: 25 }, (_, i) => i));
    }
    // the workers really ran at the same time: their lines alternate
    const switches = datasets.filter((d, i) => i > 0 && d.split('-')[0] !== datasets[i - 1].split('-')[0]).length;
    expect(switches).toBeGreaterThan(30);
    const result = await verifyHistory(path);
    expect(result).toMatchObject({ ok: true, lines: 200 });
    expect(existsSync(`${path}.lock`)).toBe(false);
  }, 120_000);

  it('breaks a lock abandoned longer than the stale age, and waits for a fresh one until the timeout', async () => {
    const path = tempFile();
    writeFileSync(`${path}.lock`, 'crashed run');
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(`${path}.lock`, hourAgo, hourAgo);
    await appendHistory(path, entry('after crash'));
    expect((await readHistory(path)).map((e) => e.dataset)).toEqual(['after crash']);
    expect(existsSync(`${path}.lock`)).toBe(false);

    writeFileSync(`${path}.lock`, 'running now');
    await expect(appendHistory(path, entry('blocked'), { timeoutMs: 100 })).rejects.toThrow(/timed out after 100 ms waiting for the lock/);
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe('running now'); // someone else's lock is left alone
  });
});
