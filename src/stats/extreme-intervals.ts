/**
 * 95% intervals for the statistics of a disparity table: the gap max − min and the ratio
 * min ÷ max of one rate over groups, the ratio of one group's rate to another's, and a signed sum
 * of rates (average odds difference). Pure: proportions in, intervals out.
 *
 * DESIGN NOTE — why not the percentile bootstrap. max − min and min ÷ max over groups are not
 * smooth functions of the rates: with many small groups the largest observed rate is the luckiest
 * group's, so the plug-in gap is biased upwards (the ratio downwards), and the bootstrap repeats
 * that bias on top of it (a resample's maximum is again the luckiest). Its percentile interval
 * then sits beside its own estimate (a demographic parity ratio of 0.771 shown with 0.345–0.763),
 * and where all groups are truly equal it covers the true gap 0 in no resample at all. A
 * bias-corrected (BC/BCa) bootstrap cannot fix that either: when nearly every resample lies on one
 * side of the estimate its correction runs off the end of the sample. A seeded Python simulation
 * of both (five designs of many 40-row groups and a few of 2000, rates near 0 and 1; 400 tables
 * each) covered the true gap in 0% (all groups equal) to 96.5% of tables with the percentile
 * interval and 0–97% with BC, the true ratio in 0–96% and 0–95.5%; the basic (reversed)
 * bootstrap did no better (62% at equality).
 *
 * What we use instead is built from the groups' own Wilson intervals (so a reader can check it
 * against the rates table) and treats the two ends differently, because selection biases them
 * differently:
 * - The end the winner's curse pushes away from the truth (the lower end of a gap, the upper end
 *   of a ratio) is a simultaneous bound over every pair of groups: max − min ≥ p_i − p_j for every
 *   pair, so the largest Tukey–Kramer lower bound of p_i − p_j is a lower bound of the gap,
 *   whichever pair attains it, ties included. Each pair's bound is a MOVER bound (Newcombe 1998,
 *   Zou & Donner 2008) from Wilson limits at z = q(0.95; G)/√2, q the studentized range quantile
 *   for G groups (Tukey 1953; Hayter 1984 showed Tukey–Kramer conservative for unequal groups).
 *   When all groups are equal this end is wrong only when the groups' range exceeds its 95% point:
 *   5% of the time.
 * - The other end (the upper end of a gap, the lower end of a ratio) must hold whichever pair
 *   truly attains the extreme, and the observed extreme pair is not always that pair: a 30-row
 *   group truly lowest at 0.15 that draws 0.30 leaves a 500-row group as the observed minimum,
 *   whose narrow pair bound then misses (the ratio's lower end erred 7% of the time on the
 *   'unequal sizes' table below, coverage 92%). The truth is p_i − p_j for some pair, so the
 *   largest of every pair's own 95% upper bound (for a ratio, the smallest lower bound) errs no
 *   more often than the true pair's own bound: at most its nominal 2.5%.
 * - A pair's upper bound of p_i − p_j is the larger of the MOVER-Wilson bound (Newcombe's hybrid
 *   score) and the Agresti–Caffo bound (Wald on (x + 1)/(n + 2); Agresti & Caffo 2000). Wilson
 *   limits are short on the side facing 0 or 1, so when a pair sits near opposite ends MOVER adds
 *   two short distances: the exact one-sided error of its upper end is 9% for two 40-row groups
 *   at 0.03 and 0.97 (the 91% coverage seen before). Enumerating every outcome of two binomials
 *   over a grid (n 30–200, equal and 1:5 sizes, rates 0.005–0.995), the upper end's one-sided
 *   error averaged 3.8% (worst 12%) for MOVER-Wilson, 2.65% (worst 7.3%) with continuity-corrected
 *   Wilson limits (Newcombe's method 11), 3.0% (worst 8%) for the Miettinen–Nurminen score bound,
 *   2.7% (worst 5.1%) for Agresti–Caffo alone and 2.6% (worst 4.3%) for the larger of MOVER-Wilson
 *   and Agresti–Caffo, which is 7% wider on average than MOVER-Wilson. The ratio's lower end keeps
 *   the log-scale MOVER bound, whose errors there stayed within 2.5–5%.
 * - A two-stage rule removes the price of both ends when selection is not in doubt: when the
 *   simultaneous bounds single out one group as the largest and one as the smallest, that pair's
 *   own 95% bounds are used at both ends. With two groups the interval is Newcombe's hybrid score
 *   interval (q(0.95; 2)/√2 = 1.96), its upper end raised to Agresti–Caffo's where that is higher.
 * - Equalized odds, the larger of the TPR and FPR gaps (any aggregate that is the worst of k
 *   rates' gaps), takes the larger of the gaps' ends. The upper end needs nothing more, but the
 *   lower end errs whenever either rate's does, so each rate's simultaneous end is taken at
 *   1 − 0.05/k (a Bonferroni joint bound, q(0.975; G) for k = 2): with all of 10 groups equal in
 *   TPR and FPR the interval covered 92.2% with 95% ends and 96.2% with the joint bound.
 * Both ends contain the estimate by construction (every Wilson interval contains its own rate).
 *
 * Coverage, from the seeded simulation in the test suite (test/stats/interval-coverage.test.ts:
 * 2000 tables a scenario, so ±0.5 points standard error at 95%), as demographic parity difference
 * / ratio / impact ratios (/ equalized odds difference): 40-row groups at 0.03 and 0.97 among six
 * of 200 rows 96.5 / 96.7 / 95.7%; a 40-row group at 0.03 against 2000 at 0.5 and 0.55 99.3 /
 * 96.8 / 95.5%; two 40-row groups at 0.05 and 0.95 97.4 / 95.8 / 95.8%; unequal sizes 30 to 5000
 * 97.8 / 96.5 / 96.9%; ten equal groups of 100 rows, equalized odds 96.8%; TPR and FPR gaps tied
 * at 0.15 98.6 / 98.8 / 98.8 / 99.7%. Where the extremes are nearly tied (0.02–0.10 and
 * 0.90–0.99 in 40-row groups) or no group is singled out among many (16 × 40 rows at 0.1–0.6),
 * coverage is 99–100%, and no interval that contains its estimate can do much better there: the
 * observed range exceeds the true one in 80–99% of tables, so the upper end cannot miss, and the
 * lower end must still hold at exact equality, which such tables resemble. Screening for the
 * groups that may hold the extremes first (the simultaneous end over only the groups no other is
 * shown above or below, the other end over only their pairs) moved no figure by more than 0.2
 * points: with 40-row groups nearly every group stays in the running.
 */
