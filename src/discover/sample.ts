/**
 * The seeded sample discovery runs on, drawn through the {@link DataSource} contract: the source's
 * own {@link DataSource.sample} where it has one (Parquet samples blocks of rows natively), else a
 * reservoir over one streaming scan (src/load/sample.ts). Either way the same seed gives the same
 * sample, and only the rows drawn are decoded.
 */
import type { DataSource, Sample } from '../load/source.js';
import { reservoirSample, sampledFields } from '../load/sample.js';

export type { SampledValue, ValueKind } from '../arrow/cells.js';
export type { SampledColumn } from '../load/source.js';

/** Options of {@link sampleSource}. */
export interface SampleOptions {
  /** Rows to keep (default 100 000). */
  sampleSize?: number;
  /** Seed of the draw (default 42). */
  seed?: number;
  /** Sample only these columns (default: every column of the schema). */
  columns?: readonly string[];
}

/**
 * Draws a seeded random sample of `sampleSize` rows of `source` (all of them when there are
 * fewer). A source with its own {@link DataSource.sample} draws it (a Parquet source with more
 * than twice the sample's rows reads blocks of neighbouring rows by row range); any other source
 * is streamed once through a reservoir, whose sample does not depend on the batch size.
 *
 * @example
 * const sample = await sampleSource(tableSource(table), { sampleSize: 1000, seed: 7 });
 */
export async function sampleSource(source: DataSource, options: SampleOptions = {}): Promise<Sample> {
  const size = Math.max(1, Math.floor(options.sampleSize ?? 100_000));
  const seed = options.seed ?? 42;
  // Names the schema lacks are left out here, so a source's sample() sees only columns it has.
  const columns = sampledFields(source, options.columns).map((f) => f.name);
  return source.sample ? source.sample(size, seed, columns) : reservoirSample(source, size, seed, columns);
}
