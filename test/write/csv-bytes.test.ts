/**
 * UTF-8 delimited text written as bytes gives the bytes that formatting each cell as text, joining
 * the lines and encoding them gives: checked on a hand-written case, and against that simple
 * string implementation on cells that need quoting, formula guards, nulls and slices.
 */
import { Bool, Dictionary, Field, Float32, Float64, Int32, Int8, RecordBatch, Schema, Struct, Uint32, Utf8, Vector, makeData, vectorFromArray, type Data } from 'apache-arrow';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ByteBuffer, delimitedBytes } from '../../src/write/csv-bytes.js';
import { cellFormatter, delimitedStyle } from '../../src/write/text.js';

function batchOf(columns: Record<string, Data>): RecordBatch {
  const fields = Object.entries(columns).map(([name, data]) => new Field(name, data.type, true));
  const length = Object.values(columns)[0].length;
  return new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length, nullCount: 0, children: Object.values(columns) }));
}

function utf8(values: (string | null)[]): Data {
  return vectorFromArray(values, new Utf8()).data[0];
}

/** The simple way: a string per cell, lines joined, encoded once. */
function viaStrings(batch: RecordBatch, delimiter: string, eol: string, options: { quoteAll?: boolean; guardFormulas?: boolean }): Buffer {
  const style = delimitedStyle(delimiter, options);
  const cells = batch.data.children.map((child) => cellFormatter(child, style));
  const lines: string[] = [];
  for (let i = 0; i < batch.numRows; i++) lines.push(cells.map((cell) => cell(i)).join(delimiter));
  return Buffer.from(lines.join(eol) + eol, 'utf8');
}

const VALUES = ['plain', '', null, 'a,b', 'say "hi"', 'two\nlines', '=SUM(A1)', '+1', '-x', '@me', '\tlead', 'Zürich – café', '😀', 'semi;colon', 'tab\there'];

