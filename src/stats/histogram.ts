/**
 * Exact weighted histograms over distinct values: the sufficient statistic of a numeric
 * distribution that merges by addition (DESIGN §14). A histogram holds each distinct value once,
 * ascending, with the sum of the weights of its rows (the row count when unweighted), so two
 * partial histograms (batches, files, worker threads) merge into exactly the histogram of all
 * rows, and every distance and quantile below is the one computed from the raw rows. Memory
 * grows with the number of distinct values (16 bytes each), not with rows.
 */

import { RADIX_MIN, radixSortFloat64 } from './radix-sort.js';

/** Distinct values, ascending, and the summed weight of each. */
export interface Histogram {
  values: Float64Array;
  weights: Float64Array;
}

/** The histogram of no rows. */
export function emptyHistogram(): Histogram {
  return { values: new Float64Array(0), weights: new Float64Array(0) };
}

/**
 * The histogram of `values[0 … length)` with weights `weights` (each 1 when null). NaN values are
 * left out. Does not modify its input.
 *
 * @example
 * histogramOf(Float64Array.of(2, 1, 2), null); // values [1, 2], weights [1, 2]
 */
export function histogramOf(values: Float64Array, weights: Float64Array | null, length = values.length): Histogram {
  if (length >= RADIX_MIN) return radixHistogram(values, weights, length);
  if (weights === null) {
    // Unweighted: a native sort, then run lengths.
    const sorted = values.slice(0, length).sort();
    let m = sorted.length;
    while (m > 0 && sorted[m - 1] !== sorted[m - 1]) m--;
    return runLengths(sorted, null, m);
  }
  const order = Array.from({ length }, (_, i) => i).filter((i) => values[i] === values[i]);
  order.sort((a, b) => values[a] - values[b]);
  return runLengths(Float64Array.from(order, (i) => values[i]), Float64Array.from(order, (i) => weights[i]), order.length);
}

/** {@link histogramOf} by a radix sort: the same histogram, several times faster on long inputs. */
function radixHistogram(values: Float64Array, weights: Float64Array | null, length: number): Histogram {
  const sorted = new Float64Array(length);
  const sortedWeights = weights ? new Float64Array(length) : null;
  let m = 0;
  for (let i = 0; i < length; i++) {
    const x = values[i];
    if (x !== x) continue;
    // -0 and 0 are one value, and must be one key for the sort to keep their weights in row order.
    sorted[m] = x === 0 ? 0 : x;
    if (sortedWeights) sortedWeights[m] = weights![i];
    m++;
  }
  const kept = m === length ? sorted : sorted.subarray(0, m);
  const keptWeights = sortedWeights && m < length ? sortedWeights.subarray(0, m) : sortedWeights;
  radixSortFloat64(kept, keptWeights);
  return runLengths(kept, keptWeights, m);
}

function runLengths(sorted: Float64Array, weights: Float64Array | null, m: number): Histogram {
  const outValues = new Float64Array(m);
  const outWeights = new Float64Array(m);
  let k = -1;
  for (let i = 0; i < m; i++) {
    const w = weights ? weights[i] : 1;
    // -0 and 0 are one value.
    if (k >= 0 && outValues[k] === sorted[i]) outWeights[k] += w;
    else {
      k++;
      outValues[k] = sorted[i] === 0 ? 0 : sorted[i];
      outWeights[k] = w;
    }
  }
  return { values: outValues.slice(0, k + 1), weights: outWeights.slice(0, k + 1) };
}

/** The histogram of the rows of `a` and of `b` (a sorted merge; equal values add their weights). */
export function mergeHistograms(a: Histogram, b: Histogram): Histogram {
  if (a.values.length === 0) return b;
  if (b.values.length === 0) return a;
  const av = a.values;
  const aw = a.weights;
  const bv = b.values;
  const bw = b.weights;
  const m = av.length;
  const n = bv.length;
  const values = new Float64Array(m + n);
  const weights = new Float64Array(m + n);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < m && j < n) {
    const x = av[i];
    const y = bv[j];
    if (x < y) {
      values[k] = x;
      weights[k++] = aw[i++];
    } else if (y < x) {
      values[k] = y;
      weights[k++] = bw[j++];
    } else {
      values[k] = x;
      weights[k++] = aw[i++] + bw[j++];
    }
  }
  // One side is used up: the rest of the other is already sorted and distinct.
  values.set(av.subarray(i), k);
  weights.set(aw.subarray(i), k);
  k += m - i;
  values.set(bv.subarray(j), k);
  weights.set(bw.subarray(j), k);
  k += n - j;
  return k === m + n ? { values, weights } : { values: values.slice(0, k), weights: weights.slice(0, k) };
}

