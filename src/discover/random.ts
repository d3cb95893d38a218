/**
 * A small seeded pseudo-random generator for discovery's sampling (everything random takes a
 * seed, so the same data and seed always give the same sample and the same findings).
 */

/**
 * Returns a generator of uniform floats in [0, 1) seeded by `seed` (mulberry32: 32-bit state,
 * period 2^32, plenty for choosing at most a few hundred thousand rows).
 *
 * @example
 * const random = seededRandom(42);
 * random(); // the same number on every run
 */
export function seededRandom(seed: number): () => number {
  let state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A float in (0, 1): `Math.log` of it is finite, which Algorithm L's skip lengths need. */
export function openUnit(random: () => number): number {
  let u = random();
  while (u === 0) u = random();
  return u;
}
