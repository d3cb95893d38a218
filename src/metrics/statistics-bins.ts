/**
 * The columns of an audit checked against the data, and the bins of its numeric sensitive and
 * strata columns decided before counting (given ones, config `bins`, age bands, else one pre-pass
 * for quartiles), so that partial passes run in parallel share bins and merge.
 */
import { DataType, type Data, type RecordBatch, type Schema } from 'apache-arrow';
import type { BinSpec } from '../results/index.js';
import type { ResolvedConfig } from '../config/types.js';
import { UserError, unknownColumn } from '../errors.js';
import type { DataSource } from '../load/source.js';
import { isNumericType, readNumbers } from './arrow-data.js';
import { ageBins, configBins, isAgeLike, MAX_CODED_CATEGORIES, quartileBins } from './bins.js';
import { FeatureEncoder } from './features.js';
import { OutcomeEncoder } from './outcome.js';
import type { AuditColumns } from './statistics-types.js';

/**
 * The bins of every sensitive and strata feature (null: not binned) exactly as
 * {@link collectStatistics} decides them — given ones, config `bins`, age bands, else one pre-pass
 * over the numeric columns that need quartiles — after the same column checks. Partial passes run
 * in parallel take these as `options.bins` so their statistics merge.
 */
export async function decideStatisticsBins(
  source: DataSource,
  columns: AuditColumns,
  config: ResolvedConfig,
  given: Record<string, BinSpec | null> = {},
): Promise<Record<string, BinSpec | null>> {
  checkColumns(source.schema, columns);
  const featureNames = [...columns.sensitive, ...(columns.strata ? [columns.strata] : [])];
  return decideBins(source, source.schema, featureNames, config, given);
}

function fieldType(schema: Schema, name: string): DataType {
  return schema.fields.find((f) => f.name === name)!.type;
}

export function checkColumns(schema: Schema, columns: AuditColumns): void {
  const names = schema.fields.map((f) => f.name);
  const roles: [string | undefined, string][] = [
    [columns.label, '--label'],
    [columns.prediction, '--prediction'],
    [columns.score, '--score'],
    [columns.weight, '--weight'],
    [columns.strata, '--strata'],
    ...columns.sensitive.map((s): [string, string] => [s, '--sensitive']),
  ];
  for (const [column, flag] of roles) if (column !== undefined && !names.includes(column)) throw unknownColumn(column, names, { flag });
  if (!columns.label && !columns.prediction && !columns.score) {
    throw new UserError('nothing to audit: no label, prediction or score column is set', {
      hint: 'name the outcome with --label and the model decision with --prediction (or --score)',
    });
  }
  if (columns.sensitive.length === 0) throw new UserError('no sensitive attributes are set', { hint: 'name them with --sensitive' });
  if (columns.label) OutcomeEncoder.checkType(columns.label, 'label', fieldType(schema, columns.label));
  if (columns.prediction) OutcomeEncoder.checkType(columns.prediction, 'prediction', fieldType(schema, columns.prediction));
  for (const [column, role] of [[columns.score, 'score'], [columns.weight, 'weight']] as const) {
    if (column && !isNumericType(fieldType(schema, column))) {
      throw new UserError(`the ${role} column has type ${String(fieldType(schema, column))}; expected numbers`, {
        column,
        hint: `choose a numeric column for --${role}`,
      });
    }
  }
  for (const name of [...columns.sensitive, ...(columns.strata ? [columns.strata] : [])]) FeatureEncoder.checkType(name, fieldType(schema, name));
}

/**
 * Bins for every numeric feature: given ones first, then the config's `bins`, then age bands for
 * age-like names, then — from one pre-pass over just those columns — coded categories (few whole
 * numbers: not binned) or quartiles.
 */
export async function decideBins(
  source: DataSource,
  schema: Schema,
  features: readonly string[],
  config: ResolvedConfig,
  given: Record<string, BinSpec | null>,
): Promise<Record<string, BinSpec | null>> {
  const decided: Record<string, BinSpec | null> = {};
  const scan: string[] = [];
  for (const name of features) {
    if (name in given) decided[name] = given[name];
    else if (!isNumericType(fieldType(schema, name))) decided[name] = null;
    else if (config.bins?.[name]) decided[name] = configBins(name, config.bins[name]);
    else if (isAgeLike(name)) decided[name] = ageBins(name);
    else scan.push(name);
  }
  if (scan.length === 0) return decided;
  const values = scan.map(() => ({ data: new Float64Array(1024), length: 0, distinct: new Set<number>(), whole: true }));
  let numbers = new Float64Array(0);
  for await (const batch of source.scan({ columns: scan })) {
    if (numbers.length < batch.numRows) numbers = new Float64Array(batch.numRows);
    scan.forEach((name, j) => {
      const column = values[j];
      const data = columnData(batch, name);
      readNumbers(data, numbers);
      for (let i = 0; i < data.length; i++) {
        const x = numbers[i];
        if (x !== x) continue;
        if (column.length === column.data.length) {
          const grown = new Float64Array(column.data.length * 2);
          grown.set(column.data);
          column.data = grown;
        }
        column.data[column.length++] = x;
        if (column.distinct.size <= MAX_CODED_CATEGORIES) column.distinct.add(x);
        if (column.whole && !Number.isInteger(x)) column.whole = false;
      }
    });
  }
  scan.forEach((name, j) => {
    const column = values[j];
    const coded = column.whole && column.distinct.size <= MAX_CODED_CATEGORIES;
    decided[name] = coded ? null : quartileBins(name, column.data, column.length);
  });
  return decided;
}

export function columnData(batch: RecordBatch, name: string): Data {
  const index = batch.schema.fields.findIndex((f) => f.name === name);
  return batch.data.children[index] as Data;
}
