/**
 * The pure rules behind reading raw delimited files (header detection, unique names, the
 * whitespace delimiter) and the readers' repairs (header rows repeated in the body, on one thread
 * and on several), each checked against answers worked out by hand.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { CsvByteTokenizer, ValuesSink } from '../../src/load/csv-tokenizer.js';
import { fieldCounts, sniffDelimiter } from '../../src/load/delimiter.js';
import { looksLikeHeader, numberedColumnNames, uniqueColumnNames } from '../../src/load/header.js';
import { jsonDepth } from '../../src/load/jsonl.js';
import { openData } from '../../src/load/open.js';
import { parseDelimiter } from '../../src/load/read-options.js';
import { collectStatistics, type AuditColumns } from '../../src/metrics/statistics.js';
import { collectStatisticsInParallel } from '../../src/parallel/collect.js';
import { Warnings } from '../../src/warnings.js';
import { rowsOf, tempDir } from './helpers.js';

describe('header detection', () => {
  it('a first line of names over typed columns is a header', () => {
    expect(looksLikeHeader(['age', 'sex', 'label'], [['39', '50'], ['Male', 'Female'], ['0', '1']])).toBe(true);
  });

  it('a first line whose values have the types of the rows below is a row (adult.data)', () => {
    // The raw UCI Adult file: "39, State-gov, 77516, …" with spaces after the commas.
    expect(looksLikeHeader(['39', ' State-gov', ' 77516', ' Male'], [['50', '38'], [' Self-emp', ' Private'], [' 83311', ' 215646'], [' Male', ' Female']])).toBe(false);
  });

  it('one typed column whose first value is not of its type makes a header, whatever the others say', () => {
    // "2019" fits the numbers below it, but "score" does not: a header with a year as a name.
    expect(looksLikeHeader(['2019', 'score'], [['1', '2'], ['0.5', '0.7']])).toBe(true);
  });

  it('all-text columns: a row when more than half its values occur below, a header otherwise', () => {
    expect(looksLikeHeader(['Male', 'White'], [['Female', 'Male'], ['Black', 'White']])).toBe(false);
    // "sex" happens to be a value of the sex column: one of two is not enough.
    expect(looksLikeHeader(['sex', 'race'], [['sex', 'Male'], ['Black', 'White']])).toBe(true);
    expect(looksLikeHeader(['sex', 'race'], [['Female', 'Male'], ['Black', 'White']])).toBe(true);
  });

  it('a file of one line is a header (there is nothing to compare it with)', () => {
    expect(looksLikeHeader(['1', '2'], [[], []])).toBe(true);
  });
});

describe('column names', () => {
  it('repeated names become name_2, name_3, skipping names the header already uses', () => {
    expect(uniqueColumnNames(['a', 'b', 'a', 'a', 'a_2'])).toEqual({
      names: ['a', 'b', 'a_3', 'a_4', 'a_2'],
      renamed: [
        { position: 3, from: 'a', to: 'a_3' },
        { position: 4, from: 'a', to: 'a_4' },
      ],
    });
  });

  it('blank names are numbered by position, and a headerless file is column_1…n', () => {
    expect(uniqueColumnNames(['', 'x', ' ']).names).toEqual(['column_1', 'x', 'column_3']);
    expect(numberedColumnNames(3)).toEqual(['column_1', 'column_2', 'column_3']);
  });
});

describe('delimiters', () => {
  it('runs of spaces are sniffed for a space-aligned file, and lose a tie to a one-character delimiter', () => {
    expect(sniffDelimiter('age  sex    y\n39   Male   1\n50   Female 0\n', ',')).toBe(' ');
    // ", " separated: the comma and the spaces both give 3 fields; the comma wins.
    expect(sniffDelimiter('a, b, c\n1, 2, 3\n4, 5, 6\n', ',')).toBe(',');
    // Text with spaces inside values splits unevenly on spaces: the comma wins.
    expect(sniffDelimiter('city,n\nNew York,1\nRome,2\n', ',')).toBe(',');
  });

  it('counts fields per line, quotes kept whole, runs at the line ends ignored', () => {
    expect(fieldCounts('  a   "b c"  d  \n1 2 3\n', ' ')).toEqual([3, 3]);
  });

  it('names a user can write for each delimiter', () => {
    expect(['tab', '\\t', 'comma', ';', 'pipe', 'whitespace'].map((t) => parseDelimiter(t, '--delimiter'))).toEqual(['\t', '\t', ',', ';', '|', ' ']);
    expect(() => parseDelimiter('::', '--delimiter')).toThrow(/invalid --delimiter/);
  });
});

describe('header rows repeated in the body', () => {
  it('the byte tokenizer drops a copy of the header wherever a read cuts it, counting its lines', () => {
    const header = 'sex,label';
    const text = `f,1\n${header}\nm,0\n${header}\r\nf,0\n${header}`;
    const bytes = new TextEncoder().encode(text);
    // Feed the bytes in every possible pair of pieces, as a scan's reads would cut them.
    for (let cut = 0; cut <= bytes.length; cut++) {
      const sinks = [new ValuesSink(), new ValuesSink()];
      const tokenizer = new CsvByteTokenizer(',', 2, sinks, 2, new TextEncoder().encode(header));
      const pos = tokenizer.parse(bytes.subarray(0, cut), 0, cut, false, 1000);
      const rest = Uint8Array.from([...bytes.subarray(pos)]);
      tokenizer.parse(rest, 0, rest.length, true, 1000);
      expect(sinks[0].values, `cut at ${cut}`).toEqual(['f', 'm', 'f']);
      expect(tokenizer.skipped, `cut at ${cut}`).toBe(3);
      // header on line 1, rows from line 2: copies on lines 3, 5 and 7
      expect(tokenizer.skippedLines).toEqual([3, 5, 7]);
    }
  });

  it('a row that only starts like the header is data', async () => {
    const dir = tempDir();
    const path = join(dir, 'almost.csv');
    writeFileSync(path, 'sex,label\nsex,1\nsexy,0\nsex,label2\n');
    const rows = await rowsOf(await openData([path]));
    expect(rows.map((r) => r.sex)).toEqual(['sex', 'sexy', 'sex']);
  });

  it('counted on worker threads as on one: the parts that meet a copy send the count back', async () => {
    const dir = tempDir();
    const path = join(dir, 'concatenated.csv');
    const lines: string[] = [];
    let female = 0;
    let positives = 0;
    for (let part = 0; part < 4; part++) {
      lines.push('sex,label,prediction');
      for (let i = 0; i < 3000; i++) {
        const sex = (i + part) % 3 === 0 ? 'f' : 'm';
        if (sex === 'f') female++;
        const label = i % 2;
        positives += label;
        lines.push(`${sex},${label},${i % 5 === 0 ? 1 : 0}`);
      }
    }
    writeFileSync(path, lines.join('\n') + '\n');
    const columns: AuditColumns = { label: 'label', prediction: 'prediction', sensitive: ['sex'] };
    const config = resolveConfig({ ...columns });
    const single = await openData([path]);
    const one = await collectStatistics(single, columns, config, new Warnings());
    const parallelSource = await openData([path]);
    const parallel = await collectStatisticsInParallel(parallelSource, columns, config, new Warnings(), { threads: 2, minBytes: 0, minPartBytes: 1 });
    expect(one.rows.read).toBe(12_000);
    expect(parallel.rows.read).toBe(12_000);
    expect(parallelSource.files[0].dialect?.repeated_header_rows).toBe(3);
    expect(female).toBe(4000);
    expect(positives).toBe(6000);
    expect(single.readWarnings?.().map((w) => w.code)).toEqual(['repeated-header-rows']);
  });
});

describe('the line limit on worker threads', () => {
  it('a line over --max-field-bytes in the middle of a split file is refused with its line, as one pass refuses it', async () => {
    const dir = tempDir();
    const path = join(dir, 'long-middle.csv');
    const lines = ['sex,label,prediction'];
    for (let i = 0; i < 20_000; i++) lines.push(i === 12_000 ? `${'f'.repeat(200_000)},1,1` : `${i % 2 ? 'f' : 'm'},${i % 2},1`);
    writeFileSync(path, lines.join('\n') + '\n');
    const columns: AuditColumns = { label: 'label', prediction: 'prediction', sensitive: ['sex'] };
    const source = await openData([path], { maxFieldBytes: 100_000 });
    // header line 1, row i on line i + 2
    await expect(collectStatisticsInParallel(source, columns, resolveConfig({ ...columns }), new Warnings(), { threads: 2, minBytes: 0, minPartBytes: 1 })).rejects.toThrow(
      'line 12002 is longer than 100000 bytes',
    );
  });
});

describe('other readers', () => {
  it('the depth of JSON values, walked without recursion', () => {
    expect(jsonDepth(1, 64)).toBe(0);
    expect(jsonDepth({ a: [1, { b: [] }] }, 64)).toBe(4);
    const deep = JSON.parse('['.repeat(10_000) + ']'.repeat(10_000)) as unknown;
    expect(jsonDepth(deep, 64)).toBe(65);
  });

  it('a space-aligned gzipped file with quoted values and tabs reads the same as its plain twin', async () => {
    const dir = tempDir();
    const text = 'name\t  city   n\n"Ana Lopez"   "New York"  1\n  Bo\tRome 2   \n';
    writeFileSync(join(dir, 'a.txt'), text);
    writeFileSync(join(dir, 'b.txt.gz'), gzipSync(text));
    for (const name of ['a.txt', 'b.txt.gz']) {
      const source = await openData([join(dir, name)]);
      expect(source.schema.names).toEqual(['name', 'city', 'n']);
      expect(await rowsOf(source)).toEqual([
        { name: 'Ana Lopez', city: 'New York', n: 1 },
        { name: 'Bo', city: 'Rome', n: 2 },
      ]);
    }
  });
});
