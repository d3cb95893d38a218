/**
 * The 95% intervals of the disparity aggregates (each `_difference` and `_ratio`, the smallest
 * impact ratio) and of each group's impact ratio and average odds difference, from the groups'
 * own counts (the method and why: src/stats/extreme-intervals.ts). Weighted counts are put back
 * on each group's unweighted rows first, so an interval's width reflects the rows actually seen.
 * Pure: rate matrices in, intervals out.
 */
import type { Interval } from '../results/index.js';
import {
  rangeDifferenceInterval,
  rangeRatioInterval,
  ratioInterval,
  ratioToHighestInterval,
  signedSumInterval,
  type Proportion,
} from '../stats/extreme-intervals.js';
import { DISPARITY_SPECS } from './registry.js';
import { RATE_COUNT, RATE_INDEX } from './rates.js';

/** The rates of one attribute or intersection, as analyze.ts holds them. */
export interface RateTable {
  /** group × RATE_COUNT, NaN for null. */
  rates: Float64Array;
  /** group × RATE_COUNT denominators (weighted sums when weighted). */
  denominators: Float64Array;
  /** Per group: unweighted rows ÷ weighted total (1 when unweighted). */
  row_scale: Float64Array;
  /** Groups that enter aggregates. */
  eligible: Int32Array;
}

/** How impact ratios are referenced: the highest favorable rate (EEOC), or a fixed group. */
export interface ImpactReference {
  group: number;
  kind: 'highest' | 'reference';
}

/** Rate r of group g as a proportion on unweighted rows, or null when undefined. */
function proportionOf(table: RateTable, g: number, rate: number): Proportion | null {
  const value = table.rates[g * RATE_COUNT + rate];
  if (value !== value) return null;
  const n = table.denominators[g * RATE_COUNT + rate] * table.row_scale[g];
  return n > 0 ? { x: value * n, n } : null;
}

function proportions(table: RateTable, rate: number, groups: Iterable<number>): Proportion[] {
  const out: Proportion[] = [];
  for (const g of groups) {
    const p = proportionOf(table, g, rate);
    if (p) out.push(p);
  }
  return out;
}

/**
 * Intervals of the `_difference` and `_ratio` of every disparity spec, keyed by aggregate name. A
 * spec over several rates takes the worst of them, and so does its interval: the larger of the
 * gaps' ends, the smaller of the ratios' ends (if each gap lies in its interval, the larger gap
 * lies between the larger lower and the larger upper end).
 */
export function disparityIntervals(table: RateTable): Record<string, Interval | null> {
  const out: Record<string, Interval | null> = {};
  for (const spec of DISPARITY_SPECS) {
    let difference: Interval | null = [-Infinity, -Infinity];
    let ratio: Interval | null = [Infinity, Infinity];
    for (const rate of spec.rates) {
      const groups = proportions(table, RATE_INDEX[rate], table.eligible);
      // The worst of several rates' gaps (equalized odds) shares the simultaneous end among them.
      const d = rangeDifferenceInterval(groups, spec.rates.length);
      const q = rangeRatioInterval(groups, spec.rates.length);
      difference = d && difference ? [Math.max(difference[0], d[0]), Math.max(difference[1], d[1])] : null;
      ratio = q && ratio ? [Math.min(ratio[0], q[0]), Math.min(ratio[1], q[1])] : null;
    }
    out[`${spec.name}_difference`] = difference;
    out[`${spec.name}_ratio`] = ratio;
  }
  return out;
}

/**
 * Each group's impact-ratio interval (null for the reference itself, ineligible groups, and
 * undefined ratios), and the interval of the smallest impact ratio over eligible groups: with the
 * highest rate as reference that is min ÷ max of favorable rates; with a fixed reference it is
 * the minimum over groups of their ratios (the reference's own ratio, 1, included), whose
 * interval runs from the smallest lower end to the smallest upper end.
 */
export function impactRatioIntervals(table: RateTable, reference: ImpactReference): { groups: (Interval | null)[]; smallest: Interval | null } {
  const groups = table.rates.length / RATE_COUNT;
  const fav = RATE_INDEX.favorable_rate;
  const out: (Interval | null)[] = new Array<Interval | null>(groups).fill(null);
  const ref = proportionOf(table, reference.group, fav);
  if (!ref) return { groups: out, smallest: null };
  const eligible = [...table.eligible];
  for (const g of eligible) {
    if (g === reference.group) continue;
    const p = proportionOf(table, g, fav);
    if (!p) continue;
    if (reference.kind === 'reference') {
      out[g] = ratioInterval(p, ref);
    } else {
      const others = eligible.filter((o) => o !== g && proportionOf(table, o, fav) !== null);
      out[g] = ratioToHighestInterval(p, proportions(table, fav, others), others.indexOf(reference.group));
    }
  }
  let smallest: Interval | null;
  if (reference.kind === 'highest') {
    smallest = rangeRatioInterval(proportions(table, fav, eligible));
  } else {
    smallest = eligible.includes(reference.group) ? [1, 1] : null;
    for (const g of eligible) {
      const interval = out[g];
      if (!interval) continue;
      smallest = smallest ? [Math.min(smallest[0], interval[0]), Math.min(smallest[1], interval[1])] : interval;
    }
  }
  return { groups: out, smallest };
}

/**
 * Each eligible group's interval of ½[(FPR_g − FPR_ref) + (TPR_g − TPR_ref)] against the fixed
 * reference (MOVER over the four independent rates); null for the reference itself and where a
 * rate is undefined.
 */
export function averageOddsIntervals(table: RateTable, reference: number): (Interval | null)[] {
  const groups = table.rates.length / RATE_COUNT;
  const out: (Interval | null)[] = new Array<Interval | null>(groups).fill(null);
  const fprRef = proportionOf(table, reference, RATE_INDEX.fpr);
  const tprRef = proportionOf(table, reference, RATE_INDEX.tpr);
  if (!fprRef || !tprRef) return out;
  for (const g of table.eligible) {
    if (g === reference) continue;
    const fpr = proportionOf(table, g, RATE_INDEX.fpr);
    const tpr = proportionOf(table, g, RATE_INDEX.tpr);
    if (!fpr || !tpr) continue;
    out[g] = signedSumInterval(
      [
        { p: fpr, sign: 1 },
        { p: tpr, sign: 1 },
        { p: fprRef, sign: -1 },
        { p: tprRef, sign: -1 },
      ],
      0.5,
    );
  }
  return out;
}
