/**
 * Regression sufficient statistics (DESIGN §14): per joint group, weighted sums over the rows that
 * hold every outcome column the audit reads (label and/or prediction), and the exact histogram of
 * the distributed value (the prediction, or the label in a label-only audit) and of the error
 * (prediction − label). Sums add and histograms merge exactly (src/stats/histogram.ts), so
 * threads, files and engines agree to the last bit of the sums' rounding. Past a bound of distinct
 * values the histograms are rounded (src/stats/rounded-histogram.ts), decided so that every split
 * of the rows rounds alike; the sums stay exact.
 */
import type { Data } from 'apache-arrow';
import { UserError } from '../../errors.js';
import { emptyHistogram, mergeHistograms, type Histogram } from '../../stats/histogram.js';
import { HistogramBuilder } from '../../stats/histogram-builder.js';
import { DEFAULT_PRECISION, roundedKey, roundHistogram, RoundedHistogramBuilder, type HistogramPrecision } from '../../stats/rounded-histogram.js';
import { isNumericType, readNumbers } from '../arrow-data.js';

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

interface Pending {
  sums: Float64Array;
  values: HistogramBuilder | RoundedHistogramBuilder;
  errors: HistogramBuilder | RoundedHistogramBuilder | null;
}

/** Sums and histograms per joint group, batch by batch. */
export class RegressionCollector {
  private readonly groups: Pending[] = [];
  private y = new Float64Array(0);
  private p = new Float64Array(0);
  private rounded = false;

  /** `precision`: how far histograms stay exact (default {@link DEFAULT_PRECISION}). */
  constructor(
    private readonly label: string | undefined,
    private readonly prediction: string | undefined,
    private readonly weighted: boolean,
    private readonly precision: HistogramPrecision = DEFAULT_PRECISION,
  ) {}

  /** Throws a UserError unless `type` is a number (a regression outcome must be). */
  static checkType(column: string, role: 'label' | 'prediction', type: import('apache-arrow').DataType): void {
    if (!isNumericType(type)) {
      throw new UserError(`the ${role} column has type ${String(type)}; a regression audit needs numbers`, {
        column,
        hint: 'choose a numeric column, or set task: multiclass (--task multiclass) for classes',
      });
    }
  }

  /** Reads one batch, writing each row's presence (0 present, 2 missing) for the count table. */
  read(labelData: Data | null, predictionData: Data | null, n: number, labelOut: Int8Array, predictionOut: Int8Array): void {
    if (this.y.length < n) {
      this.y = new Float64Array(n);
      this.p = new Float64Array(n);
    }
    // The label is checked whole before the prediction, so the first column named is the one blamed.
    this.present(labelData, this.y, 'label', n, labelOut);
    this.present(predictionData, this.p, 'prediction', n, predictionOut);
  }

  /** Reads one outcome column into `values` and its rows' presence into `out`, refusing infinities. */
  private present(data: Data | null, values: Float64Array, role: 'label' | 'prediction', n: number, out: Int8Array): void {
    if (!data) {
      out.fill(2, 0, n);
      return;
    }
    readNumbers(data, values);
    for (let i = 0; i < n; i++) {
      const x = values[i];
      if (x === Infinity || x === -Infinity) {
        throw new UserError(`the ${role} column holds an infinite value`, { column: role === 'label' ? this.label : this.prediction, hint: 'regression outcomes must be finite numbers' });
      }
      out[i] = x === x ? 0 : 2;
    }
  }

  /** Adds the rows last {@link read} into their joint groups. */
  count(slots: Int32Array, weights: Float64Array | null, n: number): void {
    // Until the histograms round, the bound is checked before every row i with i % CHECK_EVERY =
    // CHECK_EVERY − 1 (a batch can hold millions, and rounding early is what saves sorting them),
    // and at the end of the batch; the rows after the check that rounds go the rounded way.
    let from = 0;
    for (let check = CHECK_EVERY - 1; !this.rounded; check += CHECK_EVERY) {
      const to = Math.min(check, n);
      this.countRows(slots, weights, from, to, false);
      from = to;
      if (check >= n) {
        this.roundPastBound();
        return;
      }
      this.roundPastBound();
    }
    this.countRows(slots, weights, from, n, true);
  }

