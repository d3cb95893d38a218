/**
 * Both tokenizers — the byte tokenizer (the fast path of a CSV scan) and the string tokenizer
 * (the header and the sampled rows) — against a second, plain reading of the same grammar written
 * here (one character at a time, whole text at once) on tricky records: quotes, CRLF, blank lines, empty fields and null tokens, non-ASCII text, and
 * the line numbers of errors; whole texts and the same texts cut at every position between two
 * pieces, as a reused read buffer cuts them. Then the reused buffer itself: characters and a
 * byte-order mark cut by reads, and records longer than the buffer.
 */
import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { CsvByteTokenizer, CsvTokenizer, ValuesSink } from '../../src/load/csv-tokenizer.js';
import { openData } from '../../src/load/open.js';
import { rowsOf, tempDir } from './helpers.js';

const encoder = new TextEncoder();

/**
 * Records by the plain path: RFC 4180 read one character at a time from the whole text, with the
 * loader's rules (blank lines skipped, a CR before a line feed or at the very end belongs to the
 * line end, a quote inside an unquoted field is text), throwing the loader's messages. Written
 * independently of src/load/csv-tokenizer.ts, which splits on byte ranges instead.
 */
function plainRecords(text: string, fields: number): string[][] {
  const records: string[][] = [];
  const n = text.length;
  const lineEndAt = (i: number) => i === n || text[i] === '\n' || (text[i] === '\r' && (i + 1 === n || text[i + 1] === '\n'));
  let line = 1;
  let i = 0;
  while (i < n) {
    if (text[i] === '\n' || (text[i] === '\r' && lineEndAt(i))) {
      i += text.startsWith('\r\n', i) ? 2 : 1;
      line++;
      continue;
    }
    const record: string[] = [];
    let extraLines = 0;
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        for (i++; ; i++) {
          if (i === n) throw new Error(`a quoted value that starts on line ${line} is never closed`);
          if (text[i] === '"' && text[i + 1] === '"') value += text[i++];
          else if (text[i] === '"') break;
          else {
            if (text[i] === '\n') extraLines++;
            value += text[i];
          }
        }
        i++;
        if (text[i] !== ',' && !lineEndAt(i)) throw new Error(`line ${line + extraLines} has text after a closing quote`);
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n') value += text[i++];
        if (text[i] !== ',' && value.endsWith('\r')) value = value.slice(0, -1);
      }
      record.push(value);
      if (text[i] !== ',') break;
      i++;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    if (record.length !== fields) throw new Error(`line ${line} has ${record.length} field${record.length === 1 ? '' : 's'}, the header has ${fields}`);
    records.push(record);
    line += 1 + extraLines;
  }
  return records;
}

/** Records by the string tokenizer on the whole text. */
function stringRecords(text: string, fields: number): string[][] {
  const sinks = Array.from({ length: fields }, () => new ValuesSink());
  new CsvTokenizer(',', fields, sinks, 1).parse(text, 0, true, Infinity);
  return sinks[0].values.map((_, r) => sinks.map((s) => s.values[r]));
}

/**
 * Records by the byte tokenizer, the UTF-8 bytes fed in `pieces` the way a scan feeds its reused
 * buffer: what the last parse left unparsed, then the next piece. Each buffer holds stale bytes
 * past its end, which the tokenizer must never read.
 */
function byteRecords(pieces: Uint8Array[], fields: number): string[][] {
  return projectedRecords(pieces, Array.from({ length: fields }, () => true)).values;
}

/**
 * Records by the byte tokenizer with sinks for the `wanted` fields only (a scan of some columns),
 * fed in pieces as {@link byteRecords} feeds them: the wanted values of each record, and how many
 * records were read.
 */
function projectedRecords(pieces: Uint8Array[], wanted: readonly boolean[]): { values: string[][]; count: number } {
  const sinks = wanted.map((w) => (w ? new ValuesSink() : undefined));
  const tokenizer = new CsvByteTokenizer(',', wanted.length, sinks, 1);
  let left = new Uint8Array(0);
  let count = 0;
  pieces.forEach((piece, i) => {
    const buffer = new Uint8Array(left.length + piece.length + 8).fill(0x22);
    buffer.set(left);
    buffer.set(piece, left.length);
    const end = left.length + piece.length;
    const pos = tokenizer.parse(buffer, 0, end, i === pieces.length - 1, Infinity);
    count += tokenizer.records;
    left = buffer.slice(pos, end);
  });
  const kept = sinks.filter((sink) => sink !== undefined);
  return { values: Array.from({ length: count }, (_, r) => kept.map((sink) => sink.values[r])), count };
}

