/**
 * Seeded bootstrap intervals of the aggregates (DESIGN §2, §6), drawn from the count table, not
 * the rows: each draw resamples every group's nine cells from a multinomial with the group's own
 * row count, so no group vanishes from a resample (stratified by group), and costs O(groups · 9)
 * per draw instead of O(rows). Groups of a base table (the finest cross product counted) are drawn
 * once per draw and summed into every attribute and intersection built from it, so the intervals
 * of all of them come from the same resamples. The same draws give each group's impact ratio and
 * average odds difference against its target's fixed reference groups, O(draws × groups) on top.
 */
import type { Interval } from '../results/index.js';
import { Multinomial, Rng } from '../stats/rng.js';
import { AGGREGATE_COUNT, AGGREGATE_INDEX, computeAggregates, groupAverageOddsDifference, groupImpactRatio, inequality } from './aggregates.js';
import { INEQUALITY_AGGREGATES } from './registry.js';
import { CELLS } from './count-table.js';
import { groupRates, RATE_COUNT, type RateContext } from './rates.js';

/** One attribute or intersection summed from a base table. */
export interface BootstrapTarget {
  /** Base group → this target's group. */
  group_of: Int32Array;
  groups: number;
  /** The target's eligible groups. */
  eligible: Int32Array;
  /**
   * The impact-ratio reference (the point estimate's highest favorable rate, an eligible group),
   * held fixed in every draw; −1 for none (no per-group impact-ratio intervals).
   */
  impact_reference: number;
  /** The reference group of average odds differences, held fixed in every draw; −1 for none. */
  reference: number;
}

/** Bootstrap intervals of one target: its aggregates, and per group its two reference metrics. */
export interface TargetIntervals {
  /** One per aggregate, in `AGGREGATE_NAMES` order. */
  aggregates: (Interval | null)[];
  /**
   * One per group: null for an ineligible group, for the impact reference itself (its ratio is 1 in
   * every draw), when there is no reference, and when fewer than half the draws define the ratio.
   */
  group_impact_ratio: (Interval | null)[];
  /** One per group, null on the same rules against the `reference` group (whose difference is 0). */
  average_odds_difference: (Interval | null)[];
}

/** A table whose groups are resampled, and the targets summed from it. */
export interface BootstrapBase {
  /** Non-empty groups only: groups × 9 (weighted sums when weighted). */
  cells: Float64Array;
  /** Unweighted rows of each group: the size of its multinomial draw. */
  rows: Float64Array;
  targets: BootstrapTarget[];
}

/** Share of draws that must give a defined value for an interval to be reported. */
export const MIN_DEFINED_SHARE = 0.5;

/**
 * What the draws compute: `all` (every aggregate and the per-group reference metrics) or
 * `inequality` (only the inequality indices; the other intervals are null). The audit asks for
 * `inequality`: its differences, ratios and per-group intervals are not drawn (why:
 * src/stats/extreme-intervals.ts), and skipping them saves most of the work of each draw.
 */
export type BootstrapScope = 'all' | 'inequality';

/** Where the inequality indices sit in the aggregate vector (they are contiguous, last). */
const INEQUALITY_AT = AGGREGATE_INDEX[INEQUALITY_AGGREGATES[0]];

/**
 * Percentile bootstrap intervals (2.5th and 97.5th percentiles, Hyndman & Fan type 7, of `draws`
 * resamples) of every aggregate of every target, and of each eligible group's impact ratio and
 * average odds difference against the target's fixed references, in the order of the bases and
 * their targets. An interval is null when fewer than half the draws define its value.
 */