import type { Interval } from '../results/index.js';
import { normalUpperTail } from './normal.js';
import { Q95_BY_GROUPS, Q95_FIRST_GROUPS } from './studentized-range-table.js';
import { wilsonInterval, Z95 } from './wilson.js';

/** A proportion x / n (x and n may be effective, non-integer counts). */
export interface Proportion {
  x: number;
  n: number;
}

const quantileCache = new Map<string, number>();

/** Standard normal density. */
function phi(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Simpson's rule on [−8, 8]: the integrand is negligible outside (φ(8) ≈ 5e−15). */
const GRID_FROM = -8;
const GRID_PANELS = 480;
const GRID_STEP = 16 / GRID_PANELS;
/**
 * φ(x) and Φ(x) at the grid points, computed on first use rather than when the module loads: most
 * runs take their quantiles from the table and never integrate, and every command (even
 * `--version`) would otherwise pay about 10 ms for them at start-up.
 */
let grid: { density: Float64Array; cdf: Float64Array } | undefined;
function gridValues(): { density: Float64Array; cdf: Float64Array } {
  grid ??= {
    density: Float64Array.from({ length: GRID_PANELS + 1 }, (_, i) => phi(GRID_FROM + i * GRID_STEP)),
    cdf: Float64Array.from({ length: GRID_PANELS + 1 }, (_, i) => 1 - normalUpperTail(GRID_FROM + i * GRID_STEP)),
  };
  return grid;
}

/**
 * P(R ≤ q) for the range R of `groups` independent standard normals:
 * G ∫ φ(x) [Φ(x) − Φ(x − q)]^(G−1) dx, by Simpson's rule on [−8, 8] (480 panels; within 1e−6 of
 * published tables).
 */
function studentizedRangeCdf(q: number, groups: number): number {
  if (groups < 2) return 1;
  if (!(q > 0)) return 0;
  const { density, cdf } = gridValues();
  let sum = 0;
  for (let i = 0; i <= GRID_PANELS; i++) {
    const inner = cdf[i] - (1 - normalUpperTail(GRID_FROM + i * GRID_STEP - q));
    const f = inner > 0 ? density[i] * Math.pow(inner, groups - 1) : 0;
    sum += (i === 0 || i === GRID_PANELS ? 1 : i % 2 === 1 ? 4 : 2) * f;
  }
  return Math.min(1, (groups * sum * GRID_STEP) / 3);
}

/**
 * The p quantile of the range of `groups` independent standard normals (the studentized range
 * with infinite degrees of freedom, Tukey's q): for p = 0.95 and up to 256 groups from the
 * precomputed table (the same numbers {@link computeStudentizedRangeQuantile} gives, without its
 * few milliseconds each), otherwise computed once and cached per (groups, p).
 *
 * @example
 * studentizedRangeQuantile(2, 0.95);  // ≈ 2.772 (= 1.96 · √2)
 * studentizedRangeQuantile(10, 0.95); // ≈ 4.474
 */
export function studentizedRangeQuantile(groups: number, p = 0.95): number {
  if (p === 0.95 && Number.isInteger(groups)) {
    const tabled = Q95_BY_GROUPS[groups - Q95_FIRST_GROUPS];
    if (tabled !== undefined) return tabled;
  }
  const key = `${groups}:${p}`;
  const cached = quantileCache.get(key);
  if (cached !== undefined) return cached;
  const q = computeStudentizedRangeQuantile(groups, p);
  quantileCache.set(key, q);
  return q;
}

/**
 * The p quantile of the range of `groups` independent standard normals, computed: regula falsi on
 * {@link studentizedRangeCdf}. Not cached; {@link studentizedRangeQuantile} is what callers use.
 */
export function computeStudentizedRangeQuantile(groups: number, p: number): number {
  // Regula falsi with the Illinois step (a few evaluations instead of bisection's twenty) on
  // a bracket that holds the quantile for any G used here (2.77 for two groups, 7.9 for 10,000).
  let low = p >= 0.9 ? 2 : 0.01;
  let high = p >= 0.9 ? 10 : 20;
  let fLow = studentizedRangeCdf(low, groups) - p;
  let fHigh = studentizedRangeCdf(high, groups) - p;
  let side = 0;
  let q = low;
  for (let i = 0; i < 40; i++) {
    q = (low * fHigh - high * fLow) / (fHigh - fLow);
    const f = studentizedRangeCdf(q, groups) - p;
    if (Math.abs(f) < 1e-9) break;
    if (f < 0) {
      low = q;
      fLow = f;
      if (side === -1) fHigh /= 2;
      side = -1;
    } else {
      high = q;
      fHigh = f;
      if (side === 1) fLow /= 2;
      side = 1;
    }
  }
  return q;
}

/**
 * The z of the simultaneous pairwise bounds over `groups` groups: q(p; G)/√2, p = 0.95 unless a
 * Bonferroni share asks for more. For two groups it is the normal quantile Φ⁻¹((1 + p)/2).
 */
function simultaneousZ(groups: number, p = 0.95): number {
  return studentizedRangeQuantile(Math.max(2, groups), p) / Math.SQRT2;
}

/**
 * The confidence of the simultaneous end when the reported aggregate is the worst of `rates`
 * rates' gaps (equalized odds: TPR and FPR): Bonferroni over them, so that the worst of several
 * gaps errs on its selection-biased end no more often than one gap does.
 */
function jointLevel(rates: number): number {
  return 1 - 0.05 / Math.max(1, rates);
}

/** The z of one pair's own bound at `level`: Z95 itself at 95%, so one pair's ends equal its MOVER interval's. */
function pairZ(level: number): number {
  return level === 0.95 ? Z95 : simultaneousZ(2, level);
}

/**
 * Agresti–Caffo upper bound of p_a − p_b: the Wald bound on rates with one success and one
 * failure added to each group, (x + 1)/(n + 2) (Agresti & Caffo 2000). Its one-sided error stays
 * near 2.5% where both rates sit near opposite ends, which is where MOVER-Wilson falls short.
 */
function agrestiCaffoUpper(a: Proportion, b: Proportion): number {
  const pa = (a.x + 1) / (a.n + 2);
  const pb = (b.x + 1) / (b.n + 2);
  return pa - pb + Z95 * Math.sqrt((pa * (1 - pa)) / (a.n + 2) + (pb * (1 - pb)) / (b.n + 2));
}

interface Limits {
  p: number;
  low: number;
  high: number;
}

function limits(g: Proportion, z: number): Limits {
  const w = wilsonInterval(g.x, g.n, z)!;
  const p = g.x / g.n;
  // Wilson limits contain p mathematically; rounding must not put p outside them.
  return { p, low: Math.min(w[0], p), high: Math.max(w[1], p) };
}

/** The defined proportions (n > 0) of `groups`. */
function defined(groups: readonly Proportion[]): Proportion[] {
  return groups.filter((g) => g.n > 0 && g.x >= 0 && g.x <= g.n);
}

/** Index of the largest and of the smallest rate. */
function extremes(groups: readonly Limits[]): [number, number] {
  let a = 0;
  let b = 0;
  for (let i = 1; i < groups.length; i++) {
    if (groups[i].p > groups[a].p) a = i;
    if (groups[i].p < groups[b].p) b = i;
  }
  return [a, b];
}

/**
 * One pair's own 95% upper bound of p_i − p_j: the larger of the MOVER-Wilson bound (Newcombe's
 * hybrid score) and the Agresti–Caffo bound.
 */
function pairUpper(g: readonly Proportion[], at95: readonly Limits[], i: number, j: number): number {
  const mover = at95[i].p - at95[j].p + Math.hypot(at95[i].high - at95[i].p, at95[j].p - at95[j].low);
  return Math.max(mover, agrestiCaffoUpper(g[i], g[j]));
}

/**
 * The largest of {@link pairUpper} over every ordered pair, with each group's terms worked out
 * once (a table of a few hundred groups has tens of thousands of pairs, for every rate).
 */
function widestPairUpper(g: readonly Proportion[], at95: readonly Limits[]): number {
  const k = g.length;
  const up = new Float64Array(k);
  const down = new Float64Array(k);
  const adjusted = new Float64Array(k);
  const variance = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    up[i] = (at95[i].high - at95[i].p) ** 2;
    down[i] = (at95[i].p - at95[i].low) ** 2;
    adjusted[i] = (g[i].x + 1) / (g[i].n + 2);
    variance[i] = (adjusted[i] * (1 - adjusted[i])) / (g[i].n + 2);
  }
  let widest = -Infinity;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (i === j) continue;
      const mover = at95[i].p - at95[j].p + Math.sqrt(up[i] + down[j]);
      const caffo = adjusted[i] - adjusted[j] + Z95 * Math.sqrt(variance[i] + variance[j]);
      widest = Math.max(widest, mover, caffo);
    }
  }
  return widest;
}

