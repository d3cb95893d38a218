import type { Command } from '../command.js';
import { UserError } from '../../errors.js';
import { loadConfigFile } from '../../config/load.js';
import { MASK_PROFILES, type AuditConfig, type MaskProfile } from '../../config/types.js';
import { openData } from '../../load/open.js';
import type { DataFormat } from '../../load/source.js';
import { discover } from '../../discover/discover.js';
import { maskData, manifestPath } from '../../mask/mask.js';
import { readMaskKey } from '../../mask/key.js';
import { auditColumns, formatMaskPlan, planMasking } from '../../mask/plan.js';
import { refuseInputOverwrite } from '../../write/guard.js';
import { WRITE_FORMATS } from '../../write/writer.js';

interface MaskArgs {
  data: string[];
  output?: string;
  profile?: MaskProfile;
  config?: string;
  format?: DataFormat;
  keyFile?: string;
  k?: number;
  lDiversity?: string;
  dryRun?: boolean;
  seed?: number;
  quiet?: boolean;
}

/** `fairaudit mask <data..> -o OUT`: a masked copy of the data, its manifest, and its re-identification risk. */
export const maskCommand: Command<MaskArgs> = {
  command: 'mask <data..>',
  describe: 'write a masked copy of the data (identifiers hashed or dropped, quasi-identifiers generalized) with a manifest',
  builder: (y) =>
    y
      .positional('data', { describe: 'files or folders: Arrow IPC, Parquet, CSV/TSV (.gz), JSON Lines', type: 'string', array: true })
      .option('output', { alias: 'o', type: 'string', describe: 'the masked file to write (never an input)' })
      .option('profile', { choices: MASK_PROFILES, describe: 'rules for the columns the config does not name [default: default]' })
      .option('config', { alias: 'c', type: 'string', describe: 'config file whose mask: section sets rules per column' })
      .option('format', { choices: WRITE_FORMATS, describe: "output format [default: by the output's extension, else the input's]" })
      .option('key-file', { type: 'string', describe: 'file holding the HMAC key [default: $FAIRAUDIT_MASK_KEY]' })
      .option('k', { type: 'number', describe: 'enforce k-anonymity by suppressing quasi-identifier values in smaller classes' })
      .option('l-diversity', { type: 'string', describe: 'sensitive column whose distinct l-diversity is measured' })
      .option('dry-run', { type: 'boolean', describe: 'print the plan and write nothing' })
      .option('seed', { type: 'number', describe: 'seed for the discovery sample [default: 42]' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'print nothing but errors' })
      .example('$0 mask patients.csv -o shared/patients.csv --profile hipaa-safe-harbor', 'HIPAA Safe Harbor de-identification')
      .example('FAIRAUDIT_MASK_KEY=$(cat key) $0 mask loans.parquet -o loans.masked.parquet --k 5', 'hash identifiers, enforce 5-anonymity')
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
    const source = await openData(args.data, { name: config.dataset });
    const discovery = await discover(source, { seed: args.seed ?? config.seed ?? 42 });
    const plan = planMasking({
      schema: source.schema,
      config: maskConfig,
      discovery,
      profile: args.profile,
      keep: auditColumns(config),
    });
    if (args.dryRun) {
      process.stdout.write(formatMaskPlan(plan));
      return 0;
    }
    const key = await readMaskKey({ keyFile: args.keyFile });
    const manifest = await maskData(source, plan, {
      out: args.output as string,
      format: args.format,
      key,
      k: args.k ?? maskConfig.k,
      quasiIdentifiers: maskConfig.quasi_identifiers,
      lDiversity: args.lDiversity ?? maskConfig.l_diversity,
    });
    if (!args.quiet) {
      const risk = manifest.risk;
      const k = risk.k_achieved === null ? `k not measured (${risk.k_reason})` : `k = ${risk.k_achieved} over ${risk.quasi_identifiers.join(', ')}`;
      const l = risk.l_diversity === null ? '' : `, l = ${risk.l_diversity} for ${risk.l_diversity_column}`;
      const suppressed = risk.k_target === null ? '' : `, ${manifest.suppressed_cells} cells suppressed for k ≥ ${risk.k_target}`;
      process.stdout.write(`masked ${manifest.output.rows} rows → ${manifest.output.path} (${k}${l}${suppressed})\nmanifest: ${manifestPath(manifest.output.path)}\n`);
    }
    // Like a failed check: the copy is written, but it does not meet the k asked for.
    const { k_achieved: achieved, k_target: target } = manifest.risk;
    if (target !== null && achieved !== null && achieved < target) {
      process.stderr.write(
        `fairaudit: ${manifest.output.path}: k-anonymity not reached: the smallest class has ${achieved} records, below the target k = ${target} (generalize the quasi-identifiers further, or lower --k)\n`,
      );
      return 1;
    }
    return 0;
  },
};
