/**
 * Bins for numeric sensitive columns (DESIGN §6): the config's cut points, else the usual age
 * bands for an age-like column, else quartiles of the data. A numeric column with only a few
 * whole-number values (a coded category such as 1 = female, 2 = male) is not binned at all: each
 * value is its own group.
 */
import type { BinSpec } from '../results/index.js';
import { quantiles } from '../stats/quantiles.js';

/** Age bands <25, 25–44, 45–64, 65+ (the cut points are the first age of each band). */
export const AGE_EDGES: readonly number[] = [25, 45, 65];
export const AGE_LABELS: readonly string[] = ['<25', '25–44', '45–64', '65+'];

/** A numeric column with at most this many distinct whole numbers is read as coded categories. */
export const MAX_CODED_CATEGORIES = 10;

/**
 * Whether a column name reads as an age: one of its words (split at non-letters and camelCase
 * humps) is "age", e.g. `age`, `applicant_age`, `AgeYears`.
 */
export function isAgeLike(name: string): boolean {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/);
  return words.includes('age');
}

function edgeText(x: number): string {
  return String(Number(x.toPrecision(6)));
}

/**
 * Labels of the bins cut at `edges` (bin i holds edges[i−1] ≤ x < edges[i]):
 * `<e0`, `e0–<e1`, …, `≥ek`. With `wholeYears` (ages, whole-number cut points) the bands read
 * as people write them: `<25`, `25–44`, …, `65+`.
 */
export function binLabels(edges: readonly number[], wholeYears = false): string[] {
  if (edges.length === 0) return ['all'];
  const labels = [`<${edgeText(edges[0])}`];
  for (let i = 1; i < edges.length; i++) {
    labels.push(wholeYears ? `${edges[i - 1]}–${edges[i] - 1}` : `${edgeText(edges[i - 1])}–<${edgeText(edges[i])}`);
  }
  const last = edges[edges.length - 1];
  labels.push(wholeYears ? `${last}+` : `≥${edgeText(last)}`);
  return labels;
}

/** The bins a config gives for `feature` (cut points sorted, duplicates dropped). */
export function configBins(feature: string, edges: readonly number[]): BinSpec {
  const sorted = [...new Set(edges)].sort((a, b) => a - b);
  const wholeYears = isAgeLike(feature) && sorted.every((e) => Number.isInteger(e)) && gapsAtLeastTwo(sorted);
  return { feature, edges: sorted, labels: binLabels(sorted, wholeYears), method: 'config' };
}

/** `25–25` would read oddly: whole-year bands need cut points at least two apart. */
function gapsAtLeastTwo(edges: readonly number[]): boolean {
  return edges.every((e, i) => i === 0 || e - edges[i - 1] >= 2);
}

/** The age bands for `feature`. */
export function ageBins(feature: string): BinSpec {
  return { feature, edges: [...AGE_EDGES], labels: [...AGE_LABELS], method: 'age' };
}

/**
 * Quartile bins of `values[0 … length)` (non-missing values only): cut at the 25th, 50th and 75th
 * percentiles, ties merged. Null when every value is the same (nothing to cut).
 */
export function quartileBins(feature: string, values: Float64Array, length = values.length): BinSpec | null {
  if (length === 0) return null;
  const cuts = quantiles(values, [0.25, 0.5, 0.75], length);
  let min = Infinity;
  for (let i = 0; i < length; i++) if (values[i] < min) min = values[i];
  // A cut at the minimum would leave the first bin empty.
  const edges = [...new Set(cuts)].filter((x) => x > min).sort((a, b) => a - b);
  if (edges.length === 0) return null;
  return { feature, edges, labels: binLabels(edges), method: 'quartiles' };
}

/** The bin of `x` under cut points `edges` (the number of edges ≤ x). */
export function binIndex(edges: Float64Array | readonly number[], x: number): number {
  let i = 0;
  while (i < edges.length && x >= edges[i]) i++;
  return i;
}
