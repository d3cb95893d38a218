/**
 * Where a SQL source lives, and how it is shown: a `duckdb:[FILE]` or `postgres://` address from
 * the command line, the config or an environment variable, and the same address with every
 * credential removed — the only form that reaches results, reports, stderr or an error.
 */
import { UserError } from '../errors.js';

/** A database the audit reads through its engine. */
export type SqlLocation =
  | { engine: 'duckdb'; /** The database file; `:memory:` for an in-memory database. */ path: string }
  | { engine: 'postgres'; /** The connection URL, credentials included (never shown). */ url: string };

/** Whether `text` names a SQL source rather than a file: `duckdb:…`, `postgres://…`, `postgresql://…`. */
export function isSqlAddress(text: string): boolean {
  return /^duckdb:/i.test(text) || /^postgres(ql)?:\/\//i.test(text);
}

/**
 * The location `text` names. `url_env` (`--url-env NAME` / `source: {url_env}`) names an
 * environment variable holding the address, so a password never sits in a command line or config.
 */
export function sqlLocation(text: string | undefined, urlEnv?: string): SqlLocation {
  let address = text;
  if (urlEnv !== undefined) {
    address = process.env[urlEnv];
    if (address === undefined || address.trim() === '') {
      throw new UserError(`the environment variable ${urlEnv} (--url-env / source.url_env) is not set`, { hint: `export ${urlEnv}=postgres://USER@HOST:PORT/DB` });
    }
    address = address.trim();
  }
  if (address === undefined) throw new UserError('no database address is given', { hint: 'give duckdb:[FILE] or postgres://USER@HOST/DB, or --url-env NAME' });
  if (/^duckdb:/i.test(address)) {
    const path = address.slice('duckdb:'.length);
    return { engine: 'duckdb', path: path === '' ? ':memory:' : path };
  }
  if (/^postgres(ql)?:\/\//i.test(address)) {
    try {
      new URL(address);
    } catch {
      throw new UserError(`the PostgreSQL address ${redactedAddress(address)} is not a URL`, { hint: 'write it as postgres://USER@HOST:PORT/DB' });
    }
    return { engine: 'postgres', url: address };
  }
  throw new UserError(`${urlEnv ?? 'the address'} is not a database address`, { hint: 'use duckdb:[FILE], postgres://USER@HOST:PORT/DB or postgresql://…' });
}

/** Query parameters of a PostgreSQL URL that carry secrets. */
const SECRET_PARAMETERS = ['password', 'sslpassword', 'sslkey', 'passfile'];

/**
 * `address` without its password (and secret query parameters): what results and messages show.
 * An address that does not parse shows only its scheme.
 *
 * @example
 * redactedAddress('postgres://ana:s3cret@db:5432/prod'); // postgres://ana@db:5432/prod
 */
export function redactedAddress(address: string): string {
  if (/^duckdb:/i.test(address)) return address;
  try {
    const url = new URL(address);
    url.password = '';
    for (const key of [...url.searchParams.keys()]) if (SECRET_PARAMETERS.includes(key.toLowerCase())) url.searchParams.delete(key);
    return url.toString();
  } catch {
    const scheme = /^[a-z]+:\/\//i.exec(address)?.[0] ?? '';
    return `${scheme}(address not shown)`;
  }
}

/** How a location is shown (credentials removed). */
export function locationText(location: SqlLocation): string {
  return location.engine === 'duckdb' ? `duckdb:${location.path === ':memory:' ? '' : location.path}` : redactedAddress(location.url);
}

/**
 * The secrets a message about `location` must never show: the URL's password and PGPASSWORD.
 * Engines' error texts are passed through {@link withoutSecrets} with them.
 */
export function locationSecrets(location: SqlLocation): string[] {
  const secrets: string[] = [];
  if (location.engine === 'postgres') {
    try {
      const url = new URL(location.url);
      if (url.password) secrets.push(url.password, decodeURIComponent(url.password));
      for (const [key, value] of url.searchParams) if (SECRET_PARAMETERS.includes(key.toLowerCase()) && value) secrets.push(value);
    } catch {
      secrets.push(location.url);
    }
    if (process.env.PGPASSWORD) secrets.push(process.env.PGPASSWORD);
  }
  return secrets.filter((s) => s.length > 0);
}

/** `text` with every secret replaced by `***`. */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('***');
  return out;
}
