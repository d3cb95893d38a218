import { describe, expect, it } from 'vitest';
import { cramersV, cramersVOfTable, decileCuts, findProxies, toCodes } from '../../src/discover/proxies.js';
import { naiveV, rng } from './fixture.js';

describe("bias-corrected Cramér's V", () => {
  it('matches the hand computation on a 2×2 table', () => {
    // [[30, 10], [10, 30]], n = 80: χ² = n(ad − bc)² / ((a+b)(c+d)(a+c)(b+d)) = 80·800² / 40⁴ = 20,
    // φ² = 0.25, φ²₊ = 0.25 − 1/79, r̃ = k̃ = 2 − 1/79, V = √(φ²₊ / (1 − 1/79)).
    const expected = Math.sqrt((0.25 - 1 / 79) / (1 - 1 / 79));
    expect(expected).toBeCloseTo(0.490290, 5);
    expect(cramersVOfTable(Float64Array.of(30, 10, 10, 30), 2, 2)).toBeCloseTo(expected, 12);
  });

  it('is 1 for a perfect 3×3 association and 0 for independence', () => {
    // Diagonal, 100 per cell: χ² = n(min(r,k) − 1) = 600, φ² = 2, φ²₊ = 2 − 4/299 = r̃ − 1, so V = 1.
    expect(cramersVOfTable(Float64Array.of(100, 0, 0, 0, 100, 0, 0, 0, 100), 3, 3)).toBeCloseTo(1, 12);
    expect(cramersVOfTable(Float64Array.of(25, 25, 25, 25), 2, 2)).toBe(0);
  });

  it('is null when one side has a single category', () => {
    expect(cramersVOfTable(Float64Array.of(10, 20, 0, 0), 2, 2)).toBeNull();
  });

  it('agrees with a naive implementation on random tables (empty rows dropped)', () => {
    const random = rng(5);
    for (let trial = 0; trial < 20; trial++) {
      const r = 2 + Math.floor(random() * 4);
      const k = 2 + Math.floor(random() * 5);
      const table = Array.from({ length: r }, (_, i) => Array.from({ length: k }, () => (i === 1 && trial % 3 === 0 ? 0 : Math.floor(random() * 50) + (trial % 2 ? 1 : 0))));
      table[0][0] += 40;
      table[r - 1][k - 1] += 40;
      expect(cramersVOfTable(Float64Array.from(table.flat()), r, k)).toBeCloseTo(naiveV(table), 10);
    }
  });
});

describe('coding columns for proxies', () => {
  it('bins numbers with more than 10 distinct values into deciles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    // Cut d is the value at sorted index floor(d·100/10) = 10d, i.e. 10d + 1.
    expect(decileCuts(new Map(values.map((v) => [v, 1])))).toEqual([11, 21, 31, 41, 51, 61, 71, 81, 91]);
    // With weights: 1 ×50, 2..51 once each (n = 100): positions 0–49 are 1, so cuts 1–4 are 1 (dropped
    // as duplicates after the first); cut 5 (position 50) is 2, cut 6 (60) is 12, …, cut 9 (90) is 42.
    expect(decileCuts(new Map([[1, 50], ...Array.from({ length: 50 }, (_, i) => [i + 2, 1] as [number, number])]))).toEqual([1, 2, 12, 22, 32, 42]);
    const { codes, levels } = toCodes([...values, null], { numeric: true });
    expect(levels).toBe(11); // 10 bins + missing
    expect([codes[0], codes[10], codes[99], codes[100]]).toEqual([0, 1, 9, 10]);
  });
  it('gives categories their own codes and drops missing protected values', () => {
    const { codes } = toCodes(['a', 'b', 'a', null], { numeric: false, dropMissing: true });
    expect(Array.from(codes)).toEqual([0, 1, 0, -1]);
  });
});

describe('finding proxies', () => {
  it('finds a planted neighbourhood proxy and ignores an independent column', () => {
    const random = rng(9);
    const races = ['A', 'B', 'C', 'D'];
    const race: string[] = [];
    const neighbourhood: string[] = [];
    const noise: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const r = races[Math.floor(random() * 4)];
      race.push(r);
      neighbourhood.push(random() < 0.85 ? `n-${r}` : `n-${races[Math.floor(random() * 4)]}`);
      noise.push(random());
    }
    const found = findProxies(
      [{ name: 'race', values: race, numeric: false }],
      [
        { name: 'neighbourhood', values: neighbourhood, numeric: false },
        { name: 'noise', values: noise, numeric: true },
      ],
    );
    expect(found.map((f) => [f.column, f.attribute, f.strength])).toEqual([['neighbourhood', 'race', 'strong']]);
    const direct = cramersV(toCodes(neighbourhood, { numeric: false }), toCodes(race, { numeric: false }));
    expect(found[0].cramers_v).toBe(direct);
  });
});

describe('decile coding of many numbers', () => {
  it('bins each value by the cut points decileCuts finds over the distinct values', () => {
    // A naive coder from decileCuts' own cut points: the code is the number of cuts ≤ value.
    let state = 17;
    const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const values = Array.from({ length: 5000 }, (_, i) => (i % 97 === 0 ? null : Math.round(next() * 300) / 10));
    const counts = new Map<number, number>();
    for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
    const cuts = decileCuts(counts)!;
    const { codes, levels } = toCodes(values, { numeric: true });
    expect(levels).toBe(cuts.length + 2);
    values.forEach((v, i) => expect(codes[i]).toBe(v === null ? cuts.length + 1 : cuts.filter((c) => c <= v).length));
  });
});

describe('proxy strength', () => {
  /** Rows of a 2 × 2 table [[a, b], [b, a]]: attribute A/B by candidate x/y. */
  function rows(a: number, b: number): { attribute: string[]; candidate: string[] } {
    const attribute: string[] = [];
    const candidate: string[] = [];
    const add = (x: string, y: string, k: number) => {
      for (let i = 0; i < k; i++) {
        attribute.push(x);
        candidate.push(y);
      }
    };
    add('A', 'x', a);
    add('A', 'y', b);
    add('B', 'x', b);
    add('B', 'y', a);
    return { attribute, candidate };
  }

  it.each([
    // n = 80, margins 40: χ² = 80(a² − b²)² / 40⁴, V = √((χ²/80 − 1/79) / (1 − 1/79)).
    [35, 5, 0.746252, 'strong'], // χ² = 45
    [30, 10, 0.490290, 'warn'], // χ² = 20
    [25, 15, null, null], // χ² = 5, V = 0.2247 < 0.3: not reported
  ] as const)('a [[%i, %i], …] table gives V = %s, reported as %s', (a, b, v, strength) => {
    const { attribute, candidate } = rows(a, b);
    const found = findProxies([{ name: 'race', values: attribute, numeric: false }], [{ name: 'area', values: candidate, numeric: false }]);
    if (v === null) {
      expect(found).toEqual([]);
    } else {
      expect(found).toHaveLength(1);
      expect(found[0].cramers_v).toBeCloseTo(v, 5);
      expect(found[0].strength).toBe(strength);
    }
  });
});
