/**
 * Bounded-precision histograms: past a bound of distinct values, a column's exact histograms
 * (src/stats/histogram.ts) hold each value rounded to S significant bits instead (round to
 * nearest on the float64 bits, ties away from zero). A continuous outcome has about as many
 * distinct values as rows, and every histogram merge, quantile and CDF walk costs as much; rounded
 * to 13 bits it has at most 4,096 per power of two.
 *
 * The rounding is monotone and idempotent, so rounding commutes with merging:
 * round(merge(a, b)) = merge(round(a), round(b)). A partial histogram (a thread, a file) may
 * therefore be rounded as soon as it alone passes the bound, and the result is the same histogram
 * as rounding the whole one at the end: the same values, and the same weights wherever their sums
 * are exact (row counts, weights in powers of two; other weights add in another order and may
 * differ in the last bit, as a different split of the rows already makes them differ).
 *
 * What rounding costs (S significant bits, relative error at most 2^-S per value):
 * - quantiles (type 1) are the exact ones, rounded: round is monotone, so the p-quantile of the
 *   rounded values is the rounded p-quantile;
 * - Wasserstein-1 moves by at most 2^-S·(mean|x| of one group + of the other);
 * - KS is exact where no value of either group rounds across the point, and off by at most the
 *   largest share of one group's weight in one bucket (both groups round the same way at a point,
 *   so their CDFs err in the same direction).
 * Pure.
 */
import { emptyHistogram, type Histogram } from './histogram.js';
import { roundedKey, roundedKeyOfWord, roundSignificant } from './rounded-key.js';

export { roundedKey, roundedKeyOfWord, roundSignificant } from './rounded-key.js';

/** Significant bits kept past the bound: relative error at most 2^-13 per value. */
export const ROUNDED_BITS = 13;

/** Distinct values (over every joint group's histograms of a column) kept exactly. */
export const EXACT_DISTINCT_MAX = 1 << 18;

/** How far histograms stay exact, and how they are rounded past that. */
export interface HistogramPrecision {
  /** Most distinct values kept exact, summed over the histograms of a column's joint groups. */
  bound: number;
  /** Significant bits kept past the bound (1 to 20). */
  significant_bits: number;
}

/** The default precision: {@link EXACT_DISTINCT_MAX} values exact, then {@link ROUNDED_BITS} bits. */
export const DEFAULT_PRECISION: HistogramPrecision = { bound: EXACT_DISTINCT_MAX, significant_bits: ROUNDED_BITS };

/**
 * The histogram of `h`'s rows with each value rounded by {@link roundSignificant}: values that
 * round alike become one, their weights added in ascending order of value. A rounded histogram
 * comes back equal.
 */
export function roundHistogram(h: Histogram, significant: number): Histogram {
  const n = h.values.length;
  const values = new Float64Array(n);
  const weights = new Float64Array(n);
  let k = -1;
  for (let i = 0; i < n; i++) {
    const x = roundSignificant(h.values[i], significant);
    if (k >= 0 && values[k] === x) weights[k] += h.weights[i];
    else {
      values[++k] = x;
      weights[k] = h.weights[i];
    }
  }
  return k + 1 === n ? { values, weights } : { values: values.slice(0, k + 1), weights: weights.slice(0, k + 1) };
}

/** Bits of a page's index into its sums. */
const PAGE_BITS = 9;

/** Rows a builder holds back before adding them to its pages. */
const PENDING = 32768;

/**
 * A rounded histogram under construction. A value rounded to S significant bits is named by the
 * top 12 + (S − 1) bits of its float64 ({@link roundedKey}), an index into pages of 512 sums
 * allocated when first used, side by side in one array behind a directory of pages. Each row is
 * a rounding and two array reads, with no hashing or probing, and rows of similar size share
 * pages (a continuous column's rows scatter over millions of values; a hash table of them missed
 * the cache on nearly every row). An unweighted builder keeps 16-bit counts (0: no row; what a
 * count holds past them is kept aside), a quarter of the memory of float sums and of the cache
 * lines its rows miss, and no filling of new pages. Rows are held back as their keys (and
 * weights, when weighted) and added in row order, up to {@link PENDING} rows at a time. Starts
 * from the rounded histogram of the rows before it, so a builder that passes the bound mid-way
 * goes on from there.
 *
 * @example
 * const b = new RoundedHistogramBuilder(13, emptyHistogram());
 * b.add(1 + 2 ** -20, 1);
 * b.finish(); // values [1], weights [1]
 */
