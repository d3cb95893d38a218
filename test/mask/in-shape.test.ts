/** A plain string chunk written under a dictionary output type keeps its values, nulls and row order. */
import { Dictionary, Int32, Utf8, Vector, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { inShape } from '../../src/mask/operators/column.js';

describe('inShape', () => {
  it('turns a sliced plain chunk with nulls into a dictionary chunk of the same values', () => {
    const values = ['a', null, 'b', 'c', null, 'd', 'e', 'f', 'g', null, 'h'];
    const sliced = vectorFromArray(values, new Utf8()).data[0].slice(3, 7);
    const type = new Dictionary(new Utf8(), new Int32(), 5);
    const out = inShape(sliced, type);
    expect(out.type).toBe(type);
    expect([...new Vector([out])]).toEqual(values.slice(3, 10));
    expect(out.nullCount).toBe(2);
  });

  it('returns a chunk already in shape as it is, and refuses a shape it cannot make', () => {
    const plain = vectorFromArray(['x'], new Utf8()).data[0];
    expect(inShape(plain, new Utf8())).toBe(plain);
    expect(() => inShape(vectorFromArray([1], new Int32()).data[0], new Dictionary(new Utf8(), new Int32()))).toThrow(/cannot be written/);
  });
});
