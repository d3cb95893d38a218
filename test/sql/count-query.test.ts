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
  it('groups by one set per attribute and intersection, and says which set each row is in (PostgreSQL, DuckDB, Trino, Snowflake: double quotes)', () => {
    const expected = [
      'SELECT',
      '  "sex",',
      '  "race group",',
      '  "y",',
      '  "Pred",',
      '  GROUPING("sex") AS "fa_grouping_sex",',
      '  GROUPING("race group") AS "fa_grouping_race group",',
      '  COUNT(*) AS "fa_rows"',
      'FROM "sales"."preds"',
      'GROUP BY GROUPING SETS (',
      '  ("sex", "y", "Pred"),',
      '  ("race group", "y", "Pred"),',
      '  ("sex", "race group", "y", "Pred")',
      ')',
    ].join('\n');
    for (const dialect of ['postgres', 'duckdb', 'trino', 'snowflake'] as const) {
      expect(countQuery(dialect, { table: 'sales.preds' }, columnsOf(config), config, { groupingSets: true })).toBe(expected);
    }
    // No intersections: one set per attribute.
    const alone = resolveConfig({ ...config, intersections: 'none' });
    expect(countQuery('postgres', { table: 't' }, columnsOf(alone), alone, { groupingSets: true })).toContain('GROUP BY GROUPING SETS (\n  ("sex", "y", "Pred"),\n  ("race group", "y", "Pred")\n)');
  });

  it('quotes with backticks for Spark and BigQuery', () => {
    const columns = columnsOf(config);
    const body = (from: string) =>
      'SELECT\n  `sex`,\n  `race group`,\n  `y`,\n  `Pred`,\n  GROUPING(`sex`) AS `fa_grouping_sex`,\n  GROUPING(`race group`) AS `fa_grouping_race group`,\n' +
      `  COUNT(*) AS \`fa_rows\`\nFROM ${from}\nGROUP BY GROUPING SETS (\n  (\`sex\`, \`y\`, \`Pred\`),\n  (\`race group\`, \`y\`, \`Pred\`),\n  (\`sex\`, \`race group\`, \`y\`, \`Pred\`)\n)`;
    expect(countQuery('spark', { table: 'lake.preds' }, columns, config, { groupingSets: true })).toBe(body('`lake`.`preds`'));
    expect(countQuery('bigquery', { table: 'proj.ds.preds' }, columns, config, { groupingSets: true })).toBe(body('`proj`.`ds`.`preds`'));
  });

  it('groups jointly by default, and always when there is a score: each row keeps every attribute beside its score', () => {
    expect(countQuery('duckdb', { table: 't' }, columnsOf(config), config)).toBe(
      'SELECT\n  "sex",\n  "race group",\n  "y",\n  "Pred",\n  COUNT(*) AS "fa_rows"\nFROM "t"\nGROUP BY\n  "sex",\n  "race group",\n  "y",\n  "Pred"',
    );
    const scored = resolveConfig({ ...config, score: 's' });
    expect(countQuery('postgres', { table: 't' }, columnsOf(scored), scored, { groupingSets: true })).toBe(
      'SELECT\n  "sex",\n  "race group",\n  "y",\n  "Pred",\n  "s",\n  COUNT(*) AS "fa_rows"\nFROM "t"\nGROUP BY\n  "sex",\n  "race group",\n  "y",\n  "Pred",\n  "s"',
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
