/**
 * The seeded randomness behind the synthetic datasets: fairaudit's one generator (sfc32 in
 * stats/rng.ts) with polar-method normals, weighted picks and the datasets' own seeding. Same
 * seed, same numbers, on every platform: only 32-bit integer arithmetic and IEEE doubles, never
 * `Math.random`.
 */
import { Rng } from '../../src/stats/rng.js';

/**
 * A seeded stream of pseudo-random numbers: the sfc32 generator of stats/rng.ts, seeded the way
 * the bundled datasets were written with (a murmur3-finalized splitmix32, four state words, twelve
 * discarded outputs), so the same seed still gives the same files.
 */
export class SeededRandom extends Rng {
  /** Box–Muller yields two normals per draw; the second waits here. */
  private spareNormal: number | null = null;

  /** Starts the stream for `seed` (any integer; only its low 32 bits count). */
  constructor(seed: number) {
    super(0);
    let state = seed >>> 0;
    const splitmix32 = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    for (let i = 0; i < 4; i++) this.state[i] = splitmix32();
    // sfc32's authors discard the first outputs so the state is well mixed.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    return this.nextUint32();
  }

  /** A uniform double in [0, 1), with 32 bits of resolution. */
  uniform(): number {
    return this.next();
  }

  /** A uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /**
   * A standard normal draw (Marsaglia's polar form of Box–Muller: no trigonometry; each accepted
   * pair gives two normals, the second kept for the next call).
   */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    let x: number;
    let y: number;
    let r2: number;
    do {
      x = 2 * this.uniform() - 1;
      y = 2 * this.uniform() - 1;
      r2 = x * x + y * y;
    } while (r2 >= 1 || r2 === 0);
    const factor = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.spareNormal = y * factor;
    return x * factor;
  }

  /**
   * An index drawn with the probabilities whose running totals are `cumulative` (ascending, last
   * entry 1; see {@link cumulativeWeights}).
   */
  pick(cumulative: Float64Array): number {
    const u = this.uniform();
    const last = cumulative.length - 1;
    for (let i = 0; i < last; i++) if (u < cumulative[i]) return i;
    return last;
  }
}

/** Running totals of `weights`, scaled so the last is exactly 1: the input of {@link SeededRandom.pick}. */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const cumulative = new Float64Array(weights.length);
  let running = 0;
  weights.forEach((w, i) => {
    running += w;
    cumulative[i] = running / total;
  });
  cumulative[weights.length - 1] = 1;
  return cumulative;
}
