/**
 * The statistics of a multiclass or regression audit beside the count table (DESIGN §14): one
 * collector per pass, keyed by joint groups of the sensitive features whose keys are their values,
 * so partial statistics merge by key (threads, files) and survive groups being reordered or
 * joined (`merge_case`). The count table of such an audit counts presence (0 for a value, 2 for a
 * missing one), which gives every group its rows and eligibility as in a binary audit.
 */
import type { Data } from 'apache-arrow';
import type { ResolvedConfig } from '../config/types.js';
import type { FeatureEncoder } from './features.js';
import { JointGroups, jointKey } from './joint-groups.js';
import { MulticlassCollector, reclassify, type MulticlassCounts } from './multiclass/collect.js';
import { mergeRegressionGroups, RegressionCollector, settleRegressionCounts, type RegressionCounts, type RegressionGroupSums } from './regression/collect.js';
import type { TaskDetection } from './task.js';

/** Multiclass or regression statistics of an audit. */
export interface TaskStatistics {
  detection: TaskDetection;
  /** Joint groups of the sensitive features: each one's value per sensitive feature, as shown. */
  keys: string[][];
  /** Set for a multiclass audit; `cells[g]` belongs to `keys[g]`. */
  multiclass?: MulticlassCounts;
  /** Set for a regression audit; `groups[g]` belongs to `keys[g]`. */
  regression?: RegressionCounts;
}

/** Collects {@link TaskStatistics} alongside the count table, batch by batch. */
export class TaskCollector {
  private readonly joint: JointGroups;
  private readonly multiclass: MulticlassCollector | null;
  private readonly regression: RegressionCollector | null;
  private slots = new Int32Array(0);
  private checked = false;

  constructor(
    private readonly detection: TaskDetection,
    private readonly columns: { label?: string; prediction?: string },
    config: ResolvedConfig,
    private readonly encoders: readonly FeatureEncoder[],
    weighted: boolean,
  ) {
    const widest = Math.max(config.max_groups, ...encoders.map((e) => e.domain.bins?.labels.length ?? 0));
    this.joint = new JointGroups(encoders.length, widest + 2);
    const trim = config.trim !== false;
    this.multiclass = detection.task === 'multiclass' ? new MulticlassCollector(columns.label, columns.prediction, trim) : null;
    this.regression = detection.task === 'regression' ? new RegressionCollector(columns.label, columns.prediction, weighted) : null;
  }

  /** Reads a batch's outcome columns, writing each row's presence into `labels` and `predictions`. */
  read(label: Data | null, prediction: Data | null, n: number, labels: Int8Array, predictions: Int8Array): void {
    if (this.regression && !this.checked) {
      if (label) RegressionCollector.checkType(this.columns.label!, 'label', label);
      if (prediction) RegressionCollector.checkType(this.columns.prediction!, 'prediction', prediction);
      this.checked = true;
    }
    (this.multiclass ?? this.regression)!.read(label, prediction, n, labels, predictions);
  }

  /** Adds the rows last read, from their group ids in each sensitive feature. */
  count(ids: readonly Int32Array[], weights: Float64Array | null, n: number): void {
    if (this.slots.length < n) this.slots = new Int32Array(n);
    this.joint.slots(ids, n, this.slots);
    (this.multiclass ?? this.regression)!.count(this.slots, weights, n);
  }

  /** The statistics of every row read. */
  finish(weighted: boolean): TaskStatistics {
    const keys = this.joint.ids.map((ids) => ids.map((id, f) => this.encoders[f].domain.values[id]));
    const out: TaskStatistics = { detection: this.detection, keys };
    if (this.multiclass) out.multiclass = sortedClasses(padGroups(this.multiclass.finish(weighted), keys.length));
    if (this.regression) out.regression = this.regression.finish();
    return out;
  }
}

/** Class names in output order: numbers by value, then text. */
function classOrder(classes: readonly string[]): string[] {
  const number = (c: string) => (c.trim() !== '' && Number.isFinite(Number(c)) ? Number(c) : null);
  return [...classes].sort((a, b) => {
    const x = number(a);
    const y = number(b);
    if (x !== null && y !== null) return x - y || (a < b ? -1 : a > b ? 1 : 0);
    if (x !== null) return -1;
    if (y !== null) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

function sortedClasses(counts: MulticlassCounts): MulticlassCounts {
  const classes = classOrder(counts.classes);
  return { classes, cells: reclassify(counts, classes), rows: counts.rows };
}

/** A group seen only with missing outcomes still gets a (zero) matrix. */
function padGroups(counts: MulticlassCounts, groups: number): MulticlassCounts {
  const side = counts.classes.length + 1;
  const cells = [...counts.cells];
  const rows = counts.rows ? [...counts.rows] : null;
  while (cells.length < groups) {
    cells.push(new Float64Array(side * side));
    rows?.push(0);
  }
  return { ...counts, cells, rows };
}

/**
 * The statistics of the rows of both `a` and `b` (two passes over the same audit setup), groups
 * matched by their values. `rename` maps each group's key first (joined groups add up).
 */
export function mergeTaskStatistics(a: TaskStatistics, b: TaskStatistics | null, rename?: (key: string[]) => string[]): TaskStatistics {
  const index = new Map<string, number>();
  const keys: string[][] = [];
  const slotOf = (key: string[]) => {
    const named = rename ? rename(key) : key;
    const text = jointKey(named);
    let at = index.get(text);
    if (at === undefined) {
      at = keys.length;
      index.set(text, at);
      keys.push(named);
    }
    return at;
  };
  const parts = b ? [a, b] : [a];
  const out: TaskStatistics = { detection: a.detection, keys };
  if (a.multiclass) {
    const classes = classOrder([...new Set(parts.flatMap((p) => p.multiclass!.classes))]);
    const side = classes.length + 1;
    const cells: Float64Array[] = [];
    const rows: number[] | null = a.multiclass.rows ? [] : null;
    for (const part of parts) {
      const matrices = reclassify(part.multiclass!, classes);
      part.keys.forEach((key, g) => {
        const at = slotOf(key);
        while (cells.length <= at) {
          cells.push(new Float64Array(side * side));
          rows?.push(0);
        }
        for (let c = 0; c < side * side; c++) cells[at][c] += matrices[g][c];
        if (rows && part.multiclass!.rows) rows[at] += part.multiclass!.rows[g];
      });
    }
    out.multiclass = { classes, cells, rows };
  }
  if (a.regression) {
    const groups: RegressionGroupSums[] = [];
    for (const part of parts) {
      part.keys.forEach((key, g) => {
        const at = slotOf(key);
        const group = part.regression!.groups[g];
        if (!group) return;
        groups[at] = groups[at] ? mergeRegressionGroups(groups[at], group) : group;
      });
    }
    out.regression = settleRegressionCounts({ groups, precision: a.regression.precision }, !!(a.regression.rounded || b?.regression?.rounded));
  }
  return out;
}
