import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discover, protectedAttributes } from '../../src/discover/discover.js';
import { openData } from '../../src/load/open.js';
import { naiveV } from './fixture.js';

/** The bundled loans CSV read by hand (no field is quoted), column by column. */
function loansColumns(): Record<string, string[]> {
  const [header, ...lines] = readFileSync('datasets/loans.csv', 'utf8').trimEnd().split('\n');
  const names = header.split(',');
  const columns: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const line of lines) line.split(',').forEach((cell, j) => columns[names[j]].push(cell));
  return columns;
}

/** The contingency table of two columns, as nested arrays. */
function crossTable(a: string[], b: string[]): number[][] {
  const rows = [...new Set(a)];
  const cols = [...new Set(b)];
  const table = rows.map(() => cols.map(() => 0));
  a.forEach((x, i) => table[rows.indexOf(x)][cols.indexOf(b[i])]++);
  return table;
}

const csv = loansColumns();
// datasets/README.md plants the proxy: each neighbourhood is the home of one race, V ≈ 0.74.
const expected = {
  neighbourhood: naiveV(crossTable(csv.neighbourhood, csv.race)),
  zip: naiveV(crossTable(csv.zip, csv.race)),
};

describe('the planted ZIP-neighbourhood proxy in the bundled loans data', () => {
  it('is strong when computed by hand from the CSV', () => {
    expect(csv.race).toHaveLength(12_000);
    expect(expected.neighbourhood).toBeGreaterThan(0.7);
    expect(expected.zip).toBeGreaterThan(0.7);
  });

  it.each(['csv', 'parquet', 'arrow'])('is found in loans.%s, with the V of the hand computation', async (format) => {
    const result = await discover(await openData([`datasets/loans.${format}`]), { now: Date.UTC(2026, 0, 1) });
    expect(result.sample_rows).toBe(12_000);
    const byColumn = new Map(result.columns.map((c) => [c.column, c]));
    for (const column of ['neighbourhood', 'zip'] as const) {
      const link = byColumn.get(column)!.proxy_for?.find((p) => p.attribute === 'race');
      expect(link?.strength, column).toBe('strong');
      expect(link?.cramers_v).toBeCloseTo(expected[column], 6);
      expect(byColumn.get(column)!.categories).toContain('proxy');
    }
    expect(byColumn.get('zip')!.categories).toContain('quasi-identifier');
    // The CSV reader takes ZIPs for integers: they must still be compared as codes, not deciles.
    if (format === 'csv') expect(byColumn.get('zip')!.type).toMatch(/^(Int|Float)/);
    expect(protectedAttributes(result)).toEqual(['age', 'sex', 'race', 'marital_status']);
  });
});
