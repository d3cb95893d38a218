/**
 * Rounding a double to S significant bits, and the name of the rounded value (its top bits as an
 * integer) that the rounded histograms (./rounded-histogram.ts) index their pages by. Pure.
 */

/** Scratch for a value's bits (little-endian words: [low, high]). */
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);

/**
 * `x` rounded to `significant` bits (1 to 20): to nearest, ties away from zero. 0 and -0 give 0,
 * ±Infinity and NaN themselves; a finite value never rounds to infinity (the largest ones are cut
 * instead).
 *
 * @example
 * roundSignificant(1 + 2 ** -14, 13); // 1
 * roundSignificant(1.000244140625, 13); // 1.000244140625 (1 + 2^-12 is kept)
 */
export function roundSignificant(x: number, significant: number): number {
  if (x === 0 || x !== x) return x === 0 ? 0 : x;
  // The high word holds the sign, 11 exponent bits and the top 20 fraction bits; the leading one
  // is implicit, so S significant bits keep S − 1 of those and drop the rest and the low word.
  const drop = 21 - significant;
  scratch[0] = x;
  const high = words[1];
  const cut = (high & ~((1 << drop) - 1)) >>> 0;
  words[0] = 0;
  words[1] = ((high + (1 << (drop - 1))) & ~((1 << drop) - 1)) >>> 0;
  const rounded = scratch[0];
  if (rounded === Infinity || rounded === -Infinity) {
    if (x === Infinity || x === -Infinity) return x;
    words[1] = cut;
    return scratch[0];
  }
  return rounded;
}

/** Beyond this a value might round to infinity: {@link roundSignificant} takes it. */
const HUGE = 2 ** 1023;

/**
 * The name of `x` rounded to `significant` bits: the top 12 + (S − 1) bits of the rounded
 * float64 (sign, exponent, kept fraction), as an unsigned integer; 0 for ±0. `half` is
 * 2^(drop − 1) and `drop` 21 − S, passed so that a caller's loop computes them once.
 */
export function roundedKey(x: number, significant: number, drop: number, half: number): number {
  if (x === 0) return 0;
  if (x < HUGE && x > -HUGE) {
    // roundSignificant inlined: round the high word, keep its top bits.
    scratch[0] = x;
    return (words[1] + half) >>> drop;
  }
  scratch[0] = roundSignificant(x, significant);
  return words[1] >>> drop;
}

/**
 * {@link roundedKey} of `x` given its high word `high` (read by the caller from the double where
 * it lies, say a Uint32Array over a column's buffer): the same key, without a scratch round-trip.
 */
export function roundedKeyOfWord(x: number, high: number, significant: number, drop: number, half: number): number {
  if (x === 0) return 0;
  if (x < HUGE && x > -HUGE) return (high + half) >>> drop;
  return roundedKey(x, significant, drop, half);
}
