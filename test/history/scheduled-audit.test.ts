/**
 * A nightly job end to end, through the built CLI as cron would run it: `audit --baseline
 * --history --model -q`, then `history verify` and `history show`. The planted change is worked
 * out here from the CSV rows, not read from the audit.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCliInProcess, tempDir, type CliRun } from '../cli/run-cli.js';

/** The impact ratio of race worked out from CSV text: lowest approval rate ÷ highest. */
function raceImpactRatio(csv: string): number {
  const [header, ...rows] = csv.trim().split('\n');
  const cols = header.split(',');
  const [race, approved] = [cols.indexOf('race'), cols.indexOf('approved')];
  const tally = new Map<string, [number, number]>();
  for (const row of rows) {
    const f = row.split(',');
    const t = tally.get(f[race]) ?? [0, 0];
    tally.set(f[race], [t[0] + Number(f[approved]), t[1] + 1]);
  }
  const rates = [...tally.values()].map(([yes, n]) => yes / n);
  return Math.min(...rates) / Math.max(...rates);
}

/** loans.csv with every second approved Black applicant declined: a planted fall in approvals. */
function plant(csv: string): string {
  const [header, ...rows] = csv.trim().split('\n');
  const cols = header.split(',');
  const [race, approved] = [cols.indexOf('race'), cols.indexOf('approved')];
  let k = 0;
  const changed = rows.map((row) => {
    const f = row.split(',');
    if (f[race] === 'Black' && f[approved] === '1' && k++ % 2 === 0) f[approved] = '0';
    return f.join(',');
  });
  return [header, ...changed].join('\n') + '\n';
}

describe('a scheduled audit with a baseline, a history and a model file', () => {
  const dir = tempDir('fairaudit-nightly-');
  const history = join(dir, 'history.jsonl');
  const original = readFileSync(join(ROOT, 'datasets/loans.csv'), 'utf8');
  const planted = join(dir, 'planted.csv');
  const config = join(dir, 'nightly.json');
  const [modelA, modelB] = [join(dir, 'model-a.bin'), join(dir, 'model-b.bin')];
  const runs: CliRun[] = [];
  const audit = async (data: string, out: string, model: string, baseline?: string) =>
    await runCliInProcess(['audit', data, '-c', config, '-o', join(dir, out), '--history', history, '--model', model, '-q', ...(baseline ? ['--baseline', join(dir, baseline, 'audit.json')] : [])]);

  beforeAll(async () => {
    writeFileSync(planted, plant(original));
    // No fairness policy, so the exit code is the drift checks' alone (default tolerances).
    writeFileSync(config, JSON.stringify({ dataset: 'loans', label: 'repaid', prediction: 'approved', sensitive: ['race', 'sex'], intersections: 'none', policy: [], bootstrap: 200 }));
    writeFileSync(modelA, 'weights v1');
    writeFileSync(modelB, 'weights v2');
    runs.push(await audit('datasets/loans.csv', 'night-1', modelA));
    runs.push(await audit('datasets/loans.csv', 'night-2', modelA, 'night-1'));
    runs.push(await audit(planted, 'night-3', modelB, 'night-2'));
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 with no drift on the same data, and 1 on the planted fall, printing nothing with -q', async () => {
    expect(runs.map((r) => r.status)).toEqual([0, 0, 1]);
    expect(runs.map((r) => r.stdout + r.stderr)).toEqual(['', '', '']);
  });

  it('fails the impact-ratio drift check of race by the fall worked out from the rows', async () => {
    const before = raceImpactRatio(original);
    const after = raceImpactRatio(plant(original));
    expect(before - after).toBeGreaterThan(0.05);
    const results = JSON.parse(readFileSync(join(dir, 'night-3', 'audit.json'), 'utf8'));
    const check = results.checks.find((c: { metric: string; attribute: string }) => c.metric === 'drift:impact_ratio' && c.attribute === 'race');
    expect(check.verdict).toBe('fail');
    expect(check.value).toBeCloseTo(before - after, 6);
    const quiet = JSON.parse(readFileSync(join(dir, 'night-2', 'audit.json'), 'utf8'));
    expect(quiet.checks.filter((c: { metric: string; verdict: string }) => c.metric.startsWith('drift:') && c.verdict !== 'pass')).toEqual([]);
  });

  it('shows the comparison, the changed model and the trend in the report', async () => {
    const html = readFileSync(join(dir, 'night-3', 'report.html'), 'utf8');
    expect(html).toContain('Changes since the baseline');
    expect(html).toContain(`${modelB} (was ${modelA}): changed`);
    // The model file's SHA-256, hashed here from its bytes.
    expect(html).toContain(createHash('sha256').update('weights v2').digest('hex'));
    expect(html).toContain('Trend across runs');
    const unchanged = readFileSync(join(dir, 'night-2', 'report.html'), 'utf8');
    expect(unchanged).not.toContain(`(was ${modelA})`);
  });

  it('keeps one chained line per run that verify accepts, and show lists every run', async () => {
    const lines = readFileSync(history, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    const verify = await runCliInProcess(['history', 'verify', history]);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain('3 lines, chain intact');
    const show = await runCliInProcess(['history', 'show', history]);
    expect(show.status).toBe(0);
    expect(show.stdout).toMatch(/^3 runs, /);
  });

  it('verify exits 1 once a past run is edited', async () => {
    const edited = join(dir, 'edited.jsonl');
    const lines = readFileSync(history, 'utf8').trim().split('\n');
    lines[1] = lines[1].replace('"verdict":"pass"', '"verdict":"fail"');
    writeFileSync(edited, lines.join('\n') + '\n');
    const verify = await runCliInProcess(['history', 'verify', edited]);
    expect(verify.status).toBe(1);
    expect(verify.stdout).toContain('line 2');
  });
});
