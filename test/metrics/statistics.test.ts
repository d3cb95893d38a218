import { Bool, Float64, tableFromArrays, Utf8, vectorFromArray, type Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import type { AuditConfig } from '../../src/config/types.js';
import { UserError } from '../../src/errors.js';
import { tableSource } from '../../src/load/memory.js';
import { analyzeStatistics } from '../../src/metrics/analyze.js';
import { CELLS } from '../../src/metrics/count-table.js';
import { collectStatistics, JOINT_GROUP_LIMIT, mergeStatistics, validateStatistics, type GroupStatistics } from '../../src/metrics/statistics.js';
import { Warnings } from '../../src/warnings.js';
import { attribute, audit, batchesWithOwnDictionaries, columnsOf, dict, group, testRandom } from './fixtures.js';

async function statsOf(table: Table, config: AuditConfig, batchSize?: number, validate = true): Promise<GroupStatistics> {
  const resolved = resolveConfig({ bootstrap: 0, ...config });
  return collectStatistics(tableSource(table), columnsOf(resolved), resolved, new Warnings(), { batchSize, validate });
}

async function userError(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

/** Random rows over three sensitive columns, with label, prediction, score and weight. */
function randomTable(rows: number, seed: number): Table {
  const random = testRandom(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const sex: (string | null)[] = [];
  const race: string[] = [];
  const region: string[] = [];
  const y: number[] = [];
  const p: number[] = [];
  const s: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < rows; i++) {
    sex.push(random() < 0.05 ? null : pick(['f', 'm']));
    // 'late' appears only in the last fifth of the rows, so early parts never see it.
    race.push(i > rows * 0.8 && random() < 0.3 ? 'late' : pick(['a', 'b', 'c', 'd', 'e']));
    region.push(pick(['n', 's', 'e', 'w']));
    y.push(random() < 0.4 ? 1 : 0);
    p.push(random() < 0.5 ? 1 : 0);
    s.push(Math.round(random() * 1000) / 1000);
    w.push(1 + Math.floor(random() * 3));
  }
  return tableFromArrays({
    sex: dict(sex) as never,
    race: dict(race) as never,
    region: dict(region) as never,
    y: Int32Array.from(y),
    p: Int32Array.from(p),
    s: Float64Array.from(s),
    w: Float64Array.from(w),
  });
}

const fullConfig: AuditConfig = { label: 'y', prediction: 'p', score: 's', weight: 'w', sensitive: ['sex', 'race', 'region'], min_group_size: 0 };

describe('splitting and merging', () => {
  it('merging the statistics of k parts equals one pass over all rows', async () => {
    const table = randomTable(3000, 7);
    const whole = await statsOf(table, fullConfig, 500);
    const cuts = [0, 700, 1900, 2400, 3000];
    let merged: GroupStatistics | null = null;
    for (let i = 0; i + 1 < cuts.length; i++) {
      const part = await statsOf(table.slice(cuts[i], cuts[i + 1]), fullConfig, 256, false);
      merged = merged ? mergeStatistics(merged, part) : part;
    }
    // The first part never saw 'late': domains were united in canonical order.
    expect(merged!.features.map((f) => f.values)).toEqual(whole.features.map((f) => f.values));
    expect(merged!.tables.length).toBe(whole.tables.length);
    expect(Array.from(merged!.tables[0].cells)).toEqual(Array.from(whole.tables[0].cells));
    expect(Array.from(merged!.tables[0].rows!)).toEqual(Array.from(whole.tables[0].rows!));
    expect(Array.from(merged!.scores!.score)).toEqual(Array.from(whole.scores!.score));
    expect(merged!.scores!.groups.map((g) => Array.from(g))).toEqual(whole.scores!.groups.map((g) => Array.from(g)));
    expect(merged!.rows.read).toBe(3000);
    // And the analysis, bootstrap included, is the same.
    const config = resolveConfig({ ...fullConfig, bootstrap: 50 });
    const a = analyzeStatistics(merged!, config, new Warnings());
    const b = analyzeStatistics(whole, config, new Warnings());
    expect(a).toEqual(b);
  });

  it('calls onFirstBatch once, after the first batch is counted (and once for no rows at all)', async () => {
    const resolved = resolveConfig({ bootstrap: 0, label: 'y', sensitive: ['sex'] });
    const table = tableFromArrays({ sex: ['f', 'm', 'f', 'm', 'f'], y: Float64Array.from([1, 0, 1, 1, 0]) });
    const source = tableSource(table);
    const seen: number[] = [];
    const scan = source.scan.bind(source);
    // Record, at each call, how many batches the count had asked for.
    let batches = 0;
    source.scan = async function* (options) {
      for await (const batch of scan(options)) {
        batches++;
        yield batch;
      }
    };
    await collectStatistics(source, columnsOf(resolved), resolved, new Warnings(), { batchSize: 2, onFirstBatch: () => seen.push(batches) });
    expect(seen).toEqual([1]);
    const empty = tableSource(table.slice(0, 0));
    let calls = 0;
    await collectStatistics(empty, columnsOf(resolved), resolved, new Warnings(), { validate: false, onFirstBatch: () => calls++ });
    expect(calls).toBe(1);
  });

  it('counts every row once whatever the batch size', async () => {
    const table = randomTable(1000, 3);
    const one = await statsOf(table, fullConfig);
    const many = await statsOf(table, fullConfig, 37);
    expect(Array.from(many.tables[0].cells)).toEqual(Array.from(one.tables[0].cells));
  });

  it('falls back to one table per combination when the joint table would be too large, with the same counts', async () => {
    const random = testRandom(11);
    const n = 4000;
    const cols = ['a', 'b', 'c'].map(() => Array.from({ length: n }, () => `v${Math.floor(random() * 90)}`));
    const y = Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0));
    const table = tableFromArrays({ a: dict(cols[0]) as never, b: dict(cols[1]) as never, c: dict(cols[2]) as never, y: Int32Array.from(y) });
    expect(90 ** 3).toBeGreaterThan(JOINT_GROUP_LIMIT);
    const { stats, analysis } = await audit(table, { label: 'y', sensitive: ['a', 'b', 'c'], min_group_size: 0 });
    expect(stats.tables.length).toBe(6); // a, b, c, a × b, a × c, b × c
    // Naive count of one intersection group, first pair seen.
    const key = [cols[0][0], cols[1][0]];
    let rows = 0;
    let positives = 0;
    for (let i = 0; i < n; i++) {
      if (cols[0][i] === key[0] && cols[1][i] === key[1]) {
        rows++;
        positives += y[i];
      }
    }
    const found = group(analysis, 'a × b', key.join(' × '));
    expect(found.n).toBe(rows);
    expect(found.rates.base_rate).toBeCloseTo(positives / rows, 12);
    // Merging two halves in this mode also equals one pass.
    const first = await statsOf(table.slice(0, 1500), { label: 'y', sensitive: ['a', 'b', 'c'] }, undefined, false);
    const second = await statsOf(table.slice(1500), { label: 'y', sensitive: ['a', 'b', 'c'] }, undefined, false);
    const merged = mergeStatistics(first, second);
    merged.tables.forEach((t, i) => expect(Array.from(t.cells)).toEqual(Array.from(stats.tables[i].cells)));
  });
});

