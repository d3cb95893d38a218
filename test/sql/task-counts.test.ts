/**
 * Multiclass and regression statistics from a count table equal those of one pass over the rows.
 * The count tables are made here: small ones written out by hand with their sums worked by hand,
 * and larger ones by a second, plain implementation of the count queries (group rows by their
 * values in a Map), never by fairaudit's SQL.
 */
import { Float64, Table, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import type { AuditConfig } from '../../src/config/types.js';
import { tableSource } from '../../src/load/memory.js';
import { analyzeStatistics } from '../../src/metrics/analyze.js';
import { collectStatistics, type GroupStatistics } from '../../src/metrics/statistics.js';
import { COUNT_COLUMNS } from '../../src/sql/count-query.js';
import type { CountRows } from '../../src/sql/count-rows.js';
import { statisticsFromCounts } from '../../src/sql/count-statistics.js';
import { HAS_LABEL_COLUMN, HAS_PREDICTION_COLUMN, PART_COLUMN, VALUE_COLUMN } from '../../src/sql/task-query.js';
import { Warnings } from '../../src/warnings.js';
import { columnsOf, dict, testRandom } from '../metrics/fixtures.js';

const C = COUNT_COLUMNS;

/** Each joint group's statistics by its key, so two statistics compare whatever order they met groups in. */
function byKey(stats: GroupStatistics): Record<string, unknown> {
  const task = stats.task!;
  return Object.fromEntries(
    task.keys.map((key, g) => [
      JSON.stringify(key),
      task.multiclass
        ? { cells: Array.from(task.multiclass.cells[g]), rows: task.multiclass.rows?.[g] ?? null }
        : (() => {
            const r = task.regression!.groups[g];
            return r ? { sums: Array.from(r.sums), values: [Array.from(r.values.values), Array.from(r.values.weights)], errors: [Array.from(r.errors.values), Array.from(r.errors.weights)] } : null;
          })(),
    ]),
  );
}

describe('multiclass statistics from a count table', () => {
  it('hold the (label class, prediction class) matrix of each group, worked by hand, padded classes trimmed', () => {
    const config = resolveConfig({ label: 'y', prediction: 'p', sensitive: ['sex'], bootstrap: 0 });
    const counts: CountRows = {
      names: ['sex', 'y', 'p', C.rows],
      rows: [
        ['f', 'A', 'A', 3],
        ['f', 'A', 'B', 1],
        ['f', 'B', 'B', 2],
        ['f', null, 'A', 1],
        ['m', ' B ', 'A', 2],
        ['m', 'C', 'C', 4],
      ],
    };
    const stats = statisticsFromCounts(counts, columnsOf(config), config, new Warnings());
    expect(stats.detection).toMatchObject({ task: 'multiclass', detected: true });
    const task = stats.task!;
    expect(task.multiclass!.classes).toEqual(['A', 'B', 'C']);
    // Rows label A, B, C, missing; columns prediction A, B, C, missing.
    const f = new Array(16).fill(0);
    f[0 * 4 + 0] = 3;
    f[0 * 4 + 1] = 1;
    f[1 * 4 + 1] = 2;
    f[3 * 4 + 0] = 1;
    const m = new Array(16).fill(0);
    m[1 * 4 + 0] = 2;
    m[2 * 4 + 2] = 4;
    expect(byKey(stats)).toEqual({ '["f"]': { cells: f, rows: null }, '["m"]': { cells: m, rows: null } });
    // The count table counts presence: f has 6 labelled rows and one without a label.
    expect(stats.rows.read).toBe(13);
    expect(Array.from(stats.rows.cells)).toEqual([12, 0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('with weights: each cell holds the weight sum, each group its rows', () => {
    const config = resolveConfig({ label: 'y', prediction: 'p', weight: 'w', sensitive: ['sex'], task: 'multiclass', bootstrap: 0 });
    const counts: CountRows = {
      names: ['sex', 'y', 'p', C.rows, C.weight, C.weightMissing, C.weightMin],
      rows: [
        ['f', 'A', 'A', 3, 1.5, 0, 0.5],
        ['f', 'B', 'A', 2, 4, 0, 2],
        ['m', 'A', 'B', 5, 2.25, 1, 0.25],
      ],
    };
    const stats = statisticsFromCounts(counts, columnsOf(config), config, new Warnings());
    const f = new Array(9).fill(0);
    f[0] = 1.5;
    f[3] = 4;
    const m = new Array(9).fill(0);
    m[1] = 2.25;
    expect(byKey(stats)).toEqual({ '["f"]': { cells: f, rows: 5 }, '["m"]': { cells: m, rows: 5 } });
    expect(stats.rows.missing_weight).toBe(1);
  });

  it('equal one pass over the rows, and so do the analysed results: groups, classes, rates, aggregates, intervals', async () => {
    const r = testRandom(5);
    const n = 3000;
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
    const rows = Array.from({ length: n }, () => {
      const label = r() < 0.03 ? null : pick(['low', 'mid', 'high', ' mid']);
      const prediction = r() < 0.03 ? null : r() < 0.6 && label ? label.trim() : pick(['low', 'mid', 'high']);
      return { race: pick(['White', 'Black', 'Asian', null]), sex: pick(['f', 'm']), label, prediction, w: Math.floor(r() * 8) / 4 };
    });
    const config: AuditConfig = { label: 'label', prediction: 'prediction', weight: 'w', sensitive: ['race', 'sex'], min_group_size: 10, bootstrap: 200, favorable: ['high'] };
    const resolved = resolveConfig(config);
    const table = new Table({
      race: dict(rows.map((x) => x.race)),
      sex: dict(rows.map((x) => x.sex)),
      label: dict(rows.map((x) => x.label)),
      prediction: dict(rows.map((x) => x.prediction)),
      w: vectorFromArray(rows.map((x) => x.w), new Float64()),
    });
    const fromRows = await collectStatistics(tableSource(table), columnsOf(resolved), resolved, new Warnings());
    // The count query by hand: rows grouped by every raw value, counted, weights summed.
    const groups = new Map<string, unknown[]>();
    for (const x of rows) {
      const key = JSON.stringify([x.race, x.sex, x.label, x.prediction]);
      const g = groups.get(key) ?? [x.race, x.sex, x.label, x.prediction, 0, 0, 0, Infinity];
      (g[4] as number)++;
      (g[5] as number) += x.w;
      g[7] = Math.min(g[7] as number, x.w);
      groups.set(key, g);
    }
    const counts: CountRows = { names: ['race', 'sex', 'label', 'prediction', C.rows, C.weight, C.weightMissing, C.weightMin], rows: [...groups.values()] };
    const fromCounts = statisticsFromCounts(counts, columnsOf(resolved), resolved, new Warnings());
    expect(fromCounts.task!.multiclass!.classes).toEqual(fromRows.task!.multiclass!.classes);
    expect(byKey(fromCounts)).toEqual(byKey(fromRows));
    expect(fromCounts.tables).toEqual(fromRows.tables);
    expect(fromCounts.detection).toEqual(fromRows.detection);
    const a = analyzeStatistics(fromCounts, resolved, new Warnings());
    const b = analyzeStatistics(fromRows, resolved, new Warnings());
    expect(a.attributes).toEqual(b.attributes);
    expect(a.checks).toEqual(b.checks);
  });
});

/** The regression count query by hand: a `rows` part, then label, prediction and error histograms per group. */
function regressionTable(rows: { g: string; y: number | null; p: number | null; w: number }[], weighted: boolean): CountRows {
  const parts = new Map<string, unknown[]>();
  const add = (key: unknown[], w: number) => {
    const id = JSON.stringify(key);
    const row = parts.get(id) ?? [...key, 0, 0, 0, Infinity];
    (row[5] as number)++;
    (row[6] as number) += w;
    row[8] = Math.min(row[8] as number, w);
    parts.set(id, row);
  };
  for (const x of rows) {
    add([x.g, 'rows', null, x.y === null ? 0 : 1, x.p === null ? 0 : 1], x.w);
    if (x.y === null || x.p === null) continue;
    add([x.g, 'label', x.y, null, null], x.w);
    add([x.g, 'prediction', x.p, null, null], x.w);
    add([x.g, 'error', x.p - x.y, null, null], x.w);
  }
  const names = ['g', PART_COLUMN, VALUE_COLUMN, HAS_LABEL_COLUMN, HAS_PREDICTION_COLUMN, C.rows, C.weight, C.weightMissing, C.weightMin];
  const keep = weighted ? names.length : 6;
  return { names: names.slice(0, keep), rows: [...parts.values()].map((row) => row.slice(0, keep)) };
}

describe('regression statistics from a regression count table', () => {
  const config = resolveConfig({ label: 'y', prediction: 'p', sensitive: ['g'], task: 'regression', bootstrap: 0 });

  it('take each group’s sums from its histograms: worked by hand', () => {
    const rows = [
      { g: 'f', y: 1, p: 2, w: 1 },
      { g: 'f', y: 3, p: 3, w: 1 },
      { g: 'f', y: 2, p: 5, w: 1 },
      { g: 'f', y: 4, p: null, w: 1 },
      { g: 'm', y: 10, p: 8, w: 1 },
      { g: 'm', y: 10, p: 8, w: 1 },
    ];
    const stats = statisticsFromCounts(regressionTable(rows, false), columnsOf(config), config, new Warnings());
    // f: Σw 3, Σy 6, Σy² 14, Σŷ 10, Σŷ² 38, errors 1, 0, 3: Σe 4, Σe² 10, Σ|e| 4, 3 rows.
    // m: Σw 2, Σy 20, Σy² 200, Σŷ 16, Σŷ² 128, errors −2, −2: Σe −4, Σe² 8, Σ|e| 4, 2 rows.
    expect(byKey(stats)).toEqual({
      '["f"]': { sums: [3, 6, 14, 10, 38, 4, 10, 4, 3], values: [[2, 3, 5], [1, 1, 1]], errors: [[0, 1, 3], [1, 1, 1]] },
      '["m"]': { sums: [2, 20, 200, 16, 128, -4, 8, 4, 2], values: [[8], [2]], errors: [[-2], [2]] },
    });
    // The count table counts presence: f's row without a prediction is counted, as missing.
    expect(stats.rows.read).toBe(6);
    expect(Array.from(stats.rows.cells)).toEqual([5, 0, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('equal one pass over the rows, weighted, and so do the analysed results with their bootstrap intervals', async () => {
    const r = testRandom(9);
    // Halves and quarters: every sum is exact in any order, so equality is to the bit.
    const rows = Array.from({ length: 2500 }, () => ({
      g: ['a', 'b', 'c', 'd'][Math.floor(r() * 4)],
      y: r() < 0.03 ? null : Math.round(r() * 400) / 2,
      p: r() < 0.03 ? null : Math.round(r() * 400) / 2,
      w: Math.floor(1 + r() * 8) / 4,
    }));
    // A group whose every row lacks its label: counted, with no regression rows.
    for (let i = 0; i < 40; i++) rows.push({ g: 'z', y: null, p: i, w: 1 });
    const weighted = resolveConfig({ label: 'y', prediction: 'p', weight: 'w', sensitive: ['g'], task: 'regression', min_group_size: 10, bootstrap: 300 });
    const table = new Table({
      g: dict(rows.map((x) => x.g)),
      y: vectorFromArray(rows.map((x) => x.y), new Float64()),
      p: vectorFromArray(rows.map((x) => x.p), new Float64()),
      w: vectorFromArray(rows.map((x) => x.w), new Float64()),
    });
    const fromRows = await collectStatistics(tableSource(table), columnsOf(weighted), weighted, new Warnings());
    const fromCounts = statisticsFromCounts(regressionTable(rows, true), columnsOf(weighted), weighted, new Warnings());
    // The file path keeps no regression group for z (no complete row), the count table an empty one.
    const groupsOf = (stats: GroupStatistics) => Object.fromEntries(Object.entries(byKey(stats)).filter(([key, g]) => key !== '["z"]' || g !== null));
    expect(groupsOf(fromCounts)).toEqual({ ...groupsOf(fromRows), '["z"]': { sums: new Array(9).fill(0), values: [[], []], errors: [[], []] } });
    expect(fromCounts.tables).toEqual(fromRows.tables);
    const a = analyzeStatistics(fromCounts, weighted, new Warnings());
    const b = analyzeStatistics(fromRows, weighted, new Warnings());
    expect(a.attributes).toEqual(b.attributes);
    expect(a.attributes[0].aggregate_intervals.mae_difference).not.toBeNull();
  });

  it('come from a joint count table too (the binary query\'s result for a regression outcome): detected as a file detects it, equal to one pass over the rows', async () => {
    const r = testRandom(13);
    // Whole numbers with 40 distinct values: a regression outcome whose joint count table stays short.
    const rows = Array.from({ length: 1500 }, () => ({
      g: ['a', 'b', 'c'][Math.floor(r() * 3)],
      y: r() < 0.03 ? null : Math.floor(r() * 40),
      p: r() < 0.03 ? null : Math.floor(r() * 40),
      w: Math.floor(1 + r() * 8) / 4,
    }));
    const detected = resolveConfig({ label: 'y', prediction: 'p', weight: 'w', sensitive: ['g'], min_group_size: 10, bootstrap: 200 });
    const table = new Table({
      g: dict(rows.map((x) => x.g)),
      y: vectorFromArray(rows.map((x) => x.y), new Float64()),
      p: vectorFromArray(rows.map((x) => x.p), new Float64()),
      w: vectorFromArray(rows.map((x) => x.w), new Float64()),
    });
    const fromRows = await collectStatistics(tableSource(table), columnsOf(detected), detected, new Warnings());
    const groups = new Map<string, unknown[]>();
    for (const x of rows) {
      const key = JSON.stringify([x.g, x.y, x.p]);
      const g = groups.get(key) ?? [x.g, x.y, x.p, 0, 0, 0, Infinity];
      (g[3] as number)++;
      (g[4] as number) += x.w;
      g[6] = Math.min(g[6] as number, x.w);
      groups.set(key, g);
    }
    const counts: CountRows = { names: ['g', 'y', 'p', C.rows, C.weight, C.weightMissing, C.weightMin], rows: [...groups.values()] };
    const fromCounts = statisticsFromCounts(counts, columnsOf(detected), detected, new Warnings());
    expect(fromRows.detection).toMatchObject({ task: 'regression', detected: true });
    expect(fromCounts.detection).toEqual(fromRows.detection);
    expect(byKey(fromCounts)).toEqual(byKey(fromRows));
    expect(analyzeStatistics(fromCounts, detected, new Warnings()).attributes).toEqual(analyzeStatistics(fromRows, detected, new Warnings()).attributes);
  });

  it('label only: the label is the distribution and the error is −label, as the file path reads a missing prediction', () => {
    const labelOnly = resolveConfig({ label: 'y', sensitive: ['g'], task: 'regression', bootstrap: 0 });
    const counts: CountRows = {
      names: ['g', PART_COLUMN, VALUE_COLUMN, HAS_LABEL_COLUMN, HAS_PREDICTION_COLUMN, C.rows],
      rows: [
        ['f', 'rows', null, 1, 0, 2],
        ['f', 'label', 3, null, null, 1],
        ['f', 'label', -1, null, null, 1],
      ],
    };
    const stats = statisticsFromCounts(counts, columnsOf(labelOnly), labelOnly, new Warnings());
    // Σw 2, Σy 2, Σy² 10, no prediction, e = −y: Σe −2, Σe² 10, Σ|e| 4, 2 rows.
    expect(byKey(stats)).toEqual({ '["f"]': { sums: [2, 2, 10, 0, 0, -2, 10, 4, 2], values: [[-1, 3], [1, 1]], errors: [[], []] } });
  });

  it('refuses an infinite or NaN outcome in one line naming the column, and a regression table read as another task', () => {
    const table = (value: number): CountRows => ({
      names: ['g', PART_COLUMN, VALUE_COLUMN, HAS_LABEL_COLUMN, HAS_PREDICTION_COLUMN, C.rows],
      rows: [
        ['f', 'rows', null, 1, 1, 1],
        ['f', 'label', value, null, null, 1],
        ['f', 'prediction', 1, null, null, 1],
        ['f', 'error', 1, null, null, 1],
      ],
    });
    expect(() => statisticsFromCounts(table(Infinity), columnsOf(config), config, new Warnings())).toThrow(/the label column holds an infinite value/);
    expect(() => statisticsFromCounts(table(NaN), columnsOf(config), config, new Warnings())).toThrow(/the label column holds NaN, which a database counts as a value/);
    const multiclass = resolveConfig({ ...config, task: 'multiclass' });
    expect(() => statisticsFromCounts(table(1), columnsOf(multiclass), multiclass, new Warnings())).toThrow(/the count table was made for a regression audit, not a multiclass one/);
  });
});
