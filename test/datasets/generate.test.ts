import { describe, expect, it } from 'vitest';
import { Table, tableToIPC } from 'apache-arrow';
import { csvHeader, csvRows } from '../../scripts/datasets/csv.js';
import { DATASET_KINDS, type DatasetKind } from '../../scripts/datasets/definition.js';
import { generateBatches } from '../../scripts/datasets/generate.js';
import { UserError } from '../../src/errors.js';

function csvOf(kind: DatasetKind, rows: number, seed: number, batchSize?: number): Buffer {
  const batches = [...generateBatches(kind, rows, { seed, batchSize })];
  return Buffer.concat([csvHeader(batches[0].schema), ...batches.map(csvRows)]);
}

function arrowOf(kind: DatasetKind, rows: number, seed: number): Uint8Array {
  return tableToIPC(new Table([...generateBatches(kind, rows, { seed, batchSize: 128 })]), 'file');
}

const SCHEMAS: Record<DatasetKind, string[]> = {
  loans: ['applicant_id', 'name', 'email', 'phone', 'street_address', 'zip', 'neighbourhood', 'date_of_birth', 'age', 'sex', 'race', 'marital_status', 'income', 'debt_ratio', 'credit_history_years', 'repaid', 'score', 'approved'],
  hiring: ['candidate_id', 'sex', 'race_ethnicity', 'score', 'selected', 'qualified'],
  bench: ['sex', 'race', 'age_group', 'region', 'product', 'channel', 'income', 'tenure_months', 'balance', 'label', 'prediction', 'score'],
};

describe('generateBatches', () => {
  it.each(DATASET_KINDS)('yields exactly the requested rows of %s in batches of the requested size', (kind) => {
    const batches = [...generateBatches(kind, 2_500, { batchSize: 1_000 })];
    expect(batches.map((b) => b.numRows)).toEqual([1_000, 1_000, 500]);
    expect(batches[0].schema.fields.map((f) => f.name)).toEqual(SCHEMAS[kind]);
    const describeSchema = (b: (typeof batches)[0]) => b.schema.fields.map((f) => `${f.name}: ${String(f.type)}${f.nullable ? '?' : ''}`);
    expect(batches.map(describeSchema)).toEqual(batches.map(() => describeSchema(batches[0])));
  });

  it('yields one empty batch carrying the schema for zero rows', () => {
    const batches = [...generateBatches('hiring', 0)];
    expect(batches.map((b) => b.numRows)).toEqual([0]);
    expect(batches[0].schema.fields.map((f) => f.name)).toEqual(SCHEMAS.hiring);
  });

  it.each(DATASET_KINDS)('writes byte-identical CSV and Arrow IPC for %s from the same seed', (kind) => {
    expect(csvOf(kind, 700, 11).equals(csvOf(kind, 700, 11))).toBe(true);
    expect(Buffer.from(arrowOf(kind, 700, 11)).equals(Buffer.from(arrowOf(kind, 700, 11)))).toBe(true);
  });

  it('gives different rows for a different seed', () => {
    expect(csvOf('loans', 200, 1).equals(csvOf('loans', 200, 2))).toBe(false);
  });

  it.each(DATASET_KINDS)('gives the same %s rows whatever the batch size', (kind) => {
    expect(csvOf(kind, 1_000, 5, 7).equals(csvOf(kind, 1_000, 5, 65_536))).toBe(true);
  });

  it('writes each dictionary once into an Arrow IPC file, however many batches', () => {
    // One dictionary message per categorical column: loans has six (name, zip, neighbourhood, sex, race, marital_status).
    const table = new Table([...generateBatches('loans', 1_000, { batchSize: 100 })]);
    const bytes = Buffer.from(tableToIPC(table, 'file'));
    const once = Buffer.from(tableToIPC(new Table([...generateBatches('loans', 1_000, { batchSize: 1_000 })]), 'file'));
    // Ten batches instead of one add only record-batch framing, not nine more copies of the 1,920-name dictionary.
    expect(bytes.length - once.length).toBeLessThan(20_000);
  });

  it('rejects an unknown kind and a bad row count as user errors naming the allowed values', () => {
    expect(() => [...generateBatches('credit' as DatasetKind, 10)]).toThrow(UserError);
    expect(() => [...generateBatches('credit' as DatasetKind, 10)]).toThrow(/invalid dataset kind: credit/);
    expect(() => [...generateBatches('loans', -1)]).toThrow(/invalid row count: -1/);
    expect(() => [...generateBatches('loans', 10, { batchSize: 0 })]).toThrow(/invalid batch size/);
  });
});
