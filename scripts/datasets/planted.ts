/**
 * The planted bias of the synthetic datasets, as data. A design names each sensitive attribute's
 * group shares and the expected rate of the favorable decision per group; the generator draws
 * the attributes independently and decides with probability
 *
 *   p(row) = overall + Σ_attributes (rate[attribute][group] − overall),
 *
 * an additive model whose offsets average to zero under the shares. Because the attributes are
 * independent, the expected rate of a group of one attribute is exactly its `rates` entry, and
 * a cell of an intersection has the sum above. Tests and metric checks assert recovery of these
 * numbers.
 */
import { normalCdf } from '../../src/stats/normal.js';
import { cumulativeWeights, type SeededRandom } from './random.js';

/** One sensitive attribute of a design: group → share of rows, group → expected rate. */
export interface PlantedAttribute {
  /** Shares sum to 1; the group named `(missing)` is written as a null. */
  shares: Readonly<Record<string, number>>;
  /** Expected rate of the decision in each group, exactly (before sampling error). */
  rates: Readonly<Record<string, number>>;
}

/** A dataset's planted decision rates. */
export interface PlantedDesign {
  /** The decision column the rates are about (`approved`, `selected`, `prediction`). */
  outcome: string;
  /** The expected rate over all rows. */
  overall: number;
  attributes: Readonly<Record<string, PlantedAttribute>>;
}

/** The group name that stands for a null sensitive value, as the audit reports it. */
export const MISSING_GROUP = '(missing)';

/** An attribute prepared for drawing: group order, cumulative shares, offsets from the overall rate. */
export interface AttributeSampler {
  groups: readonly string[];
  cumulative: Float64Array;
  offsets: Float64Array;
}

/**
 * Prepares `design.attributes[name]` for drawing: the groups in `order` (the dictionary order of
 * the column, with `(missing)` allowed as an extra group), their cumulative shares, and their
 * rate offsets from `design.overall`.
 */
export function attributeSampler(design: PlantedDesign, name: string, order: readonly string[]): AttributeSampler {
  const attribute = design.attributes[name];
  if (!attribute) throw new Error(`internal: the design has no attribute "${name}"`);
  const groups = Object.keys(attribute.shares);
  for (const group of groups) {
    if (group !== MISSING_GROUP && !order.includes(group)) throw new Error(`internal: group "${group}" of "${name}" is not a column value`);
  }
  const ordered = [...order.filter((g) => groups.includes(g)), ...groups.filter((g) => g === MISSING_GROUP)];
  return {
    groups: ordered,
    cumulative: cumulativeWeights(ordered.map((g) => attribute.shares[g])),
    offsets: Float64Array.from(ordered, (g) => attribute.rates[g] - design.overall),
  };
}

/**
 * The largest difference between the overall rate and the share-weighted mean of an attribute's
 * rates; zero (to rounding) when the design's promise of exact marginal rates holds.
 */
export function designImbalance(design: PlantedDesign): number {
  let worst = 0;
  for (const attribute of Object.values(design.attributes)) {
    let mean = 0;
    for (const [group, share] of Object.entries(attribute.shares)) mean += share * attribute.rates[group];
    worst = Math.max(worst, Math.abs(mean - design.overall));
  }
  return worst;
}

/**
 * A uniform rank in (0, 1) correlated with a standard normal `merit`: q = Φ(−(ρ·merit + √(1−ρ²)·e)),
 * e ~ N(0, 1). Whatever ρ, q is exactly uniform, so "decide 1 when q < p" has probability p in
 * every group, while lower q still goes with higher merit (and so with the label).
 */
export function meritRank(rng: SeededRandom, merit: number, rho: number): number {
  return normalCdf(-(rho * merit + Math.sqrt(1 - rho * rho) * rng.normal()));
}

/**
 * A score in [0, 1] consistent with the decision "q < p": in [0.5, 1] when it holds, in [0, 0.5)
 * when not, falling linearly with q inside each band, rounded to `decimals`. Thresholding the
 * score at 0.5 gives back the decision exactly, rounding included.
 */
export function plantedScore(q: number, p: number, decimals: number): number {
  const scale = POWERS_OF_TEN[decimals];
  if (q < p) return Math.max(0.5, Math.round((0.5 + 0.5 * (1 - q / p)) * scale) / scale);
  return Math.min(0.5 - 1 / scale, Math.round(0.5 * (1 - (q - p) / (1 - p)) * scale) / scale);
}

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

/** The logistic function 1 / (1 + e^−x): label probabilities from a merit score. */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
