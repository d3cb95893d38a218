/**
 * CSV specifics: type inference from the first rows, null tokens, delimiter sniffing, quoting, and
 * a large file read across many chunks and batches checked against a naive parse.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openData } from '../../src/load/open.js';
import { inferTextKind, isNanToken, isNullToken } from '../../src/load/infer.js';
import { looksLikeHeader } from '../../src/load/header.js';
import { preambleOf, sniffDelimiter } from '../../src/load/delimiter.js';
import { rowsOf, tempDir } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function typesOf(content: string, name = 'types.csv'): Promise<Record<string, string>> {
  const source = await openData([write(name, content)]);
  return Object.fromEntries(source.schema.fields.map((f) => [f.name, String(f.type)]));
}

describe('type inference', () => {
  it('reads integers and decimals as Float64, true/false as Bool, other text as dictionary strings', async () => {
    expect(await typesOf('n,x,b,s\n1,1.5,true,a\n-2,2e3,FALSE,b\n3,.5,True,c\n')).toEqual({
      n: 'Float64',
      x: 'Float64',
      b: 'Bool',
      s: 'Dictionary<Int32, Utf8>',
    });
  });

  it('keeps numbers with leading zeros (ZIP codes) as text', async () => {
    expect(await typesOf('zip,n\n02134,0\n10001,0.5\n')).toEqual({ zip: 'Dictionary<Int32, Utf8>', n: 'Float64' });
  });

  it('reads a column of only missing values as text, and a number/boolean mix as text', async () => {
    expect(await typesOf('empty,mixed\nNA,1\n,true\n')).toEqual({ empty: 'Dictionary<Int32, Utf8>', mixed: 'Dictionary<Int32, Utf8>' });
  });

  it('decides from the sampled values alone', () => {
    expect(inferTextKind(['1', ' 2 ', 'NA', '3.25'])).toBe('number');
    expect(inferTextKind(['yes', 'no'])).toBe('string');
    expect(inferTextKind(['true', 'NULL', 'false'])).toBe('boolean');
  });

  it('parses numbers exactly as Number() does', async () => {
    const texts = ['0', '-0.1', '3.141592653589793', '123456789012345', '1234567890123456789', '1e-7', '-2.5E3', '0.30000000000000004', '.5', '7.'];
    const source = await openData([write('numbers.csv', `x\n${texts.join('\n')}\n`)]);
    expect((await rowsOf(source)).map((r) => r.x)).toEqual(texts.map(Number));
  });
});

describe('null tokens', () => {
  it('treats "", NA, N/A, NULL, ? and their case and whitespace variants as missing', async () => {
    const tokens = ['', 'NA', 'N/A', 'NULL', '?', 'na', ' NA ', 'n/a', 'null', 'Null', '  '];
    const body = tokens.map((t) => `${t},${t},${t}`).join('\n');
    const source = await openData([write('nulls.csv', `num,text,flag\n1,a,true\n${body}\n`)]);
    const rows = await rowsOf(source);
    expect(rows[0]).toEqual({ num: 1, text: 'a', flag: true });
    expect(rows.slice(1)).toEqual(tokens.map(() => ({ num: null, text: null, flag: null })));
  });

  it('recognizes tokens without mistaking values that merely start alike', () => {
    expect(['Nancy', 'NAN', 'None', 'n', '??', 'NAs'].filter(isNullToken)).toEqual([]);
    expect(['NA', ' null ', '\tN/A', '?'].every(isNullToken)).toBe(true);
  });
});

describe('NaN in a number column', () => {
  it('is a missing number as Spark, Java, R, C and NumPy write it, before and after the rows types are inferred from', async () => {
    const tokens = ['NaN', 'nan', '-nan', ' NaN ', 'NAN', '+nan'];
    // 10,000 rows decide the types: one NaN among them, the others past them.
    const lines = ['x,label'];
    for (let i = 0; i < 10_010; i++) lines.push(i === 7 ? 'NaN,1.0' : i >= 10_004 ? `${tokens[i - 10_004]},0.0` : `${i / 4},${i % 2}.0`);
    const source = await openData([write('nan.csv', lines.join('\n') + '\n')]);
    expect(source.schema.fields.map((f) => String(f.type))).toEqual(['Float64', 'Float64']);
    const rows = await rowsOf(source);
    expect(rows[7]).toEqual({ x: null, label: 1 });
    expect(rows[8]).toEqual({ x: 2, label: 0 });
    expect(rows.slice(10_004).map((r) => r.x)).toEqual(tokens.map(() => null));
  });

  it('is text elsewhere: a given name, a column of NaN alone, NaN beside true and false', async () => {
    const source = await openData([write('nan-text.csv', 'name,only,flag\nNan,NaN,true\nAnna,NaN,NaN\n')]);
    expect(source.schema.fields.map((f) => String(f.type))).toEqual(['Dictionary<Int32, Utf8>', 'Dictionary<Int32, Utf8>', 'Dictionary<Int32, Utf8>']);
    expect(await rowsOf(source)).toEqual([
      { name: 'Nan', only: 'NaN', flag: 'true' },
      { name: 'Anna', only: 'NaN', flag: 'NaN' },
    ]);
    expect(['NaN', ' nan', '-NaN'].every(isNanToken)).toBe(true);
    expect(['Nana', 'na', 'NaNa', 'nan0', ''].filter(isNanToken)).toEqual([]);
    expect(inferTextKind(['1.0', 'NaN', '0.0'])).toBe('number');
    expect(inferTextKind(['NaN', 'nan'])).toBe('string');
    expect(inferTextKind(['true', 'NaN'])).toBe('string');
  });

  it('in JSON Lines, the string "NaN" among numbers is a missing number too', async () => {
    const source = await openData([write('nan.jsonl', '{"x": 1.5, "s": "NaN"}\n{"x": "NaN", "s": "a"}\n{"x": null, "s": null}\n')]);
    expect(source.schema.fields.map((f) => String(f.type))).toEqual(['Float64', 'Dictionary<Int32, Utf8>']);
    expect(await rowsOf(source)).toEqual([
      { x: 1.5, s: 'NaN' },
      { x: null, s: 'a' },
      { x: null, s: null },
    ]);
  });

  it('does not make a headerless first line look like a header', () => {
    // A NaN gives no vote: the other number column says the line is a row.
    expect(looksLikeHeader(['NaN', '2.5', 'f'], [['0.5', '1.5'], ['1', '2'], ['m', 'f']])).toBe(false);
    expect(looksLikeHeader(['score', 'sex'], [['0.5', 'NaN'], ['m', 'f']])).toBe(true);
  });
});

describe('delimiters and quoting', () => {
  it('sniffs semicolons, tabs and pipes', async () => {
    expect(sniffDelimiter('a;b;c\n1;2,5;3\n', ',')).toBe(';');
    expect(sniffDelimiter('a\tb\n1\t2\n', ',')).toBe('\t');
    expect(sniffDelimiter('a|b|c\n1|2|3\n', ',')).toBe('|');
    expect(sniffDelimiter('"x,y";b\n"1,2";3\n', ',')).toBe(';');
    const source = await openData([write('semi.csv', 'sex;income\nf;1200,50\nm;900\n')]);
    // "1200,50" is a number with a decimal comma, as a semicolon file from a European spreadsheet writes it.
    expect(await rowsOf(source)).toEqual([
      { sex: 'f', income: 1200.5 },
      { sex: 'm', income: 900 },
    ]);
  });

  it('reads quoted delimiters, doubled quotes, line breaks inside quotes, CRLF and a BOM', async () => {
    const source = await openData([write('quotes.csv', '\uFEFFid,note\r\n1,"a, b"\r\n2,"say ""hi"""\r\n3,"two\r\nlines"\r\n4,\r\n')]);
    expect(await rowsOf(source)).toEqual([
      { id: 1, note: 'a, b' },
      { id: 2, note: 'say "hi"' },
      { id: 3, note: 'two\r\nlines' },
      { id: 4, note: null },
    ]);
  });

  it('reads a last line without a line break, and skips blank lines', async () => {
    const source = await openData([write('noeol.csv', 'a,b\n1,x\n\n2,y')]);
    expect(await rowsOf(source)).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ]);
  });
});

describe('words for a missing number', () => {
  it('are missing in a number column (unknown, Excel\'s #N/A, a SAS dot), named in the dialect; text elsewhere', async () => {
    const lines = ['age,sex,kids', ...Array.from({ length: 40 }, (_, i) => `${i === 3 ? 'unknown' : i === 7 ? '#N/A' : i === 9 ? ' . ' : 20 + i},${i === 5 ? 'unknown' : 'F'},${i % 4 === 0 ? 'none' : i % 3}`)];
    const source = await openData([write('words.csv', lines.join('\n') + '\n')]);
    // age: numbers with three missing; sex: text, "unknown" a value; kids: "none" may mean 0, so text.
    expect(source.schema.fields.map((f) => String(f.type))).toEqual(['Float64', 'Dictionary<Int32, Utf8>', 'Dictionary<Int32, Utf8>']);
    const rows = await rowsOf(source);
    expect([3, 7, 9].map((i) => rows[i].age)).toEqual([null, null, null]);
    expect(rows[4].age).toBe(24);
    expect(rows[5].sex).toBe('unknown');
    expect(source.files[0].dialect?.missing_words).toEqual([{ column: 'age', words: ['unknown', '#N/A', '.'] }]);
    // A column of missing words alone is text.
    expect(inferTextKind(['unknown', 'missing'])).toBe('string');
    expect((source.readWarnings?.() ?? []).map((w) => w.code)).toEqual(['missing-words']);
  });

  it('are missing among JSON numbers too, with the same warning', async () => {
    const source = await openData([write('words.jsonl', '{"age": 31}\n{"age": "unknown"}\n{"age": 58}\n')]);
    expect(String(source.schema.fields[0].type)).toBe('Float64');
    expect((await rowsOf(source)).map((r) => r.age)).toEqual([31, null, 58]);
    expect((source.readWarnings?.() ?? [])[0].message).toMatch(/words\.jsonl: number columns hold words read as missing values: "age" \("unknown"\)/);
  });
});

describe('numbers with a decimal comma', () => {
  it('are read as numbers, thousands dots and signs too, and the dialect says which columns', async () => {
    // By hand: 0,54 = 0.54; 1.234,5 = 1234.5; -12 = -12; 7,25 = 7.25.
    const source = await openData([write('comma.csv', 'sex;score;amount;code\r\nF;0,54;1.234,5;02134\r\nM;NA;-12;00501\r\nF;1,5;7,25;10001\r\n')]);
    expect(source.schema.fields.map((f) => String(f.type))).toEqual(['Dictionary<Int32, Utf8>', 'Float64', 'Float64', 'Dictionary<Int32, Utf8>']);
    expect(await rowsOf(source)).toEqual([
      { sex: 'F', score: 0.54, amount: 1234.5, code: '02134' },
      { sex: 'M', score: null, amount: -12, code: '00501' },
      { sex: 'F', score: 1.5, amount: 7.25, code: '10001' },
    ]);
    expect(source.files[0].dialect?.decimal_comma_columns).toEqual(['score', 'amount']);
  });

  it('are told from numbers with a decimal point and from text', () => {
    expect(inferTextKind(['0,5', '12', '-3,25'])).toBe('decimal_comma');
    // Without a comma anywhere, 1.234 is a number with a decimal point.
    expect(inferTextKind(['1.234', '12'])).toBe('number');
    // A point that is no thousands separator beside a comma, a code with a leading zero, words: text.
    expect(inferTextKind(['1.5', '2,5'])).toBe('string');
    expect(inferTextKind(['0,5', '0123'])).toBe('string');
    expect(inferTextKind(['0,5', 'n/a', 'abc'])).toBe('string');
  });

  it('a later value that is not one names its line', async () => {
    const lines = ['x;y', ...Array.from({ length: 10_005 }, (_, i) => (i === 10_003 ? '1.5.5;1' : `${i},5;1`))];
    const source = await openData([write('comma-late.csv', lines.join('\n') + '\n')]);
    await expect(rowsOf(source)).rejects.toThrow(/"1\.5\.5" is not a number with a decimal comma/);
  });
});

describe('title lines above the table', () => {
  const table = 'id,sex,age,label,pred\n' + Array.from({ length: 8 }, (_, i) => `A${i},F,${30 + i},1,0`).join('\n') + '\n';

  it('are found with the header line below them, blank lines counted', () => {
    // Two title lines (1 and 2 fields), a blank line, then the header on line 4 with 5 fields.
    expect(preambleOf('Loan decisions export\nGenerated 2026-11-30, by LoanSys\n\n' + table)).toEqual({ lines: 2, headerLine: 4, fields: 5, delimiter: ',' });
  });

  it('are not found in a table that starts on line 1, nor under a header with a field fewer than its rows', () => {
    expect(preambleOf(table)).toBeNull();
    // write.table without row names: 4 names over rows of 5 fields is not a title.
    expect(preambleOf('sex,age,label,pred\n' + table.split('\n').slice(1).join('\n'))).toBeNull();
    // A title over fewer than five rows is left alone.
    expect(preambleOf('Report\na,b,c\n1,2,3\n')).toBeNull();
  });

  it('are skipped, said so, and the table read from its header: its rows, types and line numbers', async () => {
    const path = join(dir, 'titled.csv');
    // 10,010 rows: the types come from the first 10,000; row 10,005 (0-based) is line 4 + 10,006.
    const rows = Array.from({ length: 10_010 }, (_, i) => `A${i},F,${30 + (i % 40)},1,0`);
    rows[10_005] = 'A10005,F,thirty,1,0';
    writeFileSync(path, 'Loan decisions export\r\nGenerated 2026-11-30 by LoanSys\r\n\r\nid,sex,age,label,pred\r\n' + rows.join('\r\n') + '\r\n');
    const source = await openData([path]);
    expect(source.schema.fields.map((f) => f.name)).toEqual(['id', 'sex', 'age', 'label', 'pred']);
    expect(source.files[0].dialect?.skipped_lines).toBe(3);
    expect((source.readWarnings?.() ?? [])[0].message).toMatch(/skipped the first 3 lines, a title or note above the table .*; the header is line 4/);
    const error = await rowsOf(source).then(
      () => undefined,
      (e: unknown) => e as { message: string; place?: { line?: number } },
    );
    expect(error?.message).toMatch(/"thirty" is not a number/);
    expect(error?.place?.line).toBe(10_010);
    const good = join(dir, 'titled-good.csv');
    writeFileSync(good, 'Report\n' + table);
    const read = await rowsOf(await openData([good]));
    expect(read.length).toBe(8);
    expect(read[0]).toEqual({ id: 'A0', sex: 'F', age: 30, label: 1, pred: 0 });
  });
});

describe('a large CSV across chunks and batches', () => {
  it('gives the values a naive parse of the same rows gives', async () => {
    // 60 000 rows (~2.4 MB, three 1 MB read chunks), with quoted fields holding commas, quotes
    // and line breaks, so records straddle chunk ends; the expected values come from the
    // generator, not from the reader.
    const n = 60_000;
    const names = ['Ann', 'Bo "B"', 'Cy, Jr.', 'Di\nDa', 'Émile'];
    const expected = Array.from({ length: n }, (_, i) => ({ id: i, name: names[i % 5], amount: i % 11 === 0 ? null : (i * 7) / 4, flag: i % 3 === 0 }));
    const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
    const text = 'id,name,amount,flag\n' + expected.map((r) => `${r.id},${quote(r.name)},${r.amount ?? 'NA'},${r.flag}`).join('\n') + '\n';
    const source = await openData([write('large.csv', text)]);
    let rows = 0;
    let codesStable = true;
    const codeOf = new Map<string, number>();
    for await (const batch of source.scan({ batchSize: 10_000 })) {
      const name = batch.getChild('name')!;
      const codes = name.data[0].values as Int32Array;
      for (let i = 0; i < batch.numRows; i++) {
        const value = name.get(i) as string;
        if ((codeOf.get(value) ?? codes[i]) !== codes[i]) codesStable = false;
        codeOf.set(value, codes[i]);
      }
      rows += batch.numRows;
    }
    expect(rows).toBe(n);
    expect(codesStable).toBe(true);
    expect(await rowsOf(source, { batchSize: 10_000 })).toEqual(expected);
  });
});
