/**
 * The audit pipeline: columns resolved against the data, sensitive attributes named or
 * discovered, one streaming pass into group statistics, metrics and checks, model hashes, then the
 * judge (drift against a baseline, accepted findings, verdict and exit code), one results object.
 * No file is written here; the CLI writes the results, the history line and the report.
 */
import type { DataSource } from '../load/source.js';
import type { ResolvedConfig } from '../config/types.js';
import { configSha256 } from '../config/resolve.js';
import { UserError, placed, unknownColumn } from '../errors.js';
import { Warnings } from '../warnings.js';
import { VERSION } from '../version.js';
import { discover, protectedAttributes } from '../discover/discover.js';
import type { DiscoveryResult } from '../results/index.js';
import type { AuditColumns } from '../metrics/statistics.js';
import { collectStatisticsInParallel } from '../parallel/collect.js';
import { analyzeStatistics } from '../metrics/analyze.js';
import { settleRegressionCounts } from '../metrics/regression/collect.js';
import { applyValueHygiene, referenceInData } from '../metrics/value-hygiene.js';
import { recodeGroups } from '../metrics/recode.js';
import { MISSING_GROUP } from '../metrics/features.js';
import { representativenessOf } from '../metrics/representativeness.js';
import { constantOutcomeReason } from '../metrics/constant-outcome.js';
import { hashModelFiles } from '../compare/hash-models.js';
import { judge } from './judge.js';
import { RESULTS_SCHEMA, type AuditResults, type SqlSourceProvenance, type TaskResult } from '../results/index.js';
import type { GroupStatistics } from '../metrics/statistics.js';
import type { ProgressCallback } from './progress.js';

/** Which config key (and flag) sets each column role, for error hints. */
const ROLE_FLAGS = {
  label: '--label / label:',
  prediction: '--prediction / prediction:',
  score: '--score / score:',
  weight: '--weight / weight:',
  strata: '--strata / strata:',
} as const;

export interface AuditRunOptions {
  /** Whether the user set the score threshold explicitly (scores outside [0, 1] need one). */
  thresholdGiven?: boolean;
  /** Sample size for discovery when no sensitive attributes are named (default 100 000). */
  discoverySample?: number;
  /** Told what the audit is doing as it goes (a terminal's progress line); nothing by default. */
  onProgress?: ProgressCallback;
  /**
   * An earlier audit (`readAuditResults('reports/x/audit.json')`) to compare with: the results get
   * `comparison`, and its drift checks (the config's `drift:`, or the headline defaults) join the
   * verdict. Default: none.
   */
  baseline?: AuditResults;
  /** Model artifacts whose SHA-256 the results record (`models`), so a comparison can flag a changed model. Default: none. */
  models?: readonly string[];
  /** The day the config's accepted findings (`accept:`) are judged on. Default: now. */
  today?: Date;
}

/**
 * Audits `source` under `config` and returns the results (DESIGN §12), judged once
 * (`judge.ts`): with `options.baseline` the comparison and its drift checks, with the config's
 * `accept:` the accepted findings, then the verdict and exit code under `fail_on`. Throws a
 * UserError for an unknown column, for data with neither label nor prediction, and for bad values
 * in them.
 *
 * @example
 * const results = await runAudit(await openData(['today.parquet']), config, { baseline: await readAuditResults('last/audit.json') });
 */
