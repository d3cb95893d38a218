/**
 * Sample quantiles by Hyndman & Fan's type 7 (the default of NumPy's `quantile`, R's `quantile`
 * and pandas): with the m non-NaN values sorted x₀ ≤ … ≤ x_{m−1}, h = (m − 1)·p and
 * Q(p) = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ − x_⌊h⌋). NaN values (missing) are ignored. Used for quartile
 * bins of numeric sensitive columns and for medians. O(m log m) (a native typed-array sort of a
 * copy; the input is not modified).
 *
 * @param values the values; NaN marks a missing one.
 * @param probs the probabilities, each in [0, 1].
 * @param length how many leading entries to use (default: all of `values`).
 * @returns one quantile per probability, in the order of `probs`.
 * @throws RangeError when no value is present or a probability is outside [0, 1]: callers check
 *   for an all-missing column first (it has no quantiles).
 *
 * @example
 * quantiles(Float64Array.of(1, 2, 3, 4), [0.25, 0.5]); // [1.75, 2.5]
 */
export function quantiles(values: Float64Array, probs: number[], length = values.length): number[] {
  for (const p of probs) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability ${p} is outside [0, 1]`);
  }
  const sorted = values.slice(0, length).sort(); // NaN sorts last
  let m = sorted.length;
  while (m > 0 && Number.isNaN(sorted[m - 1])) m--;
  if (m === 0) throw new RangeError('quantiles of no values: every value is missing');
  return probs.map((p) => {
    const h = (m - 1) * p;
    const low = Math.floor(h);
    const fraction = h - low;
    const x = sorted[low];
    if (fraction === 0) return x;
    const y = sorted[low + 1];
    // Avoids ∞ − ∞ = NaN between two equal infinite values.
    return x === y ? x : x + fraction * (y - x);
  });
}
