/**
 * A stable least-significant-digit radix sort of float64 values (with an optional weight carried
 * along each value), for the exact histograms of regression audits (src/stats/histogram.ts).
 * Comparison sorts cost ~100 ns a value at the millions of values a regression column holds; six
 * counting passes over 11-bit digits of the value's bits cost less, and a pass whose digit is the
 * same for every value (the high bits of integer-valued columns) is skipped. Digits of 11 bits keep
 * each pass's 2048 output positions in cache, where 16-bit digits scatter and run slower. Pure.
 */

/** Below this many values a comparison sort is as fast, and the digit counts would dominate. */
export const RADIX_MIN = 1024;

const DIGITS = 1 << 11;

/** The digits, least significant first: [word (0 low, 1 high), shift, mask]. */
const PASSES = [
  [0, 0, 0x7ff],
  [0, 11, 0x7ff],
  [0, 22, 0x3ff],
  [1, 0, 0x7ff],
  [1, 11, 0x7ff],
  [1, 22, 0x3ff],
] as const;

/**
 * Sorts `values` ascending in place, moving `weights[i]` (when given) with `values[i]`; values
 * that are equal keep their order (stable). The values must hold no NaN, and -0 should be
 * written as 0 first (they would otherwise sort as two values, -0 first).
 *
 * @example
 * const v = Float64Array.of(2, -1, 0.5);
 * const w = Float64Array.of(20, 10, 5);
 * radixSortFloat64(v, w); // v = [-1, 0.5, 2], w = [10, 5, 20]
 */
export function radixSortFloat64(values: Float64Array, weights: Float64Array | null): void {
  const n = values.length;
  if (n < 2) return;
  // Little-endian halves of each float64: [low word, high word]. Turned into unsigned integers
  // whose order is the numbers' order: negative numbers have every bit flipped, positive ones
  // their sign bit set.
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1];
    const l = words[2 * i];
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~l >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = l;
    }
  }
  const counts = new Uint32Array(PASSES.length * DIGITS);
  for (let i = 0; i < n; i++) {
    const l = lo[i];
    const h = hi[i];
    counts[l & 0x7ff]++;
    counts[DIGITS + ((l >>> 11) & 0x7ff)]++;
    counts[2 * DIGITS + (l >>> 22)]++;
    counts[3 * DIGITS + (h & 0x7ff)]++;
    counts[4 * DIGITS + ((h >>> 11) & 0x7ff)]++;
    counts[5 * DIGITS + (h >>> 22)]++;
  }
  let loOut = new Uint32Array(n);
  let hiOut = new Uint32Array(n);
  let w: Float64Array | null = weights;
  let wOut: Float64Array | null = weights ? new Float64Array(n) : null;
  for (let pass = 0; pass < PASSES.length; pass++) {
    const base = pass * DIGITS;
    const [word, shift, mask] = PASSES[pass];
    const key = word === 0 ? lo : hi;
    // Every value has the same digit: the pass would not move anything.
    if (counts[base + ((key[0] >>> shift) & mask)] === n) continue;
    // Counts become the first output position of each digit.
    let at = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[base + d];
      counts[base + d] = at;
      at += c;
    }
    for (let i = 0; i < n; i++) {
      const j = counts[base + ((key[i] >>> shift) & mask)]++;
      loOut[j] = lo[i];
      hiOut[j] = hi[i];
      if (w) wOut![j] = w[i];
    }
    [lo, loOut] = [loOut, lo];
    [hi, hiOut] = [hiOut, hi];
    if (w) [w, wOut] = [wOut!, w];
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i];
    if (h & 0x80000000) {
      words[2 * i + 1] = (h & 0x7fffffff) >>> 0;
      words[2 * i] = lo[i];
    } else {
      words[2 * i + 1] = ~h >>> 0;
      words[2 * i] = ~lo[i] >>> 0;
    }
  }
  if (weights && w !== weights) weights.set(w!);
}
