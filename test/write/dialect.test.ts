import { describe, expect, it } from 'vitest';
import { Schema, Field, Utf8, Int32, tableFromArrays, type RecordBatch } from 'apache-arrow';
import { dialectOf } from '../../src/write/dialect.js';
import { delimitedEncoder } from '../../src/write/csv.js';

describe('the dialect of delimited text', () => {
  it('reads the delimiter, line ending, byte-order mark and quoting from the first bytes', () => {
    expect(dialectOf(Buffer.from('a;b;c\r\n1;2,5;3\r\n'), 'csv')).toEqual({ delimiter: ';', eol: '\r\n', bom: false, quoteAll: false });
    expect(dialectOf(Buffer.from('\ufeff"a"|"b"\n"1"|"2"\n'), 'csv')).toEqual({ delimiter: '|', eol: '\n', bom: true, quoteAll: true });
    expect(dialectOf(Buffer.from('a\tb\n1\t2\n'), 'tsv')).toEqual({ delimiter: '\t', eol: '\n', bom: false, quoteAll: false });
  });

  it('writes a table back in that dialect, with formula starts prefixed when asked', async () => {
    const table = tableFromArrays({ name: ['x;y', '=1+1', 'plain'], n: Int32Array.from([1, -2, 3]) });
    const schema = new Schema([new Field('name', new Utf8(), true), new Field('n', new Int32(), true)]);
    const chunks: Buffer[] = [];
    const sink = { write: async (bytes: Uint8Array) => void chunks.push(Buffer.from(bytes)) };
    const encoder = delimitedEncoder(schema, ';', { eol: '\n', bom: true, quoteAll: false, guardFormulas: true });
    await encoder.start(sink);
    for (const batch of table.batches as RecordBatch[]) await encoder.write(batch, sink);
    await encoder.finish(sink);
    expect(Buffer.concat(chunks).toString('utf8')).toBe('\ufeffname;n\n"x;y";1\n\'=1+1;-2\nplain;3\n');
  });
});