export class RoundedHistogramBuilder {
  /** Per page (sign, exponent and top fraction bits): 1 + its index among the pages, 0 if unused. */
  private directory = new Uint32Array(0);
  /** The histogram last finished, its pages let go (reopened from it if rows come after). */
  private released: Histogram | null = null;
  /** Weighted: the pages' summed weights, NaN where no row has the value (one cache line a row). */
  private sums: Float64Array | null = null;
  /**
   * Unweighted: the pages' row counts, 16 bits each (half the cache lines of 32-bit counts: a
   * continuous column's rows land all over them), with the part of a count past them in `over`.
   */
  private counts: Uint16Array | null = null;
  /** Per count that reached 2^16 − 1: what it holds beyond its 16 bits (a multiple of 2^15). */
  private over = new Map<number, number>();
  private usedPages = 0;
  private readonly drop: number;
  private readonly half: number;
  private readonly offsetBits: number;
  private distinct = 0;
  /** Rows counted so far (unweighted: the total of the counts). */
  private rows = 0;
  /** Keys and weights of rows added but not yet in the pages (weights only when weighted). */
  private pendingKeys = new Uint32Array(1024);
  private pendingWeights: Float64Array | null = null;
  private pending = 0;

  /**
   * `before`: the histogram of the rows before (rounded here). `weighted`: whether weights other
   * than 1 will be added (default true); an unweighted builder takes rows of weight 1 only, and
   * `before` must hold whole-number weights, its values in any order ({@link HistogramBuilder.counts}).
   * `maxCount`: rows an unweighted builder counts in 32-bit integers before it moves to float sums
   * (default 2^32 − 1; lower in tests).
   */
  constructor(
    private readonly significant: number,
    before: Histogram,
    private weighted = true,
    private readonly maxCount = MAX_COUNT,
  ) {
    this.drop = 21 - significant;
    this.half = 1 << (this.drop - 1);
    // Pages of at most 512 sums: a sparse tail (tiny errors, rare sizes) wastes little.
    this.offsetBits = Math.min(significant - 1, PAGE_BITS);
    if (weighted) this.pendingWeights = new Float64Array(1024);
    this.open(before);
  }

  /** Fresh pages holding the histogram `before` (whole counts in any order when unweighted). */
  private open(before: Histogram): void {
    const { significant } = this;
    this.directory = new Uint32Array(2 ** (12 + significant - 1 - this.offsetBits));
    this.usedPages = 0;
    this.distinct = 0;
    this.rows = 0;
    this.released = null;
    this.over = new Map();
    // The pages of `before` at once, with room for as many again: the rows after land on more,
    // and growing a page at a time from a few doubled the sums or counts over and over.
    const pages = this.pagesOf(before.values);
    const room = Math.max(FIRST_PAGES, 2 * pages) << this.offsetBits;
    if (this.weighted) this.sums = new Float64Array(room).fill(NaN, 0, pages << this.offsetBits);
    else this.counts = new Uint16Array(room);
    this.usedPages = pages;
    if (!this.weighted) {
      // Whole-number counts add exactly in any order: `before` need not even be sorted.
      this.addCounts(before);
      return;
    }
    // Each rounded value once, into empty pages: its sum is its weight, in any order.
    const h = roundHistogram(before, significant);
    for (let i = 0; i < h.values.length; i++) {
      // The slot first: a new page may move the sums.
      const at = this.slotOf(roundedKey(h.values[i], significant, this.drop, this.half));
      this.sums![at] = h.weights[i];
    }
    this.distinct = h.values.length;
  }

