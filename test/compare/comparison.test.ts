import { describe, expect, it } from 'vitest';
import { compareResults } from '../../src/compare/comparison.js';
import { applyComparison } from '../../src/compare/apply.js';
import { judgeResults } from '../../src/audit/judge.js';
import { harmfulDirection, worseByRange } from '../../src/compare/drift.js';
import type { DriftTolerance } from '../../src/config/types.js';
import { baselineSpec, makeResults, type ResultsSpec } from './fixtures.js';

const TOLERANCES: DriftTolerance[] = [
  { metric: 'impact_ratio', max_change: 0.05, severity: 'fail' },
  { metric: 'demographic_parity_difference', max_change: 0.05, severity: 'fail' },
  { metric: 'equalized_odds_difference', max_change: 0.05, severity: 'warn' },
];

/** The baseline with race's numbers replaced. */
function withRace(race: Partial<ResultsSpec['attributes'][number]>, extra: Partial<ResultsSpec> = {}): ResultsSpec {
  const spec = baselineSpec();
  spec.attributes[0] = { ...spec.attributes[0], ...race };
  return { ...spec, created_at: '2024-05-02T02:00:00.000Z', ...extra };
}

describe('drift between a baseline and a current audit', () => {
  it('flags an impact ratio that fell by 0.10 against a tolerance of 0.05, with intervals apart', () => {
    const baseline = makeResults(baselineSpec());
    const current = makeResults(
      withRace({
        aggregates: { impact_ratio: 0.75, demographic_parity_difference: 0.125, equalized_odds_difference: 0.06 },
        intervals: { impact_ratio: [0.7, 0.79], demographic_parity_difference: [0.09, 0.16], equalized_odds_difference: [0.03, 0.09] },
      }),
    );
    const comparison = compareResults(current, baseline, TOLERANCES);
    const race = comparison.attributes.find((a) => a.name === 'race')!;
    const ir = race.aggregates.find((a) => a.metric === 'impact_ratio')!;
    // 0.75 − 0.85 = −0.10; a ratio gets worse going down, so worse by +0.10.
    expect(ir.change).toBeCloseTo(-0.1, 12);
    expect(ir.worse_by).toBeCloseTo(0.1, 12);
    expect(ir.intervals_overlap).toBe(false); // [0.70, 0.79] vs [0.80, 0.90]
    expect(ir.drift).toBe(true);

    const irCheck = comparison.checks.find((c) => c.metric === 'drift:impact_ratio' && c.attribute === 'race')!;
    expect(irCheck.verdict).toBe('fail');
    expect(irCheck.value).toBeCloseTo(0.1, 12);
    expect(irCheck.threshold).toBe(0.05);
    expect(irCheck.message).toContain('no longer overlap');
    // demographic parity difference rose 0.075 → 0.125: +0.05 is not more than 0.05.
    const dp = comparison.checks.find((c) => c.metric === 'drift:demographic_parity_difference' && c.attribute === 'race')!;
    expect(dp.value).toBeCloseTo(0.05, 12);
    expect(dp.verdict).toBe('pass');
    // sex did not move: every check on it passes.
    expect(comparison.checks.filter((c) => c.attribute === 'sex').map((c) => c.verdict)).toEqual(['pass', 'pass', 'pass']);
    // 3 tolerances × 2 attributes
    expect(comparison.checks).toHaveLength(6);
  });

  it('finds no drift between two audits that differ only by sampling noise within tolerance', () => {
    const baseline = makeResults(baselineSpec());
    const current = makeResults(
      withRace({
        aggregates: { impact_ratio: 0.83, demographic_parity_difference: 0.09, equalized_odds_difference: 0.05 },
        intervals: { impact_ratio: [0.78, 0.88], demographic_parity_difference: [0.05, 0.12], equalized_odds_difference: [0.02, 0.08] },
      }),
    );
    const comparison = compareResults(current, baseline, TOLERANCES);
    expect(comparison.checks.every((c) => c.verdict === 'pass')).toBe(true);
    const race = comparison.attributes.find((a) => a.name === 'race')!;
    expect(race.aggregates.every((a) => a.intervals_overlap === true)).toBe(true);
    const applied = judgeResults(current, { baseline, tolerances: TOLERANCES });
    expect(applied.verdict).toBe('pass');
    expect(applied.exit_code).toBe(0);
  });

  it('never counts an improvement as drift', () => {
    const baseline = makeResults(baselineSpec());
    const current = makeResults(
      withRace({
        aggregates: { impact_ratio: 0.99, demographic_parity_difference: 0.005, equalized_odds_difference: 0.01 },
        intervals: { impact_ratio: [0.95, 1], demographic_parity_difference: [0, 0.02], equalized_odds_difference: [0, 0.02] },
      }),
    );
    const checks = compareResults(current, baseline, TOLERANCES).checks.filter((c) => c.attribute === 'race');
    expect(checks.map((c) => c.verdict)).toEqual(['pass', 'pass', 'pass']);
    // impact ratio 0.85 → 0.99 is worse by −0.14, i.e. better by 0.14.
    expect(checks[0].value).toBeCloseTo(-0.14, 12);
  });

  it('judges a per-group rate tolerance on the absolute change of each group eligible in both runs', () => {
    const baseline = makeResults(baselineSpec());
    const spec = withRace({});
    spec.attributes[0].groups = [
      { key: { race: 'White' }, n: 500, selection_rate: 0.6, impact_ratio: 1 }, // +0.10: drift
      { key: { race: 'Black' }, n: 300, selection_rate: 0.4, impact_ratio: 0.67 }, // −0.025: within
      { key: { race: 'Asian' }, n: 20, selection_rate: 0.1, impact_ratio: 0.17, eligible: false }, // too small now: not judged
    ];
    const comparison = compareResults(makeResults(spec), baseline, [{ metric: 'selection_rate', max_change: 0.05, severity: 'warn' }]);
    const race = comparison.checks.filter((c) => c.attribute === 'race');
    expect(race.map((c) => [c.group, c.verdict])).toEqual([
      [{ race: 'White' }, 'warn'],
      [{ race: 'Black' }, 'pass'],
    ]);
    expect(race[0].value).toBeCloseTo(0.1, 12);
  });

  it('judges a metric that is n/a in either run as insufficient-data', () => {
    const baseline = makeResults(baselineSpec());
    const current = makeResults(withRace({ aggregates: { impact_ratio: null, demographic_parity_difference: 0.075, equalized_odds_difference: 0.06 } }));
    const check = compareResults(current, baseline, TOLERANCES).checks.find((c) => c.metric === 'drift:impact_ratio' && c.attribute === 'race')!;
    expect(check.verdict).toBe('insufficient-data');
    expect(check.value).toBeNull();
    expect(check.message).toContain('n/a now');
  });

  it('marks a drift check inconclusive when the range of possible changes contains the tolerance', () => {
    // baseline [0.80, 0.90], current [0.70, 0.79]: the change lies in [0.70−0.90, 0.79−0.80] = [−0.20, −0.01],
    // so it got worse by between 0.01 and 0.20, which contains 0.05.
    expect(worseByRange([0.7, 0.79], [0.8, 0.9], 'down')).toEqual([expect.closeTo(0.01, 12), expect.closeTo(0.2, 12)]);
    const baseline = makeResults(baselineSpec());
    const far = makeResults(withRace({ aggregates: { impact_ratio: 0.5 }, intervals: { impact_ratio: [0.45, 0.55] } }));
    // far: worse by between 0.80−0.55 = 0.25 and 0.90−0.45 = 0.45, all above 0.05: conclusive.
    const check = compareResults(far, baseline, [TOLERANCES[0]]).checks.find((c) => c.attribute === 'race')!;
    expect(check.verdict).toBe('fail');
    expect(check.inconclusive).toBe(false);
    expect(check.interval).toEqual([expect.closeTo(0.25, 12), expect.closeTo(0.45, 12)]);
  });

  it('calls no unchanged or improved value inconclusive: an audit compared with itself passes plainly', () => {
    // The baseline's race intervals ([0.80, 0.90] for impact ratio) allow a change of up to 0.10 each
    // way, which contains the tolerance 0.05; but a change of 0.000 is not in doubt.
    const baseline = makeResults(baselineSpec());
    const checks = compareResults(makeResults(baselineSpec()), baseline, TOLERANCES).checks;
    expect(checks.length).toBeGreaterThan(0);
    for (const check of checks) {
      expect(check.value).toBeCloseTo(0, 12);
      expect(check.verdict).toBe('pass');
      expect(check.inconclusive, check.metric).toBe(false);
    }
  });

  it('takes ratios as worse going down, differences and entropy indices as worse going up, anything else either way', () => {
    expect(harmfulDirection('impact_ratio')).toBe('down');
    expect(harmfulDirection('equalized_odds_ratio')).toBe('down');
    expect(harmfulDirection('demographic_parity_difference')).toBe('up');
    expect(harmfulDirection('theil_index')).toBe('up');
    expect(harmfulDirection('generalized_entropy_index')).toBe('up');
    expect(harmfulDirection('selection_rate')).toBe('either');
  });
});