/**
 * The histogram of the rows of all of `parts`, in one k-way merge (a binary heap over the parts'
 * next values) written once into its output, where merging pairwise level by level wrote every
 * value log₂ k times into fresh arrays. A value held by several parts gets the sum of their
 * weights added in the order of a balanced pairwise merge of `parts` ((w₀ + w₁) + (w₂ + w₃) …),
 * so the weights are those of {@link mergeHistograms} applied pairwise, to the bit.
 */
export function mergeAllHistograms(parts: readonly Histogram[]): Histogram {
  const k = parts.length;
  if (k === 0) return emptyHistogram();
  if (k === 1) return parts[0];
  if (k === 2) return mergeHistograms(parts[0], parts[1]);
  let total = 0;
  for (const h of parts) total += h.values.length;
  const values = new Float64Array(total);
  const weights = new Float64Array(total);
  // The heap holds the parts with values left, keyed by their next value.
  const heap = new Int32Array(k);
  const keys = new Float64Array(k);
  const at = new Int32Array(k);
  let size = 0;
  const siftDown = (from: number) => {
    let i = from;
    const p = heap[i];
    const x = keys[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && keys[c + 1] < keys[c]) c++;
      if (!(keys[c] < x)) break;
      heap[i] = heap[c];
      keys[i] = keys[c];
      i = c;
    }
    heap[i] = p;
    keys[i] = x;
  };
  parts.forEach((h, p) => {
    if (h.values.length === 0) return;
    heap[size] = p;
    keys[size++] = h.values[0];
  });
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(i);
  // Scratch for a value held by several parts: each part's weight, and whether it holds it.
  const tied = new Float64Array(k);
  const holds = new Uint8Array(k);
  let n = 0;
  while (size > 0) {
    const x = keys[0];
    let first = -1;
    let count = 0;
    let w = 0;
    while (size > 0 && keys[0] === x) {
      const p = heap[0];
      const h = parts[p];
      const i = at[p]++;
      if (count++ === 0) {
        first = p;
        w = h.weights[i];
      } else {
        if (count === 2) {
          tied[first] = w;
          holds[first] = 1;
        }
        tied[p] = h.weights[i];
        holds[p] = 1;
      }
      if (i + 1 < h.values.length) keys[0] = h.values[i + 1];
      else {
        size--;
        heap[0] = heap[size];
        keys[0] = keys[size];
      }
      if (size > 0) siftDown(0);
    }
    values[n] = x;
    weights[n++] = count === 1 ? w : pairwiseSum(tied, holds, k);
  }
  return n === total ? { values, weights } : { values: values.slice(0, n), weights: weights.slice(0, n) };
}

/**
 * Σ `weights[p]` over the parts p that hold a value, added as a balanced pairwise merge of k
 * parts adds them; clears `holds` and `weights` for the next value.
 */
function pairwiseSum(weights: Float64Array, holds: Uint8Array, k: number): number {
  let m = k;
  while (m > 1) {
    let out = 0;
    for (let i = 0; i < m; i += 2) {
      if (i + 1 < m && holds[i] && holds[i + 1]) weights[out] = weights[i] + weights[i + 1];
      else if (i + 1 < m && holds[i + 1]) weights[out] = weights[i + 1];
      else weights[out] = weights[i];
      holds[out] = holds[i] | (i + 1 < m ? holds[i + 1] : 0);
      out++;
    }
    // Positions past the new level are stale: clear them for the next value.
    for (let i = out; i < m; i++) {
      holds[i] = 0;
      weights[i] = 0;
    }
    m = out;
  }
  const sum = weights[0];
  holds[0] = 0;
  weights[0] = 0;
  return sum;
}

