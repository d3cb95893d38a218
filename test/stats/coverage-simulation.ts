/**
 * A seeded coverage simulation of the disparity intervals as an audit reports them: planted
 * per-group rates, counts drawn from them by a generator independent of the code under test, the
 * real interval code run on each drawn table (src/metrics/intervals.ts over
 * src/stats/extreme-intervals.ts), and each interval checked against the true value, which is
 * known exactly from the planted rates. Used by interval-coverage.test.ts; a scenario's figures
 * can be printed with `npx tsx test/stats/coverage-simulation.ts`.
 */
import type { Interval } from '../../src/results/index.js';
import { disparityIntervals, impactRatioIntervals, type RateTable } from '../../src/metrics/intervals.js';
import { RATE_COUNT, RATE_INDEX } from '../../src/metrics/rates.js';
import { testRandom } from '../metrics/fixtures.js';

/**
 * A planted table. With `tpr` and `fpr` each group has `round(n · base)` actual positives (labels
 * are fixed, as the rates condition on them) and draws TP ~ Bin(P, tpr), FP ~ Bin(N, fpr); the
 * selection rate is then (TP + FP)/n. Without them each group draws its selections ~ Bin(n, rate).
 */
export interface Scenario {
  name: string;
  sizes: number[];
  /** Planted selection (= favorable) rate per group, when tpr/fpr are not given. */
  rates?: number[];
  base?: number[];
  tpr?: number[];
  fpr?: number[];
  /**
   * The measures expected to cover more than 99% here, and why: the test then asks only for at
   * least 93%. Everywhere else coverage must lie in 93–99%.
   */
  conservative?: { measures: Measure[]; why: string };
}

/** What one interval kind did over the replications. */
export interface Coverage {
  /** Share of intervals that contain the true value. */
  covered: number;
  /** Share whose estimate lies beyond the truth on the side selection pushes it (gap above, ratio below). */
  beyond: number;
  /** Intervals that did not contain their own estimate. */
  excluded: number;
  /** Intervals judged. */
  intervals: number;
}

export type Measure = 'demographic_parity_difference' | 'demographic_parity_ratio' | 'equalized_odds_difference' | 'impact_ratio';

const ALL: Measure[] = ['demographic_parity_difference', 'demographic_parity_ratio', 'equalized_odds_difference', 'impact_ratio'];
const NEAR_TIE = 'the extremes are nearly tied: the estimate lies beyond the truth in most tables, and an interval that contains its estimate and holds at equality then covers nearly always';

const repeat = <T>(value: T, times: number): T[] => Array.from({ length: times }, () => value);
const spread = (from: number, to: number, k: number): number[] => Array.from({ length: k }, (_, i) => from + ((to - from) * i) / (k - 1));

/** Selection-rate scenarios: demographic parity difference and ratio, and impact ratios. */
export const SELECTION_SCENARIOS: Scenario[] = [
  {
    name: 'many small groups: 16 × 40 rows, rates 0.1–0.6',
    sizes: repeat(40, 16),
    rates: spread(0.1, 0.6, 16),
    conservative: { measures: ALL, why: 'no group is singled out as an extreme: the lower end is simultaneous over 16 groups, the upper end the largest over every pair' },
  },
  {
    name: 'small extreme groups near 0 and 1: 40 rows at 0.03 and 0.97 among 6 × 200',
    sizes: [40, 40, ...repeat(200, 6)],
    rates: [0.03, 0.97, 0.3, 0.4, 0.5, 0.5, 0.6, 0.7],
  },
  {
    name: 'a small group near 0 against two large: 40 rows at 0.03, 2000 at 0.5 and 0.55',
    sizes: [40, 2000, 2000],
    rates: [0.03, 0.5, 0.55],
    conservative: {
      measures: ['demographic_parity_difference'],
      why: "the gap's lower end cannot err (the small group's Wilson limit toward 0.5 is the long one) and its Agresti–Caffo upper end errs 1% of the time, not 2.5%",
    },
  },
  { name: 'two small groups near opposite ends: 40 rows at 0.05 and 0.95', sizes: [40, 40], rates: [0.05, 0.95] },
  { name: 'unequal sizes 30 to 5000, rates 0.15–0.45', sizes: [30, 60, 120, 500, 5000], rates: [0.15, 0.45, 0.3, 0.25, 0.35] },
  {
    name: 'near-ties near 0: 8 × 40 rows and 3 × 2000 at 0.02–0.10',
    sizes: [...repeat(40, 8), 2000, 2000, 2000],
    rates: [0.02, 0.05, 0.08, 0.1, 0.1, 0.05, 0.03, 0.06, 0.04, 0.05, 0.06],
    conservative: { measures: ALL, why: NEAR_TIE },
  },
  {
    name: 'near-ties near 1: 12 × 40 rows and 2 × 3000 at 0.90–0.99',
    sizes: [...repeat(40, 12), 3000, 3000],
    rates: [0.97, 0.9, 0.95, 0.99, 0.93, 0.96, 0.92, 0.94, 0.98, 0.91, 0.95, 0.96, 0.9, 0.97],
    conservative: { measures: ALL, why: NEAR_TIE },
  },
];

