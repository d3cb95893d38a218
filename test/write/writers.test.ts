import { readFile, readdir } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dictionary, Field, Float64, Int32, RecordBatch, Schema, Struct, Table, Utf8, makeData, tableFromIPC, vectorFromArray } from 'apache-arrow';
import { readParquet } from 'parquet-wasm';
import { formatFromPath, openDatasetWriter } from '../../src/write/writer.js';
import { refuseInputOverwrite } from '../../src/write/guard.js';
import { AtomicFile } from '../../src/write/atomic.js';
import { DictionaryUnifier } from '../../src/write/dictionaries.js';
import { tempFolder } from '../mask/helpers.js';

const type = new Dictionary(new Utf8(), new Int32());
const schema = new Schema([new Field('s', new Utf8(), true), new Field('n', new Float64(), true), new Field('d', type, true)]);

/** A batch of `schema` whose dictionary column has its own dictionary (as operators produce). */
function batch(s: (string | null)[], n: (number | null)[], d: string[]): RecordBatch {
  const children = [vectorFromArray(s, new Utf8()).data[0], vectorFromArray(n, new Float64()).data[0], vectorFromArray(d, type).data[0]];
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: s.length, nullCount: 0, children }));
}

const batches = () => [batch(['plain', 'a,b', null], [1, 2.5, null], ['x', 'y', 'x']), batch(['say "hi"', '', 'line\nbreak'], [-3, 0, 1e21], ['z', 'y', 'w'])];
const expected = {
  s: ['plain', 'a,b', null, 'say "hi"', '', 'line\nbreak'],
  n: [1, 2.5, null, -3, 0, 1e21],
  d: ['x', 'y', 'x', 'z', 'y', 'w'],
};

async function writeAll(path: string, format: Parameters<typeof openDatasetWriter>[1]) {
  const writer = await openDatasetWriter(path, format, schema);
  for (const b of batches()) await writer.write(b);
  return writer.close();
}

const columns = (t: Table) => Object.fromEntries(schema.fields.map((f) => [f.name, [...t.getChild(f.name)!]]));