/** Total weight of a histogram. */
export function histogramTotal(h: Histogram): number {
  let total = 0;
  for (let i = 0; i < h.weights.length; i++) total += h.weights[i];
  return total;
}

/**
 * The weighted quantile q(p) = the smallest value x with F(x) ≥ p, F the cumulative share of
 * weight (the inverse of the empirical CDF, Hyndman & Fan type 1); null for an empty histogram.
 *
 * @example
 * histogramQuantile(histogramOf(Float64Array.of(1, 2, 3, 4), null), 0.5); // 2
 */
export function histogramQuantile(h: Histogram, p: number): number | null {
  return histogramQuantiles(h, [p])[0];
}

/** {@link histogramQuantile} at each of `ps`, in one pass over the histogram. */
export function histogramQuantiles(h: Histogram, ps: readonly number[]): (number | null)[] {
  const total = histogramTotal(h);
  if (!(total > 0)) return ps.map(() => null);
  // A relative tolerance, so that p = 0.5 of four equal weights lands on the second value.
  const targets = ps.map((p) => p * total * (1 - 1e-12));
  const out: (number | null)[] = ps.map(() => null);
  let left = ps.length;
  let cumulative = 0;
  for (let i = 0; i < h.values.length && left > 0; i++) {
    cumulative += h.weights[i];
    for (let j = 0; j < targets.length; j++) {
      if (out[j] === null && cumulative >= targets[j]) {
        out[j] = h.values[i];
        left--;
      }
    }
  }
  return out.map((x) => x ?? h.values[h.values.length - 1]);
}

/** Share of the weight strictly above `threshold`; null for an empty histogram. */
export function shareAbove(h: Histogram, threshold: number): number | null {
  return sharesAbove(h, [threshold])[0];
}

/**
 * {@link shareAbove} each of `thresholds` (null gives null), in one pass: the weight above each
 * is added in ascending order of value, as one pass per threshold adds it.
 */
export function sharesAbove(h: Histogram, thresholds: readonly (number | null)[]): (number | null)[] {
  const total = histogramTotal(h);
  if (!(total > 0)) return thresholds.map(() => null);
  const above = thresholds.map(() => 0);
  const cuts = thresholds.map((t) => (t === null ? Infinity : t));
  for (let i = 0; i < h.values.length; i++) {
    const x = h.values[i];
    for (let j = 0; j < cuts.length; j++) if (x > cuts[j]) above[j] += h.weights[i];
  }
  return thresholds.map((t, j) => (t === null ? null : above[j] / total));
}

/**
 * The Kolmogorov–Smirnov distance sup_x |F_a(x) − F_b(x)| and the Wasserstein-1 (earth mover's)
 * distance ∫ |F_a(x) − F_b(x)| dx between two weighted empirical distributions, in one walk over
 * the union of their distinct values (exact: both CDFs are step functions that change only
 * there); null when either is empty.
 */
export function cdfDistances(a: Histogram, b: Histogram): { ks: number; wasserstein: number } | null {
  const ta = histogramTotal(a);
  const tb = histogramTotal(b);
  return ta > 0 && tb > 0 ? walkCdfs(a, ta, b, tb) : null;
}

/**
 * The largest {@link cdfDistances} between any two of `histograms` (each distance maximized on
 * its own; the two may come from different pairs); null when fewer than two hold weight. One
 * walk per pair gives both distances, with the same numbers as {@link cdfDistances} pair by pair.
 */
export function largestCdfDistances(histograms: readonly Histogram[]): { ks: number | null; wasserstein: number | null } {
  const totals = histograms.map(histogramTotal);
  let ks: number | null = null;
  let wasserstein: number | null = null;
  for (let i = 0; i < histograms.length; i++) {
    if (!(totals[i] > 0)) continue;
    for (let j = i + 1; j < histograms.length; j++) {
      if (!(totals[j] > 0)) continue;
      const d = walkCdfs(histograms[i], totals[i], histograms[j], totals[j]);
      ks = Math.max(ks ?? 0, d.ks);
      wasserstein = Math.max(wasserstein ?? 0, d.wasserstein);
    }
  }
  return { ks, wasserstein };
}