export function bootstrapIntervals(bases: readonly BootstrapBase[], context: RateContext, draws: number, seed: number, scope: BootstrapScope = 'all'): TargetIntervals[] {
  const onlyInequality = scope === 'inequality';
  const rng = new Rng(seed);
  const targets = bases.flatMap((b) => b.targets);
  const samples = targets.map(() => new Float64Array(draws * AGGREGATE_COUNT));
  // Per target, laid out by draw like `samples` so each draw writes one contiguous block: group g's
  // impact ratio in draw d at 2 · groups · d + g, its average odds difference at
  // 2 · groups · d + groups + g; NaN where a draw leaves it undefined.
  const groupSamples = targets.map((t) => new Float64Array(2 * t.groups * draws));
  const fractions = new Float64Array(2 * RATE_COUNT);
  const aggregates = new Float64Array(AGGREGATE_COUNT);
  const work = bases.map((base) => {
    const groups = base.rows.length;
    const views = Array.from({ length: groups }, (_, g) => base.cells.subarray(g * CELLS, (g + 1) * CELLS));
    const scale = Float64Array.from({ length: groups }, (_, g) => {
      let total = 0;
      for (let c = 0; c < CELLS; c++) total += base.cells[g * CELLS + c];
      return base.rows[g] > 0 ? total / base.rows[g] : 0;
    });
    return {
      base,
      // Each group's draw over its fixed cells, its conditional probabilities computed once.
      multinomials: views.map((v) => new Multinomial(v)),
      scale,
      drawn: new Float64Array(CELLS),
      sums: base.targets.map((t) => new Float64Array(t.groups * CELLS)),
      groupOfs: base.targets.map((t) => t.group_of),
      rates: base.targets.map((t) => new Float64Array(t.groups * RATE_COUNT)),
      // A reference outside the eligible groups still needs its rates in every draw.
      extraReference: base.targets.map((t) => (t.reference >= 0 && !t.eligible.includes(t.reference) ? t.reference : -1)),
    };
  });

  for (let d = 0; d < draws; d++) {
    let t = 0;
    for (const w of work) {
      const { base, multinomials, drawn, scale, sums, groupOfs } = w;
      for (let i = 0; i < sums.length; i++) sums[i].fill(0);
      const targets = sums.length;
      for (let g = 0; g < base.rows.length; g++) {
        // A group whose rows all weigh 0 has nothing to resample: it adds 0 to every cell.
        if (scale[g] === 0) continue;
        multinomials[g].draw(rng, base.rows[g], drawn);
        // Weighted rows are drawn as rows, then carry their group's mean weight.
        const s = scale[g];
        const d0 = drawn[0] * s;
        const d1 = drawn[1] * s;
        const d2 = drawn[2] * s;
        const d3 = drawn[3] * s;
        const d4 = drawn[4] * s;
        const d5 = drawn[5] * s;
        const d6 = drawn[6] * s;
        const d7 = drawn[7] * s;
        const d8 = drawn[8] * s;
        // Unrolled over the nine cells: this loop runs groups × targets × draws times.
        for (let i = 0; i < targets; i++) {
          const sum = sums[i];
          const to = groupOfs[i][g] * CELLS;
          sum[to] += d0;
          sum[to + 1] += d1;
          sum[to + 2] += d2;
          sum[to + 3] += d3;
          sum[to + 4] += d4;
          sum[to + 5] += d5;
          sum[to + 6] += d6;
          sum[to + 7] += d7;
          sum[to + 8] += d8;
        }
      }
      for (let i = 0; i < base.targets.length; i++, t++) {
        const target = base.targets[i];
        const rates = w.rates[i];
        const sum = sums[i];
        const eligible = target.eligible;
        if (onlyInequality) {
          aggregates.fill(NaN);
          inequality(sum, eligible, aggregates, INEQUALITY_AT);
          samples[t].set(aggregates, d * AGGREGATE_COUNT);
          continue;
        }
        for (let k = 0; k < eligible.length; k++) {
          const g = eligible[k];
          groupRates(sum, g * CELLS, context, fractions, rates, g * RATE_COUNT);
        }
        const extra = w.extraReference[i];
        if (extra >= 0) groupRates(sum, extra * CELLS, context, fractions, rates, extra * RATE_COUNT);
        computeAggregates(rates, sum, eligible, aggregates);
        samples[t].set(aggregates, d * AGGREGATE_COUNT);
        referenceValues(rates, target, groupSamples[t], 2 * target.groups * d);
      }
    }
  }
  const values = new Float64Array(draws);
  return targets.map((target, t) => {
    const eligible = new Uint8Array(target.groups);
    for (let k = 0; k < target.eligible.length; k++) eligible[target.eligible[k]] = 1;
    // Only eligible groups other than the reference itself get an interval.
    const perGroup = (reference: number, offset: number): (Interval | null)[] =>
      Array.from({ length: target.groups }, (_, g) =>
        reference >= 0 && g !== reference && eligible[g] === 1 ? percentileInterval(groupSamples[t], offset + g, 2 * target.groups, draws, values) : null,
      );
    if (onlyInequality) {
      return {
        aggregates: Array.from({ length: AGGREGATE_COUNT }, (_, a) => (a >= INEQUALITY_AT ? percentileInterval(samples[t], a, AGGREGATE_COUNT, draws, values) : null)),
        group_impact_ratio: new Array<Interval | null>(target.groups).fill(null),
        average_odds_difference: new Array<Interval | null>(target.groups).fill(null),
      };
    }
    return {
      aggregates: Array.from({ length: AGGREGATE_COUNT }, (_, a) => percentileInterval(samples[t], a, AGGREGATE_COUNT, draws, values)),
      group_impact_ratio: perGroup(target.impact_reference, 0),
      average_odds_difference: perGroup(target.reference, target.groups),
    };
  });
}

