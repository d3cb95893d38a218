/**
 * Aggregates over the eligible groups of one attribute or intersection (DESIGN §5), generated
 * from the registry's family table of (name × the rates it compares, src/metrics/registry.ts): each spec yields `<name>_difference`
 * (largest gap, max − min) and `<name>_ratio` (smallest ratio, min ÷ max); a spec over several
 * rates takes the worst of them (equalized odds: the larger of the TPR and FPR gaps, the smaller of
 * the two ratios — Fairlearn's `worst_case`). Plus the smallest impact ratio and the inequality
 * indices of the benefit b = ŷ − y + 1.
 *
 * The kernel works on a rate matrix (group × rate, NaN for null) so the bootstrap can run it a
 * thousand times; the reasons and notes for people are worked out separately.
 */
import type { RateName } from '../results/index.js';
import { CELL, CELLS } from './count-table.js';
import { RATE_COUNT, RATE_INDEX } from './rates.js';
import { AGGREGATE_NAMES, DISPARITY_SPECS, metricRow, type AggregateName } from './registry.js';

// The kernel's output order is the registry's; re-exported for callers that read the kernel's output.
export { AGGREGATE_NAMES, INEQUALITY_AGGREGATES } from './registry.js';
export const AGGREGATE_COUNT = AGGREGATE_NAMES.length;
export const AGGREGATE_INDEX = Object.fromEntries(AGGREGATE_NAMES.map((n, i) => [n, i])) as Record<AggregateName, number>;

/**
 * α(α − 1) of the generalized entropy index at the α fairaudit uses, 2 (DESIGN §5). α is not a
 * parameter: {@link inequality} squares b/μ, which is (b/μ)^α only at α = 2.
 */
const GE_ALPHA_FACTOR = 2;

/** The rate indices of each disparity spec, in spec order. */
const SPEC_RATE_INDICES: readonly Int32Array[] = DISPARITY_SPECS.map((spec) => Int32Array.from(spec.rates, (rate) => RATE_INDEX[rate]));
const FAVORABLE_INDEX = RATE_INDEX.favorable_rate;
const TPR_INDEX = RATE_INDEX.tpr;
const FPR_INDEX = RATE_INDEX.fpr;

/** The rates each aggregate depends on (for notes on null rates left out). */
export function aggregateRates(name: string): readonly RateName[] {
  return metricRow(name)?.rates ?? [];
}

/**
 * Fills `out[a]` with every aggregate (NaN where undefined) over the groups listed in `eligible`,
 * from `rates` (group × {@link RATE_COUNT}, NaN for null) and `cells` (group × 9).
 *
 * Differences and ratios need two or more eligible groups with the rate defined; a ratio whose
 * largest rate is 0 is 0/0. impact_ratio = min_g favorable_g ÷ max_g favorable_g.
 * With c₀ = FN (b = 0), c₁ = TP + TN (b = 1), c₂ = FP (b = 2) summed over eligible groups,
 * n = c₀ + c₁ + c₂ and μ = (c₁ + 2c₂)/n: GE(2) = [c₁/μ² + 4c₂/μ² − n] / (2n) (AIF360's
 * (1/(nα(α−1))) Σ[(b/μ)^α − 1]); Theil = [c₁ (1/μ) ln(1/μ) + c₂ (2/μ) ln(2/μ)] / n (0 ln 0 = 0).
 * The between-group versions replace each b by its group's mean μ_g.
 */
