/**
 * Proxies: columns strongly associated with a protected attribute, measured by the
 * bias-corrected Cramér's V (Bergsma 2013) on the sample. Effect sizes, not p-values: on a
 * million rows every association is "significant", and V says how strong it is.
 */
import type { SampledValue } from './sample.js';

/** V from which a column is reported as a proxy. */
const PROXY_WARN = 0.3;
/** V from which a proxy is strong. */
const PROXY_STRONG = 0.5;

/** Categorical codes of a column: one per sampled row, -1 for a row left out. */
export interface Codes {
  codes: Int32Array;
  levels: number;
}

/** Most categories kept per column; rarer values share one "(other)" code. */
const MAX_LEVELS = 1000;

/**
 * Codes a column for a contingency table. Numbers with more than 10 distinct values (dates
 * included) fall into deciles of the sample; anything else is one code per distinct value, the
 * {@link MAX_LEVELS} most frequent kept. Missing values get their own code unless
 * `dropMissing` (then -1: a protected attribute's missing rows are left out).
 *
 * @example
 * toCodes(['a', 'b', 'a', null], { numeric: false }); // codes [0, 1, 0, 2], levels 3
 */
export function toCodes(
  values: readonly SampledValue[],
  options: { numeric: boolean; dropMissing?: boolean; cuts?: readonly number[]; counts?: ReadonlyMap<SampledValue, number> },
): Codes {
  const n = values.length;
  const codes = new Int32Array(n);
  const cuts = options.cuts ?? (options.numeric ? decileCutsOf(values) : undefined);
  if (cuts) {
    const missing = cuts.length + 1;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (typeof v !== 'number' || Number.isNaN(v)) codes[i] = options.dropMissing ? -1 : missing;
      else codes[i] = binOf(v, cuts);
    }
    return { codes, levels: cuts.length + 2 };
  }
  const frequency = options.counts ?? countValues(values);
  const kept = [...frequency.entries()].filter(([v]) => v !== null).sort((a, b) => b[1] - a[1]).slice(0, MAX_LEVELS);
  const index = new Map<SampledValue, number>(kept.map(([v], i) => [v, i]));
  const other = kept.length;
  const missing = other + 1;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    codes[i] = v === null ? (options.dropMissing ? -1 : missing) : (index.get(v) ?? other);
  }
  return { codes, levels: kept.length + 2 };
}

