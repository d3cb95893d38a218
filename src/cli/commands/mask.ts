import type { Command } from '../command.js';
import { MAX_SEED, numberFlag } from '../number-flag.js';
import { UserError } from '../../errors.js';
import { loadConfigFile } from '../../config/load.js';
import { MASK_PROFILES, type AuditConfig, type MaskProfile } from '../../config/types.js';
import { openData } from '../../load/open.js';
import type { DataFormat } from '../../load/source.js';
import { discover, DISCOVERY_MAX_COLUMNS, skippedColumnsWarning } from '../../discover/discover.js';
import { maskData, manifestPath } from '../../mask/mask.js';
import { readMaskKey } from '../../mask/key.js';
import { auditColumns, formatMaskPlan, planMasking, PROFILE_K_TARGET } from '../../mask/plan.js';
import type { DataSource } from '../../load/source.js';
import { inputDialect, standardDialect, type TextDialect } from '../../write/dialect.js';
import { refuseInputOverwrite } from '../../write/guard.js';
import { formatFromPath, WRITE_FORMATS } from '../../write/writer.js';
import { readFlags, readOptions, readWarningLines, type ReadArgs } from '../read-flags.js';
import { ENCODING_NAMES, parseDelimiter, textEncoding, type EncodingName } from '../../load/read-options.js';
import { progressFor } from '../progress.js';
import { defaultDatasetName } from '../open-input.js';

interface MaskArgs extends ReadArgs {
  data: string[];
  output?: string;
  profile?: MaskProfile;
  config?: string;
  format?: DataFormat;
  keyFile?: string;
  k?: number;
  enforce?: boolean;
  allowK?: number;
  outputDelimiter?: string;
  outputEncoding?: EncodingName;
  outputHeader?: boolean;
  rawCsv?: boolean;
  lDiversity?: string;
  dryRun?: boolean;
  seed?: number;
  maxColumns?: number;
  quiet?: boolean;
}

/** `fairaudit mask <data..> -o OUT`: a masked copy of the data, its manifest, and its re-identification risk. */
export const maskCommand: Command<MaskArgs> = {
  command: 'mask <data..>',
  describe: 'write a masked copy of the data (identifiers hashed or dropped, quasi-identifiers generalized) with a manifest',
  builder: (y) =>
    readOptions(y)
      .positional('data', { describe: 'files or folders: Arrow IPC, Parquet, CSV/TSV (.gz), JSON Lines', type: 'string', array: true })
      .option('output', { alias: 'o', type: 'string', describe: 'the masked file to write (never an input)' })
      .option('profile', { choices: MASK_PROFILES, describe: 'rules for the columns the config does not name [default: default]' })
      .option('config', { alias: 'c', type: 'string', describe: 'config file whose mask: section sets rules per column' })
      .option('format', { choices: WRITE_FORMATS, describe: "output format [default: by the output's extension, else the input's]" })
      .option('key-file', { type: 'string', describe: 'file holding the HMAC key [default: $FAIRAUDIT_MASK_KEY]' })
      .option('k', numberFlag('k', 'the k-anonymity the copy must reach; below it nothing is written and mask exits 1 [default: 5]', { integer: true, min: 1 }))
      .option('enforce', { type: 'boolean', describe: 'reach k by suppressing quasi-identifier values in classes smaller than k' })
      .option('allow-k', numberFlag('allow-k', 'accept a copy whose k is at least N, below the target (the manifest says so)', { integer: true, min: 1 }))
      .option('output-delimiter', { type: 'string', describe: "CSV/TSV delimiter of the copy [default: the input's]" })
      .option('output-encoding', { choices: ENCODING_NAMES, describe: "CSV/TSV encoding of the copy [default: the input's]" })
      .option('output-header', { type: 'boolean', describe: "write a header line in a CSV/TSV copy (--no-output-header: none) [default: as the input]" })
      .option('raw-csv', { type: 'boolean', describe: "write text cells starting with = + - @ as they are (default: prefix ' so spreadsheets do not run them)" })
      .option('l-diversity', { type: 'string', describe: 'sensitive column whose distinct l-diversity is measured' })
      .option('dry-run', { type: 'boolean', describe: 'print the plan and write nothing' })
      .option('seed', numberFlag('seed', 'seed for the discovery sample [default: 42]', { integer: true, min: 0, max: MAX_SEED }))
      .option('max-columns', numberFlag('max-columns', `most columns discovery looks at; the others are kept as they are, with a warning [default: ${DISCOVERY_MAX_COLUMNS}]`, { integer: true, min: 1 }))
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'print nothing but errors' })
      .example('$0 mask patients.csv -o shared/patients.csv --profile hipaa-safe-harbor', 'HIPAA Safe Harbor de-identification')
      .example('FAIRAUDIT_MASK_KEY=$(cat key) $0 mask loans.parquet -o loans.masked.parquet --k 5 --enforce', 'hash identifiers, reach 5-anonymity by suppression')
      .example('$0 mask loans.parquet -o x.parquet -c configs/loans.yaml --dry-run', 'show what would be done'),
  run: async (args) => {
    if (!args.dryRun && !args.output) {
      throw new UserError('name the output file', { hint: 'pass -o/--output PATH (or --dry-run to only see the plan)' });
    }
    if (args.output) {
      // The data files are guarded by maskData; the data folders, the config and the key file are inputs too.
      const others = [...args.data, ...[args.config, args.keyFile].filter((p): p is string => p !== undefined)];
      await refuseInputOverwrite(args.output, others);
      await refuseInputOverwrite(manifestPath(args.output), others);
    }
    const config: AuditConfig = args.config ? await loadConfigFile(args.config) : {};
    const maskConfig = config.mask ?? {};
    const source = await openData(args.data, { name: config.dataset ?? (await defaultDatasetName(args.data[0])), ...readFlags(args, config) });
    const discovery = await discover(source, { seed: args.seed ?? config.seed ?? 42, maxColumns: args.maxColumns });
    const plan = planMasking({
      schema: source.schema,
      config: maskConfig,
      discovery,
      profile: args.profile,
      keep: auditColumns(config),
    });
    const targetK = args.k ?? maskConfig.k ?? PROFILE_K_TARGET[plan.profile];
    const enforce = args.enforce ?? maskConfig.enforce ?? false;
    if (args.dryRun) {
      const allowed = args.allowK ?? maskConfig.allow_k;
      process.stdout.write(formatMaskPlan(plan) + `target k: ${targetK}${enforce ? ', reached by suppression (--enforce)' : ''}${allowed === undefined ? '' : `, k ≥ ${allowed} accepted (--allow-k)`}\n`);
      return 0;
    }
    const key = await readMaskKey({ keyFile: args.keyFile });
    const out = args.output as string;
    const dialect = await outputDialect(source, out, args, config);
    // A terminal sees the time pass on one stderr line (src/cli/progress.ts); logs and pipes do not.
    const progress = progressFor(process.stderr, args.quiet);
    progress.update({ phase: 'masking', subject: source.name, total_bytes: source.files.reduce((sum, f) => sum + (f.bytes || 0), 0) || undefined });
    const manifest = await maskData(source, plan, {
      out,
      format: args.format,
      dialect,
      key,
      k: enforce ? targetK : undefined,
      target: { k: targetK, allow: args.allowK ?? maskConfig.allow_k, refuseBelow: true },
      quasiIdentifiers: maskConfig.quasi_identifiers,
      lDiversity: args.lDiversity ?? maskConfig.l_diversity,
    }).finally(() => progress.done());
    if (!args.quiet) {
      const skipped = skippedColumnsWarning(discovery);
      const warnings = [...readWarningLines(source), ...(skipped ? [`fairaudit: warning: ${skipped}`] : [])];
      if (warnings.length > 0) process.stderr.write(warnings.join('\n') + '\n');
      const risk = manifest.risk;
      const k = risk.k_achieved === null ? `k not measured (${risk.k_reason})` : `k = ${risk.k_achieved} over ${risk.quasi_identifiers.join(', ')}`;
      const verdict = risk.k_status === 'meets-target' ? `, meets the target k = ${risk.k_target}`
        : risk.k_status === 'below-target-accepted' ? `, below the target k = ${risk.k_target}, accepted with --allow-k ${risk.k_accepted}: not safe to share at k = ${risk.k_target}`
          : '';
      const l = risk.l_diversity === null ? '' : `, l = ${risk.l_diversity} for ${risk.l_diversity_column}`;
      const suppressed = enforce ? `, ${manifest.suppressed_cells} cells suppressed for k ≥ ${risk.k_target}` : '';
      process.stdout.write(`masked ${manifest.output.rows} rows → ${manifest.output.path} (${k}${verdict}${l}${suppressed})\nmanifest: ${manifestPath(manifest.output.path)}\n`);
    }
    return 0;
  },
};