  /**
   * Adds the rows of `h`, whose weights are whole-number counts from 1, in any order (unweighted
   * builders only): what merging rounded histograms of counts takes.
   */
  addCounts(h: Histogram): void {
    if (this.released) this.open(this.released);
    let total = 0;
    for (let i = 0; i < h.weights.length; i++) total += h.weights[i];
    if (this.counts !== null && this.rows + total > this.maxCount) this.toSums();
    this.rows += total;
    const { values, weights } = h;
    const high = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
    const { significant, drop, half } = this;
    for (let i = 0; i < values.length; i++) {
      // The slot first: a new page may move the counts or sums.
      const at = this.slotOf(roundedKeyOfWord(values[i], high[2 * i + 1], significant, drop, half));
      if (this.counts !== null) {
        const c = this.counts[at];
        if (c === 0) this.distinct++;
        const count = c + weights[i];
        if (count <= COUNT_MAX) this.counts[at] = count;
        else this.setCount(at, count);
      } else {
        const sum = this.sums![at];
        if (sum === sum) this.sums![at] = sum + h.weights[i];
        else {
          this.sums![at] = h.weights[i];
          this.distinct++;
        }
      }
    }
  }

  /** Distinct rounded values so far. */
  get distinctCount(): number {
    this.flush();
    return this.distinct;
  }

  /** Adds one row with value `x` and weight `w` (NaN left out). */
  add(x: number, w: number): void {
    if (x !== x) return;
    if (!this.weighted) {
      if (w !== 1) throw new Error(`an unweighted rounded histogram was given weight ${w}`);
      this.addKey(roundedKey(x, this.significant, this.drop, this.half));
      return;
    }
    if (this.pending === this.pendingKeys.length) this.makeRoom();
    this.pendingWeights![this.pending] = w;
    this.pendingKeys[this.pending++] = roundedKey(x, this.significant, this.drop, this.half);
  }

  /** Adds one row of weight 1 by its {@link roundedKey} (unweighted builders only). */
  addKey(key: number): void {
    if (this.pending === this.pendingKeys.length) this.makeRoom();
    // Moved to float sums (past maxCount rows): the row's weight 1 is held back too.
    if (this.pendingWeights !== null) this.pendingWeights[this.pending] = 1;
    this.pendingKeys[this.pending++] = key;
  }

  /**
   * Past `maxCount` rows a 32-bit count could wrap: the counts become float sums (whole numbers,
   * exact to 2^53), and the builder goes on as a weighted one of weight-1 rows.
   */
  private toSums(): void {
    const counts = this.counts!;
    this.sums = Float64Array.from(counts, (c) => (c === 0 ? NaN : c));
    for (const [at, more] of this.over) this.sums[at] += more;
    this.counts = null;
    this.over = new Map();
    this.weighted = true;
    this.pendingWeights = new Float64Array(this.pendingKeys.length).fill(1);
  }

  /** A full hold-back buffer: a small group's grows with its rows, a large one's is added. */
  private makeRoom(): void {
    if (this.pending < PENDING) {
      const keys = new Uint32Array(this.pending * 2);
      keys.set(this.pendingKeys);
      this.pendingKeys = keys;
      if (this.pendingWeights) {
        const weights = new Float64Array(this.pending * 2);
        weights.set(this.pendingWeights);
        this.pendingWeights = weights;
      }
    } else this.flush();
  }

  /** The index of `key`'s sum or count, its page allocated if new. */
  private slotOf(key: number): number {
    const page = key >>> this.offsetBits;
    let index = this.directory[page];
    if (index === 0) index = this.directory[page] = this.newPage();
    return ((index - 1) << this.offsetBits) | (key & ((1 << this.offsetBits) - 1));
  }

  /**
   * Adds rows [from, to) of `keys` ({@link roundedKey}s) with weights `weights` (each 1 when null;
   * unweighted builders take null only), in order, after the rows held back: a collector that
   * orders its rows by group gives each builder its run at once. Short runs are held back too,
   * so that the pages are visited by long runs.
   */
  addKeys(keys: Uint32Array, weights: Float64Array | null, from: number, to: number): void {
    if (to - from >= PENDING) {
      this.flush();
      this.addRun(keys, weights, from, to);
      return;
    }
    for (let i = from; i < to; ) {
      if (this.pending === this.pendingKeys.length) this.makeRoom();
      const take = Math.min(to - i, this.pendingKeys.length - this.pending);
      this.pendingKeys.set(keys.subarray(i, i + take), this.pending);
      if (this.pendingWeights !== null) {
        if (weights !== null) this.pendingWeights.set(weights.subarray(i, i + take), this.pending);
        else this.pendingWeights.fill(1, this.pending, this.pending + take);
      }
      this.pending += take;
      i += take;
    }
  }

