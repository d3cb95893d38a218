import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareCommand } from '../../src/cli/commands/compare.js';
import { UserError } from '../../src/errors.js';
import { baselineSpec, makeResults } from './fixtures.js';

/** Runs the command and returns its exit code and what it printed on stdout. */
async function run(args: Parameters<typeof compareCommand.run>[0]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const code = await compareCommand.run(args);
  vi.restoreAllMocks();
  return { code, stdout };
}

/** Audits whose race impact ratio moved from 0.85 to `currentImpactRatio`, with `currentInterval` (default: the baseline's [0.80, 0.90]). */
function files(currentImpactRatio: number, currentInterval?: [number, number]): { baseline: string; current: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fairaudit-compare-cmd-'));
  const spec = baselineSpec();
  writeFileSync(join(dir, 'a.json'), JSON.stringify(makeResults(spec)));
  spec.attributes[0].aggregates = { ...spec.attributes[0].aggregates, impact_ratio: currentImpactRatio };
  if (currentInterval) spec.attributes[0].intervals = { ...spec.attributes[0].intervals, impact_ratio: currentInterval };
  writeFileSync(join(dir, 'b.json'), JSON.stringify(makeResults({ ...spec, created_at: '2024-05-02T02:00:00.000Z' })));
  return { baseline: join(dir, 'a.json'), current: join(dir, 'b.json'), dir };
}

afterEach(() => vi.restoreAllMocks());

describe('fairaudit compare', () => {
  it('prints an aligned table and exits 1 when a drift check fails (default tolerances)', async () => {
    const { baseline, current } = files(0.75, [0.7, 0.79]);
    const { code, stdout } = await run({ baseline, current });
    expect(code).toBe(1);
    const row = stdout.split('\n').find((line) => line.trim().startsWith('impact_ratio') && line.includes('0.750'))!;
    // baseline 0.850 [0.80, 0.90], current 0.750 [0.70, 0.79]: change −0.100, worse by +0.100, allowed 0.05 down (the default),
    // intervals apart, so FAIL; inconclusive all the same: the intervals allow anything from 0.01 to 0.20 worse, 0.05 included.
    expect(row.trim().split(/\s{2,}/)).toEqual(['impact_ratio', '0.850', '0.750', '−0.100', '+0.100', '0.05 down', 'apart', 'FAIL (inconclusive)']);
    expect(stdout).toContain('drift checks: 1 failed, 0 warned checks, 5 passed (1 of the failed or warned checks inconclusive');
  });

  it('only warns, and exits 0, when the change is beyond the tolerance but the intervals still overlap', async () => {
    const { baseline, current } = files(0.75);
    const { code, stdout } = await run({ baseline, current });
    expect(code).toBe(0);
    const row = stdout.split('\n').find((line) => line.trim().startsWith('impact_ratio') && line.includes('0.750'))!;
    // Both intervals are [0.80, 0.90]: the fall of 0.10 may be noise.
    expect(row.trim().split(/\s{2,}/)).toEqual(['impact_ratio', '0.850', '0.750', '−0.100', '+0.100', '0.05 down', 'overlap', 'WARN (inconclusive)']);
    expect(stdout).toContain('drift checks: 0 failed, 1 warned check, 5 passed');
  });

  it('exits 0 when nothing drifted, and prints JSON with --json', async () => {
    const { baseline, current } = files(0.84);
    const { code, stdout } = await run({ baseline, current, json: true });
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.checks).toHaveLength(6);
    expect(parsed.baseline.created_at).toBe('2024-05-01T02:00:00.000Z');
  });

  it('applies the drift and accept lists of --config', async () => {
    const { baseline, current, dir } = files(0.75);
    const config = join(dir, 'nightly.yaml');
    writeFileSync(
      config,
      ['drift:', '  - {metric: impact_ratio, max_change: 0.2}', 'accept:', '  - {check: drift:impact_ratio, reason: r, owner: o, expires: "2999-01-01"}', ''].join('\n'),
    );
    expect((await run({ baseline, current, config })).code).toBe(0); // 0.10 < 0.20
    writeFileSync(
      config,
      ['drift:', '  - {metric: impact_ratio, max_change: 0.05}', 'accept:', '  - {check: drift:impact_ratio@race, reason: new model, owner: ana, expires: "2999-01-01"}', ''].join('\n'),
    );
    const accepted = await run({ baseline: files(0.75, [0.7, 0.79]).baseline, current: files(0.75, [0.7, 0.79]).current, config });
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('FAIL (inconclusive, accepted)');
    expect(accepted.stdout).toContain('accepted by ana until 2999-01-01: new model');
  });

  it('refuses a file that is not a fairaudit audit.json with a UserError naming it', async () => {
    const { current, dir } = files(0.8);
    const bogus = join(dir, 'package.json');
    writeFileSync(bogus, '{"name": "x"}');
    const error = await compareCommand.run({ baseline: bogus, current }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).place.file).toBe(bogus);
  });
});
