import { describe, expect, it } from 'vitest';
import { SeededRandom, cumulativeWeights } from '../../scripts/datasets/random.js';
import { normalCdf } from '../../src/stats/normal.js';

const draws = (seed: number, n: number) => Array.from({ length: n }, ((rng) => () => rng.uint32())(new SeededRandom(seed)));

describe('SeededRandom', () => {
  it('repeats its stream for the same seed and differs for another', () => {
    expect(draws(42, 100)).toEqual(draws(42, 100));
    expect(draws(42, 100)).not.toEqual(draws(43, 100));
  });

  it('draws uniforms in [0, 1) with mean ½ and variance 1/12', () => {
    const rng = new SeededRandom(1);
    const n = 200_000;
    let sum = 0;
    let squares = 0;
    // Counted, then asserted once: an expect() per draw cost 4.5 s of the suite for the same check.
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      squares += u * u;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    // SE of the mean of U(0,1): √(1/12 / n) ≈ 0.00065.
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(squares / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws normals with mean 0, variance 1 and 95% of them within ±1.96', () => {
    const rng = new SeededRandom(2);
    const n = 200_000;
    let sum = 0;
    let squares = 0;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      squares += z * z;
      if (Math.abs(z) < 1.959964) inside++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(4 / Math.sqrt(n));
    // Var of z² is 2, so SE of the mean square is √(2/n) ≈ 0.0032.
    expect(Math.abs(squares / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(inside / n - 0.95)).toBeLessThan(4 * Math.sqrt((0.95 * 0.05) / n));
  });

  it('picks index i with probability weights[i] / Σ weights', () => {
    const rng = new SeededRandom(3);
    const cumulative = cumulativeWeights([1, 2, 7]);
    // Running totals 1, 3, 10 over 10.
    expect([...cumulative]).toEqual([0.1, 0.3, 1]);
    const counts = [0, 0, 0];
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[rng.pick(cumulative)]++;
    [0.1, 0.2, 0.7].forEach((p, i) => expect(Math.abs(counts[i] / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n)));
  });
});

describe('normalCdf', () => {
  it('matches tabulated values of Φ to 7 decimals', () => {
    // Φ(0) = 0.5, Φ(1) = 0.8413447461, Φ(1.959964) = 0.975, Φ(−2.5) = 0.0062096653 (standard tables).
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447461, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-2.5)).toBeCloseTo(0.0062096653, 7);
    expect(normalCdf(-1) + normalCdf(1)).toBeCloseTo(1, 12);
  });
});

/**
 * The datasets' generator as it stood on its own before it was built on stats/rng.ts: sfc32 in
 * four plain fields, seeded by a murmur3-finalized splitmix32, twelve outputs discarded. The
 * bundled files were written with this stream, so the shared generator must give it bit for bit.
 */
function standaloneStream(seed: number, count: number): number[] {
  let state = seed >>> 0;
  const splitmix32 = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = splitmix32();
  const step = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) step();
  return Array.from({ length: count }, step);
}

describe('SeededRandom on the shared sfc32', () => {
  it.each([0, 1, 42, 2 ** 31 + 5, 4294967295])('gives the stream the bundled datasets were written with (seed %d)', (seed) => {
    const rng = new SeededRandom(seed);
    const drawn = Array.from({ length: 5_000 }, () => rng.uint32());
    expect(drawn).toEqual(standaloneStream(seed, 5_000));
  });

  it('turns each 32-bit draw into a uniform by dividing by 2³²', () => {
    const rng = new SeededRandom(7);
    expect(Array.from({ length: 100 }, () => rng.uniform())).toEqual(standaloneStream(7, 100).map((u) => u / 4294967296));
  });
});
