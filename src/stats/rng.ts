import { stirlingTail } from './log-factorial.js';

const TWO_POW_32 = 4294967296;
const INV_TWO_POW_32 = 1 / TWO_POW_32;
/** Below this mean the inversion sampler is faster than rejection, and BTRS needs n·p ≥ 10. */
const INVERSION_MAX_MEAN = 10;
/** Within this distance of the mode, BTRS evaluates f(k)/f(m) by multiplying ratios instead of logarithms. */
const RECURSIVE_RATIO_MAX_STEPS = 15;

/** One step of splitmix32 (a Weyl sequence through a 32-bit finalizer); spreads seed bits. */
function splitmix32(state: number): number {
  let t = state ^ (state >>> 16);
  t = Math.imul(t, 0x21f0aaad);
  t ^= t >>> 15;
  t = Math.imul(t, 0x735a2d97);
  return (t ^ (t >>> 15)) >>> 0;
}

/**
 * A small, fast, seeded pseudo-random generator: sfc32 (Chris Doty-Humphrey's Small Fast Chaotic
 * generator, 128-bit state, passes PractRand and BigCrush), seeded through splitmix32 so that
 * nearby seeds give unrelated streams. Every random choice in fairaudit goes through one of these,
 * so the same seed reproduces the same audit.
 *
 * @example
 * const rng = new Rng(42);
 * rng.next();            // uniform in [0, 1)
 * rng.binomial(1000, 0.3); // about 300
 */
export class Rng {
  // Int32Array rather than four fields: V8 would box 32-bit values in object fields. Protected so
  // that the synthetic datasets' generator (datasets/random.ts) can seed the same sfc32 its own way.
  protected readonly state = new Int32Array(4);

