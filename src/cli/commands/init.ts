import { stat } from 'node:fs/promises';
import type { Command } from '../command.js';
import { UserError } from '../../errors.js';
import { stringify } from 'yaml';
import { isSqlAddress, redactedAddress } from '../../sql/url.js';
import { isDatabaseInput, openAuditInput, sourceOptions, sqlRelation, type SourceArgs } from '../open-input.js';
import { discover } from '../../discover/discover.js';
import { configFromDiscovery } from '../../discover/init-config.js';
import { sampleFlags, sampleOptions } from './discover.js';
import { readFlags, readOptions, readWarningLines, type ReadArgs } from '../read-flags.js';
import { refuseWritingInputs } from '../../write/guard.js';
import { datasetFolderName } from '../../write/dataset-name.js';
import { writeFileAtomic } from '../../write/atomic.js';

interface InitArgs extends ReadArgs, SourceArgs {
  data?: string[];
  output?: string;
  force?: boolean;
  sample?: number;
  seed?: number;
}

/** `fairaudit init <data..>`: an editable audit config drawn from discovery, each choice explained. */
export const initCommand: Command<InitArgs> = {
  command: 'init [data..]',
  describe: 'write an editable audit config from discovery (sensitive attributes, roles, masking)',
  builder: (y) =>
    sampleOptions(
      sourceOptions(readOptions(y))
        .positional('data', { describe: 'files or folders (Arrow IPC, Parquet, CSV/TSV (.gz), JSON Lines), or duckdb:[FILE] / postgres://USER@HOST/DB with --table or --query', type: 'string', array: true })
        .option('output', { alias: 'o', type: 'string', describe: 'config file to write [default: configs/<dataset>.yaml]' })
        .option('force', { type: 'boolean', describe: 'overwrite the config file if it exists' }),
    )
      .example('$0 init datasets/loans.parquet', 'writes configs/loans.yaml')
      .example('$0 init data/ -o configs/nightly.yaml', 'a folder of files, a chosen path')
      .example('$0 init --url-env DATABASE_URL --table preds', 'a database: the config records source: {url_env, table}'),
  run: async (args) => {
    const options = sampleFlags(args);
    // A database is sampled by its engine (a seeded sample, recorded), files as always.
    const source = await openAuditInput(args, { seed: options.seed ?? 42 }, readFlags(args));
    const path = args.output ?? `configs/${datasetFolderName(source.name)}.yaml`;
    // Never the data itself, --force or not.
    await refuseWritingInputs([{ path, flag: '-o/--output' }], [...(args.data ?? []).filter((d) => !isSqlAddress(d)), ...source.files.map((f) => f.path)]);
    const result = await discover(source, options).finally(() => source.close?.());
    const text = configFromDiscovery(result, { dataset: source.name }) + (isDatabaseInput(args, {}) ? await sourceBlock(args) : '');
    if (!args.force && (await stat(path).catch(() => undefined))?.isFile()) {
      throw new UserError('the config file already exists', { file: path, hint: 'pass --force to overwrite it, or -o to write elsewhere' });
    }
    // Whole or not at all: a full disk or a killed run never leaves half a config.
    await writeFileAtomic(path, text);
    process.stdout.write(`wrote ${path}\n`);
    const warnings = readWarningLines(source);
    if (warnings.length > 0) process.stderr.write(warnings.join('\n') + '\n');
    return 0;
  },
};

/**
 * The `source:` block of a config drawn from a database, so `fairaudit audit -c` reads the same
 * table or query with no data argument: the variable `--url-env` named, or the address with its
 * password removed (the config is recorded in the results; the password stays in PGPASSWORD,
 * ~/.pgpass or that variable).
 */
async function sourceBlock(args: InitArgs): Promise<string> {
  const relation = await sqlRelation(args, {});
  const where = args.urlEnv !== undefined ? { url_env: args.urlEnv } : { url: redactedAddress(args.data![0]) };
  const block = stringify({ source: { ...where, ...relation } }, { lineWidth: 0 });
  return `\n\n# Where \`fairaudit audit -c\` reads when given no data. Passwords are never written here:\n# they come from PGPASSWORD, ~/.pgpass or the variable named by url_env.\n${block}`;
}
