import { readFile } from 'node:fs/promises';
import { join, resolve as resolvePath } from 'node:path';
import type { Command } from '../command.js';
import { listFlag } from '../command.js';
import { MAX_SEED, numberFlag } from '../number-flag.js';
import { UserError } from '../../errors.js';
import { loadConfigFile } from '../../config/load.js';
import { resolveConfig } from '../../config/resolve.js';
import { openRoleError } from '../../config/placeholders.js';
import { AUDIT_MODES, FAIL_ON_VALUES, FAVORABLE_VALUES, TASKS, type AuditConfig, type Task } from '../../config/types.js';
import { openAuditInput, sourceOptions, type SourceArgs } from '../open-input.js';
import { isSqlAddress } from '../../sql/url.js';
import { runAudit } from '../../audit/run.js';
import { summaryLine, warningLines } from '../../audit/summary.js';
import { REPORT_FILES, writeReport } from '../../report/write.js';
import { refuseWritingInputs } from '../../write/guard.js';
import { datasetFolderName } from '../../write/dataset-name.js';
import { maskForAudit, withMaskedPaths } from '../mask-for-audit.js';
import { skippedColumnsWarning } from '../../discover/discover.js';
import { readAuditResults } from '../../compare/read-results.js';
import { readHistory } from '../../history/history-file.js';
import type { HistoryEntry } from '../../history/entry.js';
import { recordHistory } from '../../audit/history.js';
import { readHistoryKey } from '../../history/signing.js';
import { readSigningKey } from '../../sign/keys.js';
import { keyFingerprint } from '../../sign/signature.js';
import type { AuditResults } from '../../results/index.js';
import { readFlags, readOptions, type ReadArgs } from '../read-flags.js';
import { progressFor, readMeterFor } from '../progress.js';
import { terminalText } from '../../text/terminal.js';