/** Simultaneous MOVER lower bound of p_i − p_j from limits at the simultaneous z. */
function pairLower(i: Limits, j: Limits): number {
  return i.p - j.p - Math.hypot(i.p - i.low, j.high - j.p);
}

/**
 * Whether the simultaneous pairwise bounds single out group `a` as the largest and `b` as the
 * smallest: p_a − p_i and p_i − p_b bounded away from 0 for every other i. Then which pair
 * attains the extreme is not in doubt, selection no longer biases its end, and that pair's own
 * 95% bound applies at both ends (a two-stage rule: ties and near ties never pass the first stage).
 */
function identified(wide: readonly Limits[], a: number, b: number): boolean {
  for (let i = 0; i < wide.length; i++) {
    if (i !== a && !(pairLower(wide[a], wide[i]) > 0)) return false;
    if (i !== b && !(pairLower(wide[i], wide[b]) > 0)) return false;
  }
  return true;
}

/**
 * 95% interval of max_g p_g − min_g p_g over `groups` (at least two with n > 0, else null): lower
 * end the largest simultaneous MOVER lower bound of p_i − p_j over all pairs (floored at 0), upper
 * end the largest pair's own upper bound (MOVER-Wilson or Agresti–Caffo, the larger), or only the
 * extreme pair's bounds when the extremes are singled out (see the note at the top). `rates` > 1
 * when the caller takes the largest gap over that many rates (equalized odds: 2): the lower end is
 * then simultaneous at 1 − 0.05/rates.
 *
 * @example
 * rangeDifferenceInterval([{ x: 30, n: 100 }, { x: 50, n: 100 }]); // contains 0.2
 */
