/**
 * The entry point of the synthetic data generators: any row count, batch by batch, from a seed.
 */
import type { RecordBatch } from 'apache-arrow';
import { UserError } from '../../src/errors.js';
import { BENCH } from './bench.js';
import { DATASET_KINDS, type DatasetDefinition, type DatasetKind } from './definition.js';
import { HIRING } from './hiring.js';
import { LOANS } from './loans.js';
import { SeededRandom } from './random.js';

const DEFINITIONS: Readonly<Record<DatasetKind, DatasetDefinition>> = { loans: LOANS, hiring: HIRING, bench: BENCH };

/** Options of {@link generateBatches}. */
export interface GenerateOptions {
  /** Seed of the random stream (default 42). */
  seed?: number;
  /** Rows per record batch (default 65,536); the rows themselves do not depend on it. */
  batchSize?: number;
}

/** Default seed of the bundled datasets. */
export const DEFAULT_DATASET_SEED = 42;
/**
 * Rows of the files committed in `datasets/` (and the generator's default row count): loans rows
 * are wide (identifiers, addresses), so 12,000 keep each of its files under 2 MB.
 */
export const BUNDLED_ROWS: Readonly<Record<DatasetKind, number>> = { loans: 12_000, hiring: 20_000, bench: 20_000 };

/** Default rows per generated batch. */
export const DEFAULT_DATASET_BATCH_SIZE = 65_536;

/**
 * The definition (schema, planted rates, row writer) of a dataset kind; an unknown kind is a
 * {@link UserError} listing the kinds.
 */
export function datasetDefinition(kind: string): DatasetDefinition {
  if (!(DATASET_KINDS as readonly string[]).includes(kind)) {
    throw new UserError(`invalid dataset kind: ${kind}`, { hint: `use one of ${DATASET_KINDS.join(', ')}` });
  }
  return DEFINITIONS[kind as DatasetKind];
}

/**
 * Yields `rows` rows of the synthetic dataset `kind` as Arrow record batches, so any row count
 * streams in memory bounded by the batch size. The same seed gives the same rows, whatever the
 * batch size. Zero rows give one empty batch, which still carries the schema.
 *
 * @example
 * for (const batch of generateBatches('loans', 20_000, { seed: 42 })) total += batch.numRows;
 */
export function* generateBatches(kind: DatasetKind, rows: number, options: GenerateOptions = {}): Generator<RecordBatch> {
  const definition = datasetDefinition(kind);
  const seed = options.seed ?? DEFAULT_DATASET_SEED;
  const batchSize = options.batchSize ?? DEFAULT_DATASET_BATCH_SIZE;
  if (!Number.isSafeInteger(rows) || rows < 0) throw new UserError(`invalid row count: ${rows}`, { hint: 'give a whole number of rows, 0 or more' });
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new UserError(`invalid batch size: ${batchSize}`, { hint: 'give a whole number of rows, 1 or more' });
  if (!Number.isSafeInteger(seed)) throw new UserError(`invalid seed: ${seed}`, { hint: 'give a whole number' });
  const rng = new SeededRandom(seed);
  // Zero rows still yield one empty batch, so writers learn the schema (a CSV header, an IPC schema).
  if (rows === 0) yield definition.batch(rng, 0, 0);
  for (let first = 0; first < rows; first += batchSize) {
    yield definition.batch(rng, first, Math.min(batchSize, rows - first));
  }
}
