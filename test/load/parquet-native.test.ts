/**
 * The native Parquet reader (transient scans) against parquet-wasm (ordinary scans), on files that
 * pyarrow wrote: a second, independent writer, so a misreading shared by our reader and our writer
 * cannot hide. test/fixtures/parquet/make_fixtures.py writes one table with different settings
 * (codecs, data page versions 1 and 2, dictionary pages falling back to PLAIN, PLAIN only, DELTA
 * encodings, no ARROW:schema, no statistics, one or several row groups, zero rows, nested and date
 * columns beside flat ones). For every file, column selection and batch size, a transient scan must
 * give exactly the values of an ordinary scan; the row count and four columns are checked against
 * the generator's own formulas, independently of both readers; and nativeScanPlan must say that
 * the native reader reads the flat columns, so that a silent fallback to parquet-wasm cannot pass
 * for a match. A truncated file must fail with a user error that names Parquet.
 */
import { StructRow, Vector } from 'apache-arrow';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { openData } from '../../src/load/open.js';
import { nativeScanPlan } from '../../src/load/parquet/plan.js';
import type { DataSource, ScanOptions } from '../../src/load/source.js';
import { collectStatistics } from '../../src/metrics/statistics.js';
import { Warnings } from '../../src/warnings.js';
import { drain, tempDir, userError } from './helpers.js';
import { FIXTURE_FILES, FLAT, ROWS, TABLE, big, fixture, label, name, score, sex, type FixtureFile } from './parquet-fixtures.js';

interface Fixture extends FixtureFile {
  /** The columns the native reader must read itself; the others may go either way (the rows must match regardless). */
  native: string[];
}

/** What parquet-wasm may read: LZ4_RAW pages, DELTA_* and BYTE_STREAM_SPLIT pages, nested, date and timestamp columns. */
const NATIVE: Record<string, string[]> = {
  'lz4.parquet': [],
  'delta-encodings.parquet': [],
  'nested.parquet': FLAT,
  'dates.parquet': FLAT,
};

const FIXTURES: Fixture[] = FIXTURE_FILES.map((f) => ({ ...f, native: NATIVE[f.file] ?? f.columns }));

/** Column selections (undefined: all columns) and batch sizes every file is scanned with. */
const SCANS: { columns?: string[]; batchSize: number }[] = [
  { batchSize: 1000 },
  { batchSize: 7 },
  { columns: ['label', 'sex', 'score'], batchSize: 7 },
  { columns: ['name'], batchSize: 1000 },
];

