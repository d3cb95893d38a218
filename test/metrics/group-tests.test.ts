/**
 * Each group's favorable rate is tested against the reference group's (DESIGN §6): Fisher's exact
 * test when a cell of the 2×2 table is below 5, else the pooled two-proportion z-test, with the
 * Benjamini–Hochberg correction across every test of the audit (all attributes and
 * intersections together). Expected values come from independent implementations below.
 */
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { audit, dict } from './fixtures.js';

/** ln n! by summing logarithms (exact enough for n in the hundreds). */
function logFactorial(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}
const logChoose = (n: number, k: number) => logFactorial(n) - logFactorial(k) - logFactorial(n - k);

/** Fisher's two-sided exact p by enumerating every table with the margins of [[a, b], [c, d]]. */
function fisherByEnumeration(a: number, b: number, c: number, d: number): number {
  const r1 = a + b;
  const r2 = c + d;
  const c1 = a + c;
  const p = (x: number) => Math.exp(logChoose(r1, x) + logChoose(r2, c1 - x) - logChoose(r1 + r2, c1));
  const observed = p(a);
  let total = 0;
  for (let x = Math.max(0, c1 - r2); x <= Math.min(r1, c1); x++) if (p(x) <= observed * (1 + 1e-7)) total += p(x);
  return Math.min(1, total);
}

/** 1 − Φ(z) for z ≥ 0 by Simpson's rule on the normal density from z to z + 12 (independent of erfc). */
function upperTail(z: number): number {
  const steps = 20000;
  const h = 12 / steps;
  const f = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  let s = f(z) + f(z + 12);
  for (let i = 1; i < steps; i++) s += (i % 2 ? 4 : 2) * f(z + i * h);
  return (s * h) / 3;
}

function zTest(x1: number, n1: number, x2: number, n2: number): number {
  const pooled = (x1 + x2) / (n1 + n2);
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return 2 * upperTail(Math.abs(z));
}

/** Benjamini–Hochberg straight from the definition: q_i = min over p_j ≥ p_i of min(1, m·p_j / #{k : p_k ≤ p_j}). */
function bhByDefinition(ps: number[]): number[] {
  const m = ps.length;
  return ps.map((pi) => Math.min(1, ...ps.filter((pj) => pj >= pi).map((pj) => (m * pj) / ps.filter((pk) => pk <= pj).length)));
}

interface Row {
  g: string;
  h: string;
  p: number;
}

function rows(): Row[] {
  const out: Row[] = [];
  const add = (g: string, n: number, selected: number) => {
    for (let i = 0; i < n; i++) out.push({ g, h: out.length % 3 === 0 ? 'v' : 'u', p: i < selected ? 1 : 0 });
  };
  add('A', 200, 100);
  add('B', 150, 45);
  add('C', 12, 1);
  add('D', 60, 27);
  return out;
}

describe('group significance tests', () => {
  it("test each group against the reference, Fisher below 5 a cell, else z, with BH across the audit", async () => {
    const data = rows();
    const table = tableFromArrays({ g: dict(data.map((r) => r.g)) as never, h: dict(data.map((r) => r.h)) as never, p: Int32Array.from(data.map((r) => r.p)) });
    const { analysis } = await audit(table, { prediction: 'p', sensitive: ['g', 'h'], min_group_size: 0 });

    const keyings: Record<string, (r: Row) => string> = { g: (r) => r.g, h: (r) => r.h, 'g × h': (r) => `${r.g} × ${r.h}` };
    const expected: { attribute: string; group: string; method: 'fisher' | 'z'; p: number }[] = [];
    for (const [name, key] of Object.entries(keyings)) {
      const counts = new Map<string, { n: number; x: number }>();
      for (const r of data) {
        const c = counts.get(key(r)) ?? { n: 0, x: 0 };
        c.n++;
        c.x += r.p;
        counts.set(key(r), c);
      }
      // Reference: the largest group (no ties in this data).
      const [refKey, ref] = [...counts.entries()].reduce((best, e) => (e[1].n > best[1].n ? e : best));
      for (const [k, c] of counts) {
        if (k === refKey) continue;
        const small = [c.x, c.n - c.x, ref.x, ref.n - ref.x].some((cell) => cell < 5);
        expected.push({
          attribute: name,
          group: k,
          method: small ? 'fisher' : 'z',
          p: small ? fisherByEnumeration(c.x, c.n - c.x, ref.x, ref.n - ref.x) : zTest(c.x, c.n, ref.x, ref.n),
        });
      }
      expect(analysis.attributes.find((a) => a.name === name)!.reference).toEqual(
        Object.fromEntries(name.split(' × ').map((f, j) => [f, refKey.split(' × ')[j]])),
      );
    }
    // The setup exercises both tests.
    expect(new Set(expected.map((e) => e.method))).toEqual(new Set(['fisher', 'z']));
    const q = bhByDefinition(expected.map((e) => e.p));

    let seen = 0;
    for (const attr of analysis.attributes) {
      for (const g of attr.groups) {
        const text = Object.values(g.key).join(' × ');
        const i = expected.findIndex((e) => e.attribute === attr.name && e.group === text);
        if (i < 0) {
          expect(g.test ?? null, `${attr.name} ${text} is the reference`).toBeNull();
          continue;
        }
        seen++;
        expect(g.test!.method, `${attr.name} ${text}`).toBe(expected[i].method);
        expect(g.test!.p_value, `${attr.name} ${text}`).toBeCloseTo(expected[i].p, 8);
        expect(g.test!.q_value, `${attr.name} ${text}`).toBeCloseTo(q[i], 8);
      }
    }
    expect(seen).toBe(expected.length);
  });
});