describe('weights', () => {
  it('sums weights into the counts and judges group size by rows', async () => {
    // A: (y 1, ŷ 1, w 2), (y 0, ŷ 1, w 1), (y 0, ŷ 0, w 3): n = 6, selection (2 + 1)/6, FPR 1/(1 + 3).
    const table = tableFromArrays({
      g: dict(['A', 'A', 'A', 'B', 'B', 'B', 'B']) as never,
      y: Int32Array.of(1, 0, 0, 1, 1, 0, 0),
      p: Int32Array.of(1, 1, 0, 1, 0, 0, 0),
      w: Float64Array.of(2, 1, 3, 1, 1, 1, 1),
    });
    const { analysis } = await audit(table, { label: 'y', prediction: 'p', weight: 'w', sensitive: ['g'], min_group_size: 4 });
    const a = group(analysis, 'g', 'A');
    expect(a.n).toBe(6);
    expect(a.rows).toBe(3);
    expect(a.counts).toMatchObject({ tp: 2, fp: 1, tn: 3, fn: 0 });
    expect(a.rates.selection_rate).toBeCloseTo(3 / 6, 12);
    expect(a.rates.fpr).toBeCloseTo(1 / 4, 12);
    expect(a.eligible).toBe(false); // 3 rows < 4, although the weights sum to 6
    expect(group(analysis, 'g', 'B').eligible).toBe(true);
    expect(analysis.rows.rows_read).toBe(7);
  });

  it('refuses a negative weight', async () => {
    const table = tableFromArrays({ g: dict(['A', 'B']) as never, y: Int32Array.of(1, 0), w: Float64Array.of(1, -2) });
    const error = await userError(audit(table, { label: 'y', weight: 'w', sensitive: ['g'] }));
    expect(error.message).toContain('-2');
    expect(error.place.column).toBe('w');
  });
});