export function rangeDifferenceInterval(groups: readonly Proportion[], rates = 1): Interval | null {
  const g = defined(groups);
  if (g.length < 2) return null;
  const at95 = g.map((x) => limits(x, Z95));
  const level = jointLevel(rates);
  const z = simultaneousZ(g.length, level);
  const wide = g.map((x) => limits(x, z));
  const [a, b] = extremes(at95);
  const estimate = at95[a].p - at95[b].p;
  const single = identified(wide, a, b);
  let high = pairUpper(g, at95, a, b);
  // Which groups hold the true extremes is in doubt: the truth is p_i − p_j for some pair, so
  // the largest of every pair's own 95% upper bound is an upper bound at least as often.
  if (!single) high = Math.max(high, widestPairUpper(g, at95));
  let low = 0;
  for (let i = 0; i < wide.length; i++) {
    for (let j = 0; j < wide.length; j++) {
      if (wide[i].p <= wide[j].p) continue;
      const bound = pairLower(wide[i], wide[j]);
      if (bound > low) low = bound;
    }
  }
  if (single) {
    const z2 = pairZ(level);
    low = Math.max(low, pairLower(limits(g[a], z2), limits(g[b], z2)));
  }
  return [Math.min(low, estimate), Math.min(1, Math.max(high, estimate))];
}

