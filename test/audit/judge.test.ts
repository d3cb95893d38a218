/**
 * The judge weighs the policy checks, unmeasured checks, drift, acceptances and fail_on into one
 * verdict and exit code. Expected verdicts are worked out by hand from the checks each test builds.
 */
import { describe, expect, it } from 'vitest';
import { judge, judgeResults } from '../../src/audit/judge.js';
import type { AcceptedFinding, DriftTolerance } from '../../src/config/types.js';
import { baselineSpec, makeCheck, makeResults } from '../compare/fixtures.js';

const TODAY = new Date('2024-05-02T12:00:00Z');
const IMPACT_DRIFT: DriftTolerance[] = [{ metric: 'impact_ratio', max_change: 0.05, severity: 'fail' }];

/** The fixture with race's impact ratio at `ratio` (its policy check passing at 0.85 in the baseline). */
function withRaceImpact(ratio: number, verdict: 'pass' | 'fail') {
  const spec = baselineSpec();
  spec.attributes[0].aggregates = { ...spec.attributes[0].aggregates, impact_ratio: ratio };
  // An interval clear of the baseline's [0.8, 0.9], so drift is judged on the change, not inconclusive.
  spec.attributes[0].intervals = { ...spec.attributes[0].intervals, impact_ratio: [ratio - 0.04, ratio + 0.04] };
  spec.attributes[0].checks = [makeCheck('impact_ratio', 'race', ratio, verdict, { group: { race: 'Black' } })];
  return makeResults(spec);
}

describe('the judge', () => {
  it('turns passes into insufficient-data when the outcome never varies, keeps fails, and leaves its input alone', () => {
    const spec = baselineSpec();
    spec.attributes[1].checks = [makeCheck('impact_ratio', 'sex', 0.5, 'fail', { group: { sex: 'F' } })];
    const results = makeResults(spec);
    const judged = judge(results, { unmeasured: 'every prediction ("y_hat") is 0', today: TODAY });
    expect(judged.checks.map((c) => c.verdict)).toEqual(['insufficient-data', 'fail']);
    expect(judged.checks[0].message).toBe('impact_ratio on race Not judged: every prediction ("y_hat") is 0, so every group looks the same.');
    // The attribute lists the same judged checks as the flattened list.
    expect(judged.attributes[0].checks[0]).toBe(judged.checks[0]);
    expect([judged.verdict, judged.exit_code]).toEqual(['fail', 1]);
    expect(results.checks[0].verdict).toBe('pass');
  });

  it('gives insufficient-data when nothing could be judged, which fail_on warn turns into exit 1', () => {
    const results = { ...makeResults(baselineSpec()), config: { ...makeResults(baselineSpec()).config, fail_on: 'warn' as const } };
    const judged = judge(results, { unmeasured: 'every label ("y") is 1', today: TODAY });
    expect(judged.verdict).toBe('insufficient-data');
    // fail_on warn counts a check that could not be judged as short of a pass.
    expect(judged.exit_code).toBe(1);
  });

  it('adds drift checks against the baseline: impact ratio 0.85 → 0.70 is worse by 0.15 > 0.05 and fails the run', () => {
    const current = withRaceImpact(0.7, 'pass');
    const judged = judge(current, { baseline: makeResults(baselineSpec()), tolerances: IMPACT_DRIFT, today: TODAY });
    const drift = judged.checks.filter((c) => c.metric === 'drift:impact_ratio');
    expect(drift.map((c) => [c.attribute, c.verdict])).toEqual([
      ['race', 'fail'],
      ['sex', 'pass'],
    ]);
    expect(drift[0].value).toBeCloseTo(0.15, 12);
    expect([judged.verdict, judged.exit_code]).toEqual(['fail', 1]);
    // The comparison records this run's verdict as the policy alone decided it, before drift.
    expect(judged.comparison?.current.verdict).toBe('pass');
  });

  it('counts an accepted drift finding as passed while in force, and fails again once it has expired', () => {
    const current = withRaceImpact(0.7, 'pass');
    const accept = (expires: string): AcceptedFinding[] => [{ check: 'drift:impact_ratio@race', reason: 'new model', owner: 'ana', expires }];
    const options = { baseline: makeResults(baselineSpec()), tolerances: IMPACT_DRIFT, today: TODAY };
    const inForce = judge(current, { ...options, accept: accept('2024-05-02') });
    expect(inForce.checks.find((c) => c.metric === 'drift:impact_ratio' && c.attribute === 'race')?.accepted).toEqual({ reason: 'new model', owner: 'ana', expires: '2024-05-02', expired: false });
    expect([inForce.verdict, inForce.exit_code]).toEqual(['pass', 0]);
    const expired = judge(current, { ...options, accept: accept('2024-05-01') });
    expect([expired.verdict, expired.exit_code]).toEqual(['fail', 1]);
    expect(expired.warnings.map((w) => w.code)).toEqual(['acceptance']);
  });

  it('takes accepted findings from the config by default, and fail_on never makes any verdict exit 0', () => {
    const failing = withRaceImpact(0.6, 'fail');
    const config = { ...failing.config, accept: [{ check: 'impact_ratio', reason: 'r', owner: 'o', expires: '2024-05-02' }] };
    expect(judge({ ...failing, config }, { today: TODAY }).verdict).toBe('pass');
    const never = judgeResults({ ...failing, config: { ...failing.config, fail_on: 'never' } }, { today: TODAY });
    expect([never.verdict, never.exit_code]).toEqual(['fail', 0]);
  });
});
