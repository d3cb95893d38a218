/**
 * What every synthetic dataset provides: a fixed Arrow schema and a function that writes the next
 * rows, drawing from one seeded stream in row order. Because draws happen row by row, the rows
 * do not depend on how they are cut into batches.
 */
import type { RecordBatch, Schema } from 'apache-arrow';
import type { PlantedDesign } from './planted.js';
import type { SeededRandom } from './random.js';

/** The bundled synthetic datasets. */
export type DatasetKind = 'loans' | 'hiring' | 'bench';
export const DATASET_KINDS: readonly DatasetKind[] = ['loans', 'hiring', 'bench'];

/** A synthetic dataset: its schema, its planted rates, and its row writer. */
export interface DatasetDefinition {
  kind: DatasetKind;
  schema: Schema;
  planted: PlantedDesign;
  /**
   * Rows `firstRow` to `firstRow + rows − 1` as one record batch. `firstRow` numbers the
   * identifiers; everything random comes from `rng`, consumed in row order.
   */
  batch(rng: SeededRandom, firstRow: number, rows: number): RecordBatch;
}
