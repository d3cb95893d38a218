/**
 * The CSV reader's own sample (src/load/csv-sample.ts) against the reservoir over a full scan
 * (src/load/sample.ts, `reservoirSample`), the independent path: for ugly files of many shapes,
 * sizes across the reader's run and batch boundaries, and several seeds, the two give the same
 * rows and values, value for value, the same dropped header rows, and the same errors.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { discoverCommand } from '../../src/cli/commands/discover.js';
import { discover } from '../../src/discover/discover.js';
import { UserError } from '../../src/errors.js';
import { openData, type OpenOptions } from '../../src/load/open.js';
import { reservoirSample } from '../../src/load/sample.js';
import { maskData } from '../../src/mask/mask.js';
import { planMasking } from '../../src/mask/plan.js';
import type { DataSource, Sample } from '../../src/load/source.js';
import { tempDir } from './helpers.js';

/** A small seeded generator of the test data (its own, so the data does not move with the code under test). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Shape {
  delimiter?: string;
  lineEnd?: string;
  /** Share of rows followed by a blank line (LF, or CR LF with CR LF line ends). */
  blank?: number;
  /** Share of rows followed by a copy of the header line. */
  headerCopies?: number;
  /** Share of text cells quoted (some holding line breaks, delimiters and quotes). */
  quoted?: number;
  bom?: boolean;
  header?: boolean;
  /** How the text ends: a line end (default), nothing, or a lone CR. */
  ending?: 'line' | 'none' | 'cr';
}

const NAMES = ['Zoë', 'José', 'Łukasz', 'Ana "Nana"', 'Lee, Jr.', '王芳', 'O\'Brien', 'NA', 'n/a', ''];
const FLAGS = ['true', 'false', 'TRUE', ' False ', 'NA', '', 'null'];
const SCORES = ['12', '-3.25', '1e3', '-0', '  4.5 ', '.5', '5.', 'NA', '', '?', '123456789012345678', '0.1'];
/** Past the rows the types are inferred from, a number column may hold what would have made it text there. */
const LATE_SCORES = [...SCORES, '007', '+5', 'Infinity', '0.30000000000000004'];

/** `rows` data rows (after a header unless `header` is false) with text, number, boolean and code columns. */
function uglyCsv(rows: number, shape: Shape = {}, seed = 1): string {
  const random = lcg(seed);
  const d = shape.delimiter ?? ',';
  const end = shape.lineEnd ?? '\n';
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;
  const text = (value: string): string => {
    const needs = value.includes(d) || value.includes('"') || value.includes('\n') || value.includes('\r') || value.startsWith(' ') || value.endsWith(' ');
    return needs || random() < (shape.quoted ?? 0) ? quote(value) : value;
  };
  const header = ['id', 'name', 'flag', 'score', 'code', 'note'].join(d);
  const lines: string[] = shape.header === false ? [] : [header];
  for (let r = 0; r < rows; r++) {
    let name = pick(NAMES);
    if (random() < (shape.quoted ?? 0) / 2) name += pick(['\nsecond line', '\r\nline', `a${d}b`, ' "x" ']);
    const note = random() < 0.7 ? pick(['', 'NA', 'N/A', 'null', '?', ' ']) : `note ${Math.floor(random() * 1000)}`;
    const cells = [String(r + 1), text(name), pick(FLAGS), pick(r < 10_000 ? SCORES : LATE_SCORES), text(String(Math.floor(random() * 1e5)).padStart(5, '0')), text(note)];
    // A quoted number stays a number; a quoted missing value stays missing.
    if (random() < (shape.quoted ?? 0) / 4) cells[3] = quote(cells[3].trim() === '' ? 'NA' : cells[3]);
    lines.push(cells.join(d));
    if (random() < (shape.blank ?? 0)) lines.push('');
    if (shape.header !== false && random() < (shape.headerCopies ?? 0)) lines.push(header);
  }
  const body = lines.join(end);
  const ending = shape.ending ?? 'line';
  return (shape.bom ? '\ufeff' : '') + body + (ending === 'line' ? end : ending === 'cr' ? '\r' : '');
}

