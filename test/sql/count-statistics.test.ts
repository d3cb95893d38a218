/**
 * A count table read back gives the statistics one pass over the rows gives. The count table is
 * made here by a second, plain implementation of the count query (group rows by their raw values,
 * count them, sum their weights), not by fairaudit's SQL.
 */
import { Bool, Float64, vectorFromArray, Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import type { AuditConfig } from '../../src/config/types.js';
import { tableSource } from '../../src/load/memory.js';
import { analyzeStatistics } from '../../src/metrics/analyze.js';
import { collectStatistics, type GroupStatistics } from '../../src/metrics/statistics.js';
import { COUNT_COLUMNS } from '../../src/sql/count-query.js';
import type { CountRows } from '../../src/sql/count-rows.js';
import { statisticsFromCounts } from '../../src/sql/count-statistics.js';
import { Warnings } from '../../src/warnings.js';
import { columnsOf, dict, testRandom } from '../metrics/fixtures.js';

interface Row {
  race: string | null;
  member: boolean | null;
  age: number | null;
  income: number | null;
  rooms: number | null;
  label: string | null;
  score: number | null;
  w: number | null;
}

function rowsOf(n: number): Row[] {
  const r = testRandom(11);
  const races = ['White', 'Black ', 'Asian', null];
  return Array.from({ length: n }, () => ({
    race: races[Math.floor(r() * races.length)],
    member: r() < 0.05 ? null : r() < 0.7,
    age: r() < 0.05 ? null : 18 + Math.floor(r() * 70),
    income: r() < 0.05 ? null : Math.round(r() * 100) * 1000,
    rooms: Math.floor(r() * 4),
    label: r() < 0.05 ? null : r() < 0.4 ? 'Yes' : 'no',
    score: r() < 0.05 ? null : Math.round(r() * 50) / 50,
    // Quarters, so sums are exact in any order.
    w: r() < 0.05 ? null : Math.floor(r() * 8) / 4,
  }));
}

function tableOf(rows: Row[]): Table {
  const column = <K extends keyof Row>(key: K) => rows.map((row) => row[key]);
  return new Table({
    race: dict(column('race')),
    member: vectorFromArray(column('member'), new Bool()),
    age: vectorFromArray(column('age'), new Float64()),
    income: vectorFromArray(column('income'), new Float64()),
    rooms: vectorFromArray(column('rooms'), new Float64()),
    label: dict(column('label')),
    score: vectorFromArray(column('score'), new Float64()),
    w: vectorFromArray(column('w'), new Float64()),
  });
}

/** The count query done by hand: `rooms` binned at the config's cut points, every other column raw. */
function countTable(rows: Row[], edges: number[]): CountRows {
  const groups = new Map<string, { key: unknown[]; n: number; w: number; missing: number; min: number }>();
  for (const row of rows) {
    const bin = row.rooms === null ? null : edges.filter((e) => row.rooms! >= e).length;
    const key = [row.race, row.member, row.age, row.income, bin, row.label, row.score];
    const id = JSON.stringify(key);
    const g = groups.get(id) ?? { key, n: 0, w: 0, missing: 0, min: Infinity };
    g.n++;
    if (row.w === null) g.missing++;
    else {
      g.w += row.w;
      g.min = Math.min(g.min, row.w);
    }
    groups.set(id, g);
  }
  return {
    names: ['race', 'member', 'age', 'income', 'rooms', 'label', 'score', COUNT_COLUMNS.rows, COUNT_COLUMNS.weight, COUNT_COLUMNS.weightMissing, COUNT_COLUMNS.weightMin],
    rows: [...groups.values()].map((g) => [...g.key, g.n, g.missing === g.n ? null : g.w, g.missing, g.min === Infinity ? null : g.min]),
  };
}

/** Score rows as a sorted list (their order follows the rows, not the groups). */
function scoreList(stats: GroupStatistics): string[] {
  const s = stats.scores!;
  return Array.from({ length: s.length }, (_, i) => JSON.stringify([s.score[i], s.label[i], ...s.groups.map((g) => g[i])])).sort();
}

describe('statistics from a count table', () => {
  const config: AuditConfig = {
    label: 'label',
    score: 'score',
    weight: 'w',
    positive: 'yes',
    sensitive: ['race', 'member', 'age', 'income', 'rooms'],
    bins: { rooms: [1, 3] },
    bootstrap: 0,
  };

  it('equal the statistics of one pass over the rows: groups, bins, weighted cells, outcomes, scores', async () => {
    const rows = rowsOf(4000);
    const resolved = resolveConfig(config);
    const columns = columnsOf(resolved);
    const fromRows = await collectStatistics(tableSource(tableOf(rows)), columns, resolved, new Warnings());
    const fromCounts = statisticsFromCounts(countTable(rows, [1, 3]), columns, resolved, new Warnings());
    // Quartile bins of income, age bands, the padded value trimmed, both booleans: as the file path decides.
    expect(fromCounts.features.find((f) => f.name === 'income')!.bins!.method).toBe('quartiles');
    expect(fromCounts.features.find((f) => f.name === 'age')!.bins!.method).toBe('age');
    expect(fromCounts.features.map((f) => f.values)).toEqual(fromRows.features.map((f) => f.values));
    expect(fromCounts.features).toEqual(fromRows.features);
    expect(fromCounts.tables).toEqual(fromRows.tables);
    expect(fromCounts.rows).toEqual(fromRows.rows);
    expect(fromCounts.outcomes).toEqual(fromRows.outcomes);
    expect(fromCounts.score_range).toEqual(fromRows.score_range);
    expect(scoreList(fromCounts)).toEqual(scoreList(fromRows));
    expect({ ...fromCounts, scores: null }).toEqual({ ...fromRows, scores: null });
    // And so the metrics (scores summed in another order may differ in the last bits only).
    const a = analyzeStatistics(fromCounts, resolved, new Warnings());
    const b = analyzeStatistics(fromRows, resolved, new Warnings());
    expect(a.attributes.map((x) => x.groups.map((g) => [g.n, g.counts, g.rates]))).toEqual(b.attributes.map((x) => x.groups.map((g) => [g.n, g.counts, g.rates])));
    expect(a.checks).toEqual(b.checks);
  });

  it('refuses a negative weight and a count that is not a whole number, as the file path would', () => {
    const resolved = resolveConfig(config);
    const counts = countTable(rowsOf(200), [1, 3]);
    counts.rows[0][counts.names.indexOf(COUNT_COLUMNS.weightMin)] = -1;
    expect(() => statisticsFromCounts(counts, columnsOf(resolved), resolved, new Warnings())).toThrow(/weights must be finite and not negative/);
    const fractional = countTable(rowsOf(200), [1, 3]);
    fractional.rows[0][fractional.names.indexOf(COUNT_COLUMNS.rows)] = 1.5;
    expect(() => statisticsFromCounts(fractional, columnsOf(resolved), resolved, new Warnings())).toThrow(/fa_rows column holds 1.5 in row 1; expected a whole number/);
  });

  it('reads a label with three classes and no positive: as a multiclass audit (never as yes/no), and refuses one counted with GROUPING SETS', () => {
    const resolved = resolveConfig({ ...config, positive: undefined });
    const rows = rowsOf(300).map((row, i) => ({ ...row, label: row.label === null ? null : ['low', 'mid', 'high'][i % 3] }));
    const stats = statisticsFromCounts(countTable(rows, [1, 3]), columnsOf(resolved), resolved, new Warnings());
    expect(stats.detection).toMatchObject({ task: 'multiclass', detected: true });
    expect(stats.detection!.reason).toMatch(/the label "label" holds 3 classes/);
    expect(stats.task!.multiclass!.classes).toEqual(['high', 'low', 'mid']);
    const sets = countTable(rows, [1, 3]);
    sets.names.push(...resolved.sensitive!.map((name) => `fa_grouping_${name}`));
    for (const row of sets.rows) row.push(0, 0, 0, 0, 0);
    expect(() => statisticsFromCounts(sets, columnsOf(resolved), resolved, new Warnings())).toThrow(/a multiclass audit needs a joint count table, not one made with GROUPING SETS/);
  });

  it('names a column the count table lacks', () => {
    const resolved = resolveConfig({ ...config, strata: 'region' });
    expect(() => statisticsFromCounts(countTable(rowsOf(50), [1, 3]), columnsOf(resolved), resolved, new Warnings())).toThrow(/the count table has no column "region"/);
  });
});