describe('delimited text as bytes', () => {
  it('writes what a hand-written CSV holds', () => {
    const batch = batchOf({ id: utf8(['a1', 'b,2', null]), n: vectorFromArray([1.5, null, 3], new Float64()).data[0] });
    const bytes = delimitedBytes(batch, delimitedStyle(','), { delimiter: ',', eol: '\r\n', quoteAll: false, guardFormulas: false });
    expect(bytes.toString('utf8')).toBe('a1,1.5\r\n"b,2",\r\n,3\r\n');
  });

  for (const [delimiter, options] of [
    [',', {}],
    [',', { guardFormulas: true }],
    [';', { quoteAll: true }],
    ['\t', { guardFormulas: true }],
  ] as const) {
    it(`gives the bytes of the string path with delimiter ${JSON.stringify(delimiter)} and ${JSON.stringify(options)}`, () => {
      const n = VALUES.length;
      const entries = vectorFromArray(['x', '=y', 'needs,"quote"', 'z'], new Utf8());
      const codes = Int32Array.from({ length: n }, (_, i) => i % 4);
      const validity = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) if (i % 5 !== 3) validity[i >> 3] |= 1 << (i & 7);
      const type = new Dictionary(new Utf8(), new Int32(), 9);
      const dictionary = makeData({ type, length: n, nullCount: n - [...Array(n).keys()].filter((i) => i % 5 !== 3).length, nullBitmap: validity, data: codes, dictionary: entries });
      // A dictionary of two chunks (an Arrow file's delta), and a sliced plain column.
      const twoChunks = makeData({ type, length: n, nullCount: 0, data: Int32Array.from({ length: n }, (_, i) => i % 3), dictionary: new Vector([utf8(['p', 'q']), utf8(['r,s'])]) as Vector<Utf8> });
      const sliced = utf8(['skip', ...VALUES, 'after']).slice(1, n);
      const batch = batchOf({
        text: utf8(VALUES),
        coded: dictionary,
        chunks: twoChunks,
        sliced,
        number: vectorFromArray(Array.from({ length: n }, (_, i) => (i === 2 ? null : i - 7.25)), new Float64()).data[0],
        flag: vectorFromArray(Array.from({ length: n }, (_, i) => (i === 4 ? null : i % 2 === 0)), new Bool()).data[0],
      });
      const layout = { delimiter, eol: '\n', quoteAll: false, guardFormulas: false, ...options };
      const bytes = delimitedBytes(batch, delimitedStyle(delimiter, options), layout, new ByteBuffer(8));
      expect(bytes.toString('utf8')).toBe(viaStrings(batch, delimiter, '\n', options).toString('utf8'));
    });
  }

  /** A masked column's shape: a dictionary whose indices are the rows, over one chunk of entries. */
  function identityDictionary(entries: (string | null)[]): Data {
    const n = entries.length;
    const validity = new Uint8Array((n + 7) >> 3);
    entries.forEach((e, i) => {
      if (e !== null) validity[i >> 3] |= 1 << (i & 7);
    });
    const nulls = entries.filter((e) => e === null).length;
    return makeData({
      type: new Dictionary(new Utf8(), new Int32(), 3),
      length: n,
      nullCount: nulls,
      nullBitmap: nulls > 0 ? validity : undefined,
      data: Int32Array.from({ length: n }, (_, i) => i),
      dictionary: new Vector([utf8(entries.map((e) => e ?? ''))]) as Vector<Utf8>,
    });
  }

  /** Text of every length from 0 to 300 (across the word copy's tail and its limit), cycling through printable ASCII and two-byte letters. */
  const LENGTHS = Array.from({ length: 301 }, (_, n) => Array.from({ length: n }, (_, k) => (k % 17 === 16 ? 'é' : String.fromCharCode(97 + ((n + k) % 26)))).join(''));

  for (const [delimiter, options] of [
    [',', {}],
    [',', { guardFormulas: true }],
    ['\t', { quoteAll: true }],
  ] as const) {
    it(`copies chunks with no byte to quote cell by cell as the string path writes them (${JSON.stringify(delimiter)}, ${JSON.stringify(options)})`, () => {
      const hex = Array.from({ length: 40 }, (_, i) => (i % 9 === 4 ? null : createHash('sha256').update(String(i)).digest('hex')));
      const clean = [...LENGTHS, '=formula', '-1', '@x', '', null];
      const batch = batchOf({
        hashed: identityDictionary([...hex, ...Array.from({ length: clean.length - hex.length }, (_, i) => createHash('sha256').update(`x${i}`).digest('hex'))]),
        clean: utf8(clean),
        // A slice of a chunk whose bytes outside the slice need quoting, and inside do not.
        sliced: utf8(['a,"b"', ...clean.map((c) => (c === null ? null : c.replace(/,/g, ''))), 'c\nd']).slice(1, clean.length),
        dirty: utf8(clean.map((c, i) => (i === 150 ? 'x,y' : c))),
      });
      const layout = { delimiter, eol: '\r\n', quoteAll: false, guardFormulas: false, ...options };
      const bytes = delimitedBytes(batch, delimitedStyle(delimiter, options), layout, new ByteBuffer(64));
      expect(bytes.equals(viaStrings(batch, delimiter, '\r\n', options))).toBe(true);
    });
  }

  it('writes numbers as the string path does, small integers included', () => {
    const floats = [0, 1, -0, 1.5, -1024, -1025, 4095, 4096, NaN, Infinity, -Infinity, 1e21, 0.1 + 0.2, null, 3, 3, -7];
    const ints = [0, 1, -128, 127, 5, null, -1, 5, 0];
    const batch = batchOf({
      f64: vectorFromArray(floats, new Float64()).data[0],
      f32: vectorFromArray(floats, new Float32()).data[0],
      i8: vectorFromArray([...ints, ...ints].slice(0, floats.length), new Int8()).data[0],
      u32: vectorFromArray(Array.from({ length: floats.length }, (_, i) => (i === 2 ? null : i * 600_000_000 >>> 0)), new Uint32()).data[0],
    });
    const bytes = delimitedBytes(batch, delimitedStyle(','), { delimiter: ',', eol: '\n', quoteAll: false, guardFormulas: false });
    expect(bytes.toString('utf8')).toBe(viaStrings(batch, ',', '\n', {}).toString('utf8'));
  });

  it('reuses one buffer batch after batch, writing each batch from its start', () => {
    const out = new ByteBuffer(16);
    const layout = { delimiter: ',', eol: '\n', quoteAll: false, guardFormulas: false };
    for (const values of [LENGTHS.slice(0, 200), ['a', 'b'], LENGTHS.slice(250)]) {
      const batch = batchOf({ text: utf8(values), n: vectorFromArray(values.map((v) => v.length), new Float64()).data[0] });
      const bytes = delimitedBytes(batch, delimitedStyle(','), layout, out);
      expect(Buffer.from(bytes).equals(viaStrings(batch, ',', '\n', {}))).toBe(true);
    }
  });
});
