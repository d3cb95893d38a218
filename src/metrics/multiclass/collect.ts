/**
 * Multiclass sufficient statistics (DESIGN §14): per joint group, the (K+1)×(K+1) matrix of
 * weights of (label class, prediction class), the last row and column for a missing value. One
 * class list serves label and prediction, so class "B" of the label is class "B" of the
 * prediction. Matrices add, so partial statistics merge by class name.
 */
import type { Data } from 'apache-arrow';
import { UserError } from '../../errors.js';
import { FeatureEncoder, MISSING_GROUP } from '../features.js';

/** Most classes a multiclass audit takes. */
export const MAX_CLASSES = 30;
/** Matrix side while counting: every class and missing. */
const SIDE = MAX_CLASSES + 1;

/** The counts of a multiclass audit, per joint group. */
export interface MulticlassCounts {
  /** Class names as read (trimmed text of the value), in order first seen. */
  classes: string[];
  /**
   * Per joint group, (K+1)² weights, row = label class, column = prediction class, index K for a
   * missing value (K = classes.length).
   */
  cells: Float64Array[];
  /** Per joint group, unweighted rows (kept only when rows are weighted). */
  rows: number[] | null;
}

/** Encodes label and prediction values as indices into one class list. */
class ClassEncoder {
  readonly classes: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly encoders: FeatureEncoder[];
  private readonly maps: Int32Array[];
  private ids = new Int32Array(0);

  constructor(private readonly columns: { column: string; role: 'label' | 'prediction' }[], trim: boolean) {
    this.encoders = columns.map((c) => new FeatureEncoder(c.column, 'sensitive', MAX_CLASSES, undefined, { trim }));
    this.maps = columns.map(() => new Int32Array(0));
  }

  /** Writes the class index of each row of the `which`-th column's `data` into `out` (MAX_CLASSES for missing). */
  encode(which: number, data: Data, out: Int32Array): void {
    const n = data.length;
    if (this.ids.length < n) this.ids = new Int32Array(n);
    const encoder = this.encoders[which];
    try {
      encoder.encode(data, this.ids);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const { column, role } = this.columns[which];
      throw new UserError(`the ${role} column has more than ${MAX_CLASSES} distinct values, too many classes for a multiclass audit`, {
        column,
        hint: 'for a numeric outcome set task: regression (--task regression); to audit one class against the rest set positive: (--positive)',
      });
    }
    const values = encoder.domain.values;
    let map = this.maps[which];
    if (map.length < values.length) {
      const grown = new Int32Array(values.length);
      grown.set(map);
      for (let id = map.length; id < values.length; id++) grown[id] = this.classOf(values[id], which);
      map = this.maps[which] = grown;
    }
    for (let i = 0; i < n; i++) out[i] = map[this.ids[i]];
  }

  private classOf(value: string, which: number): number {
    if (value === MISSING_GROUP) return MAX_CLASSES;
    let k = this.index.get(value);
    if (k === undefined) {
      if (this.classes.length === MAX_CLASSES) {
        const { column, role } = this.columns[which];
        throw new UserError(`the label and prediction together hold more than ${MAX_CLASSES} classes, too many for a multiclass audit`, {
          column,
          hint: `check the ${role} column; for a numeric outcome set task: regression (--task regression)`,
        });
      }
      k = this.classes.length;
      this.index.set(value, k);
      this.classes.push(value);
    }
    return k;
  }
}

/** Counts label × prediction classes per joint group, batch by batch. */
export class MulticlassCollector {
  private readonly encoder: ClassEncoder;
  private readonly cells: Float64Array[] = [];
  private readonly rows: number[] = [];
  private labelClass = new Int32Array(0);
  private predictionClass = new Int32Array(0);

  constructor(
    private readonly label: string | undefined,
    private readonly prediction: string | undefined,
    trim: boolean,
  ) {
    const columns: { column: string; role: 'label' | 'prediction' }[] = [];
    if (label) columns.push({ column: label, role: 'label' });
    if (prediction) columns.push({ column: prediction, role: 'prediction' });
    this.encoder = new ClassEncoder(columns, trim);
  }

  /**
   * Reads one batch's label and prediction (either may be absent), writes each row's presence
   * (0 present, 2 missing) into `labelOut` / `predictionOut` for the count table, and returns so
   * that {@link count} can add the rows once their slots are known.
   */
  read(labelData: Data | null, predictionData: Data | null, n: number, labelOut: Int8Array, predictionOut: Int8Array): void {
    if (this.labelClass.length < n) {
      this.labelClass = new Int32Array(n);
      this.predictionClass = new Int32Array(n);
    }
    if (labelData) this.encoder.encode(0, labelData, this.labelClass);
    else this.labelClass.fill(MAX_CLASSES, 0, n);
    if (predictionData) this.encoder.encode(this.label ? 1 : 0, predictionData, this.predictionClass);
    else this.predictionClass.fill(MAX_CLASSES, 0, n);
    for (let i = 0; i < n; i++) {
      labelOut[i] = this.labelClass[i] === MAX_CLASSES ? 2 : 0;
      predictionOut[i] = this.predictionClass[i] === MAX_CLASSES ? 2 : 0;
    }
  }

  /** Adds the rows last {@link read} into their joint groups. */
  count(slots: Int32Array, weights: Float64Array | null, n: number): void {
    const { cells, rows, labelClass, predictionClass } = this;
    for (let i = 0; i < n; i++) {
      const slot = slots[i];
      while (cells.length <= slot) {
        cells.push(new Float64Array(SIDE * SIDE));
        rows.push(0);
      }
      cells[slot][labelClass[i] * SIDE + predictionClass[i]] += weights ? weights[i] : 1;
      rows[slot] += 1;
    }
  }

  /** The counts so far, with matrices trimmed to the classes seen. */
  finish(weighted: boolean): MulticlassCounts {
    const k = this.encoder.classes.length;
    const side = k + 1;
    const cells = this.cells.map((full) => {
      const out = new Float64Array(side * side);
      for (let a = 0; a <= k; a++) {
        for (let b = 0; b <= k; b++) out[a * side + b] = full[(a === k ? MAX_CLASSES : a) * SIDE + (b === k ? MAX_CLASSES : b)];
      }
      return out;
    });
    return { classes: [...this.encoder.classes], cells, rows: weighted ? [...this.rows] : null };
  }
}

/**
 * `counts` re-expressed over the class list `classes` (a superset of its own, in any order):
 * the matrices grow, a class it never saw has zero rows.
 */
export function reclassify(counts: MulticlassCounts, classes: readonly string[]): Float64Array[] {
  const k = counts.classes.length;
  const side = k + 1;
  const to = [...counts.classes.map((c) => classes.indexOf(c)), classes.length];
  const outSide = classes.length + 1;
  return counts.cells.map((m) => {
    const out = new Float64Array(outSide * outSide);
    for (let a = 0; a < side; a++) for (let b = 0; b < side; b++) out[to[a] * outSide + to[b]] += m[a * side + b];
    return out;
  });
}
