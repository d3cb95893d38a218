/**
 * UTF-8 delimited text written as bytes gives the bytes that formatting each cell as text, joining
 * the lines and encoding them gives: checked on a hand-written case, and against that simple
 * string implementation on cells that need quoting, formula guards, nulls and slices.
 */
import { Bool, Dictionary, Field, Float64, Int32, RecordBatch, Schema, Struct, Utf8, Vector, makeData, vectorFromArray, type Data } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { delimitedBytes } from '../../src/write/csv-bytes.js';
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
      const bytes = delimitedBytes(batch, delimitedStyle(delimiter, options), layout, 8);
      expect(bytes.toString('utf8')).toBe(viaStrings(batch, delimiter, '\n', options).toString('utf8'));
    });
  }
});