export function computeAggregates(rates: Float64Array, cells: Float64Array, eligible: Int32Array, out: Float64Array): void {
  let a = 0;
  // The bootstrap calls this thousands of times: rate indices are looked up once, not by name.
  for (let s = 0; s < SPEC_RATE_INDICES.length; s++) {
    const specRates = SPEC_RATE_INDICES[s];
    let difference = -Infinity;
    let ratio = Infinity;
    for (let j = 0; j < specRates.length; j++) {
      const r = specRates[j];
      let min = Infinity;
      let max = -Infinity;
      let count = 0;
      for (let k = 0; k < eligible.length; k++) {
        const v = rates[eligible[k] * RATE_COUNT + r];
        if (v !== v) continue;
        count++;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const d = count >= 2 ? max - min : NaN;
      const q = count >= 2 && max > 0 ? min / max : NaN;
      difference = d !== d || difference !== difference ? NaN : Math.max(difference, d);
      ratio = q !== q || ratio !== ratio ? NaN : Math.min(ratio, q);
    }
    out[a++] = difference;
    out[a++] = ratio;
  }
  out[a++] = smallestImpactRatio(rates, eligible);
  inequality(cells, eligible, out, a);
}

/**
 * The impact ratio of group `g` (DESIGN §5, EEOC): favorable_g ÷ favorable_reference, from `rates`
 * (group × {@link RATE_COUNT}, NaN for null). NaN when either rate is null or the reference's is 0.
 *
 * @example
 * // favorable rates 0.3 (g = 0) and 0.5 (reference = 1): 0.6
 * groupImpactRatio(rates, 0, 1);
 */
export function groupImpactRatio(rates: Float64Array, g: number, reference: number): number {
  const best = rates[reference * RATE_COUNT + FAVORABLE_INDEX];
  return best > 0 ? rates[g * RATE_COUNT + FAVORABLE_INDEX] / best : NaN;
}

/**
 * The average odds difference of group `g` (DESIGN §5, AIF360): ½[(FPR_g − FPR_ref) + (TPR_g − TPR_ref)],
 * from `rates` (group × {@link RATE_COUNT}, NaN for null). NaN when any of the four rates is null.
 *
 * @example
 * // TPR 0.6 and FPR 0.2 for g = 0, TPR 0.8 and FPR 0.3 for the reference 1: −0.15
 * groupAverageOddsDifference(rates, 0, 1);
 */
export function groupAverageOddsDifference(rates: Float64Array, g: number, reference: number): number {
  const at = g * RATE_COUNT;
  const ref = reference * RATE_COUNT;
  return 0.5 * (rates[at + FPR_INDEX] - rates[ref + FPR_INDEX] + (rates[at + TPR_INDEX] - rates[ref + TPR_INDEX]));
}

/**
 * The attribute's impact ratio (the aggregate `impact_ratio`): the smallest group impact ratio,
 * min_g favorable_g ÷ max_g favorable_g; NaN with fewer than two defined rates or a largest rate of 0.
 */
function smallestImpactRatio(rates: Float64Array, eligible: Int32Array): number {
  const r = FAVORABLE_INDEX;
  let min = Infinity;
  let max = -Infinity;
  let count = 0;
  for (let k = 0; k < eligible.length; k++) {
    const v = rates[eligible[k] * RATE_COUNT + r];
    if (v !== v) continue;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return count >= 2 && max > 0 ? min / max : NaN;
}

/**
 * Writes the four inequality indices ({@link INEQUALITY_AGGREGATES}, in order) over the groups
 * listed in `eligible` into `out[at … at+4)`, from `cells` (group × 9); NaN when no eligible row
 * benefits. See {@link computeAggregates} for the formulas.
 */
export function inequality(cells: Float64Array, eligible: Int32Array, out: Float64Array, at: number): void {
  // The benefit b = ŷ − y + 1 is 0 for a false negative, 1 for a correct prediction, 2 for a false positive.
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  for (let k = 0; k < eligible.length; k++) {
    const g = eligible[k] * CELLS;
    c0 += cells[g + CELL.fn];
    c1 += cells[g + CELL.tp] + cells[g + CELL.tn];
    c2 += cells[g + CELL.fp];
  }
  const n = c0 + c1 + c2;
  const mu = n > 0 ? (c1 + 2 * c2) / n : 0;
  if (!(mu > 0)) {
    out.fill(NaN, at, at + 4);
    return;
  }
  out[at] = ((c1 + 4 * c2) / (mu * mu) - n) / (GE_ALPHA_FACTOR * n);
  out[at + 1] = (c1 * xlogx(1 / mu) + c2 * xlogx(2 / mu)) / n;
  let ge = 0;
  let theil = 0;
  for (let k = 0; k < eligible.length; k++) {
    const g = eligible[k] * CELLS;
    const ng = cells[g + CELL.fn] + cells[g + CELL.tp] + cells[g + CELL.tn] + cells[g + CELL.fp];
    if (ng === 0) continue;
    const ratio = (cells[g + CELL.tp] + cells[g + CELL.tn] + 2 * cells[g + CELL.fp]) / ng / mu;
    ge += ng * (ratio * ratio - 1);
    theil += ng * xlogx(ratio);
  }
  out[at + 2] = ge / (GE_ALPHA_FACTOR * n);
  out[at + 3] = theil / n;
}

function xlogx(x: number): number {
  return x > 0 ? x * Math.log(x) : 0;
}