function countValues(values: readonly SampledValue[]): Map<SampledValue, number> {
  const counts = new Map<SampledValue, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/**
 * Decile cut points of the numeric values, given as distinct value → count (duplicates
 * removed): cut d is the value at sorted position ⌊d·n/10⌋. Undefined for 10 or fewer distinct
 * numbers, which are categories already.
 */
export function decileCuts(counts: ReadonlyMap<SampledValue, number>): number[] | undefined {
  const distinct: number[] = [];
  for (const v of counts.keys()) if (typeof v === 'number' && !Number.isNaN(v)) distinct.push(v);
  if (distinct.length <= 10) return undefined;
  const sorted = Float64Array.from(distinct).sort();
  const n = sorted.reduce((sum, v) => sum + counts.get(v)!, 0);
  const cuts: number[] = [];
  let seen = 0;
  let d = 1;
  for (let i = 0; i < sorted.length && d < 10; i++) {
    seen += counts.get(sorted[i])!;
    // sorted[i] covers positions [seen − count, seen); it is cut d while ⌊d·n/10⌋ < seen.
    while (d < 10 && Math.floor((d * n) / 10) < seen) {
      if (cuts[cuts.length - 1] !== sorted[i]) cuts.push(sorted[i]);
      d++;
    }
  }
  return cuts;
}

/**
 * {@link decileCuts} of the numbers among `values`, from one sort of a typed array: the value at
 * sorted position ⌊d·n/10⌋ is cut d, as there, without a map lookup per distinct value.
 */
function decileCutsOf(values: readonly SampledValue[]): number[] | undefined {
  const numbers = new Float64Array(values.length);
  let n = 0;
  for (const v of values) if (typeof v === 'number' && !Number.isNaN(v)) numbers[n++] = v;
  const sorted = numbers.subarray(0, n).sort();
  let distinct = 0;
  for (let i = 0; i < n && distinct <= 10; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  if (distinct <= 10) return undefined;
  const cuts: number[] = [];
  for (let d = 1; d < 10; d++) {
    const at = sorted[Math.floor((d * n) / 10)];
    if (cuts.length === 0 || cuts[cuts.length - 1] !== at) cuts.push(at);
  }
  return cuts;
}

/** The bin of `x`: the number of cut points at or below it. */
function binOf(x: number, cuts: readonly number[]): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Bias-corrected Cramér's V (Bergsma 2013) of two coded columns, over the rows where both codes
 * are ≥ 0. With χ² the Pearson statistic of the r × k table (empty rows and columns dropped)
 * and n its total:
 * φ² = χ²/n, φ²₊ = max(0, φ² − (k−1)(r−1)/(n−1)), r̃ = r − (r−1)²/(n−1), k̃ = k − (k−1)²/(n−1),
 * V = √(φ²₊ / min(k̃−1, r̃−1)).
 * Null when it is undefined: fewer than two rows, or a side with a single category.
 *
 * @example
 * cramersV({ codes: Int32Array.of(0, 0, 1, 1), levels: 2 }, { codes: Int32Array.of(0, 0, 1, 1), levels: 2 }); // 1
 */
export function cramersV(a: Codes, b: Codes): number | null {
  const table = new Float64Array(a.levels * b.levels);
  const n = a.codes.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = a.codes[i];
    const y = b.codes[i];
    if (x < 0 || y < 0) continue;
    table[x * b.levels + y]++;
    total++;
  }
  return cramersVOfTable(table, a.levels, b.levels, total);
}

/** {@link cramersV} of a row-major r × k count table. */
export function cramersVOfTable(table: Float64Array, rows: number, cols: number, total = table.reduce((s, x) => s + x, 0)): number | null {
  if (total < 2) return null;
  const rowSums = new Float64Array(rows);
  const colSums = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      rowSums[r] += table[r * cols + c];
      colSums[c] += table[r * cols + c];
    }
  }
  const r = rowSums.filter((s) => s > 0).length;
  const k = colSums.filter((s) => s > 0).length;
  if (r < 2 || k < 2) return null;
  let chi2 = 0;
  for (let i = 0; i < rows; i++) {
    if (rowSums[i] === 0) continue;
    for (let j = 0; j < cols; j++) {
      if (colSums[j] === 0) continue;
      const expected = (rowSums[i] * colSums[j]) / total;
      const diff = table[i * cols + j] - expected;
      chi2 += (diff * diff) / expected;
    }
  }
  const phi2 = chi2 / total;
  const phi2Corrected = Math.max(0, phi2 - ((k - 1) * (r - 1)) / (total - 1));
  const rCorrected = r - (r - 1) ** 2 / (total - 1);
  const kCorrected = k - (k - 1) ** 2 / (total - 1);
  const denominator = Math.min(kCorrected - 1, rCorrected - 1);
  if (!(denominator > 0)) return null;
  return Math.min(1, Math.sqrt(phi2Corrected / denominator));
}

/** A column to test as a proxy, and the protected attributes to test it against. */
export interface ProxyInput {
  name: string;
  values: readonly SampledValue[];
  numeric: boolean;
  /** Distinct non-null values and their counts, when already known (saves a pass). */
  counts?: ReadonlyMap<SampledValue, number>;
}

/** One association found between a candidate and a protected attribute. */
export interface ProxyFound {
  column: string;
  attribute: string;
  cramers_v: number;
  strength: 'warn' | 'strong';
}

/**
 * Every (candidate, attribute) pair whose bias-corrected V reaches {@link PROXY_WARN}, strongest
 * first. Protected values that are missing are left out; a candidate's missing values are a
 * category of their own (missingness can itself be a proxy). Numeric attributes use `bins`
 * when given (age bands), else deciles.
 */
export function findProxies(
  attributes: readonly (ProxyInput & { bins?: readonly number[] })[],
  candidates: readonly ProxyInput[],
): ProxyFound[] {
  const found: ProxyFound[] = [];
  const coded = candidates.map((c) => ({ name: c.name, codes: toCodes(c.values, { numeric: c.numeric, counts: c.counts }) }));
  for (const attribute of attributes) {
    const target = toCodes(attribute.values, { numeric: attribute.numeric, dropMissing: true, cuts: attribute.numeric ? attribute.bins : undefined });
    for (const candidate of coded) {
      if (candidate.name === attribute.name) continue;
      const v = cramersV(candidate.codes, target);
      if (v !== null && v >= PROXY_WARN) {
        found.push({ column: candidate.name, attribute: attribute.name, cramers_v: v, strength: v >= PROXY_STRONG ? 'strong' : 'warn' });
      }
    }
  }
  return found.sort((a, b) => b.cramers_v - a.cramers_v);
}