  /** Adds the rows held back, in row order. */
  private flush(): void {
    if (this.pending === 0) return;
    const pending = this.pending;
    this.pending = 0;
    this.addRun(this.pendingKeys, this.pendingWeights, 0, pending);
  }

  /**
   * Adds rows [from, to) of `keys` and `weights` (each 1 when null) into the pages, in order. A
   * collector's rows go to dozens of builders in turn, each with pages far apart in memory; adding
   * each builder's rows a run at a time keeps its pages in cache, where adding them as they came
   * missed it on nearly every row.
   */
  private addRun(keys: Uint32Array, weights: Float64Array | null, from: number, to: number): void {
    if (to <= from) return;
    if (this.released) this.open(this.released);
    if (this.counts !== null && this.rows + (to - from) > this.maxCount) this.toSums();
    this.rows += to - from;
    const { offsetBits, directory } = this;
    const mask = (1 << offsetBits) - 1;
    let distinct = this.distinct;
    if (this.counts !== null) {
      let counts = this.counts;
      for (let i = from; i < to; i++) {
        const key = keys[i];
        let index = directory[key >>> offsetBits];
        if (index === 0) {
          index = directory[key >>> offsetBits] = this.newPage();
          counts = this.counts;
        }
        const at = ((index - 1) << offsetBits) | (key & mask);
        const c = counts[at];
        if (c === 0) distinct++;
        if (c === COUNT_MAX) this.setCount(at, c + 1);
        else counts[at] = c + 1;
      }
    } else {
      let sums = this.sums!;
      for (let i = from; i < to; i++) {
        const key = keys[i];
        let index = directory[key >>> offsetBits];
        if (index === 0) {
          index = directory[key >>> offsetBits] = this.newPage();
          sums = this.sums!;
        }
        const at = ((index - 1) << offsetBits) | (key & mask);
        const w = weights === null ? 1 : weights[i];
        const sum = sums[at];
        if (sum === sum) sums[at] = sum + w;
        else {
          sums[at] = w;
          distinct++;
        }
      }
    }
    this.distinct = distinct;
  }

  /** The count at `at` (unweighted). */
  private countAt(at: number): number {
    return this.counts![at] + (this.over.get(at) ?? 0);
  }

  /**
   * Sets the count at `at` (unweighted) to `count`, the part past 16 bits moved to `over` in
   * steps of 2^15, so a count stays nonzero and later rows go on in 16 bits for a while.
   */
  private setCount(at: number, count: number): void {
    if (count <= COUNT_MAX) {
      this.counts![at] = count;
      return;
    }
    // What stays is HALF to COUNT_MAX.
    const moved = (Math.floor(count / HALF) - 1) * HALF;
    this.over.set(at, (this.over.get(at) ?? 0) + moved);
    this.counts![at] = count - moved;
  }

  /** Numbers the pages of `values` (rounded or not) in the directory; how many there are. */
  private pagesOf(values: Float64Array): number {
    const { directory, offsetBits, significant, drop, half } = this;
    let pages = 0;
    for (let i = 0; i < values.length; i++) {
      const page = roundedKey(values[i], significant, drop, half) >>> offsetBits;
      if (directory[page] === 0) directory[page] = ++pages;
    }
    return pages;
  }

  /** 1 + the index of a fresh page (NaN sums, or zero counts). */
  private newPage(): number {
    const size = 1 << this.offsetBits;
    const end = (this.usedPages + 1) * size;
    if (this.sums) {
      if (end > this.sums.length) this.sums = grown(this.sums, new Float64Array(this.sums.length * 2));
      this.sums.fill(NaN, end - size, end);
    } else if (end > this.counts!.length) this.counts = grown(this.counts!, new Uint16Array(this.counts!.length * 2));
    return ++this.usedPages;
  }

