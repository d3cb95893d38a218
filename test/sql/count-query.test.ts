/**
 * The count query each dialect gets, checked against queries written out by hand: identifiers
 * quoted the dialect's way (so a name with a space, a quote or upper case stays that name), cut
 * points from the config as a CASE, no value from anywhere interpolated.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { countQuery } from '../../src/sql/count-query.js';
import { quoteIdentifier, quoteTableName, SQL_DIALECTS, sqlDialect } from '../../src/sql/dialect.js';
import { auditCountQuery, taskDetectionQuery, taskFromDetection } from '../../src/sql/task-query.js';
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

  it('counts a regression audit as a rows part and label, prediction and error histograms (Trino: double quotes, DOUBLE)', () => {
    const regression = resolveConfig({ label: 'y', prediction: 'Pred', sensitive: ['sex'], task: 'regression' });
    const histogram = (part: string, value: string) =>
      [
        'SELECT',
        '  "sex",',
        `  '${part}' AS "fa_part",`,
        `  ${value} AS "fa_value",`,
        '  NULL AS "fa_has_label",',
        '  NULL AS "fa_has_prediction",',
        '  COUNT(*) AS "fa_rows"',
        'FROM "hive"."preds"',
        'WHERE "y" IS NOT NULL AND "Pred" IS NOT NULL',
        'GROUP BY',
        '  "sex",',
        `  ${value}`,
      ].join('\n');
    const expected = [
      [
        'SELECT',
        '  "sex",',
        "  'rows' AS \"fa_part\",",
        '  CAST(NULL AS DOUBLE) AS "fa_value",',
        '  CASE WHEN "y" IS NULL THEN 0 ELSE 1 END AS "fa_has_label",',
        '  CASE WHEN "Pred" IS NULL THEN 0 ELSE 1 END AS "fa_has_prediction",',
        '  COUNT(*) AS "fa_rows"',
        'FROM "hive"."preds"',
        'GROUP BY',
        '  "sex",',
        '  CASE WHEN "y" IS NULL THEN 0 ELSE 1 END,',
        '  CASE WHEN "Pred" IS NULL THEN 0 ELSE 1 END',
      ].join('\n'),
      histogram('label', 'CAST("y" AS DOUBLE)'),
      histogram('prediction', 'CAST("Pred" AS DOUBLE)'),
      histogram('error', 'CAST("Pred" AS DOUBLE) - CAST("y" AS DOUBLE)'),
    ].join('\nUNION ALL\n');
    expect(auditCountQuery('trino', { table: 'hive.preds' }, columnsOf(regression), regression, { task: 'regression' })).toBe(expected);
    // Snowflake and DuckDB write the same; the others quote and name the double their own way.
    expect(auditCountQuery('snowflake', { table: 'hive.preds' }, columnsOf(regression), regression, { task: 'regression' })).toBe(expected);
    expect(auditCountQuery('duckdb', { table: 'hive.preds' }, columnsOf(regression), regression, { task: 'regression' })).toBe(expected);
    const spark = auditCountQuery('spark', { table: 'hive.preds' }, columnsOf(regression), regression, { task: 'regression' });
    expect(spark).toBe(expected.replace(/"([^"]*)"/g, '`$1`'));
    const bigquery = auditCountQuery('bigquery', { table: 'hive.preds' }, columnsOf(regression), regression, { task: 'regression' });
    expect(bigquery).toBe(expected.replace(/"([^"]*)"/g, '`$1`').replaceAll('AS DOUBLE)', 'AS FLOAT64)'));
    expect(auditCountQuery('postgres', { table: 'hive.preds' }, columnsOf(regression), regression, { task: 'regression' })).toBe(expected.replaceAll('AS DOUBLE)', 'AS DOUBLE PRECISION)'));
  });

  it('counts a regression audit with weights, strata, config bins and a query: each part from the query as a subquery, strata only in the rows part', () => {
    const config = resolveConfig({ label: 'y', weight: 'w', strata: 'region', sensitive: ['income'], bins: { income: [40000] }, task: 'regression' });
    const sql = auditCountQuery('spark', { query: 'SELECT * FROM lake.preds;' }, columnsOf(config), config, { task: 'regression' });
    const parts = sql.split('\nUNION ALL\n');
    // Label only: the rows part and the label histogram; no prediction or error.
    expect(parts).toHaveLength(2);
    const bin = 'CASE WHEN `income` IS NULL THEN NULL WHEN `income` < 40000 THEN 0 ELSE 1 END';
    expect(parts[0]).toContain(`  ${bin} AS \`income\`,\n  \`region\`,\n  'rows' AS \`fa_part\`,`);
    expect(parts[0]).toContain("CASE WHEN `y` IS NULL THEN 0 ELSE 1 END AS `fa_has_label`,\n  0 AS `fa_has_prediction`,");
    // The absent prediction's constant is not grouped by (GROUP BY 0 would name a select column).
    expect(parts[0]).toMatch(/GROUP BY\n {2}CASE WHEN `income`.*END,\n {2}`region`,\n {2}CASE WHEN `y` IS NULL THEN 0 ELSE 1 END$/);
    expect(parts[0]).toContain('SUM(`w`) AS `fa_weight`,\n  COUNT(*) - COUNT(`w`) AS `fa_weight_missing`,\n  MIN(`w`) AS `fa_weight_min`');
    expect(parts[1]).toContain("NULL AS `region`,\n  'label' AS `fa_part`,\n  CAST(`y` AS DOUBLE) AS `fa_value`,");
    expect(parts[1]).toContain('WHERE `y` IS NOT NULL\nGROUP BY\n  ' + bin + ',\n  CAST(`y` AS DOUBLE)');
    for (const part of parts) expect(part).toContain('FROM (\nSELECT * FROM lake.preds\n) AS fa_source');
  });

  it('keeps hostile names names in the regression and detection queries', () => {
    const hostile = 'a"; DROP TABLE x; --';
    const config = resolveConfig({ label: hostile, prediction: 'p`q', sensitive: ["s'x"], task: 'regression' });
    const postgres = auditCountQuery('postgres', { table: 't' }, columnsOf(config), config, { task: 'regression' });
    expect(postgres).toContain('CAST("a""; DROP TABLE x; --" AS DOUBLE PRECISION)');
    expect(postgres).toContain('CASE WHEN "a""; DROP TABLE x; --" IS NULL THEN 0 ELSE 1 END');
    expect(postgres).toContain(`"s'x"`);
    expect(postgres.replaceAll('"a""; DROP TABLE x; --"', '').replaceAll(`"s'x"`, '')).not.toMatch(/DROP|s'x/);
    const spark = auditCountQuery('spark', { table: 't' }, columnsOf(config), config, { task: 'regression' });
    expect(spark).toContain('CAST(`p``q` AS DOUBLE) - CAST(`a"; DROP TABLE x; --` AS DOUBLE)');
    const detection = taskDetectionQuery('postgres', { table: 't' }, columnsOf(config), new Map([[hostile, 'text' as const]]));
    expect(detection).toContain('COUNT(DISTINCT NULLIF(LOWER(TRIM(CAST("a""; DROP TABLE x; --" AS VARCHAR))), \'\'))');
  });

  it('counts a multiclass audit jointly even when GROUPING SETS are asked for (its statistics are per joint group)', () => {
    const multiclass = resolveConfig({ ...config, task: 'multiclass' });
    const joint = countQuery('spark', { table: 't' }, columnsOf(multiclass), multiclass);
    expect(auditCountQuery('spark', { table: 't' }, columnsOf(multiclass), multiclass, { groupingSets: true, task: 'multiclass' })).toBe(joint);
    expect(joint).toBe('SELECT\n  `sex`,\n  `race group`,\n  `y`,\n  `Pred`,\n  COUNT(*) AS `fa_rows`\nFROM `t`\nGROUP BY\n  `sex`,\n  `race group`,\n  `y`,\n  `Pred`');
  });

  it('asks the engine for the first 10,000 rows\' count and each outcome\'s distinct values to decide the task: text trimmed and compared without case, numbers checked for fractions', () => {
    const kinds = new Map([['y', 'text' as const], ['Pred', 'number' as const]]);
    expect(taskDetectionQuery('postgres', { table: 't' }, columnsOf(config), kinds)).toBe(
      [
        'SELECT',
        '  COUNT(*) AS "fa_rows",',
        '  COUNT(DISTINCT NULLIF(LOWER(TRIM(CAST("y" AS VARCHAR))), \'\')) AS "fa_label_distinct",',
        '  COUNT(DISTINCT "Pred") AS "fa_prediction_distinct",',
        '  MIN(CASE WHEN "Pred" = FLOOR("Pred") THEN 1 WHEN "Pred" IS NOT NULL THEN 0 END) AS "fa_prediction_whole"',
        'FROM (',
        'SELECT "y", "Pred" FROM "t" LIMIT 10000',
        ') AS fa_first',
      ].join('\n'),
    );
    // The label leads (src/metrics/task.ts): a two-valued label beside a prediction of 25 whole numbers is multiclass, not regression.
    const result = { names: ['fa_rows', 'fa_label_distinct', 'fa_prediction_distinct', 'fa_prediction_whole'], rows: [[500, 2, 25, 1]] };
    const numeric = new Map([['y', 'number' as const], ['Pred', 'number' as const]]);
    expect(taskFromDetection(result, columnsOf(config), config, numeric)).toMatchObject({ task: 'multiclass' });
    // 25 fractions beside a yes/no label are a score named as a prediction: refused, pointing to --score.
    expect(() => taskFromDetection({ ...result, rows: [[500, 2, 25, 0]] }, columnsOf(config), config, numeric)).toThrow(/holds fractions.*beside a yes\/no label/);
    // A label of 25 distinct numbers: regression, said as a file audit says it.
    expect(taskFromDetection({ names: ['fa_rows', 'fa_label_distinct'], rows: [[500, 25]] }, columnsOf(config), config, numeric)).toEqual({
      task: 'regression',
      detected: true,
      reason: 'the label "y" holds more than 20 distinct numbers in the first 500 rows',
    });
    expect(taskFromDetection({ names: ['fa_rows', 'fa_label_distinct'], rows: [[500, 3]] }, columnsOf(config), config, kinds)).toMatchObject({ task: 'multiclass' });
    expect(taskFromDetection({ names: ['fa_rows', 'fa_label_distinct'], rows: [[500, 2]] }, columnsOf(config), config, kinds)).toMatchObject({ task: 'binary' });
    // task: settles it without asking the engine.
    expect(taskFromDetection(null, columnsOf(config), resolveConfig({ ...config, task: 'regression' }), kinds)).toMatchObject({ task: 'regression', detected: false });
  });

  it('knows six dialects and names them when given another', () => {
    expect(SQL_DIALECTS).toEqual(['duckdb', 'postgres', 'trino', 'spark', 'bigquery', 'snowflake']);
    expect(() => sqlDialect('mysql')).toThrow('invalid --dialect: mysql');
  });
});