describe('sensitive columns as groups', () => {
  it('maps dictionary codes of batches with different dictionaries to one set of groups', async () => {
    // Batch 1: dictionary [x, y], rows x y x (labels 1 0 1). Batch 2: dictionary [z, x], rows z x x (labels 0 1 0).
    const table = batchesWithOwnDictionaries('g', [
      { dictionary: ['x', 'y'], codes: [0, 1, 0], numbers: { label: [1, 0, 1] } },
      { dictionary: ['z', 'x'], codes: [0, 1, 1], numbers: { label: [0, 1, 0] } },
    ]);
    expect(table.batches[1].data.children[0].dictionary).not.toBe(table.batches[0].data.children[0].dictionary);
    const { analysis } = await audit(table, { label: 'label', sensitive: ['g'], min_group_size: 0 });
    const groups = attribute(analysis, 'g').groups.map((g) => [g.key.g, g.n, g.rates.base_rate]);
    // x: 4 rows, 3 positive; y: 1 row, 0; z: 1 row, 0.
    expect(groups).toEqual([
      ['x', 4, 0.75],
      ['y', 1, 0],
      ['z', 1, 0],
    ]);
  });

  it('puts nulls, NaN and empty text in a (missing) group, never dropping them', async () => {
    const table = tableFromArrays({
      d: dict(['a', null, 'a', 'b']) as never,
      t: vectorFromArray(['a', null, '', 'b'], new Utf8()) as never,
      x: Float64Array.of(1, NaN, 2, 1),
      y: Int32Array.of(1, 1, 0, 0),
    });
    const { analysis } = await audit(table, { label: 'y', sensitive: ['d', 't', 'x'], min_group_size: 0, intersections: 'none' });
    expect(group(analysis, 'd', '(missing)').n).toBe(1);
    expect(group(analysis, 't', '(missing)').n).toBe(2);
    expect(group(analysis, 'x', '(missing)').n).toBe(1);
    // (missing) is listed last.
    expect(attribute(analysis, 'd').groups.map((g) => g.key.d)).toEqual(['a', 'b', '(missing)']);
  });

  it('reads booleans and coded numbers as categories', async () => {
    const table = tableFromArrays({
      b: vectorFromArray([true, false, true, null], new Bool()) as never,
      code: Int32Array.of(2, 1, 2, 10),
      y: Int32Array.of(1, 0, 0, 1),
    });
    const { analysis } = await audit(table, { label: 'y', sensitive: ['b', 'code'], min_group_size: 0, intersections: 'none' });
    expect(attribute(analysis, 'b').groups.map((g) => [g.key.b, g.n])).toEqual([
      ['false', 1],
      ['true', 2],
      ['(missing)', 1],
    ]);
    expect(attribute(analysis, 'code').groups.map((g) => g.key.code)).toEqual(['1', '2', '10']);
    expect(attribute(analysis, 'code').bins).toBeUndefined();
  });

  it('bins numeric columns: config cut points, age bands for age-like names, else quartiles', async () => {
    const table = tableFromArrays({
      age: Float64Array.of(19, 24, 25, 44, 45, 64, 65, 90),
      income: Float64Array.of(1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5),
      tenure: Float64Array.of(0.5, 1, 3, 7, 12, 20, 25, 30),
      y: Int32Array.of(1, 0, 1, 0, 1, 0, 1, 0),
    });
    const { analysis } = await audit(table, { label: 'y', sensitive: ['age', 'income', 'tenure'], bins: { tenure: [10, 2] }, min_group_size: 0, intersections: 'none' });
    const age = attribute(analysis, 'age');
    expect(age.bins).toEqual([{ feature: 'age', edges: [25, 45, 65], labels: ['<25', '25–44', '45–64', '65+'], method: 'age' }]);
    expect(age.groups.map((g) => [g.key.age, g.n])).toEqual([
      ['<25', 2],
      ['25–44', 2],
      ['45–64', 2],
      ['65+', 2],
    ]);
    // Quartiles (type 7) of 1.5 … 8.5: h = 7p → 1.5 + 1.75 = 3.25, 5, 6.75.
    const income = attribute(analysis, 'income');
    expect(income.bins![0].method).toBe('quartiles');
    expect(income.bins![0].edges).toEqual([3.25, 5, 6.75]);
    expect(income.groups.map((g) => [g.key.income, g.n])).toEqual([
      ['<3.25', 2],
      ['3.25–<5', 2],
      ['5–<6.75', 2],
      ['≥6.75', 2],
    ]);
    // Config cut points are sorted: [2, 10] → <2 (0.5, 1), 2–<10 (3, 7), ≥10 (12, 20, 25, 30).
    const tenure = attribute(analysis, 'tenure');
    expect(tenure.bins![0]).toMatchObject({ method: 'config', edges: [2, 10] });
    expect(tenure.groups.map((g) => g.n)).toEqual([2, 2, 4]);
  });

  it('names intersections with × and lists their groups', async () => {
    const table = tableFromArrays({ race: dict(['a', 'b', 'a']) as never, sex: dict(['f', 'f', 'm']) as never, y: Int32Array.of(1, 0, 1) });
    const { analysis } = await audit(table, { label: 'y', sensitive: ['race', 'sex'], min_group_size: 0 });
    const inter = attribute(analysis, 'race × sex');
    expect(inter.kind).toBe('intersection');
    expect(inter.features).toEqual(['race', 'sex']);
    expect(inter.groups.map((g) => g.key)).toEqual([
      { race: 'a', sex: 'f' },
      { race: 'a', sex: 'm' },
      { race: 'b', sex: 'f' },
    ]);
  });
});

