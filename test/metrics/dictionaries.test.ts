/**
 * Per-batch dictionaries (DESIGN §2, issue 3): Parquet row groups each carry their own dictionary,
 * so code 0 can mean "f" in one batch and "m" in the next. The counts must equal a naive count over
 * the rows' values, whichever counting path a batch takes (codes without nulls, ids with nulls or
 * with scores), with weights, and when a dictionary comes back after another one.
 */
import { Data, Dictionary, Field, Float64, Int32, makeData, RecordBatch, Schema, Struct, Table, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { AuditConfig } from '../../src/config/types.js';
import { attribute, audit, testRandom } from './fixtures.js';

interface Row {
  sex: string | null;
  race: string;
  y: string | null;
  p: number;
  s: number;
  w: number;
}

const SEXES = ['f', 'm', 'x'];
const RACES = ['a', 'b', 'c', 'd'];

function randomRows(n: number, random: () => number, sexNulls: boolean): Row[] {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  return Array.from({ length: n }, () => ({
    sex: sexNulls && random() < 0.2 ? null : pick(SEXES),
    race: pick(RACES),
    y: random() < 0.1 ? null : pick(['yes', 'no']),
    p: random() < 0.5 ? 1 : 0,
    s: Math.round(random() * 100) / 100,
    w: 0.5 + Math.round(random() * 4) / 2,
  }));
}

const types = {
  sex: new Dictionary(new Utf8(), new Int32(), 1),
  race: new Dictionary(new Utf8(), new Int32(), 2),
  y: new Dictionary(new Utf8(), new Int32(), 3),
};
const schema = new Schema([
  new Field('sex', types.sex, true),
  new Field('race', types.race, true),
  new Field('y', types.y, true),
  new Field('p', new Float64(), true),
  new Field('s', new Float64(), true),
  new Field('w', new Float64(), true),
]);

function dictionaryData(type: Dictionary<Utf8, Int32>, values: (string | null)[], dictionary: Vector<Utf8>): Data {
  const entries = Array.from({ length: dictionary.length }, (_, i) => dictionary.get(i));
  const codes = Int32Array.from(values, (v) => (v === null ? 0 : entries.indexOf(v)));
  if (codes.some((c) => c < 0)) throw new Error('test setup: a value is missing from its dictionary');
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  values.forEach((v, i) => {
    if (v === null) nulls++;
    else bitmap[i >> 3] |= 1 << (i & 7);
  });
  return makeData({ type, length: values.length, nullCount: nulls, ...(nulls > 0 ? { nullBitmap: bitmap } : {}), data: codes, dictionary });
}

/** One record batch of `rows`, each dictionary column coded into the dictionary given for it. */
function batchOf(rows: Row[], dictionaries: { sex: Vector<Utf8>; race: Vector<Utf8>; y: Vector<Utf8> }): RecordBatch {
  const numbers = (f: (r: Row) => number) => makeData({ type: new Float64(), length: rows.length, nullCount: 0, data: Float64Array.from(rows, f) });
  const children = [
    dictionaryData(types.sex, rows.map((r) => r.sex), dictionaries.sex),
    dictionaryData(types.race, rows.map((r) => r.race), dictionaries.race),
    dictionaryData(types.y, rows.map((r) => r.y), dictionaries.y),
    numbers((r) => r.p),
    numbers((r) => r.s),
    numbers((r) => r.w),
  ];
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children }));
}

const utf8 = (values: string[]) => vectorFromArray(values, new Utf8()) as Vector<Utf8>;
// Each set orders the values differently and holds an entry no row uses; set 0 comes back in batch 2.
const DICTIONARIES = [
  { sex: utf8(['f', 'm', 'x']), race: utf8(['a', 'b', 'c', 'd']), y: utf8(['no', 'yes']) },
  { sex: utf8(['x', 'unused', 'm', 'f']), race: utf8(['d', 'c', 'b', 'a', 'e']), y: utf8(['yes', 'maybe', 'no']) },
  null,
  { sex: utf8(['m', 'f', 'x']), race: utf8(['c', 'a', 'd', 'b']), y: utf8(['no', 'yes']) },
];

/** Four batches with their own dictionaries; `nullBatches` lists the batches with null sex values. */
function dataset(seed: number, nullBatches: number[]): { rows: Row[]; table: Table } {
  const random = testRandom(seed);
  const rows: Row[] = [];
  const batches = DICTIONARIES.map((d, i) => {
    const part = randomRows(40 + Math.floor(random() * 40), random, nullBatches.includes(i));
    rows.push(...part);
    return batchOf(part, d ?? DICTIONARIES[0]!);
  });
  return { rows, table: new Table(batches) };
}