function write(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

type Outcome = { sample: Sample; dialect: unknown; sha256: string } | { error: { message: string; place: unknown; hint?: string } };

async function outcome(path: string, options: OpenOptions, draw: (source: DataSource) => Promise<Sample>): Promise<Outcome> {
  try {
    const source = await openData([path], options);
    const sample = await draw(source);
    return { sample, dialect: source.files[0].dialect, sha256: source.files[0].sha256 };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { error: { message: error.message, place: error.place, hint: error.hint } };
  }
}

/** The reader's sample and the reservoir over a full scan, each on a freshly opened source. */
async function both(path: string, size: number, seed: number, options: OpenOptions = {}, columns?: string[]): Promise<[Outcome, Outcome]> {
  const native = await outcome(path, options, (s) => (s.sample as NonNullable<DataSource['sample']>)(size, seed, columns));
  const scanned = await outcome(path, options, (s) => reservoirSample(s, size, seed, columns));
  return [native, scanned];
}

/** Asserts both paths agree, value for value (-0 and 0 apart), and returns the sample. */
async function expectSame(path: string, size: number, seed: number, options: OpenOptions = {}, columns?: string[]): Promise<Sample> {
  const [native, scanned] = await both(path, size, seed, options, columns);
  expect(native).toEqual(scanned);
  expect(isDeepStrictEqual(native, scanned)).toBe(true);
  if (!('sample' in native)) throw new Error(`expected a sample, got ${JSON.stringify(native.error)}`);
  return native.sample;
}

const SHAPES: Record<string, Shape> = {
  plain: {},
  'CR LF, blank lines, a byte-order mark, no final line end': { lineEnd: '\r\n', blank: 0.05, bom: true, ending: 'none' },
  'quoted values with line breaks, delimiters and quotes': { quoted: 0.3 },
  'repeated header rows and blank lines': { headerCopies: 0.02, blank: 0.03 },
  'a lone CR at the very end': { lineEnd: '\r\n', ending: 'cr', quoted: 0.1 },
  'semicolons, CR LF and quotes': { delimiter: ';', lineEnd: '\r\n', quoted: 0.2 },
  pipes: { delimiter: '|', blank: 0.01 },
};

afterEach(() => {
  delete process.env.FAIRAUDIT_SAMPLE_KEPT_BYTES;
});

describe('the CSV reader draws the reservoir sample a full scan draws', () => {
  for (const [label, shape] of Object.entries(SHAPES)) {
    it(`${label}: every size and seed`, async () => {
      for (const rows of [1, 99, 100, 101, 357, 2_000]) {
        const path = write('ugly.csv', uglyCsv(rows, shape, rows));
        for (const seed of [1, 42]) {
          const sample = await expectSame(path, 100, seed);
          expect(sample.rows).toBe(Math.min(100, rows));
          if (rows === 2_000) expect(sample.columns.map((c) => c.kind)).toEqual(['number', 'string', 'boolean', 'number', 'string', 'string']);
        }
      }
    });
  }

  it('past the reader\'s runs of 65,536 checked rows and its 1 MB reads, with the sample filled, replaced and larger than the file', async () => {
    const path = write('long.csv', uglyCsv(100_000, { quoted: 0.05, blank: 0.01, headerCopies: 0.001, lineEnd: '\r\n' }, 9));
    for (const [size, seed] of [
      [1, 3],
      [4_095, 5],
      [30_000, 7],
      [200_000, 11],
    ]) {
      const sample = await expectSame(path, size, seed);
      expect(sample.rowsSeen).toBe(100_000);
    }
  });

  it('counts the dropped header rows into the dialect as a full scan does', async () => {
    const path = write('copies.csv', uglyCsv(3_000, { headerCopies: 0.01 }, 4));
    const sample = await expectSame(path, 50, 2);
    const source = await openData([path]);
    await source.sample?.(50, 2);
    // Counted here from the text itself: lines equal to the header, after the first.
    const lines = readFileSync(path, 'utf8').split('\n');
    const copies = lines.map((line, i) => (i > 0 && line === lines[0] ? i + 1 : 0)).filter((n) => n > 0);
    expect(copies.length).toBeGreaterThan(5);
    expect(source.files[0].dialect?.repeated_header_rows).toBe(copies.length);
    expect(source.files[0].dialect?.repeated_header_lines).toEqual(copies.slice(0, 5));
    expect(sample.rowsSeen).toBe(3_000);
  });

  it('hashes the file on the way, as node:crypto hashes its bytes', async () => {
    const path = write('hashed.csv', uglyCsv(1_000, { quoted: 0.1 }, 5));
    const source = await openData([path]);
    await source.sample?.(10, 1);
    expect(source.files[0].sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
  });

  it('headerless files, given headers and given column names', async () => {
    const rows = uglyCsv(500, { header: false }, 6);
    const path = write('headerless.csv', rows);
    await expectSame(path, 40, 1, { header: false });
    await expectSame(path, 40, 1, { header: false, columns: ['a', 'b', 'c', 'd', 'e', 'f'] });
    const numeric = write('numbers.csv', Array.from({ length: 800 }, (_, i) => `${i},${(i * 7) % 13},${i % 2 === 0}`).join('\n') + '\n');
    const sample = await expectSame(numeric, 30, 8);
    expect(sample.columns[0].name).toBe('column_1');
    expect(sample.rowsSeen).toBe(800);
  });

  it('tabs, space-aligned columns, other encodings and gzip', async () => {
    await expectSame(write('t.tsv', uglyCsv(700, { delimiter: '\t', quoted: 0.1 }, 2)), 60, 3);
    const aligned = ['id   group    score', ...Array.from({ length: 600 }, (_, i) => `${i}    ${['a', 'bb', 'ccc'][i % 3]}   ${(i % 17) / 4}`)].join('\n') + '\n';
    await expectSame(write('aligned.txt', aligned), 50, 4);
    await expectSame(write('aligned.csv', aligned), 50, 4, { delimiter: ' ' });
    const latin = Array.from(uglyCsv(500, { quoted: 0.1 }, 3), (ch) => (ch.charCodeAt(0) > 0xff ? '?' : ch)).join('');
    await expectSame(write('latin1.csv', Buffer.from(latin, 'latin1')), 45, 5, { encoding: 'latin1' });
    await expectSame(write('cp1252.csv', Buffer.from(latin, 'latin1')), 45, 5, { encoding: 'windows-1252' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(uglyCsv(500, { quoted: 0.1 }, 7), 'utf16le')]);
    await expectSame(write('utf16.csv', utf16), 45, 6);
    await expectSame(write('zipped.csv.gz', gzipSync(uglyCsv(3_000, { quoted: 0.2, blank: 0.02, headerCopies: 0.005 }, 8))), 100, 7);
  });

  it('only the columns asked for, in their order, a column asked twice, names the file lacks left out', async () => {
    const path = write('cols.csv', uglyCsv(1_500, { quoted: 0.1 }, 10));
    const sample = await expectSame(path, 80, 5, {}, ['score', 'name', 'score', 'nope']);
    expect(sample.columns.map((c) => c.name)).toEqual(['score', 'name', 'score']);
    expect(sample.columns[0].values).toEqual(sample.columns[2].values);
    expect(sample.columns[0].values).not.toBe(sample.columns[2].values);
    const none = await expectSame(path, 80, 5, {}, []);
    expect(none.rowsSeen).toBe(1_500);
  });

  it('decodes kept rows early when they pass the memory bound, with the same sample', async () => {
    const path = write('early.csv', uglyCsv(20_000, { quoted: 0.1 }, 12));
    const whole = await expectSame(path, 2_000, 3);
    process.env.FAIRAUDIT_SAMPLE_KEPT_BYTES = '5000';
    expect(await expectSame(path, 2_000, 3)).toEqual(whole);
  });

  it('keeps each sampled row\'s cells together: id and code are read back from the line of that id', async () => {
    const content = uglyCsv(5_000, { quoted: 0.2, blank: 0.02 }, 13);
    const sample = await expectSame(write('rows.csv', content), 300, 21, {}, ['id', 'code']);
    // An independent reading: each record's code is the quoted or plain 5-digit cell after its id.
    const codes = new Map([...content.matchAll(/(?:^|\n)(\d+),(?:"(?:[^"]|"")*"|[^,\n]*),[^,\n]*,(?:"[^"]*"|[^,\n]*),"?(\d{5})"?,/gu)].map((m) => [Number(m[1]), m[2]]));
    const [ids, code] = sample.columns.map((c) => c.values);
    expect(codes.size).toBe(5_000);
    ids.forEach((id, i) => expect(code[i]).toBe(codes.get(id as number)));
  });
});

describe('the CSV reader\'s sample fails as a full scan fails', () => {
  // Past the first 4 MB, which the reader reads up front to infer types: only a full pass meets these.
  const base = uglyCsv(120_000, { quoted: 0.05 }, 14);

  for (const [label, tail, options] of [
    ['a ragged row', '120001,x,true,1,00001\n', {}],
    ['a number column holding text', '120001,x,true,abc,00001,\n', {}],
    ['a boolean column holding text', '120001,x,maybe,1,00001,\n', {}],
    ['an unclosed quote', '120001,"x,true,1,00001,\n', {}],
    ['text after a closing quote', '120001,"x"y,true,1,00001,\n', {}],
    ['a line longer than the cap', `120001,${'x'.repeat(70_000)},true,1,00001,\n`, { maxFieldBytes: 65_536 }],
    ['bytes that are not UTF-8', Buffer.from([0x31, 0x2c, 0xff, 0x2c, 0x74, 0x2c, 0x31, 0x2c, 0x30, 0x2c, 0x0a])],
  ] as [string, string | Buffer, OpenOptions?][]) {
    it(label, async () => {
      const path = write('bad.csv', Buffer.concat([Buffer.from(base), Buffer.from(tail)]));
      // Met after the reservoir is full, and while it still fills.
      for (const size of [1_000, 200_000]) {
        const [native, scanned] = await both(path, size, 3, options ?? {});
        if (!('error' in native)) throw new Error('expected an error');
        expect(native).toEqual(scanned);
        // Met by the pass over the body, not by the reader's first look at the file.
        expect(native.error.place).toMatchObject({ file: path, line: expect.any(Number) as number });
        expect((native.error.place as { line: number }).line).toBeGreaterThan(100_000);
      }
    });
  }

  it('a contradiction in a column not sampled is not read, by either', async () => {
    const path = write('unread.csv', base + '120001,x,true,abc,00001,\n');
    const sample = await expectSame(path, 500, 2, {}, ['name', 'flag']);
    expect(sample.rowsSeen).toBe(120_001);
  });
});

/** The file opened without the reader's own sample: discovery falls back to the reservoir over a scan. */
async function scannedOnly(path: string): Promise<DataSource> {
  const opened = await openData([path]);
  return { name: opened.name, schema: opened.schema, files: opened.files, provenance: () => opened.provenance(), scan: (o) => opened.scan(o), readWarnings: () => opened.readWarnings?.() ?? [] };
}

describe('discovery and masking of a CSV file', () => {
  const content = uglyCsv(30_000, { quoted: 0.1, blank: 0.01, headerCopies: 0.001, lineEnd: '\r\n' }, 15).replace(/^id,/u, 'customer_id,');

  it('discover prints what discovery over a full scan finds', async () => {
    const path = write('people.csv', content);
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      expect(await discoverCommand.run({ data: [path], json: true, sample: 2_000, seed: 5 } as Parameters<typeof discoverCommand.run>[0])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const scanned = await scannedOnly(path);
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(await discover(scanned, { sampleSize: 2_000, seed: 5 }))));
    const native = await openData([path]);
    expect(await discover(native, { sampleSize: 2_000, seed: 5, now: 0 })).toEqual(await discover(scanned, { sampleSize: 2_000, seed: 5, now: 0 }));
    expect(native.readWarnings?.()).toEqual(scanned.readWarnings?.());
  });

  it('writes the masked copy and manifest that discovery over a full scan leads to, byte for byte', async () => {
    const path = write('people.csv', content);
    const key = Buffer.from('a test key that is long enough, 32+');
    const copies: { bytes: Buffer; manifest: unknown }[] = [];
    for (const source of [await openData([path]), await scannedOnly(path)]) {
      const discovery = await discover(source, { sampleSize: 2_000, seed: 5, now: 0 });
      const out = join(tempDir(), 'masked.csv');
      const manifest = await maskData(source, planMasking({ schema: source.schema, discovery }), { out, key });
      expect(manifest.columns.some((c) => c.operator === 'hmac')).toBe(true);
      copies.push({ bytes: readFileSync(out), manifest: { ...manifest, output: { ...manifest.output, path: '' } } });
    }
    expect(copies[0].bytes.equals(copies[1].bytes)).toBe(true);
    expect(copies[0].manifest).toEqual(copies[1].manifest);
  });
});
