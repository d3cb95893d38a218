/**
 * Bad input is a UserError naming the file (and the line or column where it applies) with a hint,
 * never a stack trace from a parser.
 */
import { tableToIPC } from 'apache-arrow';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatUserError } from '../../src/errors.js';
import { openData } from '../../src/load/open.js';
import { drain, sampleTable, tempDir, userError } from './helpers.js';

let dir: string;
let parquetBytes: Uint8Array;

beforeAll(async () => {
  dir = tempDir();
  const { Table, writeParquet } = await import('parquet-wasm');
  parquetBytes = writeParquet(Table.fromIPCStream(tableToIPC(sampleTable(), 'stream')));
});

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('bad input is a user error naming the file', () => {
  it('a missing path', async () => {
    const path = join(dir, 'nope.csv');
    const error = await userError(openData([path]));
    expect(error.place.file).toBe(path);
    expect(error.message).toMatch(/no such file/);
    expect(error.hint).toBe('check the path; relative paths start from the current folder');
  });

  it('an empty file', async () => {
    const path = write('empty.csv', '');
    const error = await userError(openData([path]));
    expect(error.place.file).toBe(path);
    expect(error.message).toMatch(/empty/);
  });

  it('a gzipped file with nothing inside', async () => {
    const path = write('empty.csv.gz', gzipSync(''));
    expect((await userError(openData([path]))).message).toMatch(/empty/);
  });

  it('a CSV with a header and no rows', async () => {
    const path = write('header-only.csv', 'sex,label\n');
    const error = await userError(openData([path]));
    expect(error.place.file).toBe(path);
    expect(error.message).toMatch(/header but no rows/);
  });

  it('a folder with no data files', async () => {
    const folder = join(dir, 'nothing');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    writeFileSync(join(folder, 'notes.md'), '# notes');
    writeFileSync(join(folder, '_SUCCESS'), '');
    writeFileSync(join(folder, 'sub', '.hidden.csv'), 'a\n1\n');
    const error = await userError(openData([folder]));
    expect(error.place.file).toBe(folder);
    expect(error.message).toMatch(/no data files/);
  });

  it('a truncated Parquet file', async () => {
    const path = write('cut.parquet', parquetBytes.subarray(0, Math.floor(parquetBytes.length / 2)));
    const error = await userError(openData([path]));
    expect(error.place.file).toBe(path);
    expect(error.message).toMatch(/not a readable Parquet file/);
    expect(error.stack).toBeDefined();
    expect(formatUserError(error)).not.toMatch(/\n/);
  });

  it('a Parquet file with corrupt pages', async () => {
    // Keep the magic and footer, zero the pages in between.
    const bytes = Uint8Array.from(parquetBytes);
    bytes.fill(0, 4, Math.floor(bytes.length / 2));
    const path = write('corrupt.parquet', bytes);
    const error = await userError(openData([path]).then(drain));
    expect(error.place.file).toBe(path);
    expect(error.message).toMatch(/Parquet/);
  });

  it('bytes that are not Arrow in a file named .arrow', async () => {
    const path = write('fake.arrow', 'this is not arrow\n'.repeat(20));
    const error = await userError(openData([path]));
    expect(error.place.file).toBe(path);
    expect(error.message).toMatch(/^not an Arrow IPC file/);
  });

  it('bytes that are not Parquet in a file named .parquet', async () => {
    const path = write('fake.parquet', 'a,b\n1,2\n');
    expect((await userError(openData([path]))).message).toMatch(/^not a Parquet file/);
  });

  it('a truncated Arrow IPC file', async () => {
    const bytes = tableToIPC(sampleTable(), 'file');
    const path = write('cut.arrow', bytes.subarray(0, bytes.length - 40));
    const error = await userError(openData([path]).then(drain));
    expect(error.place.file).toBe(path);
    expect(error.message).toMatch(/Arrow IPC/);
  });

  it('a ragged CSV row, by its line number', async () => {
    const lines = ['a,b,c,d,e', ...Array.from({ length: 55 }, (_, i) => `${i},x,y,z,w`), '1,2,3,4', '5,6,7,8,9'];
    const path = write('ragged.csv', lines.join('\n') + '\n');
    const error = await userError(openData([path]));
    // header is line 1, the 55 good rows are lines 2..56, the short row is line 57
    expect(error.message).toBe('line 57 has 4 fields, the header has 5');
    expect(error.place).toMatchObject({ file: path, line: 57 });
  });

  it('a ragged row far beyond the first rows, while streaming', async () => {
    const lines = ['a,b', ...Array.from({ length: 30_000 }, (_, i) => `${i},"q${i}"`), '1,2,3'];
    const path = write('ragged-late.csv', lines.join('\n'));
    const source = await openData([path]);
    const error = await userError(drain(source, { batchSize: 1000 }));
    // 1 header line + 30 000 rows → the extra row is line 30 002
    expect(error.message).toBe('line 30002 has 3 fields, the header has 2');
    expect(error.place.file).toBe(path);
  });

  it('counts lines inside quoted values when naming a ragged line', async () => {
    const path = write('multiline.csv', 'id,note\n1,"two\nlines"\n2,ok\n3\n');
    // header 1, record "1" spans lines 2-3, "2" is line 4, the short row is line 5
    expect((await userError(openData([path]))).place.line).toBe(5);
  });

  it('a quoted value that never closes', async () => {
    const path = write('unclosed.csv', 'id,note\n1,ok\n2,"never closed\n3,x\n');
    const error = await userError(openData([path]));
    expect(error.message).toMatch(/line 3 is never closed/);
  });

  it('invalid UTF-8, by its line number', async () => {
    const path = write('latin1.csv', Buffer.concat([Buffer.from('sex,label\nmale,1\n'), Buffer.from([0x66, 0xe9, 0x6d, 0x2c, 0x31, 0x0a])]));
    const error = await userError(openData([path]));
    expect(error.message).toMatch(/not valid UTF-8/);
    expect(error.place).toMatchObject({ file: path, line: 3 });
  });

  it('invalid UTF-8 inside a gzipped file', async () => {
    const path = write('latin1.csv.gz', gzipSync(Buffer.concat([Buffer.from('sex,label\n'), Buffer.from([0x66, 0xe9, 0x2c, 0x31, 0x0a])])));
    expect((await userError(openData([path]))).place).toMatchObject({ file: path, line: 2 });
  });

  it('text in a numeric column after the rows used for inference', async () => {
    // 10 000 numeric rows decide the type; the text sits on line 1 + 10 000 + 40 = 10 041
    const rows = Array.from({ length: 10_100 }, (_, i) => (i === 10_039 ? 'f,abc' : `m,${i}`));
    const path = write('late-text.csv', ['sex,income', ...rows].join('\n') + '\n');
    const source = await openData([path]);
    expect(source.schema.fields[1].type.toString()).toBe('Float64');
    const error = await userError(drain(source));
    expect(error.place).toMatchObject({ file: path, line: 10_041, column: 'income' });
    expect(error.message).toMatch(/"abc" is not a number/);
    expect(error.hint).toMatch(/missing value/);
  });

  it('a JSON Lines row that is not JSON, by its line number', async () => {
    const path = write('bad.jsonl', '{"a": 1}\n{"a": 2}\n{"a": 3,}\n');
    const error = await userError(openData([path]));
    expect(error.place).toMatchObject({ file: path, line: 3 });
    expect(error.message).toMatch(/line 3 is not valid JSON/);
  });

  it('a JSON Lines row that is not an object', async () => {
    const path = write('array.jsonl', '{"a": 1}\n[1, 2]\n');
    expect((await userError(openData([path]))).message).toMatch(/line 2 is not a JSON object/);
  });

  it('a header naming a column twice loads, the second renamed a_2 and the rename recorded', async () => {
    const path = write('dup.csv', 'a,b,a\n1,2,3\n');
    const source = await openData([path]);
    expect(source.schema.names).toEqual(['a', 'b', 'a_2']);
    expect(source.files[0].dialect?.renamed_columns).toEqual([{ position: 3, from: 'a', to: 'a_2' }]);
  });

  it('a corrupt gzip file', async () => {
    const zipped = gzipSync('a,b\n1,2\n'.repeat(1000));
    const path = write('broken.csv.gz', Buffer.concat([zipped.subarray(0, 20), Buffer.alloc(50, 0x55)]));
    const error = await userError(openData([path]).then(drain));
    expect(error.place.file).toBe(path);
    expect(error.message).toMatch(/gzip/);
  });

  it('an unknown column in a projection, suggesting the nearest name', async () => {
    const path = write('good.csv', 'sex,label\nf,1\n');
    const source = await openData([path]);
    const error = await userError(drain(source, { columns: ['lable'] }));
    expect(error.message).toMatch(/unknown column "lable"/);
    expect(error.hint).toMatch(/did you mean "label"/);
  });
});