describe('groups, attributes, inputs and models that changed', () => {
  it('lists new and vanished groups and attributes', () => {
    const baseline = makeResults(baselineSpec());
    const spec = withRace({});
    spec.attributes[0].groups = [
      { key: { race: 'White' }, n: 500, selection_rate: 0.5, impact_ratio: 1 },
      { key: { race: 'Black' }, n: 300, selection_rate: 0.425, impact_ratio: 0.85 },
      { key: { race: 'Other' }, n: 60, selection_rate: 0.4, impact_ratio: 0.8 },
    ];
    spec.attributes[1] = { name: 'age', groups: [{ key: { age: '<25' }, n: 100, selection_rate: 0.3, impact_ratio: 0.6 }], aggregates: { impact_ratio: 0.6 } };
    const comparison = compareResults(makeResults(spec), baseline, TOLERANCES);
    const race = comparison.attributes.find((a) => a.name === 'race')!;
    expect(race.new_groups).toEqual(['race=Other']);
    expect(race.vanished_groups).toEqual(['race=Asian']);
    expect(race.groups.map((g) => g.group)).toEqual(['race=White', 'race=Black']);
    expect(comparison.new_attributes).toEqual(['age']);
    expect(comparison.vanished_attributes).toEqual(['sex']);
    expect(comparison.attributes.find((a) => a.name === 'age')!.aggregates[0]).toMatchObject({ metric: 'impact_ratio', current: 0.6, baseline: null, change: null });
    // A new or vanished attribute has nothing to drift from.
    expect(comparison.checks.map((c) => c.attribute)).toEqual(['race', 'race', 'race']);
    expect(comparison.notes).toContain('race: new groups race=Other');
    expect(comparison.notes).toContain('attribute no longer audited: sex');
  });

  it('shows each group rate now and then with its change', () => {
    const baseline = makeResults(baselineSpec());
    const spec = withRace({});
    spec.attributes[0].groups[1] = { key: { race: 'Black' }, n: 320, selection_rate: 0.4, tpr: 0.65, fpr: 0.25, impact_ratio: 0.8 };
    const black = compareResults(makeResults(spec), baseline, []).attributes[0].groups.find((g) => g.group === 'race=Black')!;
    expect(black.n).toEqual({ baseline: 300, current: 320, change: 20 });
    expect(black.values.selection_rate.change).toBeCloseTo(0.4 - 0.425, 12);
    expect(black.values.tpr.change).toBeCloseTo(0.65 - 0.7, 12); // fixture default tpr is 0.7
    expect(black.values.fpr.change).toBeCloseTo(0.25 - 0.2, 12);
    expect(black.values.impact_ratio.change).toBeCloseTo(0.8 - 0.85, 12);
  });

  it('flags a model whose sha256 changed since the baseline', () => {
    const baseline = makeResults({ ...baselineSpec(), models: [{ path: 'models/credit.onnx', bytes: 10, sha256: '1'.repeat(64) }] });
    const current = makeResults({ ...baselineSpec(), models: [{ path: 'models/credit.onnx', bytes: 12, sha256: '2'.repeat(64) }] });
    const comparison = compareResults(current, baseline, []);
    expect(comparison.models.changed).toBe(true);
    expect(comparison.models.files).toEqual([
      { path: 'models/credit.onnx', baseline_sha256: '1'.repeat(64), current_sha256: '2'.repeat(64), status: 'changed' },
    ]);
    expect(comparison.notes.some((n) => n.startsWith('model changed since the baseline: models/credit.onnx'))).toBe(true);
  });

  it('does not flag the same model under a new file name, and flags a model no longer recorded', () => {
    const model = { bytes: 10, sha256: '1'.repeat(64) };
    const renamed = compareResults(
      makeResults({ ...baselineSpec(), models: [{ path: 'models/v2.onnx', ...model }] }),
      makeResults({ ...baselineSpec(), models: [{ path: 'models/v1.onnx', ...model }] }),
      [],
    );
    expect(renamed.models.changed).toBe(false);
    const dropped = compareResults(makeResults(baselineSpec()), makeResults({ ...baselineSpec(), models: [{ path: 'm.onnx', ...model }] }), []);
    expect(dropped.models.files[0].status).toBe('removed');
    expect(dropped.models.changed).toBe(true);
  });

  it('says when the inputs are byte-identical to the baseline and when the config changed', () => {
    const same = compareResults(makeResults(baselineSpec()), makeResults(baselineSpec()), []);
    expect(same.inputs.changed).toBe(false);
    expect(same.notes.some((n) => n.includes('byte-identical'))).toBe(true);
    const other = compareResults(
      makeResults({ ...baselineSpec(), files: [{ path: 'loans.csv', sha256: 'b'.repeat(64) }], config_sha256: 'd'.repeat(64) }),
      makeResults(baselineSpec()),
      [],
    );
    expect(other.inputs.changed).toBe(true);
    expect(other.config.changed).toBe(true);
  });

  it('notes a drift tolerance that names no metric', () => {
    const comparison = compareResults(makeResults(baselineSpec()), makeResults(baselineSpec()), [{ metric: 'impact_rato', max_change: 0.1 }]);
    expect(comparison.checks).toEqual([]);
    expect(comparison.notes.some((n) => n.includes('"impact_rato" matched no metric'))).toBe(true);
  });
});