/** Every choice of wanted fields among `fields`: none, some, all. */
function projections(fields: number): boolean[][] {
  return Array.from({ length: 1 << fields }, (_, mask) => Array.from({ length: fields }, (_, i) => ((mask >> i) & 1) === 1));
}

/** The message `run` throws; the tokenizer's must be a {@link UserError} (exit 2, one line). */
function errorOf(run: () => unknown, user = true): string {
  try {
    run();
  } catch (error) {
    if (user) expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  return 'no error';
}

const TEXTS: [name: string, text: string][] = [
  ['plain lines', 'a,b,c\nd,e,f\n'],
  ['no final line break', 'a,b,c\nd,e,f'],
  ['CRLF line ends, also without a final one', 'a,b,c\r\nd,e,f\r\ng,h,i'],
  ['a final lone CR', 'a,b,c\r'],
  ['empty fields, also last', ',,\r\na,,\n,,'],
  ['blank lines, LF and CRLF', '\r\n\na,b,c\n\r\n\nd,e,f\n\n\r\n'],
  ['a CR inside a field is kept', 'a\rx,b,\rc\n\r,\r\r,\r\r\n'],
  ['quoted delimiter, quotes and line breaks', '"a,1","say ""hi""","two\nlines"\r\nd,e,f\n'],
  ['a quoted last field before CRLF and at the end', 'a,b,"c"\r\nd,e,"f"'],
  ['quoted CR LF and a quoted last field then a lone CR at the end', '"x\r\ny",b,"c"\r'],
  ['empty quoted fields and doubled quotes only', '"",b,""\n"""","""""",""""""""\n'],
  ['quotes inside an unquoted field are text', 'a"b,c""d,e"\n'],
  ['null tokens and values that merely start alike', 'NA,N/A,null\n Na ,?,Nancy\n'],
  ['non-ASCII text: accents, CJK, emoji', 'Émile,名前,🙂\n"é,ü","€""€",ßß\n'],
];

/** Texts each tokenizer must refuse, each with the line its error names. */
const BAD = [
  '"x\ny",b,c\nd,e\n', // a ragged record after a quoted line break: line 3
  'a,b,c\n"x\ny"z,b,c\n', // text after a closing quote on line 3
  'a,b,c\r\n"x\r\ny"\rz,b,c\n', // a CR that does not end the line after a closing quote
  'a,b,c\nd,"e,f\n', // a quote never closed, starting on line 2
  'a,b,c,d\n', // too many fields on line 1
  'é,b,c\n\n\nx\n', // too few fields on line 4, after blank lines and a non-ASCII value
];

describe('the byte tokenizer', () => {
  for (const [name, text] of TEXTS) {
    it(`reads ${name} as the plain reading does`, () => {
      expect(byteRecords([encoder.encode(text)], 3)).toEqual(plainRecords(text, 3));
    });

    it(`reads ${name} cut at any byte`, () => {
      const bytes = encoder.encode(text);
      const records = plainRecords(text, 3);
      for (let cut = 0; cut <= bytes.length; cut++) {
        expect(byteRecords([bytes.subarray(0, cut), bytes.subarray(cut)], 3), `cut at ${cut}`).toEqual(records);
      }
    });
  }

  it('reads three pieces and every record the plain reading reads from a long mixed text', () => {
    const values = ['x', '', 'NA', '"q,""uo""te"', 'two\r\nlines', 'é', '-1.5', '"a\nb"'];
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) lines.push([values[i % 8], values[(i * 3) % 8], values[(i * 5 + 1) % 8]].map((v) => (v.includes('\n') && !v.startsWith('"') ? `"${v}"` : v)).join(','));
    const text = lines.map((l, i) => l + (i % 7 === 0 ? '\r\n' : i % 11 === 0 ? '\n\n' : '\n')).join('');
    const bytes = encoder.encode(text);
    const records = plainRecords(text, 3);
    expect(records).toHaveLength(300);
    for (let cut = 1; cut < bytes.length; cut += 97) {
      const second = Math.min(bytes.length, cut + 53);
      expect(byteRecords([bytes.subarray(0, cut), bytes.subarray(cut, second), bytes.subarray(second)], 3), `cuts at ${cut}, ${second}`).toEqual(records);
    }
  });

  it('reports the errors of the plain reading with the same line numbers, at any cut', () => {

    for (const text of BAD) {
      const expected = errorOf(() => plainRecords(text, 3), false);
      expect(expected).not.toBe('no error');
      const bytes = encoder.encode(text);
      for (let cut = 0; cut <= bytes.length; cut++) {
        expect(errorOf(() => byteRecords([bytes.subarray(0, cut), bytes.subarray(cut)], 3)), `${JSON.stringify(text)} cut at ${cut}`).toBe(expected);
      }
    }
  });

  it('has the string tokenizer read every text and report every error as the plain reading does', () => {
    for (const [name, text] of TEXTS) expect(stringRecords(text, 3), name).toEqual(plainRecords(text, 3));
    for (const text of BAD) expect(errorOf(() => stringRecords(text, 3)), JSON.stringify(text)).toBe(errorOf(() => plainRecords(text, 3), false));
  });

  it('reads only the fields a scan wants, counting the others past quotes, CRs and cuts, as the plain reading does', () => {
    for (const [name, text] of TEXTS) {
      const bytes = encoder.encode(text);
      const records = plainRecords(text, 3);
      for (const wanted of projections(3)) {
        const expected = { values: records.map((record) => record.filter((_, i) => wanted[i])), count: records.length };
        for (let cut = 0; cut <= bytes.length; cut++) {
          expect(projectedRecords([bytes.subarray(0, cut), bytes.subarray(cut)], wanted), `${name}, fields ${wanted.join()}, cut at ${cut}`).toEqual(expected);
        }
      }
    }
  });

  it('reports the errors of the plain reading whichever fields a scan wants, at any cut', () => {
    for (const text of BAD) {
      const expected = errorOf(() => plainRecords(text, 3), false);
      const bytes = encoder.encode(text);
      for (const wanted of projections(3)) {
        for (let cut = 0; cut <= bytes.length; cut++) {
          expect(errorOf(() => projectedRecords([bytes.subarray(0, cut), bytes.subarray(cut)], wanted)), `${JSON.stringify(text)}, fields ${wanted.join()}, cut at ${cut}`).toBe(expected);
        }
      }
    }
  });

  it('stops after the number of records asked for and resumes where it stopped', () => {
    const sinks = [new ValuesSink(), new ValuesSink()];
    const tokenizer = new CsvByteTokenizer(',', 2, sinks, 1);
    const bytes = encoder.encode('a,1\n\n"b\nb",2\nc,3\n');
    const pos = tokenizer.parse(bytes, 0, bytes.length, true, 2);
    expect([tokenizer.records, tokenizer.line, sinks[0].values]).toEqual([2, 5, ['a', 'b\nb']]);
    tokenizer.parse(bytes, pos, bytes.length, true, 2);
    expect([tokenizer.records, tokenizer.line, sinks[1].values]).toEqual([1, 6, ['1', '2', '3']]);
  });
});

