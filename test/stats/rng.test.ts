import { describe, expect, it } from 'vitest';
import { multinomial, openUnit, Rng, uniformStream } from '../../src/stats/rng.js';

/** Sample mean and variance of `draws` calls of `draw`. */
function moments(draws: number, draw: () => number): { mean: number; variance: number } {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < draws; i++) {
    const x = draw();
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / draws;
  return { mean, variance: (sumSq - draws * mean * mean) / (draws - 1) };
}

/** Exact Binomial(n, p) probabilities, by the product formula in logs (independent of the sampler). */
function binomialPmf(n: number, p: number): number[] {
  const pmf: number[] = [];
  let logChoose = 0; // ln C(n, 0)
  for (let k = 0; k <= n; k++) {
    if (k > 0) logChoose += Math.log(n - k + 1) - Math.log(k);
    pmf.push(Math.exp(logChoose + k * Math.log(p) + (n - k) * Math.log(1 - p)));
  }
  return pmf;
}

/** Pearson's χ² of observed counts against expected ones, pooling cells with expectation < 5. */
function chiSquare(observed: number[], expected: number[]): { statistic: number; df: number } {
  let statistic = 0;
  let cells = 0;
  let pooledObserved = 0;
  let pooledExpected = 0;
  for (let k = 0; k < expected.length; k++) {
    if (expected[k] < 5) {
      pooledObserved += observed[k];
      pooledExpected += expected[k];
      continue;
    }
    statistic += (observed[k] - expected[k]) ** 2 / expected[k];
    cells++;
  }
  if (pooledExpected > 0) {
    statistic += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
    cells++;
  }
  return { statistic, df: cells - 1 };
}

describe('Rng', () => {
  it('repeats the same sequence for the same seed and differs for another seed', () => {
    const a = new Rng(2024);
    const b = new Rng(2024);
    const c = new Rng(2025);
    const seqA = Array.from({ length: 20 }, () => a.next());
    const seqB = Array.from({ length: 20 }, () => b.next());
    const seqC = Array.from({ length: 20 }, () => c.next());
    expect(seqB).toEqual(seqA);
    expect(seqC).not.toEqual(seqA);
    const binA = new Rng(9);
    const binB = new Rng(9);
    expect(Array.from({ length: 50 }, () => binA.binomial(1e6, 0.3))).toEqual(
      Array.from({ length: 50 }, () => binB.binomial(1e6, 0.3)),
    );
  });

  it('tells apart seeds that differ only above 2^32', () => {
    expect(new Rng(1).next()).not.toBe(new Rng(1 + 2 ** 32).next());
  });

  it('draws uniforms in [0, 1) with mean ½ and variance 1/12', () => {
    const rng = new Rng(1);
    let min = 1;
    let max = 0;
    const { mean, variance } = moments(200_000, () => {
      const u = rng.next();
      min = Math.min(min, u);
      max = Math.max(max, u);
      return u;
    });
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // Standard error of the mean: √(1/12 / 200000) ≈ 0.00065.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.004);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('rejects a seed that is not a finite number', () => {
    expect(() => new Rng(NaN)).toThrow(RangeError);
  });
});

describe('Rng.binomial', () => {
  // Both samplers (inversion below n·p = 10, BTRS above), the mirrored p > ½ and huge n.
  const cases: Array<[number, number]> = [
    [20, 0.2],
    [1000, 0.004],
    [100, 0.3],
    [5000, 0.5],
    [1000, 0.99],
    [1e8, 0.37],
    [1e8, 1e-7],
    [123_456_789, 0.999_9],
  ];
  for (const [n, p] of cases) {
    it(`has mean n·p and variance n·p·(1−p) for n = ${n}, p = ${p}`, () => {
      const rng = new Rng(n + Math.round(p * 1e6));
      const draws = 100_000;
      const { mean, variance } = moments(draws, () => rng.binomial(n, p));
      const trueVariance = n * p * (1 - p);
      // Five standard errors: of the mean √(σ²/N); of the variance ≈ σ²·√(2/N).
      expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt(trueVariance / draws));
      expect(Math.abs(variance - trueVariance)).toBeLessThan(5 * trueVariance * Math.sqrt(2 / draws) + 1e-9);
    });
  }

  for (const [n, p] of [
    [30, 0.1], // inversion
    [200, 0.3], // BTRS
    [60, 0.8], // BTRS on the mirror image
  ] as Array<[number, number]>) {
    it(`follows the exact binomial law for n = ${n}, p = ${p} (χ² goodness of fit)`, () => {
      const rng = new Rng(77);
      const draws = 200_000;
      const observed = new Array<number>(n + 1).fill(0);
      for (let i = 0; i < draws; i++) observed[rng.binomial(n, p)]++;
      const expected = binomialPmf(n, p).map((q) => q * draws);
      const { statistic, df } = chiSquare(observed, expected);
      // df + 4·√(2·df) lies beyond the 99.9th percentile of χ²(df) for these df.
      expect(statistic).toBeLessThan(df + 4 * Math.sqrt(2 * df));
    });
  }

  it('returns 0 for p = 0 or n = 0 and n for p = 1', () => {
    const rng = new Rng(3);
    expect(rng.binomial(100, 0)).toBe(0);
    expect(rng.binomial(0, 0.4)).toBe(0);
    expect(rng.binomial(100, 1)).toBe(100);
    expect(rng.binomial(2.5, 1)).toBe(2.5);
  });

  it('draws a weighted (non-integer) n as ⌊n⌋ unit trials plus one trial of the fractional weight', () => {
    const rng = new Rng(11);
    const n = 10.5;
    const p = 0.3;
    const draws = 200_000;
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < draws; i++) {
      const x = rng.binomial(n, p);
      // Either a whole number of unit trials, or that plus the ½ trial, and never above n.
      if (x > n || !(Number.isInteger(x) || Number.isInteger(x - 0.5))) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    // Mean n·p = 3.15; variance (10 + 0.25)·0.21 = 2.1525, standard error ≈ 0.0033.
    expect(Math.abs(sum / draws - n * p)).toBeLessThan(0.02);
  });

  it('rejects an n or p out of range', () => {
    const rng = new Rng(1);
    expect(() => rng.binomial(-1, 0.5)).toThrow(RangeError);
    expect(() => rng.binomial(Infinity, 0.5)).toThrow(RangeError);
    expect(() => rng.binomial(10, 1.5)).toThrow(RangeError);
    expect(() => rng.binomial(10, NaN)).toThrow(RangeError);
  });
});

