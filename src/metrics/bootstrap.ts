/**
 * Seeded bootstrap intervals of the aggregates (DESIGN §2, §6), drawn from the count table, not
 * the rows: each draw resamples every group's nine cells from a multinomial with the group's own
 * row count, so no group vanishes from a resample (stratified by group), and costs O(groups · 9)
 * per draw instead of O(rows). Groups of a base table (the finest cross product counted) are drawn
 * once per draw and summed into every attribute and intersection built from it, so the intervals
 * of all of them come from the same resamples.
 */
import type { Interval } from '../audit/results.js';
import { multinomial, Rng } from '../stats/rng.js';
import { quantiles } from '../stats/quantiles.js';
import { AGGREGATE_COUNT, computeAggregates } from './aggregates.js';
import { CELLS } from './count-table.js';
import { groupRates, RATE_COUNT, type RateContext } from './rates.js';

/** One attribute or intersection summed from a base table. */
export interface BootstrapTarget {
  /** Base group → this target's group. */
  group_of: Int32Array;
  groups: number;
  /** The target's eligible groups. */
  eligible: Int32Array;
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
 * Percentile bootstrap intervals (2.5th and 97.5th percentiles of `draws` resamples) of every
 * aggregate of every target, in the order of the bases and their targets. An interval is null
 * when fewer than half the draws define the aggregate.
 */
export function bootstrapIntervals(bases: readonly BootstrapBase[], context: RateContext, draws: number, seed: number): (Interval | null)[][] {
  const rng = new Rng(seed);
  const targets = bases.flatMap((b) => b.targets);
  const samples = targets.map(() => new Float64Array(draws * AGGREGATE_COUNT));
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
      views,
      scale,
      drawn: new Float64Array(CELLS),
      sums: base.targets.map((t) => new Float64Array(t.groups * CELLS)),
      rates: base.targets.map((t) => new Float64Array(t.groups * RATE_COUNT)),
    };
  });

  for (let d = 0; d < draws; d++) {
    let t = 0;
    for (const w of work) {
      for (const sum of w.sums) sum.fill(0);
      const { base, views, drawn, scale } = w;
      for (let g = 0; g < base.rows.length; g++) {
        multinomial(rng, base.rows[g], views[g], drawn);
        // Weighted rows are drawn as rows, then carry their group's mean weight.
        const s = scale[g];
        for (let i = 0; i < base.targets.length; i++) {
          const to = base.targets[i].group_of[g] * CELLS;
          const sum = w.sums[i];
          for (let c = 0; c < CELLS; c++) sum[to + c] += drawn[c] * s;
        }
      }
      for (let i = 0; i < base.targets.length; i++, t++) {
        const target = base.targets[i];
        const rates = w.rates[i];
        const sum = w.sums[i];
        for (let k = 0; k < target.eligible.length; k++) {
          const g = target.eligible[k];
          groupRates(sum, g * CELLS, context, fractions, rates, g * RATE_COUNT);
        }
        computeAggregates(rates, sum, target.eligible, aggregates);
        samples[t].set(aggregates, d * AGGREGATE_COUNT);
      }
    }
  }
  return samples.map((sample) => percentileIntervals(sample, draws));
}

function percentileIntervals(sample: Float64Array, draws: number): (Interval | null)[] {
  const out: (Interval | null)[] = [];
  const values = new Float64Array(draws);
  for (let a = 0; a < AGGREGATE_COUNT; a++) {
    let defined = 0;
    for (let d = 0; d < draws; d++) {
      const v = sample[d * AGGREGATE_COUNT + a];
      if (v === v) values[defined++] = v;
    }
    if (draws === 0 || defined < MIN_DEFINED_SHARE * draws) {
      out.push(null);
      continue;
    }
    const [low, high] = quantiles(values, [0.025, 0.975], defined);
    out.push([low, high]);
  }
  return out;
}
