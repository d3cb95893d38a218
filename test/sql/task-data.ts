/**
 * Multiclass and regression tables for the database tests, built here with the ugly parts a real
 * table has: missing values in every column, padded and case-variant classes, a numeric
 * attribute read as age bands, one binned by the config, weights with gaps. The same rows go to
 * a CSV file, DuckDB and PostgreSQL, so every path audits the same data.
 */
import { readFileSync } from 'node:fs';

/** A seeded generator (so the data, and the expected equality, never change). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Columns and their PostgreSQL types. */
export const MULTICLASS_COLUMNS = 'rid int, race text, sex text, age int, income double precision, tier text, pred text, w double precision';
export const REGRESSION_COLUMNS = 'rid int, race text, sex text, age int, salary double precision, predicted double precision, w double precision';

/** Rows of (rid, race, sex, age, income, tier, pred, w) as CSV text cells ('' is missing). */
export function multiclassRows(n: number): string[][] {
  const r = random(21);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const race = pick(['White', 'Black', 'Asian', ' Hispanic ', '']);
    const sex = r() < 0.03 ? '' : r() < 0.5 ? 'female' : 'male';
    const age = r() < 0.02 ? '' : String(18 + Math.floor(r() * 60));
    const income = r() < 0.02 ? '' : (10000 + Math.round(r() * 9000000) / 100).toFixed(2);
    const tier = r() < 0.03 ? '' : pick(['low', 'mid', 'high', ' mid ']);
    // Mostly right, sometimes another class, now and then "Low" (a class of its own: the audit warns).
    const pred = r() < 0.03 ? '' : r() < 0.6 && tier ? tier.trim() : r() < 0.05 ? 'Low' : pick(['low', 'mid', 'high']);
    const w = r() < 0.02 ? '' : String(Math.floor(1 + r() * 8) / 4);
    return [String(i + 1), race, sex, age, income, tier, pred, w];
  });
}

/**
 * Rows of (rid, race, sex, age, salary, predicted, w). `exact`: salaries in halves, so every sum
 * is exact in any order; else continuous values printed in full, whose sums differ with the
 * order of summation in the last bits only.
 */
export function regressionRows(n: number, exact: boolean): string[][] {
  const r = random(exact ? 33 : 34);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const race = pick(['White', 'Black', 'Asian', ' Hispanic ', '']);
    const sex = r() < 0.03 ? '' : r() < 0.5 ? 'female' : 'male';
    const age = r() < 0.02 ? '' : String(18 + Math.floor(r() * 60));
    const base = 30000 + r() * 90000 - (race === 'Black' ? 4000 : 0);
    const value = (x: number) => (exact ? String(Math.round(x * 2) / 2) : String(x));
    const salary = r() < 0.03 ? '' : value(base);
    const predicted = r() < 0.03 ? '' : value(base + (r() - 0.45) * 20000);
    const w = r() < 0.02 ? '' : String(Math.floor(1 + r() * 8) / 4);
    return [String(i + 1), race, sex, age, salary, predicted, w];
  });
}

/** The rows as CSV with a header; cells with spaces quoted. */
export function csvOf(header: string, rows: string[][]): string {
  return [header, ...rows.map((row) => row.map((v) => (v.includes(' ') ? `"${v}"` : v)).join(','))].join('\n') + '\n';
}

export const MULTICLASS_HEADER = 'rid,race,sex,age,income,tier,pred,w';
export const REGRESSION_HEADER = 'rid,race,sex,age,salary,predicted,w';

/** The audits' configs. */
export const MULTICLASS_CONFIG = `label: tier
prediction: pred
weight: w
sensitive: [race, sex, age, income]
bins:
  income: [40000, 70000]
favorable: [high]
min_group_size: 20
bootstrap: 200
dataset: tiers
`;

export const REGRESSION_CONFIG = `label: salary
prediction: predicted
weight: w
sensitive: [race, sex, age]
min_group_size: 20
bootstrap: 200
dataset: salaries
`;

/**
 * Expects `actual` to equal `expected` field by field; with `tolerance`, a number that is not
 * whole may differ by that much relative (sums taken in another order).
 */
export function sameFields(actual: unknown, expected: unknown, tolerance = 0, path = ''): string[] {
  const out: string[] = [];
  if (typeof expected === 'number' && typeof actual === 'number') {
    const gap = Math.abs(actual - expected);
    if (!(gap === 0 || (tolerance > 0 && !Number.isInteger(expected) && gap <= tolerance * Math.max(1, Math.abs(expected))))) out.push(`${path}: ${actual} ≠ ${expected}`);
    return out;
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    for (const key of keys) out.push(...sameFields((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], tolerance, `${path}.${key}`));
    return out;
  }
  if (actual !== expected) out.push(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
  return out;
}

/** The audit.json at `path` without what differs by design between sources: the input's provenance and the run's time. */
export function comparable(path: string): Record<string, unknown> {
  const results = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  delete results.input;
  delete results.created_at;
  delete results.duration_ms;
  return results;
}
