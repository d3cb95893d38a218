/**
 * Regression sufficient statistics (DESIGN §14): per joint group, weighted sums over the rows that
 * hold every outcome column the audit reads (label and/or prediction), and the exact histogram of
 * the distributed value (the prediction, or the label in a label-only audit) and of the error
 * (prediction − label). Sums add and histograms merge exactly (src/stats/histogram.ts), so
 * threads, files and engines agree to the last bit of the sums' rounding. Past a bound of distinct
 * values the histograms are rounded (src/stats/rounded-histogram.ts), decided so that every split
 * of the rows rounds alike; the sums stay exact.
 */
import { makeVector, type Data } from 'apache-arrow';
import { UserError } from '../../errors.js';
import { emptyHistogram, mergeHistograms, type Histogram } from '../../stats/histogram.js';
import { HistogramBuilder } from '../../stats/histogram-builder.js';
import { DEFAULT_PRECISION, roundedKeyOfWord, roundHistogram, RoundedHistogramBuilder, type HistogramPrecision } from '../../stats/rounded-histogram.js';
import { isNumericType, numbersOf } from '../arrow-data.js';

/** The sums kept per group, by index into {@link RegressionGroupSums.sums}. */
export const SUM = { w: 0, y: 1, yy: 2, p: 3, pp: 4, e: 5, ee: 6, abs: 7, rows: 8 } as const;
export const SUMS = 9;

/** What one joint group holds. */
export interface RegressionGroupSums {
  /**
   * Σw, Σw·y, Σw·y², Σw·ŷ, Σw·ŷ², Σw·e, Σw·e², Σw·|e| (e = ŷ − y) and unweighted rows, over the
   * rows that hold every outcome column read.
   */
  sums: Float64Array;
  /** Exact histogram of the prediction (or of the label without predictions). */
  values: Histogram;
  /** Exact histogram of the error ŷ − y (empty without both columns). */
  errors: Histogram;
}

/** Regression statistics per joint group. */
export interface RegressionCounts {
  groups: RegressionGroupSums[];
  /** How far the histograms stay exact (default {@link DEFAULT_PRECISION}). */
  precision?: HistogramPrecision;
  /** True once the histograms are rounded to `precision.significant_bits`. */
  rounded?: boolean;
}

/** Rows between two checks of the bound of distinct values (a power of two). */
const CHECK_EVERY = 1 << 14;

type Builder = HistogramBuilder | RoundedHistogramBuilder;

/** Sums and histograms per joint group, batch by batch. */
export class RegressionCollector {
  /** {@link SUMS} sums per joint group, side by side. */
  private sums = new Float64Array(0);
  private groupCount = 0;
  /** Per joint group: the histogram of the distributed value, and of the error (both columns only). */
  private readonly values: Builder[] = [];
  private readonly errors: Builder[] = [];
  /** The batch last read: its outcome columns as doubles (views of doubles without nulls, else copies). */
  private y: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private p: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private yCopy = new Float64Array(0);
  private pCopy = new Float64Array(0);
  private rounded = false;
  private readonly scratch = new RowScratch();

  /** `precision`: how far histograms stay exact (default {@link DEFAULT_PRECISION}). */
  constructor(
    private readonly label: string | undefined,
    private readonly prediction: string | undefined,
    private readonly weighted: boolean,
    private readonly precision: HistogramPrecision = DEFAULT_PRECISION,
  ) {}

  /**
   * Throws a UserError unless `data` (a batch of the column) holds numbers, as a regression outcome
   * must; the error quotes the first value, so that `"$65,938"` or `"12 days"` shows what to fix.
   */
  static checkType(column: string, role: 'label' | 'prediction', data: Data): void {
    if (isNumericType(data.type)) return;
    const example = firstValue(data);
    const holds = example === undefined ? `has type ${String(data.type)}` : `holds text such as ${JSON.stringify(example)}`;
    throw new UserError(`the ${role} column ${holds}; a regression audit needs numbers`, {
      column,
      hint: 'write the values as plain numbers, without currency signs, thousands separators or units; or choose a numeric column; or set task: multiclass (--task multiclass) for classes',
    });
  }

  /** Reads one batch, writing each row's presence (0 present, 2 missing) for the count table. */
  read(labelData: Data | null, predictionData: Data | null, n: number, labelOut: Int8Array, predictionOut: Int8Array): void {
    if (this.yCopy.length < n) {
      this.yCopy = new Float64Array(n);
      this.pCopy = new Float64Array(n);
    }
    // The label is checked whole before the prediction, so the first column named is the one blamed.
    if (labelData) this.y = this.present(labelData, this.yCopy, 'label', n, labelOut);
    else labelOut.fill(2, 0, n);
    if (predictionData) this.p = this.present(predictionData, this.pCopy, 'prediction', n, predictionOut);
    else predictionOut.fill(2, 0, n);
  }