describe('dataset writers', () => {
  it('write CSV with RFC 4180 quoting, an empty string apart from a null', async () => {
    const path = join(await tempFolder(), 'out.csv');
    const written = await writeAll(path, 'csv');
    expect(await readFile(path, 'utf8')).toBe(
      's,n,d\r\nplain,1,x\r\n"a,b",2.5,y\r\n,,x\r\n"say ""hi""",-3,z\r\n"",0,y\r\n"line\nbreak",1e+21,w\r\n',
    );
    expect(written.rows).toBe(6);
  });

  it('write TSV quoting only fields with tabs, quotes or line breaks', async () => {
    const path = join(await tempFolder(), 'out.tsv');
    await writeAll(path, 'tsv');
    expect((await readFile(path, 'utf8')).split('\r\n')[2]).toBe('a,b\t2.5\ty');
  });

  it('write JSON Lines with numbers bare and nulls as null', async () => {
    const path = join(await tempFolder(), 'out.jsonl');
    await writeAll(path, 'jsonl');
    const rows = (await readFile(path, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.s)).toEqual(expected.s);
    expect(rows.map((r) => r.n)).toEqual(expected.n);
    expect(rows.map((r) => r.d)).toEqual(expected.d);
  });

  it('gzip text output when the path ends in .gz', async () => {
    const path = join(await tempFolder(), 'out.csv.gz');
    await writeAll(path, 'csv');
    expect(gunzipSync(await readFile(path)).toString('utf8').split('\r\n')[1]).toBe('plain,1,x');
  });

  it('write an Arrow IPC file even though each batch brings its own dictionary', async () => {
    const path = join(await tempFolder(), 'out.arrow');
    await writeAll(path, 'arrow');
    const back = tableFromIPC(await readFile(path));
    expect(back.numRows).toBe(6);
    expect(columns(back)).toEqual(expected);
  });

  it('write an Arrow IPC file whose high-cardinality dictionary columns go plain, batch by batch, and whose categories stay one dictionary', async () => {
    const twoColumns = new Schema([new Field('id', type, true), new Field('group', type, true)]);
    const ids = (b: number) => Array.from({ length: 3000 }, (_, i) => (i === 7 ? null : `id-${b}-${i}-é`));
    const groups = (b: number) => Array.from({ length: 3000 }, (_, i) => ['a', 'b', 'c'][(i + b) % 3]);
    const path = join(await tempFolder(), 'unique.arrow');
    const writer = await openDatasetWriter(path, 'arrow', twoColumns);
    for (let b = 0; b < 3; b++) {
      const children = [vectorFromArray(ids(b), type).data[0], vectorFromArray(groups(b), type).data[0]];
      await writer.write(new RecordBatch(twoColumns, makeData({ type: new Struct(twoColumns.fields), length: 3000, nullCount: 0, children })));
    }
    await writer.close();
    const back = tableFromIPC(await readFile(path));
    expect(String(back.schema.fields[0].type)).toBe('Utf8');
    expect(String(back.schema.fields[1].type)).toBe('Dictionary<Int32, Utf8>');
    expect([...back.getChild('id')!]).toEqual([0, 1, 2].flatMap(ids));
    expect([...back.getChild('group')!]).toEqual([0, 1, 2].flatMap(groups));
  });

  it('refuse a file dictionary past its bound with the column named and what to write instead', () => {
    const one = new Schema([new Field('city', type, true)]);
    const unifier = new DictionaryUnifier(one, 5);
    const make = (values: string[]) => new RecordBatch(one, makeData({ type: new Struct(one.fields), length: values.length, nullCount: 0, children: [vectorFromArray(values, type).data[0]] }));
    unifier.unify(make(['a', 'b', 'c']));
    unifier.unify(make(['a', 'd', 'e']));
    expect(() => unifier.unify(make(['f']))).toThrow(expect.objectContaining({ name: 'UserError', place: expect.objectContaining({ column: 'city' }), hint: expect.stringContaining('.arrows') }));
  });

  it('write an Arrow IPC stream', async () => {
    const path = join(await tempFolder(), 'out.arrows');
    await writeAll(path, 'arrow-stream');
    expect(columns(tableFromIPC(await readFile(path)))).toEqual(expected);
  });

  it('write Parquet batch by batch that reads back equal', async () => {
    const path = join(await tempFolder(), 'out.parquet');
    const written = await writeAll(path, 'parquet');
    const back = tableFromIPC(readParquet(await readFile(path)).intoIPCStream());
    expect(columns(back)).toEqual(expected);
    expect(written.bytes).toBe((await readFile(path)).length);
  });

  it('leave nothing behind when aborted', async () => {
    const folder = await tempFolder();
    for (const format of ['csv', 'arrow', 'parquet'] as const) {
      const writer = await openDatasetWriter(join(folder, `x.${format}`), format, schema);
      await writer.write(batches()[0]);
      await writer.abort();
    }
    expect(await readdir(folder)).toEqual([]);
  });

  it('name the format of a path by its extension', () => {
    expect(['a.arrow', 'a.feather', 'a.arrows', 'a.parquet', 'a.csv.gz', 'a.tsv', 'a.ndjson', 'a.txt'].map(formatFromPath)).toEqual([
      'arrow', 'arrow', 'arrow-stream', 'parquet', 'csv', 'tsv', 'jsonl', undefined,
    ]);
  });
});

describe('atomic files', () => {
  it('appear only on commit, with the SHA-256 of their bytes', async () => {
    const folder = await tempFolder();
    const target = join(folder, 'f.txt');
    const file = await AtomicFile.create(target);
    await file.write(Buffer.from('abc'));
    expect(await readdir(folder)).not.toContain('f.txt');
    const committed = await file.commit();
    expect(await readdir(folder)).toEqual(['f.txt']);
    // SHA-256("abc"), the FIPS 180-2 test vector.
    expect(committed.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('refuseInputOverwrite', () => {
  it('refuses the same file reached through another spelling, and lets other paths through', async () => {
    const folder = await tempFolder();
    await expect(refuseInputOverwrite(join(folder, 'sub', '..', 'in.csv'), [join(folder, 'in.csv')])).rejects.toThrow('refusing to overwrite an input file');
    await expect(refuseInputOverwrite(join(folder, 'out.csv'), [join(folder, 'in.csv')])).resolves.toBeUndefined();
  });
});