export async function runAudit(source: DataSource, config: ResolvedConfig, options: AuditRunOptions = {}): Promise<AuditResults> {
  const started = performance.now();
  const warnings = new Warnings();
  const names = source.schema.fields.map((f) => f.name);
  const file = source.files.length === 1 ? source.files[0].path : undefined;
  // A database source's column errors name it too (its engine's own errors already do).
  const where = file ?? source.place;

  for (const role of Object.keys(ROLE_FLAGS) as (keyof typeof ROLE_FLAGS)[]) {
    const column = config[role];
    if (column !== undefined && !names.includes(column)) throw unknownColumn(column, names, { flag: ROLE_FLAGS[role], file: where });
  }
  if (!config.label && !config.prediction && !config.score) {
    throw new UserError('nothing to audit: no label, prediction or score column is set', {
      file: where,
      hint: 'name the outcome with --label and the model decision with --prediction (or --score), or in the config',
    });
  }

  const progress = options.onProgress;
  const subject = source.files.length === 1 ? source.name : `${source.name} (${source.files.length} files)`;
  const totalBytes = source.files.reduce((sum, f) => sum + (f.bytes || 0), 0) || undefined;
  let discovery: DiscoveryResult | undefined;
  let sensitive = config.sensitive;
  if (!sensitive) {
    progress?.({ phase: 'discovering', subject });
    const roles = [config.label, config.prediction, config.score, config.weight, config.strata].filter((c): c is string => !!c);
    discovery = await discover(source, { seed: config.seed, sampleSize: options.discoverySample, exclude: roles });
    sensitive = protectedAttributes(discovery).filter((c) => !roles.includes(c));
    if (sensitive.length === 0) {
      throw new UserError('no sensitive attributes were named and discovery found none', {
        file: where,
        hint: 'name them with --sensitive col1,col2 or sensitive: in the config',
      });
    }
    warnings.add('discovered-attributes', `Sensitive attributes chosen by discovery: ${sensitive.join(', ')}. Name them with --sensitive to fix the choice.`);
  }
  for (const column of sensitive) {
    if (!names.includes(column)) throw unknownColumn(column, names, { flag: '--sensitive / sensitive:', file: where });
  }
  const resolved: ResolvedConfig = { ...config, sensitive };
  const columns: AuditColumns = {
    label: config.label,
    prediction: config.prediction,
    score: config.score,
    weight: config.weight,
    strata: config.strata,
    sensitive,
  };

  // Errors about values (a three-valued label, a text score) name the file when there is one.
  progress?.({ phase: 'reading', subject, total_bytes: totalBytes });
  const onRows = progress ? (rows: number) => progress({ phase: 'reading', subject, rows, total_bytes: totalBytes }) : undefined;
  // Threads count parts of about equal bytes: the parts done stand for the bytes read.
  const onParts =
    progress && totalBytes ? (done: number, total: number) => progress({ phase: 'reading', subject, bytes: (totalBytes * done) / total, total_bytes: totalBytes }) : undefined;
  // A database source counts where the data lives (src/sql/): the same statistics, from its GROUP BY.
  const counting = source.countStatistics
    ? source.countStatistics(columns, resolved, warnings, { thresholdGiven: options.thresholdGiven })
    : collectStatisticsInParallel(source, columns, resolved, warnings, { thresholdGiven: options.thresholdGiven, onRows, onParts });
  const statistics = await counting.catch(
    (error: unknown) => {
      throw placed(error, { file });
    },
  );
  // How the files were read (a guessed header, renamed columns, dropped header rows) is never silent.
  for (const w of source.readWarnings?.() ?? []) warnings.add(w.code, w.message);
  progress?.({ phase: 'analyzing', subject, rows: statistics.rows.read });
  // Group values as read: trimmed ones and case variants are named, or joined under merge_case.
  // recode: maps values to the reported categories once trimming and case have been settled.
  const grouped = recodeGroups(applyValueHygiene(statistics, resolved, warnings), resolved.recode, warnings);
  // Errors about the config against the data (a favorable class it never holds) name the file too.
  const analysis = (() => {
    try {
      return analyzeStatistics(grouped, referenceInData(resolved, grouped), warnings);
    } catch (error) {
      throw placed(error, { file });
    }
  })();
  // A multiclass or regression count table counts presence only: it is never "constant".
  const constant = grouped.task ? undefined : constantOutcomeReason(grouped);
  if (constant) warnings.add('constant-outcome', `The checks could not judge anything: ${constant}. Check the column, threshold: or positive:.`);
  if (resolved.mode === 'll144') ll144Warnings(resolved, analysis.attributes, warnings);
  const files = await source.provenance();
  const models = options.models ? await hashModelFiles([...options.models]) : undefined;
  const finished = new Date().toISOString();

  const head = {
    schema: RESULTS_SCHEMA,
    tool: { name: 'fairaudit' as const, version: VERSION },
    created_at: finished,
    duration_ms: Math.round(performance.now() - started),
    seed: resolved.seed,
    input: { name: resolved.dataset ?? source.name, files, ...analysis.rows, ...sqlSource(source) },
    config: resolved,
    config_sha256: configSha256(resolved),
    outcome: analysis.outcome,
    columns: { ...definedOnly(columns), sensitive },
  };
  const extras = {
    ...(discovery ? { discovery } : {}),
    ...(models ? { models } : {}),
    ...(resolved.audit ? { audit: { ...resolved.audit, date: resolved.audit.date ?? finished.slice(0, 10) } } : {}),
    representativeness: representativenessOf(analysis.attributes, resolved.population),
    task: taskResult(grouped, resolved),
  };
  const judged = judge(
    { ...head, attributes: analysis.attributes, checks: analysis.checks, warnings: warnings.list(), ...extras },
    { unmeasured: constant, baseline: options.baseline, today: options.today },
  );
  // Fields in the order audit.json has always had: the verdict after the checks, the comparison last.
  return {
    ...head,
    attributes: judged.attributes,
    checks: judged.checks,
    verdict: judged.verdict,
    exit_code: judged.exit_code,
    warnings: judged.warnings,
    ...extras,
    ...(judged.comparison ? { comparison: judged.comparison } : {}),
  };
}

