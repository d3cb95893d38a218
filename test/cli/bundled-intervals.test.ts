/**
 * No estimate outside its own interval without a note, in what a user gets: every bundled config
 * (configs/*.yaml) is run through the CLI on its dataset in each bundled format, and every
 * interval in the audit.json it writes is checked against its estimate — aggregates, group rates,
 * impact ratios, average odds differences, checks, and any later `<name>_interval` beside its
 * `<name>`. An aggregate whose interval leaves out its estimate must say why in
 * `aggregate_notes`, as the report shows it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, runCliInProcess, tempDir } from './run-cli.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isInterval = (v: Json | undefined): v is [number, number] => Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number';

/** Every interval in `results` with its estimate: the ones beside their estimate without a note, and how many there were. */
function intervalsOf(results: Json): { outside: string[]; count: number } {
  const outside: string[] = [];
  let count = 0;
  const judge = (where: string, value: Json | undefined, interval: [number, number], note?: Json) => {
    if (typeof value !== 'number') return;
    count++;
    // Intervals are computed in floating point beside their estimates: allow its rounding only.
    const slack = 1e-12 * Math.max(1, Math.abs(value));
    if ((value < interval[0] - slack || value > interval[1] + slack) && !note) outside.push(`${where}: ${value} [${interval.join(', ')}]`);
  };
  const walk = (node: Json, where: string) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, `${where}[${i}]`));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const notes = node.aggregate_notes as Record<string, Json> | undefined;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'aggregate_intervals' && value && typeof value === 'object' && !Array.isArray(value)) {
        const aggregates = node.aggregates as Record<string, Json>;
        for (const [name, interval] of Object.entries(value)) if (isInterval(interval)) judge(`${where}.aggregates.${name}`, aggregates[name], interval, notes?.[name]);
      } else if (key === 'intervals' && value && typeof value === 'object' && !Array.isArray(value) && node.rates) {
        const rates = node.rates as Record<string, Json>;
        for (const [name, interval] of Object.entries(value)) if (isInterval(interval)) judge(`${where}.rates.${name}`, rates[name], interval);
      } else if (key === 'interval' && isInterval(value)) {
        judge(`${where}.value`, node.value, value);
      } else if (key.endsWith('_interval') && isInterval(value)) {
        const name = key.slice(0, -'_interval'.length);
        judge(`${where}.${name}`, node[name], value, node[`${name}_note`]);
      }
      walk(value, `${where}.${key}`);
    }
  };
  walk(results, 'audit.json');
  return { outside, count };
}

/** Each bundled config with the bundled files of its dataset. */
const RUNS = readdirSync(join(ROOT, 'configs'))
  .filter((name) => name.endsWith('.yaml'))
  .flatMap((name) => {
    const dataset = (parse(readFileSync(join(ROOT, 'configs', name), 'utf8')) as { dataset: string }).dataset;
    return readdirSync(join(ROOT, 'datasets'))
      .filter((file) => file.startsWith(`${dataset}.`))
      .map((file) => [`configs/${name}`, `datasets/${file}`] as const);
  });

describe('every interval of every bundled audit', () => {
  it('covers each bundled config with its data in every bundled format', () => {
    const configs = new Set(RUNS.map(([config]) => config));
    expect(configs).toEqual(new Set(readdirSync(join(ROOT, 'configs')).filter((n) => n.endsWith('.yaml')).map((n) => `configs/${n}`)));
    for (const config of configs) expect(RUNS.filter(([c]) => c === config).length, config).toBeGreaterThanOrEqual(2);
  });

  it.each(RUNS)('%s on %s: contains its estimate, or says why not', async (config, data) => {
    const out = tempDir();
    const run = await runCliInProcess(['audit', data, '-c', config, '-o', out, '--format', 'json'], { cwd: ROOT });
    expect([0, 1], run.stderr).toContain(run.status);
    const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as Json;
    const { outside, count } = intervalsOf(results);
    expect(count).toBeGreaterThan(50);
    expect(outside).toEqual([]);
  });

  it('would catch an estimate outside its interval (the check is not vacuous)', () => {
    const planted: Json = {
      attributes: [
        {
          aggregates: { demographic_parity_ratio: 0.771, equalized_odds_difference: 0.103 },
          aggregate_intervals: { demographic_parity_ratio: [0.345, 0.763], equalized_odds_difference: [0.129, 0.333] },
          aggregate_notes: { equalized_odds_difference: 'why' },
          groups: [{ rates: { tpr: 0.5 }, intervals: { tpr: [0.6, 0.7] }, impact_ratio: 1, impact_ratio_interval: [0.95, 0.999] }],
          checks: [{ value: 0.2, interval: [0.1, 0.3] }],
        },
      ],
    };
    const { outside, count } = intervalsOf(planted);
    expect(count).toBe(5);
    expect(outside).toEqual([
      'audit.json.attributes[0].aggregates.demographic_parity_ratio: 0.771 [0.345, 0.763]',
      'audit.json.attributes[0].groups[0].rates.tpr: 0.5 [0.6, 0.7]',
      'audit.json.attributes[0].groups[0].impact_ratio: 1 [0.95, 0.999]',
    ]);
  });
});
