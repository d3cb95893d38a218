/**
 * Builds an exact histogram (src/stats/histogram.ts) one value at a time, for the regression
 * collector's joint groups. Most outcome columns hold few distinct values (days, counts, money in
 * whole units, rounded scores): their rows are summed into an open-addressing hash table keyed by
 * the value's bits, a few nanoseconds a row and memory by distinct values, with no sort of every
 * row. A column whose distinct values keep growing (continuous predictions) moves, once the table
 * holds {@link HASHED_MAX} of them, to buffers that are radix-sorted into a histogram and merged
 * as they fill (each value merged O(log n) times).
 *
 * The weights of a value are added in the order a buffer-and-sort builder adds them: row order
 * within chunks of rows, then chunk by chunk (the chunks end where a buffer that starts at 1,024
 * rows, doubles until it holds {@link FOLD_AT} or the histogram's size, and is then sorted, would
 * end). So weighted histograms are the same to the bit as those of that simpler builder, which
 * fairaudit used before, and the bootstrap drawn from them too. Pure.
 */
import { emptyHistogram, histogramOf, mergeHistograms, type Histogram } from './histogram.js';
import { radixSortFloat64 } from './radix-sort.js';

/** Most distinct values kept in the hash table before values are buffered and sorted instead. */
export const HASHED_MAX = 1 << 14;

/**
 * Slots of a new hash table: a continuous column's 80-odd tables each reach thousands of values
 * before the bound of distinct values is passed, and every doubling on the way was four fresh
 * arrays (allocations and page faults cost more than the rehashing).
 */
const FIRST_TABLE = 1024;

/** Rows buffered before the first sort (later, at least as many as the histogram holds). */
const FOLD_AT = 1 << 16;

/** First buffer size. */
const FIRST_BUFFER = 1024;

/**
 * An unweighted builder counts the whole values from -SMALL to SMALL − 1 (days, counts, scores:
 * the usual integer-valued outcome) in a direct table, without hashing.
 */
const SMALL = 2048;

/** Scratch for a value's bits (little-endian words: [low, high]). */
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** The slot of `x` in a table of `mask + 1` slots: murmur3's finalizer over both words. */
function slotOf(x: number, mask: number): number {
  bits[0] = x;
  let h = (words[1] + Math.imul(words[0], 0x9e3779b1)) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & mask;
}

/** Slot flags: the value is in the folded histogram, in the current chunk. */
const FOLDED = 1;
const CHUNK = 2;

/**
 * An exact weighted histogram under construction. NaN values are left out and -0 counts as 0,
 * as in {@link histogramOf}.
 *
 * @example
 * const b = new HistogramBuilder(false);
 * for (const x of [2, 1, 2]) b.add(x, 1);
 * b.finish(); // values [1, 2], weights [1, 2]
 */
export class HistogramBuilder {
  /** Hash table: NaN marks an empty slot. Null once values are buffered instead. */
  private keys: Float64Array | null = new Float64Array(FIRST_TABLE).fill(NaN);
  /** Per slot: the folded sum, the current chunk's sum, and which of the two hold the value. */
  private sums = new Float64Array(FIRST_TABLE);
  /** Weighted builders only (empty otherwise). */
  private chunkSums = new Float64Array(0);
  private flags = new Uint8Array(FIRST_TABLE);
  private distinct = 0;
  private foldedDistinct = 0;
  /**
   * The rows of the current chunk (weighted builders keep them even while hashing, so a move to
   * buffers continues the same chunk), and the histogram of the chunks before it (buffer mode).
   */
  private buffer = new Float64Array(0);
  private bufferWeights: Float64Array | null = null;
  private capacity = FIRST_BUFFER;
  private length = 0;
  private folded: Histogram = emptyHistogram();
  /** Unweighted, while hashing: the sums of the whole values -SMALL … SMALL − 1 (NaN: none). */
  private small: Float64Array | null = null;

  /**
   * `weighted`: whether weights other than 1 will be added. Whole-number weights add exactly in
   * any order, so an unweighted builder keeps one sum per value and no rows.
   */
  constructor(private readonly weighted: boolean) {
    if (weighted) {
      this.chunkSums = new Float64Array(FIRST_TABLE);
      this.buffer = new Float64Array(FIRST_BUFFER);
      this.bufferWeights = new Float64Array(FIRST_BUFFER);
    } else this.small = new Float64Array(2 * SMALL).fill(NaN);
  }