/**
 * How a CSV/TSV copy is written: the input's dialect (delimiter, line ending, byte-order mark,
 * quoting, encoding, header line or none) when the input is delimited text too and `--format`
 * does not ask for another format's standard; `--output-delimiter`, `--output-encoding` and
 * `--[no-]output-header` win over both. Text cells that would start a spreadsheet formula are
 * prefixed unless `--raw-csv`.
 */
async function outputDialect(source: DataSource, out: string, args: MaskArgs, config: AuditConfig): Promise<Partial<TextDialect> | undefined> {
  const format = args.format ?? formatFromPath(out) ?? source.files[0]?.format;
  if (format !== 'csv' && format !== 'tsv') return undefined;
  const input = source.files[0];
  const keepsInput = args.format === undefined && (input?.format === 'csv' || input?.format === 'tsv');
  const dialect: TextDialect = keepsInput ? await inputDialect(input, input.format as 'csv' | 'tsv') : standardDialect(format);
  // The delimiter the input was read with when the user named it. A space-aligned input (runs of
  // spaces) is written with the output format's own delimiter: one space cannot delimit values that hold spaces.
  const readWith = readFlags(args, config).delimiter;
  if (keepsInput && readWith !== undefined) dialect.delimiter = readWith;
  if (dialect.delimiter === ' ') dialect.delimiter = standardDialect(format).delimiter;
  if (args.outputDelimiter !== undefined) {
    const delimiter = parseDelimiter(args.outputDelimiter, '--output-delimiter');
    if (delimiter === ' ') throw new UserError('invalid --output-delimiter: "whitespace"', { hint: 'pass --output-delimiter with one character such as , ; | or tab' });
    dialect.delimiter = delimiter;
  }
  if (args.outputEncoding !== undefined) {
    const encoding = textEncoding(args.outputEncoding, undefined);
    // A byte-order mark belongs to the encoding it marks: a UTF-16 copy gets one (readers need it), others keep the input's choice.
    dialect.bom = encoding.startsWith('utf-16') ? true : encoding === 'utf-8' && dialect.encoding === 'utf-8' ? dialect.bom : false;
    dialect.encoding = encoding;
  }
  if (args.outputHeader !== undefined) dialect.header = args.outputHeader;
  return { ...dialect, guardFormulas: !args.rawCsv };
}