  /** One outcome column's numbers (read in place when it can be), its rows' presence into `out`, refusing infinities. */
  private present(data: Data, copy: Float64Array, role: 'label' | 'prediction', n: number, out: Int8Array): Float64Array<ArrayBufferLike> {
    const values = numbersOf(data, copy);
    for (let i = 0; i < n; i++) {
      const x = values[i];
      // x − x is 0 for a finite x, NaN for NaN and the infinities.
      if (x - x === 0) out[i] = 0;
      else if (x !== x) out[i] = 2;
      else throw new UserError(`the ${role} column holds an infinite value`, { column: role === 'label' ? this.label : this.prediction, hint: 'regression outcomes must be finite numbers' });
    }
    return values;
  }

  /** Adds the rows last {@link read} into their joint groups. */
  count(slots: Int32Array, weights: Float64Array | null, n: number): void {
    // Until the histograms round, the bound is checked before every row i with i % CHECK_EVERY =
    // CHECK_EVERY − 1 (a batch can hold millions, and rounding early is what saves sorting them),
    // and at the end of the batch; the rows after the check that rounds go the rounded way.
    let from = 0;
    for (let check = CHECK_EVERY - 1; !this.rounded; check += CHECK_EVERY) {
      const to = Math.min(check, n);
      this.countRows(slots, weights, from, to);
      from = to;
      if (check >= n) {
        this.roundPastBound();
        return;
      }
      this.roundPastBound();
    }
    this.countRows(slots, weights, from, n);
  }

  /**
   * Adds rows [from, to) into their groups. Once the histograms round, a column pass at a time:
   * the sums in row order, then the rows' rounded keys ordered by group (a stable counting sort,
   * so each group's rows keep their order), then each group's keys into its histograms as one
   * run, which keeps its pages in cache.
   */
  private countRows(slots: Int32Array, weights: Float64Array | null, from: number, to: number): void {
    const length = to - from;
    if (length <= 0) return;
    if (!this.rounded) {
      this.countExact(slots, weights, from, to);
      return;
    }
    const hasLabel = !!this.label;
    const hasPrediction = !!this.prediction;
    const both = hasLabel && hasPrediction;
    const s = this.scratch;
    s.reserve(length, this.weighted);
    const { rowSlot, e } = s;
    const y = this.y;
    const p = this.p;
    let perGroup = s.groupRows(this.groupCount);
    perGroup.fill(0);
    let sums = this.sums;
    for (let i = from, r = 0; i < to; i++, r++) {
      const yi = hasLabel ? y[i] : 0;
      const pi = hasPrediction ? p[i] : 0;
      if (yi !== yi || pi !== pi) {
        rowSlot[r] = -1;
        continue;
      }
      const slot = slots[i];
      if (slot >= this.groupCount) {
        this.addGroups(slot);
        sums = this.sums;
        perGroup = s.groupRows(this.groupCount);
      }
      const ei = pi - yi;
      addSums(sums, slot * SUMS, yi, pi, ei, weights, i);
      e[r] = ei;
      rowSlot[r] = slot;
      perGroup[slot]++;
    }
    // Where each group's run starts, then the rows scattered into their runs.
    const groups = this.groupCount;
    const next = s.starts(groups);
    let at = 0;
    for (let g = 0; g < groups; g++) {
      next[g] = at;
      at += perGroup[g];
    }
    this.scatterKeys(hasPrediction ? p : y, from, length, both, weights);
    // `next` now holds each run's end.
    for (let g = 0, start = 0; g < groups; start = next[g++]) {
      const end = next[g];
      if (end === start) continue;
      (this.values[g] as RoundedHistogramBuilder).addKeys(s.valueKeys, s.runWeights, start, end);
      if (both) (this.errors[g] as RoundedHistogramBuilder).addKeys(s.errorKeys, s.runWeights, start, end);
    }
  }

  /**
   * {@link countRows} before the histograms round: each row's sums, value and error in one pass,
   * the exact builders' tables (a few thousand values for most outcomes) staying in cache.
   */
  private countExact(slots: Int32Array, weights: Float64Array | null, from: number, to: number): void {
    const hasLabel = !!this.label;
    const hasPrediction = !!this.prediction;
    const both = hasLabel && hasPrediction;
    const { y, p, values, errors } = this;
    let sums = this.sums;
    for (let i = from; i < to; i++) {
      const yi = hasLabel ? y[i] : 0;
      const pi = hasPrediction ? p[i] : 0;
      if (yi !== yi || pi !== pi) continue;
      const slot = slots[i];
      if (slot >= this.groupCount) {
        this.addGroups(slot);
        sums = this.sums;
      }
      const ei = pi - yi;
      addSums(sums, slot * SUMS, yi, pi, ei, weights, i);
      const w = weights === null ? 1 : weights[i];
      (values[slot] as HistogramBuilder).add(hasPrediction ? pi : yi, w);
      if (both) (errors[slot] as HistogramBuilder).add(ei, w);
    }
  }