/** The naive count: one pass over the rows' values, no codes. */
function naiveCounts(rows: Row[], key: (r: Row) => string, weighted: boolean) {
  const out = new Map<string, { n: number; tp: number; fp: number; tn: number; fn: number; label_missing: number }>();
  for (const r of rows) {
    const k = key(r);
    const c = out.get(k) ?? { n: 0, tp: 0, fp: 0, tn: 0, fn: 0, label_missing: 0 };
    const w = weighted ? r.w : 1;
    c.n += w;
    if (r.y === null) c.label_missing += w;
    else if (r.y === 'yes' && r.p) c.tp += w;
    else if (r.y === 'yes') c.fn += w;
    else if (r.p) c.fp += w;
    else c.tn += w;
    out.set(k, c);
  }
  return out;
}

const sexOf = (r: Row) => r.sex ?? '(missing)';

async function expectNaiveCounts(rows: Row[], table: Table, config: AuditConfig, weighted: boolean) {
  const { analysis } = await audit(table, { ...config, sensitive: ['sex', 'race'], min_group_size: 0 });
  const cases: [string, (r: Row) => string][] = [
    ['sex', sexOf],
    ['race', (r) => r.race],
    ['sex × race', (r) => `${sexOf(r)} × ${r.race}`],
  ];
  for (const [name, key] of cases) {
    const expected = naiveCounts(rows, key, weighted);
    const groups = attribute(analysis, name).groups;
    expect(groups.map((g) => Object.values(g.key).join(' × ')).sort(), name).toEqual([...expected.keys()].sort());
    for (const g of groups) {
      const e = expected.get(Object.values(g.key).join(' × '))!;
      expect(g.n, `${name} ${JSON.stringify(g.key)}`).toBeCloseTo(e.n, 9);
      expect(g.counts.tp).toBeCloseTo(e.tp, 9);
      expect(g.counts.fp).toBeCloseTo(e.fp, 9);
      expect(g.counts.tn).toBeCloseTo(e.tn, 9);
      expect(g.counts.fn).toBeCloseTo(e.fn, 9);
      expect(g.counts.label_missing).toBeCloseTo(e.label_missing, 9);
    }
  }
  // No dictionary entry that no row uses ("unused", "e", "maybe") becomes a group or a label value.
  expect(attribute(analysis, 'sex').groups.map((g) => g.key.sex)).not.toContain('unused');
  expect(attribute(analysis, 'race').groups.map((g) => g.key.race)).not.toContain('e');
}

describe('batches with their own dictionaries', () => {
  it('count by value on the code path (no nulls, no scores), a dictionary coming back after another', async () => {
    const { rows, table } = dataset(1, []);
    expect(table.batches[2].data.children[0].dictionary).toBe(table.batches[0].data.children[0].dictionary);
    expect(table.batches[1].data.children[0].dictionary).not.toBe(table.batches[0].data.children[0].dictionary);
    await expectNaiveCounts(rows, table, { label: 'y', prediction: 'p' }, false);
  });

  it('count by value when some batches have nulls and take the id path', async () => {
    const { rows, table } = dataset(2, [1, 2]);
    expect(rows.some((r) => r.sex === null)).toBe(true);
    await expectNaiveCounts(rows, table, { label: 'y', prediction: 'p' }, false);
  });

  it('count by value with weights, on the code path and the id path', async () => {
    const fast = dataset(3, []);
    await expectNaiveCounts(fast.rows, fast.table, { label: 'y', prediction: 'p', weight: 'w' }, true);
    const mixed = dataset(4, [0, 3]);
    await expectNaiveCounts(mixed.rows, mixed.table, { label: 'y', prediction: 'p', weight: 'w' }, true);
  });

  it('keep the scores of each row with its own group when a score column is set', async () => {
    const { rows, table } = dataset(5, [1]);
    await expectNaiveCounts(rows, table, { label: 'y', prediction: 'p', score: 's' }, false);
    const { analysis } = await audit(table, { label: 'y', prediction: 'p', score: 's', sensitive: ['sex', 'race'], min_group_size: 0 });
    // Mean score per sex group, recomputed from the rows.
    for (const g of attribute(analysis, 'sex').groups) {
      const own = rows.filter((r) => sexOf(r) === g.key.sex).map((r) => r.s);
      expect(g.scores!.mean_score, String(g.key.sex)).toBeCloseTo(own.reduce((a, b) => a + b, 0) / own.length, 12);
    }
  });
});