/**
 * Writes each eligible group's impact ratio at `out[at + g]` and its average odds difference at
 * `out[at + groups + g]`, against the target's fixed references (skipped when there is none).
 */
function referenceValues(rates: Float64Array, target: BootstrapTarget, out: Float64Array, at: number): void {
  const { eligible, impact_reference: top, reference } = target;
  if (top >= 0) {
    for (let k = 0; k < eligible.length; k++) out[at + eligible[k]] = groupImpactRatio(rates, eligible[k], top);
  }
  if (reference >= 0) {
    const odds = at + target.groups;
    for (let k = 0; k < eligible.length; k++) out[odds + eligible[k]] = groupAverageOddsDifference(rates, eligible[k], reference);
  }
}

/**
 * The percentile interval of the `draws` values at `sample[start + d · stride]` (NaN for a draw
 * that leaves the value undefined), or null when fewer than {@link MIN_DEFINED_SHARE} of the draws
 * define it. `scratch` holds at least `draws` values and is overwritten.
 */
function percentileInterval(sample: Float64Array, start: number, stride: number, draws: number, scratch: Float64Array): Interval | null {
  let defined = 0;
  for (let d = 0; d < draws; d++) {
    const v = sample[start + d * stride];
    if (v === v) scratch[defined++] = v;
  }
  if (draws === 0 || defined < MIN_DEFINED_SHARE * draws) return null;
  return [typeSevenQuantile(scratch, defined, 0.025), typeSevenQuantile(scratch, defined, 0.975)];
}

/**
 * The type-7 quantile p of `values[0 … length)` (no NaN), equal to `quantiles` of
 * stats/quantiles.ts, by selection instead of a full sort (the bootstrap takes two quantiles of
 * each of a few hundred samples): x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ − x_⌊h⌋) with h = (length − 1)·p.
 * Reorders `values` in place.
 */
export function typeSevenQuantile(values: Float64Array, length: number, p: number): number {
  const h = (length - 1) * p;
  const low = Math.floor(h);
  const x = select(values, length, low);
  const fraction = h - low;
  if (fraction === 0) return x;
  // After selection everything from low + 1 on is ≥ x: the next order statistic is their minimum.
  let y = Infinity;
  for (let i = low + 1; i < length; i++) if (values[i] < y) y = values[i];
  return x === y ? x : x + fraction * (y - x);
}

/** Hoare's quickselect: puts the k-th smallest value at index k (smaller before, larger after) and returns it. */
function select(values: Float64Array, length: number, k: number): number {
  let left = 0;
  let right = length - 1;
  while (left < right) {
    const pivot = values[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i] = values[j];
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k];
}