describe('applying a comparison to the results', () => {
  const planted = () =>
    makeResults(withRace({ aggregates: { impact_ratio: 0.75, demographic_parity_difference: 0.075, equalized_odds_difference: 0.2 }, intervals: {} }));

  it('appends the drift checks to the results and their attribute, and fails the run', () => {
    const current = planted();
    const applied = judgeResults(current, { baseline: makeResults(baselineSpec()), tolerances: TOLERANCES });
    // 2 policy checks from the fixture + 6 drift checks
    expect(applied.checks).toHaveLength(8);
    expect(applied.attributes[0].checks.map((c) => c.metric)).toEqual(['impact_ratio', 'drift:impact_ratio', 'drift:demographic_parity_difference', 'drift:equalized_odds_difference']);
    expect(applied.verdict).toBe('fail');
    expect(applied.exit_code).toBe(1);
    expect(applied.comparison).toBeDefined();
    expect(current.checks).toHaveLength(2); // the input is left alone
  });

  it('replaces the drift checks of an earlier comparison instead of adding them twice', () => {
    const current = planted();
    const comparison = compareResults(current, makeResults(baselineSpec()), TOLERANCES);
    const twice = applyComparison(applyComparison(current, comparison), comparison);
    expect(twice.checks).toHaveLength(8);
  });

  it('earns exit code 1 from a warning drift check only under fail_on warn', () => {
    // equalized odds difference 0.06 → 0.20 is worse by 0.14 > 0.05 with severity warn; impact ratio held.
    const spec = withRace({ aggregates: { impact_ratio: 0.85, demographic_parity_difference: 0.075, equalized_odds_difference: 0.2 } });
    const baseline = makeResults(baselineSpec());
    const onFail = makeResults({ ...spec, fail_on: 'fail' });
    const onWarn = makeResults({ ...spec, fail_on: 'warn' });
    const a = judgeResults(onFail, { baseline, tolerances: TOLERANCES });
    const b = judgeResults(onWarn, { baseline, tolerances: TOLERANCES });
    expect([a.verdict, a.exit_code]).toEqual(['warn', 0]);
    expect([b.verdict, b.exit_code]).toEqual(['warn', 1]);
  });
});
