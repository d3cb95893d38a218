/**
 * Builds an exact histogram (src/stats/histogram.ts) one value at a time, for the regression
 * collector's joint groups. Most outcome columns hold few distinct values (days, counts, money in
 * whole units, rounded scores): their rows are summed into an open-addressing hash table keyed by
 * the value's bits, a few nanoseconds a row and memory by distinct values, with no sort of every
 * row. A column whose distinct values keep growing (continuous predictions) moves, once the table
 * holds {@link HASHED_MAX} of them, to a buffer of {@link CHUNK} values that is radix-sorted into a
 * histogram each time it fills; these runs merge pairwise as in a binary counter (two runs of
 * about the same size become one), so each value is merged O(log n) times, the runs hold about
 * 16 bytes per distinct value, and no sort or merge ever needs more than the runs' size again in
 * scratch (sorting a buffer as large as the histogram needed 5 times its values in scratch).
 * Either way the histogram is the exact one of every value added. Pure.
 */
import { histogramOf, mergeHistograms, type Histogram } from './histogram.js';
import { radixSortFloat64 } from './radix-sort.js';

/** Most distinct values kept in the hash table before values are buffered and sorted instead. */
export const HASHED_MAX = 1 << 14;

/** Values buffered before they are sorted into a run. */
export const CHUNK = 1 << 16;

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
  private keys: Float64Array | null = new Float64Array(64).fill(NaN);
  private sums = new Float64Array(64);
  private distinct = 0;
  /** Buffer mode: values (and weights) waiting to be sorted, and the sorted runs, largest first. */
  private buffer = new Float64Array(0);
  private bufferWeights: Float64Array | null = null;
  private length = 0;
  private runs: Histogram[] = [];

  /** `weighted`: whether weights other than 1 will be added (buffer mode keeps them then). */
  constructor(private readonly weighted: boolean) {}

  /** Adds one row with value `x` and weight `w`. */
  add(x: number, w: number): void {
    if (x !== x) return;
    const keys = this.keys;
    if (keys === null) {
      this.buffered(x, w);
      return;
    }
    // -0 and 0 are one value with two bit patterns: one key.
    const v = x === 0 ? 0 : x;
    const mask = keys.length - 1;
    let slot = slotOf(v, mask);
    for (;;) {
      const k = keys[slot];
      if (k === v) {
        this.sums[slot] += w;
        return;
      }
      if (k !== k) break;
      slot = (slot + 1) & mask;
    }
    keys[slot] = v;
    this.sums[slot] = w;
    this.distinct++;
    if (this.distinct * 2 > keys.length) this.grow();
  }

  /** The histogram of every value added. The builder can take more values afterwards. */
  finish(): Histogram {
    if (this.keys !== null) return this.hashed();
    // Smallest runs first, so each merge is of two runs of about the same size.
    let out = histogramOf(this.buffer, this.bufferWeights, this.length);
    for (let r = this.runs.length - 1; r >= 0; r--) out = mergeHistograms(this.runs[r], out);
    // The merged runs become garbage now, not when the builder does: a collector outlives its
    // results for a while, and its runs doubled a continuous audit's peak memory.
    this.runs = [out];
    this.length = 0;
    return out;
  }

  /** The hash table's values ascending with their sums. */
  private hashed(): Histogram {
    const keys = this.keys!;
    const values = new Float64Array(this.distinct);
    const weights = new Float64Array(this.distinct);
    let k = 0;
    for (let slot = 0; slot < keys.length; slot++) {
      if (keys[slot] === keys[slot]) {
        values[k] = keys[slot];
        weights[k++] = this.sums[slot];
      }
    }
    // Distinct values: any sort gives the one order, and carries each value's sum along.
    radixSortFloat64(values, weights);
    return { values, weights };
  }

  /** Doubles the table, or moves to buffer mode once it holds {@link HASHED_MAX} values. */
  private grow(): void {
    if (this.distinct >= HASHED_MAX) {
      this.runs = [this.hashed()];
      this.keys = null;
      this.sums = new Float64Array(0);
      this.buffer = new Float64Array(CHUNK);
      this.bufferWeights = this.weighted ? new Float64Array(CHUNK) : null;
      return;
    }
    const oldKeys = this.keys!;
    const oldSums = this.sums;
    const keys = new Float64Array(oldKeys.length * 2).fill(NaN);
    const sums = new Float64Array(oldKeys.length * 2);
    const mask = keys.length - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const v = oldKeys[i];
      if (v !== v) continue;
      let slot = slotOf(v, mask);
      while (keys[slot] === keys[slot]) slot = (slot + 1) & mask;
      keys[slot] = v;
      sums[slot] = oldSums[i];
    }
    this.keys = keys;
    this.sums = sums;
  }

  private buffered(x: number, w: number): void {
    if (this.length === CHUNK) this.fold();
    this.buffer[this.length] = x;
    if (this.bufferWeights) this.bufferWeights[this.length] = w;
    this.length++;
  }

  /** Sorts the full buffer into a run, then merges the last two runs while the older is at most twice as large. */
  private fold(): void {
    const runs = this.runs;
    runs.push(histogramOf(this.buffer, this.bufferWeights, this.length));
    this.length = 0;
    while (runs.length >= 2 && runs[runs.length - 2].values.length <= 2 * runs[runs.length - 1].values.length) {
      const last = runs.pop()!;
      runs.push(mergeHistograms(runs.pop()!, last));
    }
  }
}
