/** Builders shared by the metrics tests: Arrow tables by hand, and one call that audits them. */
import { Dictionary, Float64, Int32, makeData, RecordBatch, Schema, Struct, Table, tableFromArrays, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { resolveConfig } from '../../src/config/resolve.js';
import type { AuditConfig, ResolvedConfig } from '../../src/config/types.js';
import { tableSource } from '../../src/load/memory.js';
import { analyzeStatistics, type Analysis } from '../../src/metrics/analyze.js';
import { collectStatistics, type AuditColumns, type CollectOptions, type GroupStatistics } from '../../src/metrics/statistics.js';
import { Warnings } from '../../src/warnings.js';
import { exitCodeFor, worstVerdict } from '../../src/audit/verdict.js';
import type { Verdict } from '../../src/results/index.js';

/** A dictionary-encoded string column. */
export function dict(values: (string | null)[]): Vector {
  return vectorFromArray(values, new Dictionary(new Utf8(), new Int32()));
}

/** The columns an audit config names. */
export function columnsOf(config: AuditConfig): AuditColumns {
  return {
    label: config.label,
    prediction: config.prediction,
    score: config.score,
    weight: config.weight,
    strata: config.strata,
    sensitive: config.sensitive ?? [],
  };
}

export interface Audited {
  stats: GroupStatistics;
  /** The analysis, with the verdict and exit code its checks earn under the judge's rules. */
  analysis: Analysis & { verdict: Verdict; exit_code: 0 | 1 };
  warnings: Warnings;
  config: ResolvedConfig;
}

/** Collects and analyzes `table` under `config` (bootstrap off unless asked for). */
export async function audit(table: Table, config: AuditConfig, options: CollectOptions = {}): Promise<Audited> {
  const resolved = resolveConfig({ bootstrap: 0, ...config });
  const warnings = new Warnings();
  const stats = await collectStatistics(tableSource(table), columnsOf(resolved), resolved, warnings, options);
  const analysis = analyzeStatistics(stats, resolved, warnings);
  const judged = { ...analysis, verdict: worstVerdict(analysis.checks), exit_code: exitCodeFor(analysis.checks, resolved.fail_on) };
  return { stats, analysis: judged, warnings, config: resolved };
}

/** The attribute (or intersection) named `name` of an analysis. */
export function attribute(analysis: Analysis, name: string) {
  const found = analysis.attributes.find((a) => a.name === name);
  if (!found) throw new Error(`no attribute ${name}`);
  return found;
}

/** The group of `attr` whose key values, joined by " × ", equal `text`. */
export function group(analysis: Analysis, name: string, text: string) {
  const found = attribute(analysis, name).groups.find((g) => Object.values(g.key).join(' × ') === text);
  if (!found) throw new Error(`no group ${text} in ${name}`);
  return found;
}

/** A small seeded generator for test data (mulberry32), independent of the code under test. */
export function testRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A table whose batches each carry their own dictionary for the string column `name` (as Parquet
 * row groups do): batch i holds `codes[i]` into `dictionaries[i]`, plus the numeric columns given.
 */
export function batchesWithOwnDictionaries(
  name: string,
  parts: { dictionary: string[]; codes: number[]; numbers: Record<string, number[]> }[],
): Table {
  const first = tableFromArrays({ [name]: dict(parts[0].codes.map((c) => parts[0].dictionary[c])), ...numberColumns(parts[0].numbers) } as never);
  const schema = first.schema as unknown as Schema;
  const batches = parts.map((part) => {
    const children = schema.fields.map((field) => {
      if (field.name === name) {
        return makeData({
          type: field.type as Dictionary<Utf8, Int32>,
          length: part.codes.length,
          nullCount: 0,
          data: Int32Array.from(part.codes),
          dictionary: vectorFromArray(part.dictionary, new Utf8()),
        });
      }
      return makeData({ type: new Float64(), length: part.codes.length, nullCount: 0, data: Float64Array.from(part.numbers[field.name]) });
    });
    return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: part.codes.length, nullCount: 0, children }));
  });
  return new Table(batches);
}

function numberColumns(numbers: Record<string, number[]>): Record<string, Float64Array> {
  return Object.fromEntries(Object.entries(numbers).map(([k, v]) => [k, Float64Array.from(v)]));
}

/** Confusion counts of one group. */
export interface Cells {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

/** A table with the given confusion counts per group of `g` (label `y`, prediction `p`), rows in group order. */
export function tableOf(groups: Record<string, Cells>): Table {
  const g: string[] = [];
  const y: number[] = [];
  const p: number[] = [];
  for (const [name, c] of Object.entries(groups)) {
    const push = (count: number, label: number, prediction: number) => {
      for (let i = 0; i < count; i++) {
        g.push(name);
        y.push(label);
        p.push(prediction);
      }
    };
    push(c.tp, 1, 1);
    push(c.fn, 1, 0);
    push(c.fp, 0, 1);
    push(c.tn, 0, 0);
  }
  return tableFromArrays({ g: dict(g) as never, y: Int32Array.from(y), p: Int32Array.from(p) });
}

/**
 * The 2.5% and 97.5% percentiles of a plain stratified row bootstrap of |MAE(a) − MAE(b)|, a
 * second implementation for the regression intervals: `draws` times, resample each group's
 * absolute errors with `random`, and take the difference of their means.
 */
export function plainMaeDifferenceInterval(errors: readonly [readonly number[], readonly number[]], draws: number, random: () => number): [number, number] {
  const differences: number[] = [];
  for (let d = 0; d < draws; d++) {
    const maes = errors.map((group) => {
      let sum = 0;
      for (let k = 0; k < group.length; k++) sum += group[Math.floor(random() * group.length)];
      return sum / group.length;
    });
    differences.push(Math.abs(maes[0] - maes[1]));
  }
  differences.sort((x, y) => x - y);
  return [differences[Math.round(draws * 0.025)], differences[Math.round(draws * 0.975) - 1]];
}
