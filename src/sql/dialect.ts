/**
 * The SQL dialects fairaudit writes its count query in (DESIGN §2): two it runs itself (DuckDB,
 * PostgreSQL) and four it only prints for a user to run on their own cluster. They differ here in
 * how an identifier is quoted; the rest of the query is plain SQL-92 every one of them reads.
 */
import { UserError } from '../errors.js';

/** The dialects `fairaudit sql --dialect` knows. */
export const SQL_DIALECTS = ['duckdb', 'postgres', 'trino', 'spark', 'bigquery', 'snowflake'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** The dialect named by `text`, or a UserError listing the known ones. */
export function sqlDialect(text: string): SqlDialect {
  if ((SQL_DIALECTS as readonly string[]).includes(text)) return text as SqlDialect;
  throw new UserError(`invalid --dialect: ${text}`, { hint: `use one of ${SQL_DIALECTS.join(', ')}` });
}

/**
 * One identifier quoted for `dialect`, so any column name from a config (spaces, quotes, upper
 * case, reserved words) reaches the engine as that name and never as SQL. DuckDB, PostgreSQL,
 * Trino and Snowflake quote with double quotes (doubled inside); Spark and BigQuery with
 * backticks (Spark doubles one inside; BigQuery escapes it with a backslash).
 *
 * @example
 * quoteIdentifier('postgres', 'say "hi"'); // "say ""hi"""
 */
export function quoteIdentifier(dialect: SqlDialect, name: string): string {
  if (name.includes('\0')) throw new UserError(`the column name ${JSON.stringify(name)} holds a NUL character`, { hint: 'rename the column' });
  if (dialect === 'spark') return '`' + name.replaceAll('`', '``') + '`';
  if (dialect === 'bigquery') return '`' + name.replaceAll('\\', '\\\\').replaceAll('`', '\\`') + '`';
  return '"' + name.replaceAll('"', '""') + '"';
}

/**
 * A table name as the user wrote it (`sales.predictions`, or one part with dots inside when
 * quoted: `"my.table"`) quoted part by part.
 */
export function quoteTableName(dialect: SqlDialect, table: string): string {
  const parts: string[] = [];
  let rest = table.trim();
  while (rest.length > 0) {
    let part: string;
    if (rest.startsWith('"') || rest.startsWith('`')) {
      const quote = rest[0];
      let end = 1;
      part = '';
      for (;;) {
        const at = rest.indexOf(quote, end);
        if (at < 0) throw new UserError(`the table name ${JSON.stringify(table)} has an unclosed quote`, { hint: 'write --table schema.table' });
        part += rest.slice(end, at);
        if (rest[at + 1] === quote) {
          part += quote;
          end = at + 2;
        } else {
          end = at + 1;
          break;
        }
      }
      rest = rest.slice(end);
    } else {
      const dot = rest.indexOf('.');
      part = dot < 0 ? rest : rest.slice(0, dot);
      rest = dot < 0 ? '' : rest.slice(dot);
    }
    if (part === '') throw new UserError(`the table name ${JSON.stringify(table)} has an empty part`, { hint: 'write --table table or --table schema.table' });
    parts.push(quoteIdentifier(dialect, part));
    if (rest.startsWith('.')) rest = rest.slice(1);
    else if (rest.length > 0) throw new UserError(`the table name ${JSON.stringify(table)} is not NAME or SCHEMA.NAME`, { hint: 'quote a part holding dots: --table \'"my.table"\'' });
  }
  if (parts.length === 0) throw new UserError('the table name is empty', { hint: 'write --table NAME' });
  return parts.join('.');
}

/** The 64-bit floating-point type's name in `dialect` (what a regression value is cast to). */
export function doubleType(dialect: SqlDialect): string {
  if (dialect === 'postgres') return 'DOUBLE PRECISION';
  if (dialect === 'bigquery') return 'FLOAT64';
  return 'DOUBLE';
}
