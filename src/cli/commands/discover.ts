import type { Argv } from 'yargs';
import type { Command } from '../command.js';
import { UserError } from '../../errors.js';
import { MAX_SEED, numberFlag } from '../number-flag.js';
import { openAuditInput, sourceOptions, type SourceArgs } from '../open-input.js';
import { discover, DISCOVERY_MAX_COLUMNS, skippedColumnsWarning } from '../../discover/discover.js';
import { formatDiscovery } from '../../discover/format.js';
import { readFlags, readOptions, readWarningLines, type ReadArgs } from '../read-flags.js';
import { progressFor } from '../progress.js';

interface DiscoverArgs extends ReadArgs, SourceArgs {
  data?: string[];
  json?: boolean;
  sample?: number;
  seed?: number;
  maxColumns?: number;
}

/** `fairaudit discover <data..>`: which columns are protected, identifying, quasi-identifying or proxies. */
export const discoverCommand: Command<DiscoverArgs> = {
  command: 'discover [data..]',
  describe: 'find protected attributes, identifiers, quasi-identifiers and proxies in the data',
  builder: (y) =>
    sampleOptions(
      sourceOptions(readOptions(y))
        .positional('data', { describe: 'files or folders (Arrow IPC, Parquet, CSV/TSV (.gz), JSON Lines), or duckdb:[FILE] / postgres://USER@HOST/DB with --table or --query', type: 'string', array: true })
        .option('json', { type: 'boolean', describe: 'print the discovery result as JSON' }),
    )
      .example('$0 discover datasets/loans.parquet', 'a table of what each column is')
      .example('$0 discover data/ --json > discovery.json', 'the same, for machines')
      .example('$0 discover --url-env DATABASE_URL --table preds', 'a seeded sample drawn by the database'),
  run: async (args) => {
    const options = sampleFlags(args);
    // A database is sampled by its engine (a seeded sample, recorded), files as always.
    const source = await openAuditInput(args, { seed: options.seed ?? 42 }, readFlags(args));
    // On a terminal, a long sample shows its elapsed time on one stderr line (src/cli/progress.ts).
    const progress = progressFor(process.stderr, false);
    progress.update({ phase: 'discovering', subject: source.name });
    const result = await discover(source, options).finally(async () => {
      progress.done();
      await source.close?.();
    });
    process.stdout.write(args.json ? JSON.stringify(result, null, 2) + '\n' : formatDiscovery(result));
    const skipped = skippedColumnsWarning(result);
    const warnings = [...readWarningLines(source), ...(skipped ? [`fairaudit: warning: ${skipped}`] : [])];
    if (warnings.length > 0) process.stderr.write(warnings.join('\n') + '\n');
    return 0;
  },
};

/** The `--sample` and `--seed` options shared by `discover` and `init`. */
export function sampleOptions(y: Argv): Argv {
  return y
    .option('sample', numberFlag('sample', 'rows to sample [default: 100000]', { integer: true, min: 1 }))
    .option('seed', numberFlag('seed', 'seed of the sample [default: 42]', { integer: true, min: 0, max: MAX_SEED }))
    .option('max-columns', numberFlag('max-columns', `most columns discovery looks at; a wider table is discovered on its first N, with a warning [default: ${DISCOVERY_MAX_COLUMNS}]`, { integer: true, min: 1 }));
}

/**
 * The largest `--sample`: the sample is held in memory, one slot per row, so a size beyond what any
 * file here holds (`--sample 1e12`) would only fail to allocate.
 */
export const MAX_SAMPLE_ROWS = 10_000_000;

/** `--sample N` (a whole number from 1 to {@link MAX_SAMPLE_ROWS}) and `--seed N` (a whole number), checked. */
export function sampleFlags(args: { sample?: number; seed?: number; maxColumns?: number }): { sampleSize?: number; seed?: number; maxColumns?: number } {
  if (args.sample !== undefined && !(Number.isInteger(args.sample) && args.sample >= 1)) {
    throw new UserError(`invalid --sample: ${args.sample}`, { hint: '--sample takes a whole number of rows, at least 1' });
  }
  if (args.sample !== undefined && args.sample > MAX_SAMPLE_ROWS) {
    throw new UserError(`invalid --sample: ${args.sample} rows is more than the ${MAX_SAMPLE_ROWS.toLocaleString('en-US')} a sample can hold`, {
      hint: `give --sample ${MAX_SAMPLE_ROWS} or fewer; discovery needs far fewer rows than that`,
    });
  }
  if (args.seed !== undefined && !Number.isInteger(args.seed)) {
    throw new UserError(`invalid --seed: ${args.seed}`, { hint: '--seed takes a whole number' });
  }
  return { sampleSize: args.sample, seed: args.seed, maxColumns: args.maxColumns };
}