  /**
   * The rounded histogram of every row added. Lets go of the pages: a collector outlives its
   * results for a while, and they held as much memory again as the histograms.
   */
  finish(): Histogram {
    this.flush();
    if (this.released) return this.released;
    const values = new Float64Array(this.distinct);
    const weights = new Float64Array(this.distinct);
    // Each value is written as its high word (the low word of a rounded value is 0).
    const high = new Uint32Array(values.buffer);
    const { directory, sums, counts, offsetBits, drop } = this;
    const over = this.over.size > 0;
    const size = 1 << offsetBits;
    // Ascending values without a sort: the negative pages (sign bit set: the upper half) by
    // falling magnitude, then the others by rising magnitude.
    const half = directory.length >> 1;
    let k = 0;
    for (let page = directory.length - 1; page >= half; page--) {
      const index = directory[page];
      if (index === 0) continue;
      const base = (index - 1) << offsetBits;
      const first = page << offsetBits;
      for (let at = size - 1; at >= 0; at--) {
        const w = counts === null ? sums![base + at] : over ? this.countAt(base + at) : counts[base + at];
        if (counts !== null ? w === 0 : w !== w) continue;
        high[2 * k + 1] = ((first | at) << drop) >>> 0;
        weights[k++] = w;
      }
    }
    for (let page = 0; page < half; page++) {
      const index = directory[page];
      if (index === 0) continue;
      const base = (index - 1) << offsetBits;
      const first = page << offsetBits;
      if (counts !== null) {
        for (let at = 0; at < size; at++) {
          const c = counts[base + at];
          if (c === 0) continue;
          high[2 * k + 1] = ((first | at) << drop) >>> 0;
          weights[k++] = over ? this.countAt(base + at) : c;
        }
      } else {
        for (let at = 0; at < size; at++) {
          const w = sums![base + at];
          if (w !== w) continue;
          high[2 * k + 1] = ((first | at) << drop) >>> 0;
          weights[k++] = w;
        }
      }
    }
    this.released = { values, weights };
    this.directory = new Uint32Array(0);
    this.sums = this.counts = null;
    this.over = new Map();
    return this.released;
  }
}

/**
 * The merge of rounded histograms (each value already rounded to `significant` bits) whose
 * weights are whole-number counts, as mergeAllHistograms (./histogram.ts) gives it: counts add exactly in
 * any order, so each part's go into one builder's pages, with no heap over the parts and no
 * comparisons. Null when a weight is not a whole number from 1 or the counts could pass 2^32 − 1 (merge
 * them the general way then).
 */
export function mergeRoundedCounts(parts: readonly Histogram[], significant: number): Histogram | null {
  let total = 0;
  for (const h of parts) {
    for (let i = 0; i < h.weights.length; i++) {
      const w = h.weights[i];
      // A value of weight 0 would have no count to show it.
      if (!(Number.isInteger(w) && w >= 1)) return null;
      total += w;
    }
  }
  if (total > 0xffffffff) return null;
  const builder = new RoundedHistogramBuilder(significant, emptyHistogram(), false);
  for (const h of parts) builder.addCounts(h);
  return builder.finish();
}

/** The largest 16-bit count, and what moves past 16 bits at a time. */
const COUNT_MAX = 0xffff;
const HALF = 0x8000;

/** Most rows an unweighted builder counts in 32-bit integers. */
const MAX_COUNT = 0xffffffff;

/** Pages a builder starts with room for. */
const FIRST_PAGES = 8;

/** `to` holding `from` at its start. */
function grown<T extends Float64Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * What rounding a group's histogram can change, for the results: the largest share of one
 * bucket's weight in the group (the most its KS distance to another group can move, taken with
 * the other group's), and its mean |x| (2^-S times the sum of two groups' is the most their
 * Wasserstein-1 distance can move). The mean is of the rounded values, scaled up by their
 * largest relative error so it bounds the exact one. Null for an empty group.
 */
export function roundingErrorOf(h: Histogram, significant: number): { bucketShare: number; meanAbs: number } | null {
  let total = 0;
  let largest = 0;
  let abs = 0;
  for (let i = 0; i < h.values.length; i++) {
    const w = h.weights[i];
    total += w;
    if (w > largest) largest = w;
    abs += w * Math.abs(h.values[i]);
  }
  if (!(total > 0)) return null;
  return { bucketShare: largest / total, meanAbs: abs / total / (1 - 2 ** -significant) };
}
