import { describe, expect, it } from 'vitest';
import { Bool, Dictionary, Int32, Utf8, vectorFromArray, type Data } from 'apache-arrow';
import { ClassCounter, suppressRows } from '../../src/mask/risk.js';
import { valuesOf } from './helpers.js';

const dict = (values: (string | null)[]): Data => vectorFromArray(values, new Dictionary(new Utf8(), new Int32())).data[0];

describe('k-anonymity and l-diversity', () => {
  // Hand-computed table (zip3, age band | diagnosis):
  //   021, 25–44 | flu, flu, cold      → class A, 3 rows, 2 distinct diagnoses
  //   021, 45–64 | flu, asthma         → class B, 2 rows, 2 distinct
  //   902, 25–44 | cold                → class C, 1 row,  1 distinct
  // smallest class = 1 → k = 1; with k target 2, class C (1 row) is below → 1 of 6 records = 1/6.
  // l = min(2, 2, 1) = 1.
  const zip = ['021', '021', '021', '021', '021', '902'];
  const age = ['25–44', '25–44', '25–44', '45–64', '45–64', '25–44'];
  const dx = ['flu', 'flu', 'cold', 'flu', 'asthma', 'cold'];

  it('reports the smallest class, the records below k and the fewest distinct sensitive values', () => {
    const counter = new ClassCounter(['zip', 'age'], 'dx');
    counter.add([dict(zip), dict(age)], 6, dict(dx));
    const risk = counter.summary(2);
    expect(risk.classes).toBe(3);
    expect(risk.k_achieved).toBe(1);
    expect(risk.records_below_k).toBe(1);
    expect(risk.share_below_k).toBeCloseTo(1 / 6, 12);
    expect(risk.l_diversity).toBe(1);
  });

  it('gives the same classes when the rows arrive in batches with different dictionaries', () => {
    const counter = new ClassCounter(['zip', 'age'], 'dx');
    counter.add([dict(zip.slice(0, 2)), dict(age.slice(0, 2))], 2, dict(dx.slice(0, 2)));
    counter.add([dict(zip.slice(2)), dict(age.slice(2))], 4, dict(dx.slice(2)));
    const risk = counter.summary(3);
    // classes A 3, B 2, C 1 → below 3: B and C = 3 records.
    expect([risk.classes, risk.k_achieved, risk.records_below_k, risk.l_diversity]).toEqual([3, 1, 3, 1]);
  });

  it('treats a null as one more value, so suppressed rows form one class', () => {
    const counter = new ClassCounter(['zip']);
    counter.add([dict([null, null, '021'])], 3);
    expect(counter.summary().classes).toBe(2);
    expect(counter.summary().k_achieved).toBe(1);
  });

  it('says why k is null when there is nothing to measure', () => {
    const risk = new ClassCounter([]).summary();
    expect(risk.k_achieved).toBeNull();
    expect(risk.k_reason).toBe('no quasi-identifiers to measure');
  });
});

describe('class counting on many or few combinations', () => {
  // Values a text key could confuse: null, the empty string, a comma, non-ASCII text, numbers.
  const TRICKY = [null, '', ',', 'a,b', 'é', 'e\u0301', '日本', '0', 'null', ' '];
  /** A seeded table of `rows` rows over `width` columns with `distinct` values each (xorshift, no Math.random). */
  const table = (rows: number, width: number, distinct: number, seed: number): (string | null)[][] => {
    let x = seed;
    const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
    return Array.from({ length: width }, () =>
      Array.from({ length: rows }, () => {
        const v = Math.floor(next() * distinct);
        return v < TRICKY.length ? TRICKY[v] : `v${v}`;
      }),
    );
  };
  /** Class sizes computed independently: rows keyed by their values as JSON. */
  const sizesOf = (columns: (string | null)[][]) => {
    const sizes = new Map<string, number>();
    for (let i = 0; i < columns[0].length; i++) {
      const key = JSON.stringify(columns.map((c) => c[i]));
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
    }
    return sizes;
  };

  it('counts the same classes whether a batch takes the typed-array path or the text path', () => {
    // Batch 1: 10 × 10 combinations over 2,000 rows (typed-array path); batch 2: 300^3 possible
    // combinations over 500 rows (text path). Both share values, so classes span the two paths.
    const few = table(2000, 3, 10, 7);
    few[2] = few[2].map(() => 'x');
    const many = table(500, 3, 300, 11);
    const counter = new ClassCounter(['a', 'b', 'c']);
    counter.add(few.map(dict), 2000);
    counter.add(many.map(dict), 500);
    const expected = sizesOf(few.map((c, j) => [...c, ...many[j]]));
    const risk = counter.summary(3);
    expect(risk.classes).toBe(expected.size);
    expect(risk.k_achieved).toBe(Math.min(...expected.values()));
    expect(risk.records_below_k).toBe([...expected.values()].filter((n) => n < 3).reduce((a, b) => a + b, 0));
    expect(risk.rows).toBe(2500);
  });

  it('flags the rows of small classes the same way on both paths', () => {
    const few = table(3000, 2, 12, 5);
    const many = table(400, 2, 5000, 9);
    const counter = new ClassCounter(['a', 'b']);
    counter.add(few.map(dict), 3000);
    counter.add(many.map(dict), 400);
    const sizes = sizesOf(few.map((c, j) => [...c, ...many[j]]));
    for (const part of [few, many]) {
      const flags = counter.smallRows(part.map(dict), part[0].length, 20);
      const expected = part[0].map((_, i) => ((sizes.get(JSON.stringify(part.map((c) => c[i]))) ?? 0) < 20 ? 1 : 0));
      expect(Array.from(flags)).toEqual(expected);
      expect(counter.keys(part.map(dict), part[0].length).length).toBe(part[0].length);
    }
  });

  it('measures l-diversity the same way on both paths', () => {
    const few = table(1000, 2, 6, 3);
    const many = table(300, 2, 2000, 4);
    const sensitive = table(1300, 1, 4, 8)[0];
    const counter = new ClassCounter(['a', 'b'], 's');
    counter.add(few.map(dict), 1000, dict(sensitive.slice(0, 1000)));
    counter.add(many.map(dict), 300, dict(sensitive.slice(1000)));
    const distinct = new Map<string, Set<string>>();
    for (let i = 0; i < 1300; i++) {
      const key = JSON.stringify(i < 1000 ? [few[0][i], few[1][i]] : [many[0][i - 1000], many[1][i - 1000]]);
      if (!distinct.has(key)) distinct.set(key, new Set());
      if (sensitive[i] !== null) distinct.get(key)!.add(sensitive[i]!);
    }
    expect(counter.summary().l_diversity).toBe(Math.min(...[...distinct.values()].map((s) => s.size)));
  });
});

describe('suppressRows', () => {
  it('nulls the flagged rows and counts only the values it cleared', () => {
    const data = dict(['a', null, 'b', 'c']);
    const out = suppressRows(data, Uint8Array.from([1, 1, 0, 1]));
    expect(valuesOf(out.data)).toEqual([null, null, 'b', null]);
    // rows 0 and 3 held values; row 1 was null already → 2 cleared.
    expect(out.suppressed).toBe(2);
  });

  it('keeps the chunk offset, so sliced booleans stay right', () => {
    const bools = vectorFromArray([true, false, true, true], new Bool()).data[0].slice(1, 3);
    const out = suppressRows(bools, Uint8Array.from([0, 1, 0]));
    expect(valuesOf(out.data)).toEqual([false, null, true]);
  });
});
