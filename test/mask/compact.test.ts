/**
 * A batch whose dictionary is far larger than itself (a unique column read from CSV, whose
 * dictionary holds every value read so far) is cut down to the entries its rows use, with the
 * same values row by row; small dictionaries are left alone.
 */
import { Dictionary, Int32, Utf8, makeData, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { COMPACT_ABOVE, compactDictionary } from '../../src/mask/compact.js';
import { valuesOf } from './helpers.js';

const TYPE = new Dictionary(new Utf8(), new Int32(), 7);

/** A dictionary column of `codes` (null where the code is -1) over `size` entries `v0…v{size-1}`. */
function column(codes: number[], size: number) {
  const entries = vectorFromArray(Array.from({ length: size }, (_, i) => `v${i}`), new Utf8());
  const validity = new Uint8Array((codes.length + 7) >> 3);
  codes.forEach((c, i) => {
    if (c >= 0) validity[i >> 3] |= 1 << (i & 7);
  });
  const nullCount = codes.filter((c) => c < 0).length;
  return makeData({ type: TYPE, length: codes.length, nullCount, nullBitmap: nullCount ? validity : undefined, data: Int32Array.from(codes.map((c) => Math.max(c, 0))), dictionary: entries });
}

describe('compacting dictionaries per batch', () => {
  it('keeps only the entries the rows use, first-used first, with the same values and nulls', () => {
    const size = COMPACT_ABOVE * 3;
    const codes = [9000, 5, -1, 9000, 12_000, 5, -1, 3];
    const data = column(codes, size);
    const compact = compactDictionary(data);
    expect(compact).not.toBe(data);
    expect(compact.dictionary!.length).toBe(4);
    expect([...compact.dictionary!]).toEqual(['v9000', 'v5', 'v12000', 'v3']);
    // By hand: the values each row had, nulls where the code was -1.
    expect(valuesOf(compact)).toEqual(['v9000', 'v5', null, 'v9000', 'v12000', 'v5', null, 'v3']);
    expect(compact.type).toBe(TYPE);
  });

  it('keeps the values of a slice that starts inside a batch', () => {
    // Rows 3…7 of the column: codes 4, null, 6, 7, 8.
    const data = column([1, 2, 3, 4, -1, 6, 7, 8, 9, 10], COMPACT_ABOVE * 2).slice(3, 5);
    expect(valuesOf(compactDictionary(data))).toEqual(['v4', null, 'v6', 'v7', 'v8']);
  });

  it('leaves a dictionary of up to the bound, or of up to twice the rows, as it is', () => {
    const small = column([1, 2, 3], COMPACT_ABOVE);
    expect(compactDictionary(small)).toBe(small);
    const rows = Array.from({ length: COMPACT_ABOVE * 2 }, (_, i) => i);
    const wide = column(rows, COMPACT_ABOVE * 4);
    expect(compactDictionary(wide)).toBe(wide);
  });
});
