/**
 * A count table as plain rows: what an engine returns, what a saved count table holds, and what
 * every decoder in src/sql/ reads.
 */

/** A count table as rows of plain values (numbers, text, booleans, null), with its column names. */
export interface CountRows {
  names: string[];
  rows: unknown[][];
}

/** A value as the encoders take it: 64-bit integers and decimals as numbers. */
export function plainValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  return value;
}