  /**
   * Adds rows [from, to) into their groups' sums and histograms: one pass per batch, each row's
   * sums, value and error together. `rounded`: the histograms are rounded builders, and an
   * unweighted row goes to them as its rounded key alone.
   */
  private countRows(slots: Int32Array, weights: Float64Array | null, from: number, to: number, rounded: boolean): void {
    const hasLabel = !!this.label;
    const hasPrediction = !!this.prediction;
    const { y, p, groups } = this;
    const keyed = rounded && !this.weighted;
    const bits = this.precision.significant_bits;
    const drop = 21 - bits;
    const half = 1 << (drop - 1);
    for (let i = from; i < to; i++) {
      const yi = hasLabel ? y[i] : 0;
      const pi = hasPrediction ? p[i] : 0;
      if (yi !== yi || pi !== pi) continue;
      const slot = slots[i];
      const g = slot < groups.length ? groups[slot] : this.group(slot);
      const w = weights ? weights[i] : 1;
      const s = g.sums;
      const e = pi - yi;
      s[0] += w;
      s[1] += w * yi;
      s[2] += w * yi * yi;
      s[3] += w * pi;
      s[4] += w * pi * pi;
      s[5] += w * e;
      s[6] += w * e * e;
      s[7] += w * Math.abs(e);
      s[8] += 1;
      if (keyed) {
        (g.values as RoundedHistogramBuilder).addKey(roundedKey(hasPrediction ? pi : yi, bits, drop, half));
        if (g.errors) (g.errors as RoundedHistogramBuilder).addKey(roundedKey(e, bits, drop, half));
      } else {
        g.values.add(hasPrediction ? pi : yi, w);
        if (g.errors) g.errors.add(e, w);
      }
    }
  }

  /**
   * Rounds every histogram from now on once this collector's alone hold more than the bound of
   * distinct values: the merged ones of all rows hold at least as many, so they are rounded too,
   * and rounding early gives what rounding them at the end would.
   */
  private roundPastBound(): void {
    let distinct = 0;
    for (const g of this.groups) distinct += distinctAtLeast(g.values) + (g.errors ? distinctAtLeast(g.errors) : 0);
    if (distinct <= this.precision.bound) return;
    const bits = this.precision.significant_bits;
    // Unweighted counts go over as they are, unsorted: whole numbers add alike in any order.
    const before = (b: HistogramBuilder | RoundedHistogramBuilder) => (!this.weighted && b instanceof HistogramBuilder ? b.counts() : b.finish());
    for (const g of this.groups) {
      g.values = new RoundedHistogramBuilder(bits, before(g.values), this.weighted);
      if (g.errors) g.errors = new RoundedHistogramBuilder(bits, before(g.errors), this.weighted);
    }
    this.rounded = true;
  }

  private group(slot: number): Pending {
    while (this.groups.length <= slot) {
      this.groups.push({
        sums: new Float64Array(SUMS),
        values: new HistogramBuilder(this.weighted),
        errors: this.label && this.prediction ? new HistogramBuilder(this.weighted) : null,
      });
      if (this.rounded) {
        const last = this.groups[this.groups.length - 1];
        last.values = new RoundedHistogramBuilder(this.precision.significant_bits, emptyHistogram(), this.weighted);
        if (last.errors) last.errors = new RoundedHistogramBuilder(this.precision.significant_bits, emptyHistogram(), this.weighted);
      }
    }
    return this.groups[slot];
  }

  /** The statistics so far, rounded past the bound ({@link settleRegressionCounts}). */
  finish(): RegressionCounts {
    // Builders that round already gave rounded histograms; the others may pass the bound only now.
    return settleRegressionCounts({
      groups: this.groups.map((g) => ({
        sums: g.sums.slice(),
        values: g.values.finish(),
        errors: g.errors ? g.errors.finish() : emptyHistogram(),
      })),
      precision: this.precision,
      rounded: this.rounded,
    });
  }
}

/** A lower bound of a builder's distinct values, cheap to read while it builds. */
function distinctAtLeast(b: HistogramBuilder | RoundedHistogramBuilder): number {
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
