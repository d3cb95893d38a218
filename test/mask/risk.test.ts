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
