import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { attribute, audit, dict, group } from './fixtures.js';

/** Group A: 10 rows, 6 predicted positive; B: 10 rows, 3 predicted positive. Labels half positive. */
function twoGroups(scale = 1) {
  const g: string[] = [];
  const y: number[] = [];
  const p: number[] = [];
  const add = (name: string, positives: number) => {
    for (let i = 0; i < 10 * scale; i++) {
      g.push(name);
      y.push(i % 2);
      p.push(i < positives * scale ? 1 : 0);
    }
  };
  add('A', 6);
  add('B', 3);
  return tableFromArrays({ g: dict(g) as never, y: Int32Array.from(y), p: Int32Array.from(p) });
}

const base = { label: 'y', prediction: 'p', sensitive: ['g'], min_group_size: 0 };

describe('policy checks', () => {
  it('fail the default policy on a 0.3 selection gap and an impact ratio of 0.5, with exit code 1', async () => {
    const { analysis } = await audit(twoGroups(), base);
    const byMetric = Object.fromEntries(analysis.checks.map((c) => [c.metric, c]));
    // DP difference 0.6 − 0.3 = 0.3 > 0.1; impact ratio 0.3/0.6 = 0.5 < 0.8.
    expect(byMetric.demographic_parity_difference).toMatchObject({ verdict: 'fail', direction: 'max', threshold: 0.1, attribute: 'g' });
    expect(byMetric.demographic_parity_difference.value).toBeCloseTo(0.3, 12);
    expect(byMetric.impact_ratio).toMatchObject({ verdict: 'fail', direction: 'min', threshold: 0.8, group: { g: 'B' } });
    expect(byMetric.impact_ratio.message).toContain('B against A');
    expect(byMetric.equalized_odds_difference).toBeDefined();
    expect(analysis.verdict).toBe('fail');
    expect(analysis.exit_code).toBe(1);
    expect(attribute(analysis, 'g').checks).toHaveLength(3);
  });

  it('turn a failed check into exit code 0 with fail_on never', async () => {
    const { analysis } = await audit(twoGroups(), { ...base, fail_on: 'never' });
    expect(analysis.verdict).toBe('fail');
    expect(analysis.exit_code).toBe(0);
  });

  it('give warn for a warn-severity check; exit 1 only under fail_on warn', async () => {
    const policy = [{ metric: 'demographic_parity_difference', max: 0.1, severity: 'warn' as const }];
    const failOnFail = await audit(twoGroups(), { ...base, policy });
    expect(failOnFail.analysis.verdict).toBe('warn');
    expect(failOnFail.analysis.exit_code).toBe(0);
    const failOnWarn = await audit(twoGroups(), { ...base, policy, fail_on: 'warn' });
    expect(failOnWarn.analysis.exit_code).toBe(1);
  });

  it('pass a check within its bound, the bound itself included', async () => {
    const policy = [
      { metric: 'demographic_parity_difference', max: 0.5 },
      { metric: 'demographic_parity_ratio', min: 0.5 }, // exactly 0.3/0.6
    ];
    const { analysis } = await audit(twoGroups(), { ...base, policy });
    expect(analysis.checks.map((c) => c.verdict)).toEqual(['pass', 'pass']);
    expect(analysis.verdict).toBe('pass');
    expect(analysis.exit_code).toBe(0);
  });

  it('warn, not fail, when the interval crosses the threshold; inconclusive: fail judges the point value as before', async () => {
    const policy = [{ metric: 'demographic_parity_difference', max: 0.25 }];
    const { analysis } = await audit(twoGroups(), { ...base, policy, bootstrap: 500 });
    const check = analysis.checks[0];
    const [low, high] = check.interval!;
    // With 10 rows a group the interval of a 0.3 gap is wide: it holds 0.25.
    expect(low).toBeLessThan(0.25);
    expect(high).toBeGreaterThan(0.25);
    expect(check.inconclusive).toBe(true);
    expect(check.verdict).toBe('warn');
    expect(check.message).toContain('cannot tell');
    expect(analysis.exit_code).toBe(0);
    // Changed behaviour (verdicts and intervals): the old rule, by the point value, is opt-in.
    const strict = await audit(twoGroups(), { ...base, policy, bootstrap: 500, inconclusive: 'fail' });
    expect(strict.analysis.checks[0].verdict).toBe('fail');
    expect(strict.analysis.checks[0].inconclusive).toBe(true);
    expect(strict.analysis.exit_code).toBe(1);
    const large = await audit(twoGroups(50), { ...base, policy: [{ metric: 'demographic_parity_difference', max: 0.1 }], bootstrap: 500 });
    expect(large.analysis.checks[0].inconclusive).toBe(false);
    expect(large.analysis.checks[0].verdict).toBe('fail');
  });

  it('warn when the point value passes but the interval crosses the limit, and pass when the whole interval is within it', async () => {
    // 500 rows a group: gap 0.3 with an interval of about ±0.06. A limit of 0.32 is crossed by the
    // interval though the point value 0.3 is within it; a limit of 0.5 is beyond the interval.
    const crossing = await audit(twoGroups(50), { ...base, policy: [{ metric: 'demographic_parity_difference', max: 0.32 }], bootstrap: 100 });
    expect(crossing.analysis.checks[0]).toMatchObject({ inconclusive: true, verdict: 'warn' });
    const clear = await audit(twoGroups(50), { ...base, policy: [{ metric: 'demographic_parity_difference', max: 0.5 }], bootstrap: 100 });
    expect(clear.analysis.checks[0]).toMatchObject({ inconclusive: false, verdict: 'pass' });
  });

  it('judge by the point value when there is no interval (bootstrap 0)', async () => {
    const { analysis } = await audit(twoGroups(), { ...base, policy: [{ metric: 'demographic_parity_difference', max: 0.25 }], bootstrap: 0 });
    expect(analysis.checks[0]).toMatchObject({ interval: null, inconclusive: false, verdict: 'fail' });
  });

  it('apply a check only to the attributes it names', async () => {
    const table = tableFromArrays({ g: dict(['A', 'B', 'A', 'B']) as never, h: dict(['x', 'x', 'z', 'z']) as never, p: Int32Array.of(1, 0, 1, 0) });
    const policy = [{ metric: 'demographic_parity_difference', max: 0.1, attributes: ['g × h'] }];
    const { analysis } = await audit(table, { prediction: 'p', sensitive: ['g', 'h'], min_group_size: 0, policy });
    expect(analysis.checks.map((c) => c.attribute)).toEqual(['g × h']);
  });

  it('refuse an unknown metric with the nearest name', async () => {
    const policy = [{ metric: 'demographic_parity_diference', max: 0.1 }];
    await expect(audit(twoGroups(), { ...base, policy })).rejects.toThrow(UserError);
    await expect(audit(twoGroups(), { ...base, policy })).rejects.toMatchObject({ hint: 'did you mean "demographic_parity_difference"?' });
  });

  it('refuse a configured reference group that is not in the data', async () => {
    await expect(audit(twoGroups(), { ...base, reference: { g: 'C' } })).rejects.toThrow(/"C" is not a group of g/);
  });

  it('report insufficient-data when no group is eligible', async () => {
    const { analysis } = await audit(twoGroups(), { ...base, min_group_size: 100 });
    expect(analysis.checks.every((c) => c.verdict === 'insufficient-data')).toBe(true);
    expect(analysis.checks[0].message).toContain('could not be measured');
    expect(analysis.verdict).toBe('insufficient-data');
    // Not one check judged: no pass, exit 1.
    expect(analysis.exit_code).toBe(1);
  });
});