/** Confusion-rate scenarios: equalized odds difference (the larger of the TPR and FPR gaps). */
export const ODDS_SCENARIOS: Scenario[] = [
  {
    name: 'equalized odds, many small groups: 12 × 80 rows, TPR 0.5–0.8, FPR 0.1–0.3',
    sizes: repeat(80, 12),
    base: repeat(0.5, 12),
    tpr: spread(0.5, 0.8, 12),
    fpr: spread(0.3, 0.1, 12),
    conservative: { measures: ALL, why: 'no group is singled out as an extreme (and the selection rates, planted through TPR and FPR, are nearly tied)' },
  },
  {
    name: 'equalized odds near 0 and 1: 6 × 60 rows and 2 × 1000, TPR 0.93–0.99, FPR 0.01–0.06',
    sizes: [...repeat(60, 6), 1000, 1000],
    base: repeat(0.5, 8),
    tpr: [0.99, 0.93, 0.97, 0.95, 0.98, 0.96, 0.94, 0.97],
    fpr: [0.01, 0.06, 0.02, 0.04, 0.03, 0.05, 0.02, 0.04],
    conservative: { measures: ALL, why: NEAR_TIE },
  },
  {
    name: 'equalized odds, all groups equal: 10 × 100 rows, TPR 0.7, FPR 0.2',
    sizes: repeat(100, 10),
    base: repeat(0.5, 10),
    tpr: repeat(0.7, 10),
    fpr: repeat(0.2, 10),
    conservative: { measures: ['impact_ratio'], why: "every group's true impact ratio is 1, where its upper end stops unless the group is shown to lie below the highest" },
  },
  {
    name: 'equalized odds, TPR and FPR gaps tied at 0.15, unequal sizes 150 to 1200',
    sizes: [150, 400, 1200, 600],
    base: [0.4, 0.5, 0.5, 0.6],
    tpr: [0.6, 0.75, 0.7, 0.65],
    fpr: [0.1, 0.25, 0.2, 0.15],
    conservative: {
      measures: ['equalized_odds_difference'],
      why: 'the larger of two gaps takes the larger of their upper ends, and each lower end is simultaneous at 97.5% (the joint bound over TPR and FPR)',
    },
  },
];

function binomial(n: number, p: number, random: () => number): number {
  let x = 0;
  for (let i = 0; i < n; i++) if (random() < p) x++;
  return x;
}

interface Drawn {
  table: RateTable;
  selection: number[];
  tpr: number[];
  fpr: number[];
}

function set(table: RateTable, g: number, rate: keyof typeof RATE_INDEX, x: number, n: number): void {
  table.rates[g * RATE_COUNT + RATE_INDEX[rate]] = n > 0 ? x / n : NaN;
  table.denominators[g * RATE_COUNT + RATE_INDEX[rate]] = n;
}

/** One drawn table, as the rate matrices analyze.ts hands to the interval code. */
function draw(s: Scenario, random: () => number): Drawn {
  const G = s.sizes.length;
  const table: RateTable = {
    rates: new Float64Array(G * RATE_COUNT).fill(NaN),
    denominators: new Float64Array(G * RATE_COUNT),
    row_scale: new Float64Array(G).fill(1),
    eligible: Int32Array.from({ length: G }, (_, g) => g),
  };
  const selection: number[] = [];
  const tpr: number[] = [];
  const fpr: number[] = [];
  s.sizes.forEach((n, g) => {
    let selected: number;
    if (s.tpr && s.fpr && s.base) {
      const P = Math.round(n * s.base[g]);
      const tp = binomial(P, s.tpr[g], random);
      const fp = binomial(n - P, s.fpr[g], random);
      set(table, g, 'tpr', tp, P);
      set(table, g, 'fpr', fp, n - P);
      tpr.push(tp / P);
      fpr.push(fp / (n - P));
      selected = tp + fp;
    } else {
      selected = binomial(n, s.rates![g], random);
    }
    set(table, g, 'selection_rate', selected, n);
    set(table, g, 'favorable_rate', selected, n);
    selection.push(selected / n);
  });
  return { table, selection, tpr, fpr };
}