describe('multinomial', () => {
  it('splits n across the cells so that they sum to n, with mean n·πᵢ per cell', () => {
    const rng = new Rng(5);
    const probabilities = [0.5, 0.2, 0, 0.25, 0.05];
    const out = new Float64Array(5);
    const draws = 20_000;
    const sums = new Float64Array(5);
    let wrongTotals = 0;
    for (let i = 0; i < draws; i++) {
      multinomial(rng, 1000, probabilities, out);
      if (out.reduce((s, x) => s + x, 0) !== 1000 || out[2] !== 0) wrongTotals++;
      for (let k = 0; k < 5; k++) sums[k] += out[k];
    }
    expect(wrongTotals).toBe(0);
    for (let k = 0; k < 5; k++) {
      const mean = 1000 * probabilities[k];
      // Five standard errors of the mean: √(n·π(1−π)/draws).
      const tolerance = 5 * Math.sqrt((1000 * probabilities[k] * (1 - probabilities[k])) / draws) + 1e-9;
      expect(Math.abs(sums[k] / draws - mean)).toBeLessThan(tolerance);
    }
  });

  it('accepts raw counts as probabilities and keeps a weighted total exactly', () => {
    const rng = new Rng(8);
    const counts = Float64Array.of(12.5, 0, 30, 7.25);
    const total = 49.75;
    const out = new Float64Array(4);
    let wrong = 0;
    for (let i = 0; i < 1000; i++) {
      multinomial(rng, total, counts, out);
      if (Math.abs(out[0] + out[1] + out[2] + out[3] - total) > 1e-12 || out[1] !== 0 || out.some((x) => x < 0)) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it('gives a single positive cell all of n and n = 0 nothing', () => {
    const out = new Float64Array(3).fill(9);
    multinomial(new Rng(1), 42, [0, 3, 0], out);
    expect(Array.from(out)).toEqual([0, 42, 0]);
    multinomial(new Rng(1), 0, [1, 1, 1], out);
    expect(Array.from(out)).toEqual([0, 0, 0]);
  });

  it('rejects negative probabilities, all-zero probabilities and a short output', () => {
    const out = new Float64Array(2);
    expect(() => multinomial(new Rng(1), 5, [0.5, -0.1], out)).toThrow(RangeError);
    expect(() => multinomial(new Rng(1), 5, [0, 0], out)).toThrow(RangeError);
    expect(() => multinomial(new Rng(1), 5, [0.2, 0.3, 0.5], out)).toThrow(RangeError);
  });
});

describe('uniformStream', () => {
  it('is mulberry32, as computed by a second plain implementation', () => {
    // Tommy Ettinger's mulberry32, seeded with seed XOR the golden-ratio constant.
    let a = (5 ^ 0x9e3779b9) >>> 0;
    const mulberry32 = (): number => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const random = uniformStream(5);
    for (let i = 0; i < 1_000; i++) expect(random()).toBe(mulberry32());
  });

  it('lies in [0, 1) with mean ½ and variance 1/12', () => {
    const random = uniformStream(3);
    const draws = Array.from({ length: 100_000 }, random);
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / draws.length;
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    // Standard errors: √(1/12/n) ≈ 0.0009 for the mean, about 0.0003 for the variance.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });
});

describe('openUnit', () => {
  it('skips zeros, so its logarithm is finite', () => {
    const values = [0, 0, 0.25];
    expect(openUnit(() => values.shift()!)).toBe(0.25);
  });
});