/**
 * A value in a form that compares by value: bigints as numbers where that is exact and as decimal
 * strings beyond 2^53 (so the int64 extremes are checked to the last digit), lists as arrays,
 * structs as objects. Types are not compared: the native reader may hand out a dictionary-encoded
 * column where parquet-wasm gives plain strings.
 */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Vector) return Array.from(value as Vector, plain);
  if (value instanceof StructRow) return Object.fromEntries(Object.entries(value.toJSON() as object).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** The result of one scan: the column names of its batches, every value by column, and the row count. */
interface Scanned {
  names: string[];
  values: Record<string, unknown[]>;
  rows: number;
}

/** Scans `source`, reading every value of a batch (with `Vector.get`) before asking for the next. */
async function scanned(source: DataSource, options: ScanOptions): Promise<Scanned> {
  const result: Scanned = { names: [], values: {}, rows: 0 };
  for await (const batch of source.scan(options)) {
    const names = batch.schema.fields.map((f) => f.name);
    if (result.rows === 0) result.names = names;
    else if (names.join() !== result.names.join()) expect(names, 'the columns of every batch').toEqual(result.names);
    for (const column of names) {
      const vector = batch.getChild(column)!;
      const values = (result.values[column] ??= []);
      for (let i = 0; i < batch.numRows; i++) values.push(plain(vector.get(i)));
    }
    result.rows += batch.numRows;
  }
  return result;
}

for (const f of FIXTURES) {
  describe(`transient scans of pyarrow’s ${f.file}`, () => {
    const path = fixture(f.file);
    let source: DataSource;

    beforeAll(async () => {
      source = await openData([path]);
    });

    it('see the columns pyarrow wrote', () => {
      expect(source.schema.fields.map((field) => field.name)).toEqual(f.columns);
    });

    for (const { columns, batchSize } of SCANS) {
      it(`give the values of parquet-wasm for ${columns ? columns.join(', ') : 'all columns'} in batches of ${batchSize}`, async () => {
        const transient = await scanned(source, { columns, batchSize, transient: true });
        const reference = await scanned(source, { columns, batchSize });
        expect(transient.rows).toBe(f.rows);
        expect(reference.rows).toBe(f.rows);
        if (f.rows > 0) expect(transient.names).toEqual(columns ?? f.columns);
        expect(transient.names).toEqual(reference.names);
        for (const column of reference.names) expect(transient.values[column], `column ${column}`).toEqual(reference.values[column]);
      });
    }

    it.runIf(f.rows > 0)('give the values of the generator’s formulas, int64 extremes to the last digit', async () => {
      const columns = f.columns.includes('big') ? [...FLAT, 'big'] : FLAT;
      const { values } = await scanned(source, { columns, transient: true, batchSize: 500 });
      expect(columns.map((c) => values[c].slice(0, 3))).toEqual([
        ['female', 'male', 'non-binary'],
        [1, 1, 1],
        [0, 0.925, 0.85],
        ['Zoë0', 'São Paulo0', '東京0'],
        ...(columns.includes('big') ? [['9223372036854775807', '-9223372036854775808', '9007199254740993']] : []),
      ]);
      expect(values.sex.filter((v) => v === null)).toHaveLength(100);
      const all = Array.from({ length: ROWS }, (_, i) => i);
      expect(values.sex).toEqual(all.map(sex));
      expect(values.label).toEqual(all.map(label));
      expect(values.score).toEqual(all.map(score));
      expect(values.name).toEqual(all.map(name));
      if (values.big) expect(values.big).toEqual(all.map((i) => plain(big(i))));
    });

    it.runIf(f.native.length > 0)('are planned for the native reader, not left to parquet-wasm', async () => {
      expect(await nativeScanPlan(path, f.native)).toMatchObject({ native: true });
      expect(await nativeScanPlan(path, ['label', 'sex', 'score'])).toMatchObject({ native: true });
    });
  });
}

describe('the native scan plan', () => {
  it('leaves an LZ4_RAW file to parquet-wasm only with a reason', async () => {
    const plan = await nativeScanPlan(fixture('lz4.parquet'), TABLE);
    if (!plan.native) expect(plan.reason).toMatch(/\S/);
  });

  for (const columns of [['codes'], ['address'], ['sex', 'codes', 'label'], [...FLAT, 'codes', 'address']]) {
    it(`leaves ${columns.join(', ')} of nested.parquet to parquet-wasm, saying why`, async () => {
      const plan = await nativeScanPlan(fixture('nested.parquet'), columns);
      expect(plan.native).toBe(false);
      expect(plan.reason).toMatch(/\S/);
    });
  }
});

describe('a truncated Parquet file', () => {
  it('fails with a user error that names Parquet, for ordinary and transient scans', { timeout: 5000 }, async () => {
    const bytes = readFileSync(fixture('snappy-v1.parquet'));
    const path = join(tempDir(), 'truncated.parquet');
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    for (const transient of [true, false]) {
      const error = await userError((async () => drain(await openData([path]), { transient }))());
      expect(error.message).toContain('Parquet');
    }
  });
});

describe('an audit count', () => {
  /** Everything a count holds, as plain JSON (typed arrays as lists). */
  async function counted(file: string): Promise<unknown> {
    const columns = { label: 'label', prediction: 'prediction', sensitive: ['sex', 'race', 'age_group', 'approved'] };
    const config = resolveConfig({ ...columns });
    const stats = await collectStatistics(await openData([fixture(file)]), columns, config, new Warnings());
    const plain = { features: stats.features, outcomes: stats.outcomes, tables: stats.tables, rows: stats.rows };
    return JSON.parse(JSON.stringify(plain, (_, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value)));
  }

  it('is the same whether the pages are decoded natively (dictionary or PLAIN strings, v1 or v2) or by parquet-wasm (LZ4)', async () => {
    const reference = await counted('lz4.parquet');
    expect((await nativeScanPlan(fixture('lz4.parquet'), ['label'])).native).toBe(false);
    for (const file of ['snappy-v1.parquet', 'snappy-v2.parquet', 'no-dictionary.parquet', 'dictionary-fallback.parquet', 'no-arrow-schema.parquet']) {
      expect(await counted(file), file).toEqual(reference);
    }
  });
});
