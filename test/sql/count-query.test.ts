/**
 * The count query each dialect gets, checked against queries written out by hand: identifiers
 * quoted the dialect's way (so a name with a space, a quote or upper case stays that name), cut
 * points from the config as a CASE, no value from anywhere interpolated.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { countQuery } from '../../src/sql/count-query.js';
import { quoteIdentifier, quoteTableName, SQL_DIALECTS, sqlDialect } from '../../src/sql/dialect.js';
import { columnsOf } from '../metrics/fixtures.js';

const config = resolveConfig({ label: 'y', prediction: 'Pred', sensitive: ['sex', 'race group'], bins: { income: [40000, 70000] } });

describe('the count query', () => {
  it('groups the raw values of every column, once, and counts the rows (PostgreSQL, DuckDB, Trino, Snowflake: double quotes)', () => {
    const expected = [
      'SELECT',
      '  "sex",',
      '  "race group",',
      '  "y",',
      '  "Pred",',
      '  COUNT(*) AS "fa_rows"',
      'FROM "sales"."preds"',
      'GROUP BY',
      '  "sex",',
      '  "race group",',
      '  "y",',
      '  "Pred"',
    ].join('\n');
    for (const dialect of ['postgres', 'duckdb', 'trino', 'snowflake'] as const) {
      expect(countQuery(dialect, { table: 'sales.preds' }, columnsOf(config), config)).toBe(expected);
    }
  });

  it('quotes with backticks for Spark and BigQuery', () => {
    const columns = columnsOf(config);
    expect(countQuery('spark', { table: 'lake.preds' }, columns, config)).toBe(
      'SELECT\n  `sex`,\n  `race group`,\n  `y`,\n  `Pred`,\n  COUNT(*) AS `fa_rows`\nFROM `lake`.`preds`\nGROUP BY\n  `sex`,\n  `race group`,\n  `y`,\n  `Pred`',
    );
    expect(countQuery('bigquery', { table: 'proj.ds.preds' }, columns, config)).toBe(
      'SELECT\n  `sex`,\n  `race group`,\n  `y`,\n  `Pred`,\n  COUNT(*) AS `fa_rows`\nFROM `proj`.`ds`.`preds`\nGROUP BY\n  `sex`,\n  `race group`,\n  `y`,\n  `Pred`',
    );
  });

  it('bins a column with config cut points in SQL (bin i holds edges[i−1] ≤ x < edges[i]) and sums weights', () => {
    const weighted = resolveConfig({ score: 's', weight: 'w', sensitive: ['income'], bins: { income: [70000, 40000] } });
    const bin = 'CASE WHEN "income" IS NULL THEN NULL WHEN "income" < 40000 THEN 0 WHEN "income" < 70000 THEN 1 ELSE 2 END';
    expect(countQuery('trino', { query: 'SELECT * FROM hive.web.preds;\n' }, columnsOf(weighted), weighted)).toBe(
      [
        'SELECT',
        `  ${bin} AS "income",`,
        '  "s",',
        '  COUNT(*) AS "fa_rows",',
        '  SUM("w") AS "fa_weight",',
        '  COUNT(*) - COUNT("w") AS "fa_weight_missing",',
        '  MIN("w") AS "fa_weight_min"',
        'FROM (',
        'SELECT * FROM hive.web.preds',
        ') AS fa_source',
        'GROUP BY',
        `  ${bin},`,
        '  "s"',
      ].join('\n'),
    );
  });

  it('keeps hostile names names: quotes doubled or escaped, never ending the identifier', () => {
    expect(quoteIdentifier('postgres', 'a"; DROP TABLE x; --')).toBe('"a""; DROP TABLE x; --"');
    expect(quoteIdentifier('spark', 'a`b')).toBe('`a``b`');
    expect(quoteIdentifier('bigquery', 'a`b\\')).toBe('`a\\`b\\\\`');
    expect(quoteTableName('postgres', '"my.schema".Preds')).toBe('"my.schema"."Preds"');
    expect(() => quoteTableName('postgres', 'a..b')).toThrow(/has an empty part/);
    expect(() => quoteTableName('postgres', 'a;drop')).not.toThrow();
    expect(quoteTableName('postgres', 'a;drop')).toBe('"a;drop"');
  });

  it('knows six dialects and names them when given another', () => {
    expect(SQL_DIALECTS).toEqual(['duckdb', 'postgres', 'trino', 'spark', 'bigquery', 'snowflake']);
    expect(() => sqlDialect('mysql')).toThrow('invalid --dialect: mysql');
  });
});
