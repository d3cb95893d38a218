/**
 * Binary views of a multiclass audit: the statistics a binary audit would have counted had the
 * given classes been the positive ones (one class for one-vs-rest, the favorable classes for the
 * impact ratio). Built from the per-group class matrices, so every binary metric, interval and
 * test applies to each class unchanged.
 */
import { CELLS, emptyTable, strides, type CountTable } from '../count-table.js';
import type { GroupStatistics } from '../statistics-types.js';

/**
 * The binary statistics of `stats` (a multiclass audit) with the classes in `positive` counting
 * as 1 and every other class as 0 (missing stays missing). Strata and scores are left out.
 */
export function binaryView(stats: GroupStatistics, positive: ReadonlySet<string>): GroupStatistics {
  const task = stats.task!;
  const counts = task.multiclass!;
  const k = counts.classes.length;
  const side = k + 1;
  // Outcome byte of each class index: 1, 0, or 2 for the missing index k.
  const bit = Int8Array.from({ length: side }, (_, c) => (c === k ? 2 : positive.has(counts.classes[c]) ? 1 : 0));
  const sensitive = stats.columns.sensitive.length;
  const features = stats.features.slice(0, sensitive);
  const valueIds = features.map((d) => new Map(d.values.map((v, i) => [v, i])));
  const tables: CountTable[] = stats.combinations.map((c) => {
    const fs = c.features.map((name) => features.findIndex((d) => d.name === name));
    const table = emptyTable(fs, fs.map((f) => Math.max(1, features[f].values.length)), stats.weighted);
    const s = strides(table.sizes);
    task.keys.forEach((key, g) => {
      let group = 0;
      fs.forEach((f, j) => (group += valueIds[f].get(key[f])! * s[j]));
      const m = counts.cells[g];
      for (let a = 0; a < side; a++) {
        for (let b = 0; b < side; b++) table.cells[group * CELLS + bit[a] * 3 + bit[b]] += m[a * side + b];
      }
      if (table.rows && counts.rows) table.rows[group] += counts.rows[g];
    });
    return table;
  });
  const cells = new Float64Array(CELLS);
  counts.cells.forEach((m) => {
    for (let a = 0; a < side; a++) for (let b = 0; b < side; b++) cells[bit[a] * 3 + bit[b]] += m[a * side + b];
  });
  // Weighted statistics count unweighted rows per cell; the view's totals only feed row summaries.
  const { task: _task, ...rest } = stats;
  void _task;
  return {
    ...rest,
    columns: { ...stats.columns, strata: undefined, score: undefined },
    features,
    tables,
    scores: null,
    score_range: null,
    outcomes: { label: null, prediction: null },
    rows: { ...stats.rows, cells: stats.weighted ? stats.rows.cells : cells },
  };
}

/** The statistics of a multiclass or regression audit as its presence-only binary audit (for groups, sizes and eligibility). */
export function presenceView(stats: GroupStatistics): GroupStatistics {
  const { task: _task, ...rest } = stats;
  void _task;
  return { ...rest, scores: null, score_range: null };
}