/**
 * Upper bound of p_j / p_i from limits at a common z: the log-scale MOVER bound when both rates
 * are positive, else the box bound high_j / low_i (Infinity when low_i is 0).
 */
function ratioUpper(j: Limits, i: Limits): number {
  if (j.p > 0 && i.p > 0 && i.low > 0) {
    return Math.exp(Math.log(j.p / i.p) + Math.hypot(Math.log(j.high / j.p), Math.log(i.p / i.low)));
  }
  return i.low > 0 ? j.high / i.low : Infinity;
}

/**
 * Lower bound of p_j / p_i from limits at a common z (log-scale MOVER; 0 when p_j or low_j is 0;
 * the box bound low_j / high_i when p_i is 0).
 */
function ratioLower(j: Limits, i: Limits): number {
  if (!(j.p > 0) || !(j.low > 0)) return 0;
  if (!(i.p > 0)) return j.low / i.high;
  return Math.exp(Math.log(j.p / i.p) - Math.hypot(Math.log(j.p / j.low), Math.log(i.high / i.p)));
}

/**
 * The smallest of {@link ratioLower} over every ordered pair, in logs worked out once per group:
 * 0 at once when some group's rate or lower limit is 0.
 */
function smallestPairRatioLower(at95: readonly Limits[]): number {
  const k = at95.length;
  if (at95.some((l) => !(l.p > 0) || !(l.low > 0))) return 0;
  const logP = new Float64Array(k);
  const below = new Float64Array(k);
  const above = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    logP[i] = Math.log(at95[i].p);
    below[i] = Math.log(at95[i].p / at95[i].low) ** 2;
    above[i] = Math.log(at95[i].high / at95[i].p) ** 2;
  }
  let smallest = Infinity;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) if (i !== j) smallest = Math.min(smallest, logP[j] - logP[i] - Math.sqrt(below[j] + above[i]));
  }
  return Math.exp(smallest);
}

/**
 * 95% interval of min_g p_g ÷ max_g p_g over `groups` (null with fewer than two defined groups or
 * when the largest rate is 0): lower end the smallest log-scale MOVER lower bound of p_j ÷ p_i
 * over all pairs (of the attaining pair alone when the extremes are singled out), upper end the
 * smallest simultaneous upper bound of p_j ÷ p_i over all pairs, capped at 1. `rates` as for
 * {@link rangeDifferenceInterval}, for the upper end.
 *
 * @example
 * rangeRatioInterval([{ x: 30, n: 100 }, { x: 50, n: 100 }]); // contains 0.6
 */
export function rangeRatioInterval(groups: readonly Proportion[], rates = 1): Interval | null {
  const g = defined(groups);
  if (g.length < 2) return null;
  const at95 = g.map((x) => limits(x, Z95));
  const [a, b] = extremes(at95);
  if (!(at95[a].p > 0)) return null;
  const estimate = at95[b].p / at95[a].p;
  const level = jointLevel(rates);
  const z = simultaneousZ(g.length, level);
  const wide = g.map((x) => limits(x, z));
  let high = 1;
  for (let i = 0; i < wide.length; i++) {
    for (let j = 0; j < wide.length; j++) {
      if (i === j || wide[j].p > wide[i].p) continue;
      const bound = ratioUpper(wide[j], wide[i]);
      if (bound < high) high = bound;
    }
  }
  let low = ratioLower(at95[b], at95[a]);
  if (identified(wide, a, b)) {
    const z2 = pairZ(level);
    high = Math.min(high, ratioUpper(limits(g[b], z2), limits(g[a], z2)));
  } else {
    // As for the gap: the truth is p_j ÷ p_i for some pair, so the smallest of every pair's own
    // 95% lower bound is a lower bound at least as often.
    low = Math.min(low, smallestPairRatioLower(at95));
  }
  return [Math.min(low, estimate), Math.max(high, estimate)];
}