const gap = (v: readonly number[]) => Math.max(...v) - Math.min(...v);
const ratio = (v: readonly number[]) => Math.min(...v) / Math.max(...v);

/** The planted selection rate of each group. */
function plantedSelection(s: Scenario): number[] {
  if (s.rates) return s.rates;
  return s.sizes.map((n, g) => {
    const P = Math.round(n * s.base![g]);
    return (P * s.tpr![g] + (n - P) * s.fpr![g]) / n;
  });
}

const TOLERANCE = 1e-12;
const inside = (value: number, interval: Interval) => interval[0] <= value + TOLERANCE && value <= interval[1] + TOLERANCE;

/** Runs `replications` seeded tables of `s` and tallies each interval kind. */
export function simulate(s: Scenario, replications: number, seed: number): Partial<Record<Measure, Coverage>> {
  const random = testRandom(seed);
  const planted = plantedSelection(s);
  const truth = {
    demographic_parity_difference: gap(planted),
    demographic_parity_ratio: ratio(planted),
    equalized_odds_difference: s.tpr && s.fpr ? Math.max(gap(s.tpr), gap(s.fpr)) : NaN,
  };
  const tallies: Partial<Record<Measure, Coverage>> = {};
  const tally = (measure: Measure, interval: Interval | null, estimate: number, truthValue: number, beyond: boolean) => {
    if (!interval) return;
    const t = (tallies[measure] ??= { covered: 0, beyond: 0, excluded: 0, intervals: 0 });
    t.intervals++;
    if (inside(truthValue, interval)) t.covered++;
    if (beyond) t.beyond++;
    if (!inside(estimate, interval)) t.excluded++;
  };
  const top = Math.max(...planted);
  for (let r = 0; r < replications; r++) {
    const d = draw(s, random);
    const aggregates = disparityIntervals(d.table);
    const dpd = gap(d.selection);
    const dpr = ratio(d.selection);
    tally('demographic_parity_difference', aggregates.demographic_parity_difference, dpd, truth.demographic_parity_difference, dpd > truth.demographic_parity_difference);
    tally('demographic_parity_ratio', aggregates.demographic_parity_ratio, dpr, truth.demographic_parity_ratio, dpr < truth.demographic_parity_ratio);
    if (s.tpr) {
      const eod = Math.max(gap(d.tpr), gap(d.fpr));
      tally('equalized_odds_difference', aggregates.equalized_odds_difference, eod, truth.equalized_odds_difference, eod > truth.equalized_odds_difference);
    }
    // Impact ratios against the highest observed favorable rate; the truth divides by the highest planted one.
    let highest = 0;
    d.selection.forEach((p, g) => {
      if (p > d.selection[highest]) highest = g;
    });
    const impact = impactRatioIntervals(d.table, { group: highest, kind: 'highest' });
    impact.groups.forEach((interval, g) => {
      const estimate = d.selection[g] / d.selection[highest];
      tally('impact_ratio', interval, estimate, planted[g] / top, estimate < planted[g] / top);
    });
  }
  for (const t of Object.values(tallies)) {
    t.covered /= t.intervals;
    t.beyond /= t.intervals;
  }
  return tallies;
}

/** The Monte Carlo standard error of a coverage share p over n intervals: √(p(1 − p)/n). */
export function monteCarloError(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
}

// Printing the figures: npx tsx test/stats/coverage-simulation.ts [replications]
if (process.argv[1]?.endsWith('coverage-simulation.ts')) {
  const replications = Number(process.argv[2] ?? 2000);
  [...SELECTION_SCENARIOS, ...ODDS_SCENARIOS].forEach((s, i) => {
    const result = simulate(s, replications, 500 + i);
    const figures = Object.entries(result).map(
      ([m, c]) => `${m} ${(100 * c.covered).toFixed(1)}% ± ${(100 * monteCarloError(c.covered, c.intervals)).toFixed(1)} (n ${c.intervals}, beyond ${(100 * c.beyond).toFixed(1)}%, excluded ${c.excluded})`,
    );
    console.log(`${s.name}\n  ${figures.join('\n  ')}`);
  });
}
