import { describe, expect, it } from 'vitest';
import { DateDay, Float64, Int32, Table, Utf8, makeData, tableFromArrays, vectorFromArray } from 'apache-arrow';
import { csvHeader, csvRows } from '../../scripts/datasets/csv.js';
import { SeededRandom } from '../../scripts/datasets/random.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('CSV writing', () => {
  it('quotes only fields holding a comma, quote or line break, doubling quotes (RFC 4180)', () => {
    const table = new Table({
      plain: vectorFromArray(['a', 'b, c', 'say "hi"', 'two\nlines'], new Utf8()),
      category: vectorFromArray(['x', 'y,z', 'x', 'y,z']), // dictionary-encoded
    });
    const csv = text(csvHeader(table.schema)) + text(csvRows(table.batches[0]));
    expect(csv).toBe('plain,category\na,x\n"b, c","y,z"\n"say ""hi""",x\n"two\nlines","y,z"\n');
  });

  it('writes nulls as empty fields in every column type', () => {
    const table = tableFromArrays({ s: ['a', null, 'b'], n: Int32Array.from([1, 2, 3]) });
    const withNulls = new Table({
      s: table.getChild('s')!,
      x: vectorFromArray([1.5, null, -2], new Float64()),
      k: vectorFromArray([null, 7, -12], new Int32()),
    });
    expect(text(csvRows(withNulls.batches[0]))).toBe('a,1.5,\n,,7\nb,-2,-12\n');
  });

  it('prints doubles exactly as JavaScript does (String(value)), short decimals and long ones alike', () => {
    const rng = new SeededRandom(3);
    const values: number[] = [0, -0, 1, -1, 0.5, 0.1, 0.2 + 0.1, 1e-7, 123456789.25, 1e21, -3.25, 1 / 3, 2 ** 53];
    for (let i = 0; i < 5_000; i++) {
      const decimals = i % 7;
      values.push(Math.round((rng.uniform() - 0.5) * 1e6 * 10 ** decimals) / 10 ** decimals);
      values.push((rng.uniform() - 0.5) * 10 ** (rng.below(20) - 10));
    }
    const table = new Table({ v: vectorFromArray(values, new Float64()) });
    const lines = text(csvRows(table.batches[0])).split('\n').slice(0, -1);
    expect(lines).toEqual(values.map((v) => String(v)));
  });

  it('writes day dates as ISO YYYY-MM-DD, before and after 1970', () => {
    const days = Int32Array.from([0, -1, 11016, 20454, -25567]);
    const table = new Table({ d: makeData({ type: new DateDay(), length: days.length, data: days }) });
    // Each expected date from the platform's own calendar: day × 86,400,000 ms.
    const expected = [...days].map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
    expect(text(csvRows(table.batches[0])).split('\n').slice(0, -1)).toEqual(expected);
    expect(expected).toEqual(['1970-01-01', '1969-12-31', '2000-02-29', '2026-01-01', '1900-01-01']);
  });

  it('writes rows of a sliced batch starting at the slice, not at the buffer start', () => {
    const table = new Table({
      k: vectorFromArray([1, 2, 3, 4], new Int32()),
      s: vectorFromArray(['a', 'b', 'c', 'd'], new Utf8()),
      c: vectorFromArray(['x', null, 'y', null]),
      f: vectorFromArray([0.5, 1.5, null, 3.5], new Float64()),
    });
    expect(text(csvRows(table.batches[0].slice(1, 4)))).toBe('2,b,,1.5\n3,c,y,\n4,d,,3.5\n');
  });
});