/** The report files `--format` can ask for. */
const REPORT_FORMATS = ['html', 'json', 'md'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

interface AuditArgs extends ReadArgs, SourceArgs {
  data: string[];
  config?: string;
  label?: string;
  prediction?: string;
  score?: string;
  threshold?: number;
  positive?: string;
  favorable?: AuditConfig['favorable'];
  favorableClasses?: string[];
  task?: Task;
  sensitive?: string[];
  strata?: string;
  weight?: string;
  minGroupSize?: number;
  reference?: string[];
  intersections?: string;
  mode?: AuditConfig['mode'];
  bootstrap?: number;
  mask?: boolean;
  keyFile?: string;
  output?: string;
  format?: string[];
  failOn?: AuditConfig['fail_on'];
  seed?: number;
  trim?: boolean;
  mergeCase?: boolean;
  quiet?: boolean;
  baseline?: string;
  history?: string;
  model?: string[];
  signKey?: string;
}

/** `fairaudit audit <data..>`: metrics, verdicts and a report for one dataset. */
export const auditCommand: Command<AuditArgs> = {
  command: 'audit [data..]',
  describe: 'audit data (and model predictions) for bias; writes audit.json, report.html, summary.md',
  builder: (y) =>
    sourceOptions(readOptions(y), { counts: true })
      .positional('data', { describe: 'files or folders (Arrow IPC, Parquet, CSV/TSV (.gz), JSON Lines), or duckdb:[FILE] / postgres://USER@HOST/DB', type: 'string', array: true })
      .option('config', { alias: 'c', type: 'string', describe: 'audit config (YAML or JSON); flags override it' })
      .option('label', { type: 'string', describe: 'column with the true outcome' })
      .option('prediction', { type: 'string', describe: "column with the model's decision" })
      .option('score', { type: 'string', describe: "column with the model's score" })
      .option('threshold', numberFlag('threshold', 'score at or above which the prediction is positive [default: 0.5]'))
      .option('positive', { type: 'string', describe: 'label/prediction value(s) that count as 1, comma-separated [default: 1, true, yes, y, t]' })
      .option('favorable', { choices: FAVORABLE_VALUES, describe: 'whether a positive prediction benefits the person [default: positive]; a multiclass audit names its favorable classes with --favorable-classes' })
      .option('favorable-classes', { type: 'string', array: true, coerce: listFlag, describe: 'multiclass: the favorable classes, comma-separated (impact ratio on their share)' })
      .option('task', { choices: TASKS, describe: 'binary, multiclass or regression [default: detected from the label and prediction]' })
      .option('sensitive', { type: 'string', array: true, coerce: listFlag, describe: 'sensitive attributes, comma-separated [default: discovered]' })
      .option('strata', { type: 'string', describe: 'column for conditional demographic disparity' })
      .option('weight', { type: 'string', describe: 'column of sample weights' })
      .option('trim', { type: 'boolean', describe: 'trim surrounding spaces from group values, labels and predictions; --no-trim keeps them [default: true]' })
      .option('merge-case', { type: 'boolean', describe: 'join groups whose values differ only by case (Male, male) [default: false: a warning names them]' })
      .option('min-group-size', numberFlag('min-group-size', 'smaller groups are not judged; 0 turns this off [default: 30]', { integer: true, min: 0 }))
      .option('reference', { type: 'string', array: true, describe: 'reference group as ATTR=VALUE (repeatable) [default: largest group]' })
      .option('intersections', { type: 'string', describe: 'pairs, all or none [default: pairs]' })
      .option('mode', { choices: AUDIT_MODES, describe: 'll144: NYC Local Law 144 bias audit [default: standard]' })
      .option('bootstrap', numberFlag('bootstrap', 'bootstrap draws for intervals [default: 1000]', { integer: true, min: 0, max: 100000 }))
      .option('mask', { type: 'boolean', describe: 'also write a masked copy of the data next to the report' })
      .option('key-file', { type: 'string', describe: 'HMAC key file for --mask [default: $FAIRAUDIT_MASK_KEY]' })
      .option('output', { alias: 'o', type: 'string', describe: 'output folder [default: reports/<dataset>/]' })
      .option('format', { type: 'string', array: true, coerce: listFlag, describe: `report formats: ${REPORT_FORMATS.join(',')} [default: all]` })
      .option('fail-on', { choices: FAIL_ON_VALUES, describe: 'which verdict makes the exit code 1 [default: fail]' })
      .option('seed', numberFlag('seed', 'seed for the bootstrap [default: 42]', { integer: true, min: 0, max: MAX_SEED }))
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'print nothing but errors' })
      .option('baseline', { type: 'string', describe: 'an earlier audit.json to compare with; drift checks join the policy' })
      .option('history', { type: 'string', describe: 'append this run to a hash-chained history file (JSON Lines)' })
      .option('model', { type: 'string', array: true, describe: 'model artifact(s) whose SHA-256 is recorded (repeatable)' })
      .option('sign-key', { type: 'string', describe: 'Ed25519 private key (PEM) that signs every output file [default: $FAIRAUDIT_SIGN_KEY_FILE]' })
      .example('$0 audit datasets/loans.parquet -c configs/loans.yaml', 'audit the bundled loans data with its config')
      .example('$0 audit preds.csv --label y --prediction y_hat --sensitive sex,race', 'audit predictions, no config')
      .example('$0 audit data/ --score p --threshold 0.7 --fail-on warn', 'a folder of files; fail on warnings too')
      .example('$0 audit today.parquet -c prod.yaml --baseline reports/prod/audit.json --history reports/history.jsonl -q', 'a nightly job: drift against the last run, one history line')
      .example('$0 audit postgres://audit@db/prod --table preds -c prod.yaml', 'count in PostgreSQL (password from PGPASSWORD or ~/.pgpass)')
      .example('$0 audit --counts counts.csv -c prod.yaml', 'audit the result of `fairaudit sql` run on your warehouse'),
  run: async (args) => {
    // A history key too short to protect anything is refused before any work.
    const historyKey = args.history ? readHistoryKey() : undefined;
    // A signing key that cannot sign is refused before any work too; its bytes are never printed.
    const signing = readSigningKey(args.signKey);
    const fileConfig = args.config ? await loadConfigFile(args.config) : {};
    const config = resolveConfig(fileConfig, flagOverrides(args));
    if (args.config && ((!config.label && !config.prediction && !config.score) || config.positive === undefined)) {
      // A config from `fairaudit init` that still leaves the outcome to fill in: say which line.
      const open = openRoleError(await readFile(args.config, 'utf8'), args.config, config);
      if (open) throw open;
    }
    const formats = reportFormats(args.format);
    const source = await openAuditInput(args, config, { name: config.dataset === undefined ? undefined : datasetFolderName(config.dataset), ...readFlags(args, config) });
    if (args.mask && source.countStatistics) throw new UserError('--mask needs files: a database or count table is audited where it lives', { hint: 'drop --mask, or mask an export with fairaudit mask' });
    // The name makes reports/<name>/ and the masked copy's file name: a name, never a path.
    const dir = resolvePath(args.output ?? join('reports', datasetFolderName(source.name)));
    await refuseWritingAuditInputs(args, source.files.map((f) => f.path), dir, formats);
    const thresholdGiven = args.threshold !== undefined || fileConfig.threshold !== undefined;
    // A baseline saved before names were scanned may hold an identifier in a path; the comparison records its paths.
    const baseline = args.baseline ? withMaskedPaths(await readAuditResults(args.baseline)) : undefined;
    const past = args.history ? await readHistory(args.history) : undefined;
    // One line on stderr, updated in place, when it is a terminal and not -q (src/cli/progress.ts).
    // Single-threaded reads of text files count rows, not bytes: the bytes the process reads give the time left.
    const progress = progressFor(process.stderr, args.quiet, { bytesRead: readMeterFor(source.files) });
    let results: AuditResults;
    let written: string[];
    try {
      // Model hashes, drift against the baseline and accepted findings are the audit's, judged once.
      results = await runAudit(source, config, { thresholdGiven, onProgress: progress.update, baseline, models: args.model });
      if (args.mask) {
        progress.update({ phase: 'masking', subject: results.input.name });
        results.masking = await maskForAudit(source, results, dir, args.keyFile);
      }
      results = withMaskedPaths(results);
      const skipped = results.discovery ? skippedColumnsWarning(results.discovery) : undefined;
      if (skipped) results.warnings.push({ code: 'discovery-skipped-columns', message: skipped, count: 1 });
      let trend: HistoryEntry[] | undefined;
      // The line goes in first, so that the report records where the history ended with it.
      if (args.history) {
        const signedBy = signing ? keyFingerprint(signing.key) : undefined;
        ({ results, trend } = await recordHistory(results, args.history, { key: historyKey, past, signedBy, signer: signing?.key }));
      }
      progress.update({ phase: 'writing', subject: dir });
      const masked = maskedCopyPath(results.masking);
      written = await writeReport(results, dir, formats, { history: trend, signingKey: signing?.key, alsoSign: signing ? masked : undefined });
    } finally {
      progress.done();
      await source.close?.();
    }
    if (!args.quiet) {
      process.stdout.write(written.map(terminalText).join('\n') + '\n');
      // Warnings first, so the last stderr line is always the summary a scheduled job logs.
      process.stderr.write([...warningLines(results), summaryLine(results)].map(terminalText).join('\n') + '\n');
    }
    return results.exit_code;
  },
};