  /** The rows' rounded keys (value, error) and weights into their groups' runs ({@link countRows}). */
  private scatterKeys(x: Float64Array<ArrayBufferLike>, from: number, length: number, both: boolean, weights: Float64Array | null): void {
    const { rowSlot, e, eWords, valueKeys, errorKeys, runWeights } = this.scratch;
    const next = this.scratch.next;
    // The keys come from the high words of the doubles where they lie, with no copy.
    const xWords = new Uint32Array(x.buffer, x.byteOffset, x.length * 2);
    const bits = this.precision.significant_bits;
    const drop = 21 - bits;
    const half = 1 << (drop - 1);
    for (let r = 0; r < length; r++) {
      const slot = rowSlot[r];
      if (slot < 0) continue;
      const k = next[slot]++;
      const i = from + r;
      valueKeys[k] = roundedKeyOfWord(x[i], xWords[2 * i + 1], bits, drop, half);
      if (both) errorKeys[k] = roundedKeyOfWord(e[r], eWords[2 * r + 1], bits, drop, half);
      if (runWeights) runWeights[k] = weights![i];
    }
  }

  /**
   * Rounds every histogram from now on once this collector's alone hold more than the bound of
   * distinct values: the merged ones of all rows hold at least as many, so they are rounded too,
   * and rounding early gives what rounding them at the end would.
   */
  private roundPastBound(): void {
    let distinct = 0;
    for (let g = 0; g < this.groupCount; g++) distinct += distinctAtLeast(this.values[g]) + (this.errors[g] ? distinctAtLeast(this.errors[g]) : 0);
    if (distinct <= this.precision.bound) return;
    const bits = this.precision.significant_bits;
    // Unweighted counts go over as they are, unsorted: whole numbers add alike in any order.
    const before = (b: Builder) => (!this.weighted && b instanceof HistogramBuilder ? b.counts() : b.finish());
    for (let g = 0; g < this.groupCount; g++) {
      this.values[g] = new RoundedHistogramBuilder(bits, before(this.values[g]), this.weighted);
      if (this.errors[g]) this.errors[g] = new RoundedHistogramBuilder(bits, before(this.errors[g]), this.weighted);
    }
    this.rounded = true;
  }

  /** Groups up to `slot`, with empty sums and histograms. */
  private addGroups(slot: number): void {
    const count = slot + 1;
    if (this.sums.length < count * SUMS) {
      const sums = new Float64Array(Math.max(count, 2 * this.groupCount) * SUMS);
      sums.set(this.sums);
      this.sums = sums;
    }
    const both = !!(this.label && this.prediction);
    const bits = this.precision.significant_bits;
    const fresh = (): Builder => (this.rounded ? new RoundedHistogramBuilder(bits, emptyHistogram(), this.weighted) : new HistogramBuilder(this.weighted));
    while (this.groupCount < count) {
      this.values.push(fresh());
      if (both) this.errors.push(fresh());
      this.groupCount++;
    }
  }

  /** The statistics so far, rounded past the bound ({@link settleRegressionCounts}). */
  finish(): RegressionCounts {
    const groups: RegressionGroupSums[] = [];
    for (let g = 0; g < this.groupCount; g++) {
      groups.push({
        sums: this.sums.slice(g * SUMS, (g + 1) * SUMS),
        // Builders that round already give rounded histograms; the others may pass the bound only now.
        values: this.values[g].finish(),
        errors: this.errors[g] ? this.errors[g].finish() : emptyHistogram(),
      });
    }
    return settleRegressionCounts({ groups, precision: this.precision, rounded: this.rounded });
  }
}

/**
 * Adds row `i` (label `yi`, prediction `pi`, error `ei`, weight `weights[i]` or 1) into the sums
 * at `b`. A group's sums add its rows in row order, as one group's array did.
 */
