/**
 * An audit whose judged outcome never varies (every prediction 0, a threshold above every score,
 * a label-only audit whose labels are all 1) says "insufficient data", never "pass": every group
 * looks equal only because nothing was measured. Through the spawned CLI, with files the test writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from './run-cli.js';

let dir: string;

beforeAll(async () => {
  dir = tempDir();
  const rows = Array.from({ length: 240 }, (_, i) => [i % 2 ? 'F' : 'M', i % 3 === 0 ? 1 : 0, 0, ((i * 37) % 90) / 100, 1].join(','));
  writeFileSync(join(dir, 'flat.csv'), ['sex,y,p,s,all_one', ...rows].join('\n') + '\n');
});

async function audit(...args: string[]) {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const run = await runCliInProcess(['audit', join(dir, 'flat.csv'), '--sensitive', 'sex', '--bootstrap', '0', '-o', out, ...args]);
  const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as { verdict: string; checks: { verdict: string; message: string }[] };
  return { ...run, results };
}

describe('a constant outcome is insufficient data, never a pass', () => {
  it.each([
    ['every prediction 0', ['--label', 'y', '--prediction', 'p'], 'every prediction ("p") is 0'],
    ['a threshold above every score', ['--label', 'y', '--score', 's', '--threshold', '0.95'], 'every prediction ("s") is 0'],
    ['every label 1 in a label-only audit', ['--label', 'all_one'], 'every label ("all_one") is 1'],
  ])('%s', async (_name, args, reason) => {
    const run = await audit(...args);
    // Nothing was measured: exit 1, as a scheduled job must not read it as a pass.
    expect(run.status, run.stderr).toBe(1);
    expect(run.results.verdict).toBe('insufficient-data');
    expect(run.results.checks.length).toBeGreaterThan(0);
    for (const check of run.results.checks) expect(check.verdict).toBe('insufficient-data');
    expect(run.stderr).toContain(reason);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/INSUFFICIENT-DATA/);
  });

  it('fails the run under --fail-on warn too, and exits 0 under --fail-on never', async () => {
    expect((await audit('--label', 'y', '--prediction', 'p', '--fail-on', 'warn')).status).toBe(1);
    expect((await audit('--label', 'y', '--prediction', 'p', '--fail-on', 'never')).status).toBe(0);
  });

  it('a varying prediction is judged as before', async () => {
    const run = await audit('--label', 'y', '--score', 's', '--threshold', '0.5');
    expect(run.results.verdict).not.toBe('insufficient-data');
  });
});