describe('bad input', () => {
  it('refuses a label with more than two values in a binary audit unless positive is set, naming the values', async () => {
    const table = tableFromArrays({ g: dict(['A', 'B', 'A']) as never, y: dict(['low', 'mid', 'high']) as never });
    // Without task: binary, three label values make a multiclass audit (detected).
    expect((await audit(table, { label: 'y', sensitive: ['g'] })).stats.task?.detection.task).toBe('multiclass');
    const error = await userError(audit(table, { label: 'y', sensitive: ['g'], task: 'binary' }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('"low", "mid", "high"');
    expect(error.place.column).toBe('y');
    expect(error.hint).toContain('set positive');
    const { analysis } = await audit(table, { label: 'y', sensitive: ['g'], positive: 'HIGH', min_group_size: 0 });
    expect(group(analysis, 'g', 'A').rates.base_rate).toBe(0.5);
  });

  it('refuses a numeric prediction with values other than 0 and 1 in a binary audit unless positive is set', async () => {
    const table = tableFromArrays({ g: dict(['A', 'B', 'A']) as never, p: Int32Array.of(0, 1, 2) });
    expect((await audit(table, { prediction: 'p', sensitive: ['g'] })).stats.task?.detection.task).toBe('multiclass');
    const error = await userError(audit(table, { prediction: 'p', sensitive: ['g'], task: 'binary' }));
    expect(error.message).toMatch(/prediction column has more than two distinct values \("0", "1", "2"/);
    const { analysis } = await audit(table, { prediction: 'p', sensitive: ['g'], positive: 2, min_group_size: 0 });
    expect(group(analysis, 'g', 'A').rates.selection_rate).toBe(0.5);
  });

  it('refuses two labels neither of which counts as positive by default', async () => {
    const table = tableFromArrays({ g: dict(['A', 'B']) as never, y: dict(['approved', 'denied']) as never });
    const error = await userError(audit(table, { label: 'y', sensitive: ['g'] }));
    expect(error.message).toContain('"approved" and "denied"');
    expect(error.hint).toContain('positive');
  });

  it('accepts yes/no, true/false and t/f labels case-insensitively', async () => {
    const table = tableFromArrays({ g: dict(['A', 'A', 'A', 'A']) as never, y: dict(['Yes', 'no', 'YES', 'No']) as never, z: dict(['T', 'f', 'f', 'f']) as never });
    const { analysis } = await audit(table, { label: 'y', prediction: 'z', sensitive: ['g'], min_group_size: 0 });
    expect(group(analysis, 'g', 'A').counts).toMatchObject({ tp: 1, fn: 1, tn: 2, fp: 0 });
  });

  it('refuses scores outside [0, 1] when no threshold is given', async () => {
    const table = tableFromArrays({ g: dict(['A', 'B']) as never, y: Int32Array.of(1, 0), s: Float64Array.of(2.5, -1) });
    const error = await userError(audit(table, { label: 'y', score: 's', sensitive: ['g'] }));
    expect(error.message).toContain('outside [0, 1]');
    expect(error.hint).toContain('threshold');
    const given = await audit(table, { label: 'y', score: 's', sensitive: ['g'], threshold: 0 });
    expect(given.analysis.outcome).toBe('prediction');
    // An explicit 0.5 counts as given when the caller says so.
    const flagged = await audit(table, { label: 'y', score: 's', sensitive: ['g'] }, { thresholdGiven: true });
    expect(group(flagged.analysis, 'g', 'A').scores!.ece).toBeNull();
    expect(group(flagged.analysis, 'g', 'A').scores!.ece_null_reason).toContain('not probabilities');
  });

  it('refuses a score column that is not numeric', async () => {
    const table = tableFromArrays({ g: dict(['A', 'B']) as never, y: Int32Array.of(1, 0), s: dict(['high', 'low']) as never });
    const error = await userError(audit(table, { label: 'y', score: 's', sensitive: ['g'] }));
    expect(error.message).toContain('expected numbers');
    expect(error.place.column).toBe('s');
  });

  it('refuses an audit whose labels are all missing', async () => {
    const table = tableFromArrays({ g: dict(['A', 'B']) as never, y: dict([null, null]) as never });
    const error = await userError(audit(table, { label: 'y', sensitive: ['g'] }));
    expect(error.message).toContain('every label is missing');
  });

  it('warns, not crashes, on a sensitive column with a single group', async () => {
    const table = tableFromArrays({ g: dict(['A', 'A', 'A']) as never, y: Int32Array.of(1, 0, 1), p: Int32Array.of(1, 1, 0) });
    const { analysis, warnings } = await audit(table, { label: 'y', prediction: 'p', sensitive: ['g'], min_group_size: 0 });
    expect(warnings.list().find((w) => w.code === 'single-group')?.message).toContain('"g"');
    expect(attribute(analysis, 'g').aggregates.demographic_parity_difference).toBeNull();
    expect(analysis.checks.every((c) => c.verdict === 'insufficient-data')).toBe(true);
    expect(analysis.verdict).toBe('insufficient-data');
    // One group leaves nothing to compare: not one check judged, exit 1.
    expect(analysis.exit_code).toBe(1);
  });

  it('refuses a sensitive column with thousands of distinct values, with a hint', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `id-${i}`);
    const table = tableFromArrays({ id: dict(ids) as never, y: Int32Array.from(ids.map((_, i) => i % 2)) });
    const error = await userError(audit(table, { label: 'y', sensitive: ['id'] }));
    expect(error.message).toContain('more than 200 distinct values');
    expect(error.place.column).toBe('id');
    expect(error.hint).toContain('identifier');
    expect(error.hint).toContain('max_groups');
  });

  it('refuses an unknown column with the nearest name', async () => {
    const table = tableFromArrays({ gender: dict(['A', 'B']) as never, y: Int32Array.of(1, 0) });
    const error = await userError(audit(table, { label: 'y', sensitive: ['gendr'] }));
    expect(error.hint).toContain('gender');
  });
});

describe('outcome columns', () => {
  it('reads 0/1 numbers with nulls and NaN as missing', async () => {
    const table = tableFromArrays({
      g: dict(['A', 'A', 'A', 'A', 'A']) as never,
      y: vectorFromArray([1, 0, null, NaN, 1], new Float64()) as never,
    });
    const { analysis } = await audit(table, { label: 'y', sensitive: ['g'], min_group_size: 0 });
    const a = group(analysis, 'g', 'A');
    expect(a.counts.label_missing + a.counts.both_missing).toBe(2);
    expect(a.rates.base_rate).toBeCloseTo(2 / 3, 12);
  });

  it('refuses, once merged, a label whose parts each held two of three values', async () => {
    const part = (values: string[]) => tableFromArrays({ g: dict(values.map(() => 'A')) as never, y: dict(values) as never });
    const config = { label: 'y', sensitive: ['g'], positive: undefined };
    const a = await statsOf(part(['1', '0']), config, undefined, false);
    const b = await statsOf(part(['1', 'maybe']), config, undefined, false);
    const merged = mergeStatistics(a, b);
    expect(() => validateStatistics(merged, new Warnings())).toThrow(/more than two distinct values \("1", "0", "maybe"/);
  });
});

describe('the count table', () => {
  it('holds nine cells per group indexed 3 · label + prediction', async () => {
    const table = tableFromArrays({ g: dict(['A', 'A', 'A']) as never, y: dict(['1', null, '0']) as never, p: Int32Array.of(1, 1, 0) });
    const stats = await statsOf(table, { label: 'y', prediction: 'p', sensitive: ['g'] });
    const cells = Array.from(stats.tables[0].cells.subarray(0, CELLS));
    // (1, 1) → 4; (missing, 1) → 7; (0, 0) → 0
    expect(cells).toEqual([1, 0, 0, 0, 1, 0, 0, 1, 0]);
  });
});

describe('bin labels', () => {
  it('writes whole-year age bands as people do when an age column gets whole-number cut points', async () => {
    const { configBins } = await import('../../src/metrics/bins.js');
    // Cut points 25, 45, 65 on an age: ages 25 to 44 form the second band, 65 and over the last.
    expect(configBins('applicant_age', [45, 25, 65]).labels).toEqual(['<25', '25–44', '45–64', '65+']);
    // Not an age, or fractional cut points: half-open intervals, said exactly.
    expect(configBins('income', [25, 45]).labels).toEqual(['<25', '25–<45', '≥45']);
    expect(configBins('age', [25.5, 45]).labels).toEqual(['<25.5', '25.5–<45', '≥45']);
  });
});
