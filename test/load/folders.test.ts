/**
 * Several files read as one table: folders expanded in order, hive partitions as columns, schemas
 * unified or refused with both files named.
 */
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openData } from '../../src/load/open.js';
import { rowsOf, tempDir, userError } from './helpers.js';

function writeTree(files: Record<string, string | Uint8Array>): string {
  const root = tempDir();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('folders', () => {
  it('reads every data file below a folder in path order, skipping hidden files and markers', async () => {
    const root = writeTree({
      'b.csv': 'x,y\n3,c\n',
      'a.csv': 'x,y\n1,a\n2,b\n',
      'sub/c.csv': 'x,y\n4,d\n',
      '.hidden.csv': 'x,y\n99,zz\n',
      '_SUCCESS': '',
      'README.md': 'not data',
    });
    const source = await openData([root]);
    expect(source.files.map((f) => f.path)).toEqual([join(root, 'a.csv'), join(root, 'b.csv'), join(root, 'sub/c.csv')]);
    expect((await rowsOf(source)).map((r) => r.x)).toEqual([1, 2, 3, 4]);
    expect(source.name).toBe(root.split('/').pop());
  });

  it('turns hive key=value folders into dictionary-encoded columns', async () => {
    const root = writeTree({
      'year=2023/region=north/part-0.csv': 'id,approved\n1,1\n2,0\n',
      'year=2023/region=south/part-0.csv': 'id,approved\n3,1\n',
      'year=2024/region=north/part-0.csv': 'id,approved\n4,0\n',
    });
    const source = await openData([root]);
    expect(source.schema.names).toEqual(['id', 'approved', 'year', 'region']);
    expect(String(source.schema.fields[2].type)).toBe('Dictionary<Int32, Utf8>');
    expect(await rowsOf(source)).toEqual([
      { id: 1, approved: 1, year: '2023', region: 'north' },
      { id: 2, approved: 0, year: '2023', region: 'north' },
      { id: 3, approved: 1, year: '2023', region: 'south' },
      { id: 4, approved: 0, year: '2024', region: 'north' },
    ]);
    expect(source.files[2].partitions).toEqual({ year: '2024', region: 'north' });
    // only partition columns: rows still counted
    expect(await rowsOf(source, { columns: ['region'] })).toEqual([{ region: 'north' }, { region: 'north' }, { region: 'south' }, { region: 'north' }]);
  });

  it('gives partition values the same code in every file of a scan', async () => {
    const root = writeTree({ 'g=a/1.csv': 'v\n1\n', 'g=b/2.csv': 'v\n2\n', 'g=a/3.csv': 'v\n3\n' });
    const codes: number[] = [];
    for await (const batch of (await openData([root])).scan()) codes.push((batch.getChild('g')!.data[0].values as Int32Array)[0]);
    // read in path order g=a/1.csv, g=a/3.csv, g=b/2.csv: a, a, b → codes 0, 0, 1
    expect(codes).toEqual([0, 0, 1]);
  });

  it('reads files of different formats with the same columns as one table, widening integers to Float64', async () => {
    const arrow = tableToIPC(tableFromArrays({ id: Int32Array.from([1, 2]), sex: ['f', 'm'] }), 'file');
    const root = writeTree({ '1.arrow': arrow });
    const csv = join(root, '..', `${root.split('/').pop()}-more.csv`);
    writeFileSync(csv, 'sex,id\nf,3.5\n');
    const source = await openData([join(root, '1.arrow'), csv]);
    expect(String(source.schema.fields[0].type)).toBe('Float64');
    expect(await rowsOf(source)).toEqual([
      { id: 1, sex: 'f' },
      { id: 2, sex: 'm' },
      { id: 3.5, sex: 'f' },
    ]);
  });

  it('refuses files with different columns, naming both files and the column', async () => {
    const root = writeTree({ 'a.csv': 'id,sex,label\n1,f,1\n', 'b.csv': 'id,gender,label\n2,m,0\n' });
    const error = await userError(openData([root]));
    expect(error.message).toContain(join(root, 'a.csv'));
    expect(error.message).toContain(join(root, 'b.csv'));
    expect(error.place.column).toBe('sex');
    expect(error.message).toMatch(/"sex" is in .*a\.csv but not in .*b\.csv/);
  });

  it('refuses files whose column types disagree, naming both files', async () => {
    const root = writeTree({ 'a.csv': 'id,sex\n1,f\n', 'b.csv': 'id,sex\n2,true\n' });
    const error = await userError(openData([root]));
    expect(error.message).toMatch(/type of column "sex".*a\.csv.*b\.csv/);
  });

  it('refuses a file missing a partition folder the others have', async () => {
    const root = writeTree({ 'year=2023/a.csv': 'id\n1\n', 'b.csv': 'id\n2\n' });
    const error = await userError(openData([root]));
    expect(error.place.column).toBe('year');
  });

  it('reads a path given twice once', async () => {
    const root = writeTree({ 'a.csv': 'id\n1\n' });
    const source = await openData([join(root, 'a.csv'), root]);
    expect(source.files).toHaveLength(1);
  });
});
