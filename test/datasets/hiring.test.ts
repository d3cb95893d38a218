import { beforeAll, describe, expect, it } from 'vitest';
import { HIRING_CUTOFF, HIRING_PLANTED, hiringScoringRate } from '../../scripts/datasets/hiring.js';
import { designImbalance } from '../../scripts/datasets/planted.js';
import { generatedRows, ratesBy, standardError, type Row } from './naive.js';

const N = 20_000;
let rows: Row[];

beforeAll(() => {
  rows = generatedRows('hiring', N, 42);
});

const LL144_RACE_ETHNICITY = [
  'Hispanic or Latino',
  'White',
  'Black or African American',
  'Native Hawaiian or Pacific Islander',
  'Asian',
  'Native American or Alaska Native',
  'Two or More Races',
];

describe('hiring dataset', () => {
  it('uses exactly the Local Law 144 race/ethnicity categories', () => {
    expect(new Set(rows.map((r) => r.race_ethnicity))).toEqual(new Set(LL144_RACE_ETHNICITY));
  });

  it('has a design whose group rates average to the overall rate of 0.26', () => {
    // 0.5·0.30 + 0.18·0.20 + 0.15·0.20 + 0.12·0.27 + 0.032·0.25 + 0.01·0.20 + 0.008·0.20
    // = 0.15 + 0.036 + 0.03 + 0.0324 + 0.008 + 0.002 + 0.0016 = 0.26.
    expect(designImbalance(HIRING_PLANTED)).toBeLessThan(1e-12);
  });

  it('recovers the planted selection rate of every group within 3 standard errors', () => {
    for (const [attribute, planted] of Object.entries(HIRING_PLANTED.attributes)) {
      const observed = ratesBy(rows, attribute, 'selected');
      for (const [group, expected] of Object.entries(planted.rates) as [string, number][]) {
        const { n, rate } = observed.get(group)!;
        expect(Math.abs(rate - expected), `${attribute}=${group}`).toBeLessThan(3 * standardError(expected, n));
      }
    }
  });

  it('puts two race/ethnicity categories under 2% of candidates, so the LL144 small-category rule applies', () => {
    const small = [...ratesBy(rows, 'race_ethnicity', 'selected')].filter(([, { n }]) => n / N < 0.02).map(([g]) => g);
    expect(small.sort()).toEqual(['Native American or Alaska Native', 'Native Hawaiian or Pacific Islander']);
  });

  it('selects exactly the candidates scoring 50 or more, on a 0–100 scale with one decimal', () => {
    const score = (r: Row) => r.score as number;
    expect(rows.filter((r) => r.selected !== (score(r) >= HIRING_CUTOFF ? 1 : 0))).toEqual([]);
    expect(rows.filter((r) => !(score(r) >= 0 && score(r) <= 100))).toEqual([]);
    // One decimal: the printed form has at most one digit after the point.
    expect(rows.filter((r) => !/^\d{1,3}(\.\d)?$/.test(String(score(r))))).toEqual([]);
  });

  it('gives each group the LL144 scoring rate (share above the overall median) of the closed form', () => {
    const scores = rows.map((r) => r.score as number).sort((a, b) => a - b);
    const median = (scores[N / 2 - 1] + scores[N / 2]) / 2;
    // With overall selection 0.26, the median sits at 50·(1 − 0.24/0.74) ≈ 33.8 in the unselected band.
    expect(median).toBeGreaterThan(32);
    expect(median).toBeLessThan(35.5);
    for (const group of ['White', 'Black or African American', 'Hispanic or Latino', 'Asian']) {
      const members = rows.filter((r) => r.race_ethnicity === group);
      const rate = members.filter((r) => (r.score as number) > median).length / members.length;
      const expected = hiringScoringRate(HIRING_PLANTED.attributes.race_ethnicity.rates[group as 'White']);
      expect(Math.abs(rate - expected), group).toBeLessThan(3 * standardError(expected, members.length) + 0.005);
    }
    // Hand check of the closed form for White: 0.30 + 0.70 · 0.24/0.74 = 0.52703.
    expect(hiringScoringRate(0.3, 0.26)).toBeCloseTo(0.52703, 5);
  });

  it('numbers candidates C-000001 onwards', () => {
    expect(rows[0].candidate_id).toBe('C-000001');
    expect(rows[N - 1].candidate_id).toBe('C-020000');
  });
});