/**
 * The walk of {@link cdfDistances} over the union of two histograms' distinct values, each CDF
 * computed as it goes (running weight ÷ total): no copy of a group's values, which a continuous
 * outcome has millions of.
 */
function walkCdfs(a: Histogram, ta: number, b: Histogram, tb: number): { ks: number; wasserstein: number } {
  const av = a.values;
  const aw = a.weights;
  const bv = b.values;
  const bw = b.weights;
  const m = av.length;
  const n = bv.length;
  let i = 0;
  let j = 0;
  let sa = 0;
  let sb = 0;
  let fa = 0;
  let fb = 0;
  let previous = NaN;
  let sup = 0;
  let area = 0;
  while (i < m || j < n) {
    const xa = i < m ? av[i] : Infinity;
    const xb = j < n ? bv[j] : Infinity;
    const x = xa < xb ? xa : xb;
    // The gap between the CDFs holds from the previous distinct value up to x.
    if (previous === previous) area += Math.abs(fa - fb) * (x - previous);
    // Values are distinct within a histogram: each side moves at most one step.
    if (xa === x) fa = (sa += aw[i++]) / ta;
    if (xb === x) fb = (sb += bw[j++]) / tb;
    const gap = Math.abs(fa - fb);
    if (gap > sup) sup = gap;
    previous = x;
  }
  return { ks: sup, wasserstein: area };
}

/** The Kolmogorov–Smirnov distance of {@link cdfDistances}; null when either is empty. */
export function ksDistance(a: Histogram, b: Histogram): number | null {
  return cdfDistances(a, b)?.ks ?? null;
}

/** The Wasserstein-1 distance of {@link cdfDistances}; null when either is empty. */
export function wassersteinDistance(a: Histogram, b: Histogram): number | null {
  return cdfDistances(a, b)?.wasserstein ?? null;
}

/**
 * The weighted quantile q(p) of the rows of all of `parts` (as {@link histogramQuantile} of their
 * merge), found without merging them: the smallest value x of any part whose cumulative weight
 * F(x) = Σ over parts of the weight at or below x reaches p. Each F(x) is a binary search in every
 * part's running sums, so the cost is O(n) for those sums and O((k log n)²) for the search, where
 * a merge would cost O(n log k) time and O(n) memory. Null when the parts hold no weight.
 *
 * @example
 * unionQuantile([histogramOf(Float64Array.of(1, 4), null), histogramOf(Float64Array.of(2, 3), null)], 0.5); // 2
 */
export function unionQuantile(parts: readonly Histogram[], p: number): number | null {
  return unionQuantiles(parts, [p])[0];
}

/** {@link unionQuantile} at each of `ps`, sharing the running sums. */
export function unionQuantiles(parts: readonly Histogram[], ps: readonly number[]): (number | null)[] {
  const live = parts.filter((h) => h.values.length > 0);
  const running = live.map((h) => {
    const out = new Float64Array(h.weights.length);
    let cumulative = 0;
    for (let i = 0; i < h.weights.length; i++) out[i] = cumulative += h.weights[i];
    return out;
  });
  let total = 0;
  for (const r of running) total += r[r.length - 1];
  if (!(total > 0)) return ps.map(() => null);
  // Weight at or below x over every part: a binary search for the last value ≤ x in each.
  const below = (x: number): number => {
    let sum = 0;
    live.forEach((h, k) => {
      let lo = 0;
      let hi = h.values.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (h.values[mid] <= x) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0) sum += running[k][lo - 1];
    });
    return sum;
  };
  let largest = -Infinity;
  for (const h of live) largest = Math.max(largest, h.values[h.values.length - 1]);
  return ps.map((p) => {
    // The same relative tolerance as histogramQuantile.
    const target = p * total * (1 - 1e-12);
    let best = Infinity;
    for (const h of live) {
      // The first value of this part that reaches the target (F only grows with x).
      let lo = 0;
      let hi = h.values.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (h.values[mid] < best && below(h.values[mid]) < target) lo = mid + 1;
        else hi = mid;
      }
      if (lo < h.values.length && h.values[lo] < best) best = h.values[lo];
    }
    return best === Infinity ? largest : best;
  });
}