  /**
   * At most the number of distinct values added so far, cheap to read: all of them while hashing,
   * those already sorted into the histogram once buffering.
   */
  get distinctAtLeast(): number {
    return this.keys !== null ? this.distinct : this.folded.values.length;
  }

  /** Adds one row with value `x` and weight `w`. */
  add(x: number, w: number): void {
    if (x !== x) return;
    const keys = this.keys;
    if (keys === null) {
      this.buffered(x, w);
      return;
    }
    const small = this.small;
    const at = x + SMALL;
    // A whole value in range (-0 lands with 0): its own slot. Sums of whole weights add alike in
    // any order, so where a value is counted does not change the histogram. Whether x is whole is
    // asked of x itself: x + SMALL rounds a value within 2^-42 of a whole one to it.
    if (small !== null && (x | 0) === x && at >= 0 && at < 2 * SMALL) {
      this.length++;
      const sum = small[at];
      if (sum === sum) small[at] = sum + w;
      else {
        small[at] = w;
        this.distinct++;
        if (this.distinct * 4 > keys.length * 3 || this.distinct > HASHED_MAX) this.grow();
      }
      return;
    }
    if (this.weighted) {
      if (this.length === this.capacity) this.endOfBuffer();
      this.buffer[this.length] = x;
      this.bufferWeights![this.length] = w;
    }
    this.length++;
    // -0 and 0 are one value with two bit patterns: one key.
    const v = x === 0 ? 0 : x;
    const mask = keys.length - 1;
    let slot = slotOf(v, mask);
    for (;;) {
      const k = keys[slot];
      if (k === v) break;
      if (k !== k) {
        keys[slot] = v;
        this.flags[slot] = 0;
        this.distinct++;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (this.weighted) {
      if (this.flags[slot] & CHUNK) this.chunkSums[slot] += w;
      else {
        this.chunkSums[slot] = w;
        this.flags[slot] |= CHUNK;
      }
    } else if (this.flags[slot] & FOLDED) this.sums[slot] += w;
    else {
      this.sums[slot] = w;
      this.flags[slot] = FOLDED;
    }
    if (this.distinct * 4 > keys.length * 3 || this.distinct > HASHED_MAX) this.grow();
  }

  /** The histogram of every value added. */
  finish(): Histogram {
    if (this.keys !== null) return this.hashed(FOLDED | CHUNK);
    const out = mergeHistograms(this.folded, histogramOf(this.buffer, this.bufferWeights, this.length));
    // The buffer and the histogram before it become garbage now, not when the builder does: a
    // collector outlives its results for a while, and they doubled a continuous audit's memory.
    this.folded = out;
    this.buffer = new Float64Array(FOLD_AT);
    this.bufferWeights = this.weighted ? new Float64Array(FOLD_AT) : null;
    this.capacity = FOLD_AT;
    this.length = 0;
    return out;
  }

  /**
   * Every value added with its summed weight, in no particular order and possibly repeated (the
   * rows not yet sorted come one by one), as cheap to read as the builder's state allows: for an
   * unweighted builder passing its rows to a rounded one (src/stats/rounded-histogram.ts), which adds whole
   * counts in any order. Only for unweighted builders (weights in any order would round
   * differently).
   */
  counts(): Histogram {
    if (this.weighted) throw new Error('counts() of a weighted histogram builder');
    if (this.keys !== null) return this.hashed(FOLDED | CHUNK, false);
    const n = this.folded.values.length;
    const values = new Float64Array(n + this.length);
    const weights = new Float64Array(n + this.length).fill(1);
    values.set(this.folded.values);
    weights.set(this.folded.weights);
    values.set(this.buffer.subarray(0, this.length), n);
    return { values, weights };
  }

  /**
   * The values in the folded histogram (`which` = FOLDED) or in it and the current chunk
   * (FOLDED | CHUNK), ascending, each with its folded sum plus its chunk's, as a merge adds them.
   */
  private hashed(which: number, sorted = true): Histogram {
    const keys = this.keys!;
    const { sums, chunkSums, flags } = this;
    const small = this.small;
    let n = 0;
    for (let slot = 0; slot < keys.length; slot++) if (keys[slot] === keys[slot] && flags[slot] & which) n++;
    // The direct table's values count as folded (it is used by unweighted builders only).
    if (small !== null && which & FOLDED) for (let at = 0; at < small.length; at++) if (small[at] === small[at]) n++;
    const values = new Float64Array(n);
    const weights = new Float64Array(n);
    let k = 0;
    if (small !== null && which & FOLDED) {
      for (let at = 0; at < small.length; at++) {
        if (small[at] !== small[at]) continue;
        values[k] = at - SMALL;
        weights[k++] = small[at];
      }
    }
    for (let slot = 0; slot < keys.length; slot++) {
      const f = flags[slot] & which;
      if (keys[slot] !== keys[slot] || f === 0) continue;
      values[k] = keys[slot];
      weights[k++] = f === (FOLDED | CHUNK) ? sums[slot] + chunkSums[slot] : f === FOLDED ? sums[slot] : chunkSums[slot];
    }
    // Distinct values: any sort gives the one order, and carries each value's sum along.
    if (sorted) radixSortFloat64(values, weights);
    return { values, weights };
  }

  /** A full buffer while hashing (weighted): grows it, or folds the chunk's sums into the folded ones. */
  private endOfBuffer(): void {
    if (this.length < Math.max(FOLD_AT, this.foldedDistinct)) {
      this.growBuffer();
      return;
    }
    const { keys, sums, chunkSums, flags } = this;
    for (let slot = 0; slot < keys!.length; slot++) {
      if (!(flags[slot] & CHUNK)) continue;
      if (flags[slot] & FOLDED) sums[slot] += chunkSums[slot];
      else {
        sums[slot] = chunkSums[slot];
        this.foldedDistinct++;
      }
      flags[slot] = FOLDED;
    }
    this.length = 0;
  }

  /** Doubles the table (kept at most three quarters full), or moves to buffer mode past {@link HASHED_MAX} values. */
  private grow(): void {
    // Past HASHED_MAX values (the 16,385th: where a table kept half empty moved), buffers instead.
    if (this.distinct > HASHED_MAX) {
      if (this.weighted) {
        // The current chunk's rows are in the buffer: only the chunks before it are folded.
        this.folded = this.hashed(FOLDED);
      } else {
        // Whole-number sums: where the chunks end does not change them.
        this.folded = this.hashed(FOLDED | CHUNK);
        this.buffer = new Float64Array(FIRST_BUFFER);
        this.capacity = FIRST_BUFFER;
        this.length = 0;
      }
      this.keys = null;
      this.small = null;
      this.sums = this.chunkSums = new Float64Array(0);
      this.flags = new Uint8Array(0);
      return;
    }
    const oldKeys = this.keys!;
    const { sums: oldSums, chunkSums: oldChunkSums, flags: oldFlags } = this;
    const size = oldKeys.length * 2;
    const keys = new Float64Array(size).fill(NaN);
    this.sums = new Float64Array(size);
    this.chunkSums = this.weighted ? new Float64Array(size) : oldChunkSums;
    this.flags = new Uint8Array(size);
    const mask = size - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const v = oldKeys[i];
      if (v !== v) continue;
      let slot = slotOf(v, mask);
      while (keys[slot] === keys[slot]) slot = (slot + 1) & mask;
      keys[slot] = v;
      this.sums[slot] = oldSums[i];
      if (this.weighted) this.chunkSums[slot] = oldChunkSums[i];
      this.flags[slot] = oldFlags[i];
    }
    this.keys = keys;
  }

  private buffered(x: number, w: number): void {
    if (this.length === this.capacity) this.fold();
    this.buffer[this.length] = x;
    if (this.bufferWeights) this.bufferWeights[this.length] = w;
    this.length++;
  }

  /**
   * Sorts the full buffer into the histogram once the buffer is as large as the histogram (so
   * each value is merged O(log n) times), else doubles the buffer.
   */
  private fold(): void {
    if (this.length < Math.max(FOLD_AT, this.folded.values.length)) {
      this.growBuffer();
      return;
    }
    this.folded = mergeHistograms(this.folded, histogramOf(this.buffer, this.bufferWeights, this.length));
    this.length = 0;
  }

  private growBuffer(): void {
    const grow = (a: Float64Array) => {
      const out = new Float64Array(a.length * 2);
      out.set(a);
      return out;
    };
    this.buffer = grow(this.buffer);
    if (this.bufferWeights) this.bufferWeights = grow(this.bufferWeights);
    this.capacity = this.buffer.length;
  }
}
