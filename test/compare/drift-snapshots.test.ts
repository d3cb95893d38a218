/**
 * Drift end to end: generated prediction snapshots go through the real audit, then through the
 * comparison a nightly `audit --baseline` runs. The expected rates are worked out here from the
 * generated rows, not read from the audit.
 */
import { describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import { runAudit } from '../../src/audit/run.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { tableSource } from '../../src/load/memory.js';
import { compareResults, type Comparison } from '../../src/compare/comparison.js';
import { applyComparison } from '../../src/compare/apply.js';
import { driftTolerances } from '../../src/compare/drift.js';
import type { AuditResults } from '../../src/results/index.js';
import { testRandom } from '../metrics/fixtures.js';

const ROWS = 40_000;
const GROUPS = ['A', 'B', 'C'] as const;
/** Share of rows in each group. */
const SHARE = { A: 0.4, B: 0.4, C: 0.2 };
/** Probability of approval in each group: impact ratio 0.54 / 0.60 = 0.9, within the policy. */
const APPROVAL = { A: 0.6, B: 0.57, C: 0.54 };

interface Snapshot {
  group: string[];
  sex: string[];
  repaid: number[];
  approved: number[];
}

/** One night's predictions: `approval` overrides the approval probability of some groups. */
function snapshot(seed: number, approval: Record<string, number> = {}): Snapshot {
  const next = testRandom(seed);
  const s: Snapshot = { group: [], sex: [], repaid: [], approved: [] };
  for (let i = 0; i < ROWS; i++) {
    const u = next();
    const group = u < SHARE.A ? 'A' : u < SHARE.A + SHARE.B ? 'B' : 'C';
    s.group.push(group);
    s.sex.push(next() < 0.5 ? 'female' : 'male');
    s.repaid.push(next() < 0.65 ? 1 : 0);
    s.approved.push(next() < (approval[group] ?? APPROVAL[group as keyof typeof APPROVAL]) ? 1 : 0);
  }
  return s;
}

/** The impact ratio of `group` worked out from the rows: lowest selection rate ÷ highest. */
function impactRatio(s: Snapshot): number {
  const rates = GROUPS.map((g) => {
    const rows = s.group.map((x, i) => [x, s.approved[i]] as const).filter(([x]) => x === g);
    return rows.filter(([, a]) => a === 1).length / rows.length;
  });
  return Math.min(...rates) / Math.max(...rates);
}

async function audit(s: Snapshot): Promise<AuditResults> {
  const table = tableFromArrays({ group: s.group, sex: s.sex, repaid: Int32Array.from(s.repaid), approved: Int32Array.from(s.approved) });
  const config = resolveConfig({ dataset: 'nightly', label: 'repaid', prediction: 'approved', sensitive: ['group', 'sex'], bootstrap: 200, seed: 7 });
  return runAudit(tableSource(table, 'nightly'), config);
}

/** What `audit --baseline` does: drift checks under the config's tolerances join the results. */
function withBaseline(current: AuditResults, baseline: AuditResults): AuditResults {
  return applyComparison(current, compareResults(current, baseline, driftTolerances(current.config)));
}

describe('drift between generated snapshots', () => {
  const baselineRows = snapshot(1);

  it('is not found between two samples of the same predictions', async () => {
    const sameRows = snapshot(2);
    // Worked out from the rows: the two samples differ by sampling noise only, well within 0.05.
    expect(Math.abs(impactRatio(sameRows) - impactRatio(baselineRows))).toBeLessThan(0.03);

    const baseline = await audit(baselineRows);
    const current = withBaseline(await audit(sameRows), baseline);
    const drift = current.checks.filter((c) => c.metric.startsWith('drift:'));
    expect(drift.length).toBeGreaterThan(0);
    expect(drift.filter((c) => c.verdict !== 'pass').map((c) => c.message)).toEqual([]);
    const comparison = current.comparison as Comparison;
    expect(comparison.attributes.flatMap((a) => [...a.new_groups, ...a.vanished_groups])).toEqual([]);
    // The policy's own checks may warn where an interval crosses a limit (inconclusive); none fails.
    expect(current.checks.filter((c) => c.verdict !== 'pass').every((c) => c.verdict === 'warn' && c.inconclusive)).toBe(true);
    expect(current.verdict).not.toBe('fail');
    expect(current.exit_code).toBe(0);
  });

  it('is found between snapshots where one group was planted a lower approval rate, and fails the run', async () => {
    const plantedRows = snapshot(3, { C: 0.42 });
    const before = impactRatio(baselineRows);
    const after = impactRatio(plantedRows);
    // About 0.90 before and 0.70 after: far more than the default fall of 0.05 allowed.
    expect(before - after).toBeGreaterThan(0.15);

    const baseline = await audit(baselineRows);
    const current = withBaseline(await audit(plantedRows), baseline);
    const ir = current.checks.find((c) => c.metric === 'drift:impact_ratio' && c.attribute === 'group')!;
    expect(ir.verdict).toBe('fail');
    expect(ir.value).toBeCloseTo(before - after, 2);
    expect(ir.message).toContain('no longer overlap');
    const dp = current.checks.find((c) => c.metric === 'drift:demographic_parity_difference' && c.attribute === 'group')!;
    expect(dp.verdict).toBe('fail');
    // sex was not planted anything: no drift on it.
    expect(current.checks.filter((c) => c.metric.startsWith('drift:') && c.attribute === 'sex').every((c) => c.verdict === 'pass')).toBe(true);
    expect(current.exit_code).toBe(1);
  });
});
