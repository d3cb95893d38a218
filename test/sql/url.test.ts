/** Database addresses: what they name, and how they are shown (never with a password). */
import { afterEach, describe, expect, it } from 'vitest';
import { isSqlAddress, locationSecrets, redactedAddress, sqlLocation, withoutSecrets } from '../../src/sql/url.js';

describe('database addresses', () => {
  afterEach(() => {
    delete process.env.FA_TEST_URL;
    delete process.env.PGPASSWORD;
  });

  it('tells database addresses from file paths', () => {
    expect(['duckdb:', 'duckdb:lake.db', 'postgres://a@b/c', 'postgresql://a@b/c'].map(isSqlAddress)).toEqual([true, true, true, true]);
    expect(['data.csv', 'postgres.csv', 'duckdb.parquet'].map(isSqlAddress)).toEqual([false, false, false]);
  });

  it('shows a URL without its password or secret parameters', () => {
    expect(redactedAddress('postgres://ana:s3cret@db:5432/prod')).toBe('postgres://ana@db:5432/prod');
    expect(redactedAddress('postgresql://ana@db/prod?sslmode=require&password=s3cret')).toBe('postgresql://ana@db/prod?sslmode=require');
    expect(redactedAddress('postgres://ana:s3cret@[bad')).toBe('postgres://(address not shown)');
  });

  it('reads the URL from the variable --url-env names, and says when it is unset', () => {
    process.env.FA_TEST_URL = 'postgres://ana:pw@db/prod';
    expect(sqlLocation(undefined, 'FA_TEST_URL')).toEqual({ engine: 'postgres', url: 'postgres://ana:pw@db/prod' });
    expect(() => sqlLocation(undefined, 'FA_TEST_NOT_SET')).toThrow('the environment variable FA_TEST_NOT_SET (--url-env / source.url_env) is not set');
    expect(sqlLocation('duckdb:')).toEqual({ engine: 'duckdb', path: ':memory:' });
  });

  it('removes the URL password and PGPASSWORD from any text', () => {
    process.env.PGPASSWORD = 'from-env';
    const secrets = locationSecrets({ engine: 'postgres', url: 'postgres://ana:p%40ss@db/prod' });
    expect(withoutSecrets('failed for p@ss, p%40ss and from-env', secrets)).toBe('failed for ***, *** and ***');
  });
});
