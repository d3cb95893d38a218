/**
 * The database source rows of the data section: each recorded fact once, labelled for a reader,
 * with the engine named in words and the version not repeated when it already names the engine.
 * Expected rows are written out by hand from the provenance given.
 */
import { describe, expect, it } from 'vitest';
import { sourceRows } from '../../src/report/view/provenance.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

describe('the database source rows', () => {
  it('show a PostgreSQL table with its address, hashes and the discovery sample', () => {
    const rows = sourceRows({
      engine: 'postgres',
      engine_version: 'PostgreSQL 15.4 on x86_64-pc-linux-gnu',
      location: 'postgres://ana@db:5432/prod',
      table: 'public.preds',
      sha256: A,
      count_table_sha256: B,
      count_rows: 1234,
      sample: { rows: 100000, seed: 42, method: 'TABLESAMPLE SYSTEM REPEATABLE' },
    });
    expect(rows).toEqual([
      { label: 'Counted by', value: 'PostgreSQL 15.4 on x86_64-pc-linux-gnu' },
      { label: 'Database address', value: 'postgres://ana@db:5432/prod', mono: true },
      { label: 'Table', value: 'public.preds', mono: true },
      { label: 'Table name SHA-256', value: A, mono: true },
      { label: 'Count table rows', value: '1,234' },
      { label: 'Count table SHA-256', value: B, mono: true },
      { label: 'Discovery sample', value: '100,000 rows drawn by the engine (TABLESAMPLE SYSTEM REPEATABLE, seed 42)' },
    ]);
  });

  it('show a DuckDB query, and a saved count table with the query that made it', () => {
    const duck = sourceRows({ engine: 'duckdb', engine_version: 'v1.1.3', location: 'duckdb:', query: 'SELECT 1', sha256: A, count_table_sha256: B, count_rows: 3 });
    expect(duck[0]).toEqual({ label: 'Counted by', value: 'DuckDB (v1.1.3)' });
    expect(duck.map((r) => r.label)).toEqual(['Counted by', 'Database address', 'Query', 'Query SHA-256', 'Count table rows', 'Count table SHA-256']);

    const counts = sourceRows({ engine: 'counts', file: { path: 'counts.csv', bytes: 2048, sha256: C }, query: 'SELECT 2', sha256: A, count_table_sha256: B, count_rows: 7 });
    expect(counts).toEqual([
      { label: 'Counted by', value: 'a count table saved from a warehouse (--counts)' },
      { label: 'Count table file', value: `counts.csv, 2.0 KB (2,048 bytes), SHA-256 ${C}`, mono: true },
      { label: 'Query that made the count table', value: 'SELECT 2', mono: true },
      { label: 'Query SHA-256', value: A, mono: true },
      { label: 'Count table rows', value: '7' },
      { label: 'Count table SHA-256', value: B, mono: true },
    ]);
  });
});
