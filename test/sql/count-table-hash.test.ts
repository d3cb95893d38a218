/**
 * The count table's SHA-256 (recorded in `input.source`) is the hash of its canonical JSON, the
 * same bytes whether it is hashed in one piece or, as fairaudit hashes a long table, in pieces.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { countTableSha256 } from '../../src/sql/source.js';

/** The plain computation: one JSON string, one hash. */
function oneString(names: string[], rows: unknown[][]): string {
  return createHash('sha256').update(JSON.stringify({ names, rows })).digest('hex');
}

describe('the count table SHA-256', () => {
  it('is the hash of JSON.stringify({ names, rows }) for an empty, a short and a long table (quotes, NaN, null, non-ASCII)', () => {
    // Long enough to be hashed in several 1 MiB pieces.
    const long = Array.from({ length: 120_000 }, (_, i) => ['a"b', i / 3, null, i % 2 === 0, 'é', NaN] as unknown[]);
    for (const [names, rows] of [
      [['x', 'y'], []],
      [['s'], [['a']]],
      [['s', 'v', 'n', 'b', 'u', 'z'], long],
    ] as [string[], unknown[][]][]) {
      expect(countTableSha256({ names, rows })).toBe(oneString(names, rows));
    }
  });
});
