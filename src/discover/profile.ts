/**
 * A sampled column summarized once for every rule: its non-null values counted by distinct
 * value, so a rule tests each distinct value once and weighs it by its count.
 */
import type { SampledColumn, SampledValue, ValueKind } from './sample.js';

/** A distinct non-null value. */
export type DistinctValue = Exclude<SampledValue, null>;

/** What the rules see of one column. */
export interface ColumnProfile {
  name: string;
  /** Arrow type as text. */
  type: string;
  kind: ValueKind;
  /** Sampled values in sample order, nulls included (the proxy rule pairs rows across columns). */
  values: SampledValue[];
  nonNull: number;
  /** Distinct non-null values and how often each was sampled, in first-seen order. */
  counts: Map<DistinctValue, number>;
}

/** Counts the distinct values of a sampled column. */
export function profileColumn(column: SampledColumn): ColumnProfile {
  const counts = new Map<DistinctValue, number>();
  let nonNull = 0;
  for (const value of column.values) {
    if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) continue;
    nonNull++;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return { name: column.name, type: column.type, kind: column.kind, values: column.values, nonNull, counts };
}

/**
 * Whether the column is near-unique, like a row or record id (distinct / non-null above 0.9,
 * over at least 20 values): such a column identifies rows and is never a proxy.
 */
export function isNearUnique(profile: ColumnProfile): boolean {
  return profile.nonNull >= 20 && profile.counts.size / profile.nonNull > 0.9;
}

/**
 * Whether the column looks like an id: near-unique text. Near-unique numbers (amounts,
 * durations, scores) are measurements, binned into deciles for the proxy rule instead.
 */
export function isIdLike(profile: ColumnProfile): boolean {
  return profile.kind === 'string' && isNearUnique(profile);
}

/** Counts the sampled values that `test` accepts, testing each distinct value once. */
export function countMatching(profile: ColumnProfile, test: (value: DistinctValue) => boolean): number {
  let matches = 0;
  for (const [value, count] of profile.counts) if (test(value)) matches += count;
  return matches;
}
