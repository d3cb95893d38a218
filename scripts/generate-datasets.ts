/**
 * Writes the synthetic datasets (`npm run datasets`).
 *
 *   npm run datasets                                   # the bundled loans, hiring, grades and salaries files in datasets/
 *   npm run datasets -- --kind bench --rows 10000000 --out bench-data --formats arrow,csv
 *
 * Flags: --rows N (default: the bundled size, 12,000 loans rows and 20,000 for the others, so
 * each committed file stays under 2 MB), --kind loans|hiring|bench|outcomes|all (default
 * loans,hiring,outcomes; outcomes is grades.csv and salaries.csv, 4,000 rows each, seeds 42 and 43),
 * --out DIR (default datasets/), --formats csv,parquet,arrow (default all), --seed N (default 42),
 * --compression zstd|snappy|uncompressed (Parquet, default zstd).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../src/errors.js';
import { DATASET_KINDS } from './datasets/definition.js';
import { gradesCsv, salariesCsv } from './datasets/outcomes.js';
import { BUNDLED_ROWS, DEFAULT_DATASET_SEED } from './datasets/generate.js';
import { DATASET_FORMATS, writeDataset, type DatasetFormat, type ParquetCodec } from './datasets/write.js';

const CODECS: readonly ParquetCodec[] = ['zstd', 'snappy', 'uncompressed'];
/** The outcome-type examples: two small CSV files, each from its own seed. */
const OUTCOMES = 'outcomes';
const OUTCOME_ROWS = 4000;

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string' },
      kind: { type: 'string', default: `loans,hiring,${OUTCOMES}` },
      out: { type: 'string', default: 'datasets' },
      formats: { type: 'string', default: DATASET_FORMATS.join(',') },
      seed: { type: 'string', default: String(DEFAULT_DATASET_SEED) },
      compression: { type: 'string', default: 'zstd' },
    },
    strict: true,
  });
  const seed = wholeNumber('--seed', values.seed);
  const chosen = values.kind === 'all' ? [...DATASET_KINDS, OUTCOMES] : listOf('--kind', values.kind, [...DATASET_KINDS, OUTCOMES]);
  const kinds = DATASET_KINDS.filter((kind) => chosen.includes(kind));
  const formats = listOf('--formats', values.formats, DATASET_FORMATS);
  const compression = listOf('--compression', values.compression, CODECS)[0];
  await mkdir(values.out, { recursive: true });
  for (const kind of kinds) {
    const rows = values.rows === undefined ? BUNDLED_ROWS[kind] : wholeNumber('--rows', values.rows);
    const started = performance.now();
    const files = await writeDataset(kind, rows, { out: values.out, formats: formats as DatasetFormat[], seed, compression });
    const seconds = (performance.now() - started) / 1000;
    const sizes = files.map((f) => `${f.path} ${(f.bytes / 1e6).toFixed(2)} MB`).join(', ');
    console.log(`${kind}: ${rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString('en-US')} rows/s): ${sizes}`);
  }
  if (chosen.includes(OUTCOMES)) {
    await writeFile(join(values.out, 'grades.csv'), gradesCsv(OUTCOME_ROWS, 42));
    await writeFile(join(values.out, 'salaries.csv'), salariesCsv(OUTCOME_ROWS, 43));
    console.log(`${OUTCOMES}: grades.csv and salaries.csv, ${OUTCOME_ROWS.toLocaleString('en-US')} rows each`);
  }
}

function wholeNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) throw new UserError(`${flag}: expected a whole number, got "${text}"`, { hint: `e.g. ${flag} 20000` });
  return value;
}

function listOf<T extends string>(flag: string, text: string, allowed: readonly T[]): T[] {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = items.filter((s) => !(allowed as readonly string[]).includes(s));
  if (unknown.length || !items.length) throw new UserError(`${flag}: invalid value "${unknown[0] ?? text}"`, { hint: `use ${allowed.join(', ')}` });
  return items as T[];
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UserError) {
    console.error(`generate-datasets: ${error.message}${error.hint ? ` (${error.hint})` : ''}`);
    process.exitCode = 2;
    return;
  }
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`generate-datasets: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  console.error(error);
  process.exitCode = 3;
});
