/**
 * What test/fixtures/parquet/make_fixtures.py writes, copied from it by hand: the row count, the
 * columns, and the formulas of the columns the Parquet tests check row by row, so the expected
 * values come from the generator and never from a reader under test.
 */

/** Rows of every fixture but empty.parquet. */
export const ROWS = 2000;
const SEXES = ['female', 'male', 'non-binary'];
const WORDS = ['Zoë', 'São Paulo', '東京', 'Ana', 'Noor', 'Li'];
export const sex = (i: number): string | null => (i % 20 === 7 ? null : SEXES[i % 3]);
export const label = (i: number): number => (Math.floor(i / 25) % 3 === 0 ? 1 : 0);
export const prediction = (i: number): number | null => (i % 97 === 11 ? null : label(i) ^ (i % 9 === 0 ? 1 : 0));
export const approved = (i: number): boolean | null => (Math.floor(i / 50) % 9 === 4 ? null : i % 4 !== 1);
export const score = (i: number): number | null => (i % 13 === 5 ? null : ((i * 37) % 40) / 40);
export const name = (i: number): string => `${WORDS[i % 6]}${Math.floor(i / 6)}`;
export const big = (i: number): bigint => {
  const n = BigInt(Math.floor(i / 5) % 7);
  return [2n ** 63n - 1n - n, -(2n ** 63n) + n, 2n ** 53n + 1n + n, -(2n ** 53n) - 3n - n, n * 1_000_003n - 3_000_000n][i % 5];
};

/** The columns of the generator's table, in its order. */
export const TABLE = ['sex', 'race', 'age_group', 'label', 'prediction', 'approved', 'score', 'score32', 'small', 'medium', 'unsigned', 'big', 'name', 'empty_strings', 'all_null'];
/** The flat columns that nested.parquet and dates.parquet keep beside their own. */
export const FLAT = ['sex', 'label', 'score', 'name'];
/** The columns of delta-encodings.parquet, every one in DELTA_* or BYTE_STREAM_SPLIT pages. */
export const DELTA = ['sex', 'label', 'score', 'score32', 'medium', 'big', 'name'];

/** The path of a fixture file. */
export const fixture = (file: string): string => new URL(`../fixtures/parquet/${file}`, import.meta.url).pathname;

/** One fixture file: its rows and its top-level columns, in order. */
export interface FixtureFile {
  file: string;
  rows: number;
  columns: string[];
}

const full = (file: string, rows = ROWS): FixtureFile => ({ file, rows, columns: TABLE });

/** Every fixture make_fixtures.py writes. */
export const FIXTURE_FILES: FixtureFile[] = [
  full('snappy-v1.parquet'),
  full('snappy-v2.parquet'),
  full('zstd.parquet'),
  full('gzip.parquet'),
  full('brotli.parquet'),
  full('lz4.parquet'),
  full('uncompressed.parquet'),
  full('no-dictionary.parquet'),
  // dictionary_pagesize_limit=256: `name` (unique per row) outgrows its dictionary in every row group.
  full('dictionary-fallback.parquet'),
  full('dictionary-fallback-v2.parquet'),
  full('no-arrow-schema.parquet'),
  full('one-row-group.parquet'),
  full('empty.parquet', 0),
  { file: 'delta-encodings.parquet', rows: ROWS, columns: DELTA },
  // A list<int32> and a struct beside flat columns.
  { file: 'nested.parquet', rows: ROWS, columns: [...FLAT, 'codes', 'address'] },
  // date32 and timestamp[ms] beside flat columns.
  { file: 'dates.parquet', rows: ROWS, columns: [...FLAT, 'birth', 'seen'] },
];