describe('LL144 mode', () => {
  it('leaves out categories under 2% of rows and unknown ones, still reporting their counts', async () => {
    // 100 rows: F 60, M 39, X 1 (1%), and 5 rows with sex unknown… 105 rows in all.
    const sex: (string | null)[] = [];
    const race: string[] = [];
    const age: number[] = [];
    const p: number[] = [];
    const add = (s: string | null, count: number, selected: number) => {
      for (let i = 0; i < count; i++) {
        sex.push(s);
        race.push(i % 2 ? 'black' : 'white');
        age.push(20 + i);
        p.push(i < selected ? 1 : 0);
      }
    };
    add('F', 60, 30);
    add('M', 39, 26);
    add('X', 1, 0);
    add(null, 5, 5);
    const table = tableFromArrays({ sex: dict(sex) as never, race: dict(race) as never, age: Float64Array.from(age), p: Int32Array.from(p) });
    const { analysis } = await audit(table, { prediction: 'p', sensitive: ['sex', 'race', 'age'], mode: 'll144', min_group_size: 30 });
    const x = group(analysis, 'sex', 'X');
    expect(x.eligible).toBe(false);
    expect(x.ineligible_reason).toContain('under 2%');
    expect(x.n).toBe(1);
    const unknown = group(analysis, 'sex', '(missing)');
    expect(unknown.eligible).toBe(false);
    expect(unknown.ineligible_reason).toContain('unknown');
    // min_group_size does not apply: M has 39 ≥ 30 anyway; F selection 30/60 = 0.5, M 26/39 = 2/3.
    expect(attribute(analysis, 'sex').impact_reference).toEqual({ sex: 'M' });
    expect(group(analysis, 'sex', 'F').impact_ratio).toBeCloseTo(0.5 / (26 / 39), 12);
    // The one intersection LL144 asks for: sex × race, not the pairs with age.
    expect(analysis.attributes.filter((a) => a.kind === 'intersection').map((a) => a.name)).toEqual(['sex × race']);
  });
});
