/**
 * Naive second implementations for the dataset tests: plain row objects and loops, written
 * without the generators' code, so a test compares two independent computations.
 */
import { Table } from 'apache-arrow';
import type { DatasetKind } from '../../scripts/datasets/definition.js';
import { generateBatches } from '../../scripts/datasets/generate.js';

export type Row = Record<string, unknown>;

/** All rows of a generated dataset as plain objects (slow; fine for the test sizes). */
export function generatedRows(kind: DatasetKind, rows: number, seed = 42): Row[] {
  const table = new Table([...generateBatches(kind, rows, { seed })]);
  return table.toArray().map((row) => row.toJSON() as Row);
}

/** Group value → { n, rate of `outcome` = 1 }; a null group value is counted as `(missing)`. */
export function ratesBy(rows: Row[], attribute: string, outcome: string): Map<string, { n: number; rate: number }> {
  const tally = new Map<string, { n: number; positives: number }>();
  for (const row of rows) {
    const group = row[attribute] === null ? '(missing)' : String(row[attribute]);
    const entry = tally.get(group) ?? { n: 0, positives: 0 };
    entry.n += 1;
    if (Number(row[outcome]) === 1) entry.positives += 1;
    tally.set(group, entry);
  }
  return new Map([...tally].map(([group, { n, positives }]) => [group, { n, rate: positives / n }]));
}

/** Standard error of a proportion p estimated from n draws: √(p(1 − p)/n). */
export function standardError(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
}

/** Cramér's V of two categorical columns: √(χ² / (n · (min(r, c) − 1))) from the contingency table. */
export function cramersV(xs: string[], ys: string[]): number {
  const n = xs.length;
  const xCount = new Map<string, number>();
  const yCount = new Map<string, number>();
  const joint = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    xCount.set(xs[i], (xCount.get(xs[i]) ?? 0) + 1);
    yCount.set(ys[i], (yCount.get(ys[i]) ?? 0) + 1);
    const key = `${xs[i]}\u0000${ys[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  let chi2 = 0;
  for (const [x, nx] of xCount) {
    for (const [y, ny] of yCount) {
      const expected = (nx * ny) / n;
      const observed = joint.get(`${x}\u0000${y}`) ?? 0;
      chi2 += (observed - expected) ** 2 / expected;
    }
  }
  return Math.sqrt(chi2 / (n * (Math.min(xCount.size, yCount.size) - 1)));
}
