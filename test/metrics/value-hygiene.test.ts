import { tableFromArrays, type Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import type { AuditConfig } from '../../src/config/types.js';
import { tableSource } from '../../src/load/memory.js';
import { collectStatistics, mergeStatistics, type GroupStatistics } from '../../src/metrics/statistics.js';
import { applyValueHygiene, caseVariants, referenceInData, shownSpelling } from '../../src/metrics/value-hygiene.js';
import { Warnings } from '../../src/warnings.js';
import { columnsOf, dict, testRandom } from './fixtures.js';

async function statsOf(table: Table, config: AuditConfig, validate = true): Promise<GroupStatistics> {
  const resolved = resolveConfig({ bootstrap: 0, min_group_size: 0, ...config });
  return collectStatistics(tableSource(table), columnsOf(resolved), resolved, new Warnings(), { batchSize: 64, validate });
}

const SPELLINGS = ['Male', ' Male', 'MALE', 'male ', 'Female', 'female', 'x'];

function messyTable(rows: number, seed: number): { table: Table; sex: string[]; y: number[] } {
  const random = testRandom(seed);
  const sex = Array.from({ length: rows }, () => SPELLINGS[Math.floor(random() * SPELLINGS.length)]);
  const y = Array.from({ length: rows }, () => (random() < 0.4 ? 1 : 0));
  return { table: tableFromArrays({ sex: dict(sex) as never, y: Int32Array.from(y) }), sex, y };
}

/** Rows and positives per group, counted directly from the rows with `key` as the grouping. */
function handCount(sex: string[], y: number[], key: (s: string) => string): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  sex.forEach((s, i) => {
    const k = key(s);
    out[k] ??= [0, 0];
    out[k][0]++;
    out[k][1] += y[i];
  });
  return out;
}

/** Rows and positives per group from statistics: cells are 3 · label + prediction, label 1 is cells 3–5. */
function countsOf(stats: GroupStatistics): Record<string, [number, number]> {
  const table = stats.tables[0];
  return Object.fromEntries(
    stats.features[0].values.map((v, g) => {
      const c = table.cells.subarray(g * 9, g * 9 + 9);
      const n = c.reduce((a, b) => a + b, 0);
      return [v, [n, c[3] + c[4] + c[5]]];
    }),
  );
}

describe('case variants', () => {
  it('groups values that differ only by case, shown spelling first', () => {
    const domain = { name: 'sex', role: 'sensitive' as const, values: ['MALE', 'Male', 'female', 'Female', 'male', 'x', '(missing)'] };
    expect(caseVariants(domain)).toEqual([
      ['Female', 'female'],
      ['Male', 'MALE', 'male'],
    ]);
  });

  it('shows a merged group with its first mixed-case spelling, else its first in code-point order', () => {
    expect(shownSpelling(['male', 'MALE', 'Male'])).toBe('Male');
    expect(shownSpelling(['yes', 'YES'])).toBe('YES');
    expect(shownSpelling(['m', 'M'])).toBe('M');
  });

  it('leaves binned columns alone', () => {
    expect(caseVariants({ name: 'age', role: 'sensitive', values: ['<25', '25–44'], bins: { feature: 'age', edges: [25], labels: ['<25', '25–44'], method: 'config' } })).toEqual([]);
  });
});

describe('value hygiene on statistics', () => {
  it('trims while counting: each group holds the rows of its trimmed spelling', async () => {
    const { table, sex, y } = messyTable(1000, 3);
    const stats = await statsOf(table, { label: 'y', sensitive: ['sex'] });
    expect(countsOf(stats)).toEqual(handCount(sex, y, (s) => s.trim()));
    expect(stats.features[0].trimmed).toEqual([' Male', 'male ']);
  });

  it('keeps spellings as read with trim: false', async () => {
    const { table, sex, y } = messyTable(500, 4);
    const stats = await statsOf(table, { label: 'y', sensitive: ['sex'], trim: false });
    expect(countsOf(stats)).toEqual(handCount(sex, y, (s) => s));
    expect(stats.features[0].trimmed).toBeUndefined();
  });

  it('merge_case joins case variants with their counts added; without it one warning names them', async () => {
    const { table, sex, y } = messyTable(1000, 5);
    const config = resolveConfig({ label: 'y', sensitive: ['sex'], merge_case: true, bootstrap: 0 });
    const stats = await statsOf(table, config);
    const warnings = new Warnings();
    const joined = applyValueHygiene(stats, config, warnings);
    const shown: Record<string, string> = { male: 'Male', female: 'Female', x: 'x' };
    expect(countsOf(joined)).toEqual(handCount(sex, y, (s) => shown[s.trim().toLowerCase()]));

    const apart = new Warnings();
    expect(applyValueHygiene(stats, { ...config, merge_case: false }, apart)).toBe(stats);
    const messages = apart.list().map((w) => w.message);
    expect(messages.filter((m) => m.includes('differ only by case'))).toEqual([
      'Values of "sex" differ only by case and are audited as separate groups: "Female" / "female"; "Male" / "MALE" / "male". Set merge_case: true (--merge-case) to join them, or fix the data.',
    ]);
  });

  it('parts counted apart and merged agree with one pass, trimmed values and joined groups included', async () => {
    const { table } = messyTable(1200, 6);
    const config: AuditConfig = { label: 'y', sensitive: ['sex'], merge_case: true };
    const whole = await statsOf(table, config);
    let merged: GroupStatistics | null = null;
    for (const [from, to] of [[0, 150], [150, 700], [700, 1200]]) {
      const part = await statsOf(table.slice(from, to), config, false);
      merged = merged ? mergeStatistics(merged, part) : part;
    }
    expect(merged!.features[0].trimmed).toEqual(whole.features[0].trimmed);
    const resolved = resolveConfig({ ...config, bootstrap: 0 });
    expect(countsOf(applyValueHygiene(merged!, resolved, new Warnings()))).toEqual(countsOf(applyValueHygiene(whole, resolved, new Warnings())));
  });

  it('matches a configured reference group trimmed, and regardless of case only under merge_case', async () => {
    const { table } = messyTable(300, 7);
    const stats = await statsOf(table, { label: 'y', sensitive: ['sex'] });
    const config = resolveConfig({ label: 'y', sensitive: ['sex'], reference: { sex: ' Female ' } });
    expect(referenceInData(config, stats).reference).toEqual({ sex: 'Female' });
    const caseless = resolveConfig({ label: 'y', sensitive: ['sex'], reference: { sex: 'FEMALE' } });
    expect(referenceInData(caseless, stats).reference).toEqual({ sex: 'FEMALE' });
    expect(referenceInData({ ...caseless, merge_case: true }, stats).reference?.sex).toMatch(/^(Female|female)$/);
  });
});