  /**
   * @param seed any finite number; its integer part taken modulo 2⁶⁴ selects the stream (the low
   *   and high 32-bit words both count, so seeds above 2³² stay distinct).
   */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`Rng seed must be a finite number, got ${seed}`);
    const low = seed >>> 0;
    const high = (seed / TWO_POW_32) >>> 0;
    let state = low;
    const draw = (): number => {
      state = (state + 0x9e3779b9) | 0;
      return splitmix32(state);
    };
    this.state[0] = draw();
    this.state[1] = draw();
    this.state[2] = draw() ^ high;
    this.state[3] = 1;
    // The first outputs of sfc32 still correlate with the seed words.
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** The next 32 random bits as an unsigned integer (one sfc32 step). */
  nextUint32(): number {
    const s = this.state;
    const a = s[0];
    const b = s[1];
    const c = s[2];
    const d = s[3];
    const t = (((a + b) | 0) + d) | 0;
    s[3] = d + 1;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** A uniform draw from [0, 1) with 32 bits of resolution (multiples of 2⁻³²). */
  next(): number {
    return this.nextUint32() * INV_TWO_POW_32;
  }

  /**
   * A draw from Binomial(n, p): P(X = k) = C(n, k) pᵏ (1 − p)ⁿ⁻ᵏ. Exact in distribution (up to the
   * generator's 32-bit resolution), no normal approximation: inversion when n·min(p, 1−p) < 10,
   * else Hörmann's BTRS transformed rejection with squeeze (Hörmann 1993, "The generation of
   * binomial random variates"), O(1) expected time for any n (tested to 1e8).
   *
   * Weighted counts give a non-integer `n`: its whole part ⌊n⌋ is drawn as ⌊n⌋ unit trials and the
   * fractional part f = n − ⌊n⌋ as one more trial of weight f, so the result is
   * Binomial(⌊n⌋, p) + f·Bernoulli(p). Its mean is exactly n·p, its variance
   * (⌊n⌋ + f²)·p(1 − p) ≈ n·p(1 − p), and it never exceeds n.
   *
   * @param n number of trials, finite and ≥ 0 (0 gives 0).
   * @param p success probability in [0, 1].
   * @throws RangeError when n or p is out of range (a bug in the caller, not a user error).
   */
  binomial(n: number, p: number): number {
    if (!(n >= 0 && n < Infinity)) throw new RangeError(`binomial n must be finite and ≥ 0, got ${n}`);
    if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial p must be in [0, 1], got ${p}`);
    const whole = Math.floor(n);
    const fraction = n - whole;
    let x = whole > 0 ? this.binomialInteger(whole, p) : 0;
    if (fraction > 0 && this.next() < p) x += fraction;
    return x;
  }

  private binomialInteger(n: number, p: number): number {
    if (p === 0) return 0;
    if (p === 1) return n;
    // Both samplers assume p ≤ ½; the mirror image keeps the rejection rate low.
    if (p > 0.5) return n - this.binomialLowP(n, 1 - p);
    return this.binomialLowP(n, p);
  }

  private binomialLowP(n: number, p: number): number {
    return n * p < INVERSION_MAX_MEAN ? this.binomialInversion(n, p) : this.binomialBtrs(n, p);
  }

  /** Sequential search of the CDF from 0; f(k)/f(k−1) = ((n+1)/k − 1)·p/q. Expected n·p + 1 steps. */
  private binomialInversion(n: number, p: number): number {
    const q = 1 - p;
    const s = p / q;
    const a = (n + 1) * s;
    const f0 = Math.exp(n * Math.log1p(-p));
    // Rounding in the running subtraction can leave u above the remaining mass: restart then.
    const bound = Math.min(n, Math.floor(n * p + 10 * Math.sqrt(n * p * q + 1)));
    for (;;) {
      let u = this.next();
      let f = f0;
      let x = 0;
      while (u > f) {
        u -= f;
        x++;
        if (x > bound) break;
        f *= a / x - s;
      }
      if (x <= bound) return x;
    }
  }

  /**
   * BTRS (Hörmann 1993, §3): a transformed-rejection hat over the binomial, a squeeze that
   * accepts most draws without logarithms (60–85%, more as n·p grows), and an exact acceptance test
   * ln V ≤ ln f(k)/f(m) with m the mode, written with Stirling's formula plus its remainder so
   * that no huge log-factorials are subtracted (precise even at n = 1e8).
   */
  private binomialBtrs(n: number, p: number): number {
    const q = 1 - p;
    const spq = Math.sqrt(n * p * q);
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = n * p + 0.5;
    const vr = 0.92 - 4.2 / b;
    const alpha = (2.83 + 5.1 / b) * spq;
    const m = Math.floor((n + 1) * p);
    const r = p / q;
    // Needed only when a draw far from the mode fails the squeeze, so computed on first use.
    let logR = NaN;
    let modeTerm = NaN;
    for (;;) {
      const u = this.next() - 0.5;
      let v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + c);
      if (k < 0 || k > n) continue;
      if (us >= 0.07 && v <= vr) return k;
      v = (v * alpha) / (a / (us * us) + b);
      if (Math.abs(k - m) <= RECURSIVE_RATIO_MAX_STEPS) {
        // f(k)/f(m) as a product of successive ratios f(i)/f(i−1) = (n+1)r/i − r: cheaper than
        // logarithms near the mode (Hörmann's BTRD, step 3.2).
        const nr = (n + 1) * r;
        let ratio = 1;
        if (m < k) for (let i = m + 1; i <= k; i++) ratio *= nr / i - r;
        else for (let i = k + 1; i <= m; i++) v *= nr / i - r;
        if (v <= ratio) return k;
        continue;
      }
      v = Math.log(v);
      if (Number.isNaN(modeTerm)) {
        logR = Math.log(r);
        modeTerm = (m + 0.5) * (Math.log((m + 1) / (n - m + 1)) - logR) + stirlingTail(m) + stirlingTail(n - m);
      }
      // ln f(k)/f(m) = (m+½)ln((m+1)/(r(n−m+1))) + (n+1)ln((n−m+1)/(n−k+1))
      //               + (k+½)ln(r(n−k+1)/(k+1)) + fc(m) + fc(n−m) − fc(k) − fc(n−k)
      const bound =
        modeTerm +
        (n + 1) * Math.log1p((k - m) / (n - k + 1)) +
        (k + 0.5) * (logR + Math.log((n - k + 1) / (k + 1))) -
        stirlingTail(k) -
        stirlingTail(n - k);
      if (v <= bound) return k;
    }
  }
}

/**
 * A draw from Multinomial(n, π) written into `out`, by sequential conditional binomials:
 * X₁ ~ Binomial(n, π₁), then Xᵢ ~ Binomial(n − X₁ − … − Xᵢ₋₁, πᵢ / (πᵢ + … + π_K)); the last cell
 * with positive probability takes what remains, so Σ Xᵢ = n exactly (also for a non-integer,
 * weighted n: see {@link Rng.binomial}). Cost: K binomial draws, each O(1).
 *
 * `probabilities` need not sum to 1: they are divided by their sum, so a group's cell counts can be
 * passed as they are. Cells with probability 0 get 0.
 *
 * @param out receives the counts; must be at least as long as `probabilities`.
 * @throws RangeError on a negative or non-finite probability, an all-zero vector with n > 0, or a
 *   short `out` (bugs in the caller).
 *
 * @example
 * const out = new Float64Array(4);
 * multinomial(new Rng(7), 100, [40, 10, 30, 20], out); // out sums to 100
 */
export function multinomial(rng: Rng, n: number, probabilities: ArrayLike<number>, out: Float64Array): void {
  if (out.length < probabilities.length) throw new RangeError(`multinomial out has ${out.length} cells, expected at least ${probabilities.length}`);
  new Multinomial(probabilities).draw(rng, n, out);
}

/**
 * {@link multinomial} over fixed probabilities, drawn many times (a bootstrap's thousand draws of
 * one group): the conditional probabilities πᵢ / (πᵢ + … + π_K) are computed once, as the same
 * divisions, so each draw gives what {@link multinomial} gives from the same generator state.
 */
export class Multinomial {
  /** Per cell before the last positive one: its conditional probability, or −1 for a cell of probability 0 (never drawn). */
  private readonly conditional: Float64Array;
  /** The last cell with positive probability (−1: none). */
  private readonly last: number;

  /** @throws RangeError on a negative or non-finite probability. */
  constructor(probabilities: ArrayLike<number>) {
    const k = probabilities.length;
    let mass = 0;
    let last = -1;
    for (let i = 0; i < k; i++) {
      const pi = probabilities[i];
      if (!(pi >= 0 && pi < Infinity)) throw new RangeError(`multinomial probability ${i} is ${pi}`);
      mass += pi;
      if (pi > 0) last = i;
    }
    this.last = last;
    this.conditional = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      const pi = probabilities[i];
      if (pi === 0) {
        this.conditional[i] = -1;
        continue;
      }
      this.conditional[i] = pi >= mass ? 1 : pi / mass;
      mass -= pi;
    }
  }

  /** One draw of `n` into `out` (its first cells, cleared first). @throws RangeError when n > 0 and every probability is 0. */
  draw(rng: Rng, n: number, out: Float64Array): void {
    const { conditional, last } = this;
    out.fill(0, 0, conditional.length);
    if (n === 0) return;
    if (last < 0) throw new RangeError('multinomial probabilities are all zero');
    let remaining = n;
    for (let i = 0; i < last && remaining > 0; i++) {
      const c = conditional[i];
      if (c < 0) continue;
      const x = rng.binomial(remaining, c);
      out[i] = x;
      remaining -= x;
    }
    out[last] = remaining;
  }
}

/**
 * A seeded stream of uniform draws from [0, 1) as a plain function, for discovery's row sampling
 * (mulberry32: 32-bit state, period 2³², plenty for choosing a few hundred thousand rows). It is
 * not {@link Rng} because samples already taken with a seed (`discover --sample N --seed S`) must
 * pick the same rows: swapping the generator would change every sub-sampled finding.
 *
 * @example
 * const random = uniformStream(42);
 * random(); // the same number on every run
 */
export function uniformStream(seed: number): () => number {
  let state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) * INV_TWO_POW_32;
  };
}

/** A draw from (0, 1): `Math.log` of it is finite, which skip lengths of reservoir sampling need. */
export function openUnit(random: () => number): number {
  let u = random();
  while (u === 0) u = random();
  return u;
}