function addSums(sums: Float64Array, b: number, yi: number, pi: number, ei: number, weights: Float64Array | null, i: number): void {
  if (weights === null) {
    // Weight 1: 1 × y is y to the bit, so the products are left out.
    sums[b] += 1;
    sums[b + 1] += yi;
    sums[b + 2] += yi * yi;
    sums[b + 3] += pi;
    sums[b + 4] += pi * pi;
    sums[b + 5] += ei;
    sums[b + 6] += ei * ei;
    sums[b + 7] += Math.abs(ei);
  } else {
    const w = weights[i];
    sums[b] += w;
    sums[b + 1] += w * yi;
    sums[b + 2] += w * yi * yi;
    sums[b + 3] += w * pi;
    sums[b + 4] += w * pi * pi;
    sums[b + 5] += w * ei;
    sums[b + 6] += w * ei * ei;
    sums[b + 7] += w * Math.abs(ei);
  }
  sums[b + 8] += 1;
}

/** A collector's per-batch arrays, grown as batches do and reused. */
class RowScratch {
  /** Per row of a range: its joint group, or -1 when it lacks an outcome. */
  rowSlot = new Int32Array(0);
  /** Per row of a range: its error ŷ − y, and the error's words (little-endian: [low, high]). */
  e = new Float64Array(0);
  eWords = new Uint32Array(0);
  /** The rows ordered by group: their rounded keys, and weights (weighted only). */
  valueKeys = new Uint32Array(0);
  errorKeys = new Uint32Array(0);
  runWeights: Float64Array | null = null;
  /** Per group: rows in the range, then where its run goes on. */
  private perGroup = new Int32Array(0);
  next = new Int32Array(0);

  reserve(length: number, weighted: boolean): void {
    if (this.rowSlot.length < length) {
      this.rowSlot = new Int32Array(length);
      this.e = new Float64Array(length);
      this.eWords = new Uint32Array(this.e.buffer);
      this.valueKeys = new Uint32Array(length);
      this.errorKeys = new Uint32Array(length);
      this.runWeights = weighted ? new Float64Array(length) : null;
    }
  }

  /** Zeroed row counts for `groups` groups. */
  groupRows(groups: number): Int32Array {
    if (this.perGroup.length < groups) {
      const grown = new Int32Array(Math.max(groups, 2 * this.perGroup.length));
      grown.set(this.perGroup);
      this.perGroup = grown;
      return grown;
    }
    return this.perGroup;
  }

  /** Room for `groups` run positions. */
  starts(groups: number): Int32Array {
    if (this.next.length < groups) this.next = new Int32Array(Math.max(groups, 2 * this.next.length));
    return this.next;
  }
}

/**
 * A value of `data` to quote, as text (at most 40 characters): the first of its first rows that
 * is not a number (the `-` among numbers that made the column text), else the first one there.
 */
function firstValue(data: Data): string | undefined {
  const vector = makeVector(data);
  let first: string | undefined;
  for (let i = 0; i < Math.min(vector.length, 10_000); i++) {
    const value: unknown = vector.get(i);
    if (value === null || value === undefined) continue;
    const text = String(value);
    if (text.trim() === '' || !Number.isFinite(Number(text))) return text.slice(0, 40);
    first ??= text.slice(0, 40);
  }
  return first;
}

/** A lower bound of a builder's distinct values, cheap to read while it builds. */
function distinctAtLeast(b: Builder): number {
  return b instanceof RoundedHistogramBuilder ? b.distinctCount : b.distinctAtLeast;
}

/**
 * `counts` with every histogram rounded if `force` (a part of them already is) or if together
 * they hold more than the bound of distinct values; else `counts` itself, as it is when already
 * rounded. Run on every merge and before analysis (statistics from any engine), it makes the
 * rounding a property of all the rows, not of how they were split: rounded iff the merged
 * histograms pass the bound. The sums are not touched.
 */
export function settleRegressionCounts(counts: RegressionCounts, force = false): RegressionCounts {
  if (counts.rounded && !force) return counts;
  const precision = counts.precision ?? DEFAULT_PRECISION;
  if (!force) {
    let distinct = 0;
    for (const g of counts.groups) if (g) distinct += g.values.values.length + g.errors.values.length;
    if (distinct <= precision.bound) return counts;
  }
  const bits = precision.significant_bits;
  // Rounding a rounded histogram gives it back: a merge of rounded and exact parts settles whole.
  const groups = counts.groups.map((g) => g && { sums: g.sums, values: roundHistogram(g.values, bits), errors: roundHistogram(g.errors, bits) });
  return { groups, precision, rounded: true };
}

/** One joint group's statistics over the rows of both. */
export function mergeRegressionGroups(a: RegressionGroupSums, b: RegressionGroupSums): RegressionGroupSums {
  const sums = a.sums.slice();
  for (let j = 0; j < SUMS; j++) sums[j] += b.sums[j];
  return { sums, values: mergeHistograms(a.values, b.values), errors: mergeHistograms(a.errors, b.errors) };
}
