/**
 * PostgreSQL (`postgres://USER@HOST[:PORT]/DB`) through `pg`, imported only when such a source
 * is audited. Credentials come as libpq reads them: the URL, PGPASSWORD and the other PG*
 * variables, or `~/.pgpass`; whichever it is, no password reaches a message (see url.ts).
 * PostgreSQL returns 64-bit counts and decimals as text: they are read back as numbers here.
 */
import { UserError } from '../errors.js';
import type { CountRows } from './count-rows.js';
import { quoteIdentifier } from './dialect.js';
import type { EngineOptions, SqlColumn, SqlColumnKind, SqlEngine } from './engine.js';
import { redactedAddress, withoutSecrets } from './url.js';

/** Type ids (pg_type.oid) of the numeric and boolean types. */
const NUMBER_OIDS = new Set([20, 21, 23, 26, 700, 701, 1700]);
const BOOLEAN_OID = 16;
/** int8 and numeric arrive as text; read them as numbers. */
const TEXT_NUMBER_OIDS = new Set([20, 1700]);

type PgModule = typeof import('pg');

async function loadPg(): Promise<PgModule> {
  const module = (await import('pg')) as PgModule & { default?: PgModule };
  return module.default ?? module;
}

function kindOf(oid: number): SqlColumnKind {
  if (NUMBER_OIDS.has(oid)) return 'number';
  return oid === BOOLEAN_OID ? 'boolean' : 'text';
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value ?? null;
}

/**
 * Connects to the PostgreSQL server at `url`. Throws a UserError naming the address (without its
 * password) and the fix when the server refuses the connection or the login.
 */
export async function openPostgres(url: string, secrets: readonly string[], options: EngineOptions = {}): Promise<SqlEngine> {
  const pg = await loadPg();
  const shown = redactedAddress(url);
  const fail = (error: unknown) => postgresError(shown, secrets, error, options.timeout);
  const client = new pg.Client({
    connectionString: url,
    ...(options.timeout ? { statement_timeout: Math.round(options.timeout * 1000), connectionTimeoutMillis: Math.round(options.timeout * 1000) } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        TEXT_NUMBER_OIDS.has(oid) ? (text: string) => Number(text) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // A connection dropped later (server shut down) is reported by the query that needed it.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw fail(error);
  }
  const run = async (sql: string): Promise<CountRows> => {
    try {
      const result = await client.query({ text: sql, rowMode: 'array' });
      return { names: result.fields.map((f) => f.name), rows: (result.rows as unknown[][]).map((row) => row.map(plain)) };
    } catch (error) {
      throw fail(error);
    }
  };
  return {
    engine: 'postgres',
    dialect: 'postgres',
    async version() {
      const result = await run('SHOW server_version');
      return `PostgreSQL ${String(result.rows[0][0])}`;
    },
    async describe(relation) {
      try {
        const result = await client.query({ text: `SELECT * FROM ${relation} LIMIT 0`, rowMode: 'array' });
        return result.fields.map((f): SqlColumn => ({ name: f.name, kind: kindOf(f.dataTypeID) }));
      } catch (error) {
        throw fail(error);
      }
    },
    query: run,
    async sample(relation, columns, rows, seed) {
      const list = columns.map((c) => quoteIdentifier('postgres', c)).join(', ');
      // setseed makes random() repeat in this session: the same rows on the same data and plan.
      await run(`SELECT setseed(${(seed % 1_000_000) / 1_000_000})`);
      const method = `ORDER BY random() LIMIT ${rows} after setseed(${(seed % 1_000_000) / 1_000_000})`;
      return { rows: await run(`SELECT ${list} FROM ${relation} ORDER BY random() LIMIT ${rows}`), method };
    },
    async close() {
      await client.end().catch(() => {});
    },
  };
}

/** SQLSTATE codes and the fix for each. */
const FIXES: Record<string, string> = {
  '28P01': 'check the password: PGPASSWORD, ~/.pgpass, or the URL in the variable --url-env names',
  '28000': 'check the user name and the server\'s pg_hba.conf rules for this host',
  '3D000': 'check the database name at the end of the URL',
  '42P01': 'check the table name (--table) or the query',
  '42703': 'check the column names in the flags or config against the table',
  '42601': 'check the query\'s SQL (--query, --query-file)',
  '57014': 'raise --timeout, or audit a smaller table or query',
  '42501': 'grant the user SELECT on the table, or connect as another user',
};

/** A pg error as one line naming the server (password removed) and the fix. */
function postgresError(shown: string, secrets: readonly string[], error: unknown, timeout: number | undefined): UserError {
  const e = error as { code?: string; message?: string };
  const message = withoutSecrets(String(e?.message ?? error).split('\n')[0], secrets);
  if (e?.code === 'ECONNREFUSED') return new UserError(`${shown}: connection refused`, { hint: 'is the server running? check the host and port in the URL' });
  if (e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN') return new UserError(`${shown}: host not found`, { hint: 'check the host name in the URL' });
  if (/timeout/i.test(message) && e?.code !== '57014') return new UserError(`${shown}: no answer within --timeout ${timeout ?? ''} s`.replace(' s', timeout ? ' s' : ''), { hint: 'check the host and port, or raise --timeout' });
  if (e?.code === '57014' && timeout) return new UserError(`${shown}: the query ran longer than --timeout ${timeout} s and was cancelled`, { hint: FIXES['57014'] });
  const hint = (e?.code && FIXES[e.code]) || (/password/i.test(message) ? FIXES['28P01'] : 'check the query (--query, --query-file) or the table name (--table)');
  return new UserError(`${shown}: ${message}`, { hint });
}