/**
 * Refuses, before any work, a run that would write over one of its inputs: a report file, the
 * masked copy or the history on the data, the config, the baseline, a model or the key file (by
 * device and inode, links followed), or the masked copy inside an input folder.
 */
async function refuseWritingAuditInputs(args: AuditArgs, dataFiles: readonly string[], dir: string, formats: readonly ReportFormat[]): Promise<void> {
  const inputs = [
    ...(args.data ?? []).filter((d) => !isSqlAddress(d)),
    ...dataFiles,
    ...[args.counts, args.countsQuery, args.queryFile, args.config, args.baseline, args.keyFile, args.signKey].filter((p): p is string => p !== undefined),
    ...(args.model ?? []),
  ];
  const reports = formats.map((format) => ({ path: join(dir, REPORT_FILES[format]), flag: '-o/--output' }));
  // The masked copy goes into the report folder: probing a name there covers any name it gets.
  const masked = args.mask ? [{ path: join(dir, '.masked-copy'), flag: '-o/--output', notInsideInputs: true }] : [];
  await refuseWritingInputs([...reports, ...masked], args.history ? [...inputs, args.history] : inputs);
  if (args.history) await refuseWritingInputs([{ path: args.history, flag: '--history' }], inputs);
}

function flagOverrides(args: AuditArgs): Partial<AuditConfig> {
  return {
    label: args.label,
    prediction: args.prediction,
    score: args.score,
    threshold: args.threshold,
    positive: args.positive === undefined ? undefined : positiveValue(args.positive),
    favorable: args.favorableClasses ?? args.favorable,
    task: args.task,
    sensitive: args.sensitive,
    strata: args.strata,
    weight: args.weight,
    min_group_size: args.minGroupSize,
    reference: args.reference ? referenceFlag(args.reference) : undefined,
    intersections: args.intersections as AuditConfig['intersections'] | undefined,
    mode: args.mode,
    bootstrap: args.bootstrap,
    fail_on: args.failOn,
    seed: args.seed,
    trim: args.trim,
    merge_case: args.mergeCase,
  };
}

/**
 * `--positive 1` means the number 1 and `--positive true` the boolean, as they would in YAML;
 * `--positive 1,2,3` is a list whose values each count as 1.
 */
function positiveValue(text: string): AuditConfig['positive'] {
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) {
    throw new UserError(`--positive "${text}" has an empty value`, { hint: 'write it like --positive 1 or --positive 2,3,4' });
  }
  const values = items.map((item) => (/^-?\d+(\.\d+)?$/.test(item) ? Number(item) : item === 'true' || item === 'false' ? item === 'true' : item));
  return values.length === 1 ? values[0] : [...new Set(values)];
}

function referenceFlag(items: string[]): Record<string, string> {
  return Object.fromEntries(
    items.map((item) => {
      const at = item.indexOf('=');
      if (at <= 0) throw new UserError(`--reference "${item}" is not ATTR=VALUE`, { hint: 'write it like --reference race=White' });
      return [item.slice(0, at), item.slice(at + 1)];
    }),
  );
}

function reportFormats(items: string[] | undefined): ReportFormat[] {
  if (!items) return [...REPORT_FORMATS];
  for (const item of items) {
    if (!(REPORT_FORMATS as readonly string[]).includes(item)) {
      throw new UserError(`invalid --format: ${item}`, { hint: `use one or more of ${REPORT_FORMATS.join(', ')}` });
    }
  }
  return items as ReportFormat[];
}

/** The masked copy and its manifest (`<out>.manifest.json`), when masking ran: signed with the report. */
function maskedCopyPath(masking: unknown): string[] | undefined {
  const path = (masking as { output?: { path?: unknown } } | undefined)?.output?.path;
  return typeof path === 'string' ? [path, `${path}.manifest.json`] : undefined;
}