describe('a CSV scan over the reused read buffer', () => {
  const dir = tempDir();

  it('reads multi-byte characters and long records cut by 1 MB reads, plain and gzipped, after a BOM', async () => {
    // Values of 1-, 2-, 3- and 4-byte characters whose lengths put character and record ends at
    // every offset of a read; one record (1.5 MB) is longer than the first buffer.
    const names = ['é', '€uro', '名前x', '🙂', 'plain', 'NA'];
    const expected = Array.from({ length: 120_000 }, (_, i) => ({ id: i, name: names[i % 6] === 'NA' ? null : names[i % 6].repeat(1 + (i % 5)), x: i % 13 === 0 ? null : i / 8 }));
    const long = 'ü'.repeat(750_000);
    expected[50_000].name = long;
    const text = '\uFEFFid,name,x\n' + expected.map((r) => `${r.id},${r.name ?? 'NA'},${r.x ?? ''}`).join('\r\n') + '\n';
    const plain = join(dir, 'wide.csv');
    const gzipped = join(dir, 'wide.csv.gz');
    writeFileSync(plain, text);
    writeFileSync(gzipped, gzipSync(Buffer.from(text)));
    for (const path of [plain, gzipped]) {
      const rows = await rowsOf(await openData([path]), { batchSize: 7_000 });
      expect(rows.length, path).toBe(expected.length);
      expect(rows, path).toEqual(expected);
    }
  });

  it('names the line of a byte that is not UTF-8 past the sampled start and the first reads', async () => {
    // 600 000 rows (~5 MB): the bad byte lies past the 4 MB read to infer the types.
    const good = Array.from({ length: 600_000 }, (_, i) => `${['female', 'male', 'other'][i % 3]},${i % 2}`).join('\n');
    const path = join(dir, 'bad-late.csv');
    writeFileSync(path, Buffer.concat([Buffer.from(`sex,label\n${good}\n`), Buffer.from([0x66, 0xe9, 0x2c, 0x31, 0x0a])]));
    const source = await openData([path]);
    await expect(rowsOf(source)).rejects.toThrow(/not valid UTF-8/);
    await expect(rowsOf(source)).rejects.toMatchObject({ place: { line: 600_002 } });
  });
});
