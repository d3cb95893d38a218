import { describe, expect, it } from 'vitest';
import { Bool, DateDay, Float64, Int32, Int64, TimestampMillisecond, Utf8, vectorFromArray, type Data } from 'apache-arrow';
import { isInteger, isNumeric, isTemporal, isValidAt, nonNullCount, textOf, valueReader } from '../../src/arrow/cells.js';

/** Every cell of the vector's first chunk as the reader sees it, null where it is not valid. */
function cellsOf(vector: { data: readonly Data[] }): unknown[] {
  const data = vector.data[0];
  const read = valueReader(data);
  return Array.from({ length: data.length }, (_, i) => (isValidAt(data, i) ? read(i) : null));
}

describe('Arrow cell readers', () => {
  it('read text, numbers and booleans with their nulls where the values were given', () => {
    expect(cellsOf(vectorFromArray(['a', null, 'ü€'], new Utf8()))).toEqual(['a', null, 'ü€']);
    expect(cellsOf(vectorFromArray([1, null, -7], new Int32()))).toEqual([1, null, -7]);
    expect(cellsOf(vectorFromArray([0.5, 2.25, null], new Float64()))).toEqual([0.5, 2.25, null]);
    expect(cellsOf(vectorFromArray([true, false, null], new Bool()))).toEqual([true, false, null]);
  });

  it('reads 64-bit integers as numbers while they are safe, as bigints beyond', () => {
    expect(cellsOf(vectorFromArray([5n, 2n ** 60n], new Int64()))).toEqual([5, 2n ** 60n]);
  });

  it('reads dates and timestamps as epoch milliseconds and writes them as a file shows them', () => {
    const day = Date.UTC(2024, 1, 29);
    const date = vectorFromArray([new Date(day)], new DateDay());
    const [ms] = cellsOf(date) as number[];
    expect(ms).toBe(day);
    expect(textOf(ms, date.type)).toBe('2024-02-29');
    const stamp = vectorFromArray([new Date(day + 3_600_000)], new TimestampMillisecond());
    expect(textOf(cellsOf(stamp)[0] as number, stamp.type)).toBe('2024-02-29T01:00:00.000Z');
  });

  it('counts non-null cells and classifies types', () => {
    const v = vectorFromArray([1, null, null, 4], new Int32());
    expect(nonNullCount(v.data[0])).toBe(2);
    expect([isNumeric(v.type), isInteger(v.type), isTemporal(v.type)]).toEqual([true, true, false]);
    expect([isNumeric(new Float64()), isInteger(new Float64())]).toEqual([true, false]);
    expect(isTemporal(new DateDay())).toBe(true);
  });
});