/** The task as the results record it, with how its numbers are computed. */
function taskResult(stats: GroupStatistics, config: ResolvedConfig): TaskResult {
  const detection = stats.task?.detection ?? stats.detection ?? { task: 'binary' as const, detected: false, reason: 'binary' };
  const out: TaskResult = { name: detection.task, detected: detection.detected, reason: detection.reason };
  if (stats.task?.multiclass) {
    out.classes = stats.task.multiclass.classes;
    if (config.favorable_classes) out.favorable_classes = config.favorable_classes;
    out.method = 'each class one-vs-rest with the binary metrics and their intervals (Wilson, seeded bootstrap); aggregates are the worst class';
  }
  if (stats.task?.regression) {
    out.method =
      'weighted sums per group; distributions, quantiles (type 1), KS and Wasserstein-1 from exact histograms over distinct values; ' +
      `intervals: seeded bootstrap (${config.bootstrap} draws, seed ${config.seed}, stratified by group) from each group's histograms, in at most 64 bins of equal weight; none for KS, Wasserstein-1 and R²`;
    const rounded = settleRegressionCounts(stats.task.regression);
    if (rounded.rounded) {
      const bits = rounded.precision!.significant_bits;
      out.method += `; past ${rounded.precision!.bound} distinct values the histograms hold each value rounded to ${bits} significant bits (relative error at most 2^-${bits}; each attribute's histogram field bounds what that moves)`;
    }
  }
  return out;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * What the LL144 published summary would leave blank, said while it can still be fixed: the
 * fields the DCWP rules ask for that `audit:` does not give, and categories left out under the 2%
 * rule without the auditor's justification.
 */
function ll144Warnings(config: ResolvedConfig, attributes: AuditResults['attributes'], warnings: Warnings): void {
  const missing = (['data', 'data_source', 'distribution_date'] as const).filter((key) => !config.audit?.[key]);
  if (missing.length) {
    warnings.add('ll144-summary-fields', `The LL144 summary cannot state ${missing.map((k) => `audit.${k}`).join(', ')}: set ${missing.length === 1 ? 'it' : 'them'} under audit: in the config.`);
  }
  const excluded = attributes.some((a) => a.groups.some((g) => !g.eligible && !Object.values(g.key).includes(MISSING_GROUP)));
  if (excluded && !config.ll144?.exclusion_justification) {
    warnings.add('ll144-no-justification', 'Categories under 2% of the data were left out of impact ratios without a justification: set ll144.exclusion_justification in the config.');
  }
}

/** The provenance of a source counted by a database engine or read from a count table, when it is one. */
function sqlSource(source: DataSource): { source?: SqlSourceProvenance } {
  const provenance = source.sourceProvenance?.();
  return provenance ? { source: provenance } : {};
}