/**
 * 95% interval of p_g ÷ p_reference for a reference fixed in advance (the log-scale MOVER
 * interval from the two 95% Wilson intervals; Zou & Donner 2008); null when p_reference is 0.
 *
 * @example
 * ratioInterval({ x: 30, n: 100 }, { x: 50, n: 100 }); // contains 0.6
 */
export function ratioInterval(group: Proportion, reference: Proportion): Interval | null {
  if (!(group.n > 0) || !(reference.n > 0) || !(reference.x > 0)) return null;
  const g = limits(group, Z95);
  const r = limits(reference, Z95);
  const estimate = g.p / r.p;
  return [Math.min(ratioLower(g, r), estimate), Math.max(ratioUpper(g, r), estimate)];
}

/**
 * 95% interval of p_g ÷ max_i p_i when the reference is the group with the highest observed rate:
 * `others` are every other compared group, `highest` the index of the highest among them. Lower
 * end the smallest MOVER bound of p_g ÷ p_i over the other groups (the truth divides by whichever
 * is truly highest), upper end the smallest simultaneous bound of p_g ÷ p_i, capped at 1; both
 * the pair's own 95% bounds against the highest observed group when that group is singled out
 * (the same ends as {@link rangeRatioInterval}).
 */
export function ratioToHighestInterval(group: Proportion, others: readonly Proportion[], highest: number): Interval | null {
  const point = ratioInterval(group, others[highest]);
  if (point === null) return null;
  const estimate = group.x / group.n / (others[highest].x / others[highest].n);
  const z = simultaneousZ(others.length + 1);
  const wide = limits(group, z);
  const rest = others.map((o) => (o.n > 0 ? limits(o, z) : null));
  let high = 1;
  for (const other of rest) {
    if (!other) continue;
    const bound = ratioUpper(wide, other);
    if (bound < high) high = bound;
  }
  const top = rest[highest]!;
  const singled = pairLower(top, wide) > 0 && rest.every((o, i) => i === highest || !o || pairLower(top, o) > 0);
  let low = point[0];
  if (singled) {
    high = Math.min(high, point[1]);
  } else {
    // Which group truly has the highest rate is in doubt, and p_g ÷ p_i ≥ p_g ÷ max p for every
    // i: the smallest of the 95% lower bounds against each other group bounds the truth.
    const own = limits(group, Z95);
    for (const o of others) if (o.n > 0) low = Math.min(low, ratioLower(own, limits(o, Z95)));
  }
  return [Math.min(low, estimate), Math.max(high, estimate)];
}

/**
 * 95% interval of Σ_k sign_k · p_k · scale for independent proportions (MOVER: the estimate
 * minus and plus the root sum of squares of each term's distance to its Wilson limit on the side
 * that moves the sum that way); null when any n is 0.
 *
 * @example
 * // ½[(FPR_g − FPR_ref) + (TPR_g − TPR_ref)]
 * signedSumInterval([{ p: fprG, sign: 1 }, { p: tprG, sign: 1 }, { p: fprR, sign: -1 }, { p: tprR, sign: -1 }], 0.5);
 */
export function signedSumInterval(terms: readonly { p: Proportion; sign: 1 | -1 }[], scale = 1): Interval | null {
  if (terms.some((t) => !(t.p.n > 0))) return null;
  let estimate = 0;
  let down = 0;
  let up = 0;
  for (const t of terms) {
    const l = limits(t.p, Z95);
    estimate += t.sign * l.p;
    const below = l.p - l.low;
    const above = l.high - l.p;
    down += (t.sign > 0 ? below : above) ** 2;
    up += (t.sign > 0 ? above : below) ** 2;
  }
  return [scale * (estimate - Math.sqrt(down)), scale * (estimate + Math.sqrt(up))];
}
