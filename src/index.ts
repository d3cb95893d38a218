/**
 * fairaudit as a library: the same pipeline the CLI runs, by name (no `export *`), scheduled
 * audits included (`runAudit`'s baseline, models and today; `recordHistory`).
 *
 * @example
 * import { openData, resolveConfig, runAudit, writeReport } from 'fairaudit';
 * const source = await openData(['predictions.parquet']);
 * const results = await runAudit(source, resolveConfig({ label: 'y', prediction: 'y_hat', sensitive: ['sex'] }));
 * await writeReport(results, 'reports/predictions', ['html', 'json']);
 */

// Errors and warnings
export { UserError, ExitCode } from './errors.js';
export { Warnings } from './warnings.js';
export type { Warning } from './warnings.js';

// Loading
export { openData } from './load/open.js';
export { tableSource } from './load/memory.js';
export type { DataSource, FileProvenance, DataFormat, ScanOptions, Sample, SampledColumn } from './load/source.js';

// Config
export { loadConfigFile, parseConfig } from './config/load.js';
export { resolveConfig, configSha256 } from './config/resolve.js';
export { configProblems } from './config/validate.js';
export { DEFAULTS, DEFAULT_POLICY } from './config/types.js';
export type { AuditConfig, ResolvedConfig, PolicyCheck, MaskConfig, MaskRule, Task } from './config/types.js';

// Audit and metrics
export { runAudit } from './audit/run.js';
export type { AuditRunOptions } from './audit/run.js';
export { judge, judgeResults } from './audit/judge.js';
export type { JudgeOptions, Judgement, UnjudgedResults } from './audit/judge.js';
export { recordHistory } from './audit/history.js';
export type { RecordHistoryOptions, RecordedHistory } from './audit/history.js';
export { readAuditResults } from './compare/read-results.js';
export { collectStatistics, mergeStatistics } from './metrics/statistics.js';
export type { AuditColumns, GroupStatistics } from './metrics/statistics.js';
export { analyzeStatistics } from './metrics/analyze.js';
export { METRICS, AGGREGATE_NAMES, HEADLINE_METRICS } from './metrics/registry.js';
export type { MetricName, MetricRow, AggregateName, HeadlineName } from './metrics/registry.js';
export { demographicParityDifference, equalizedOddsDifference, impactRatio } from './metrics/headline.js';
export type { GroupRates } from './metrics/headline.js';
export { RESULTS_SCHEMA } from './results/index.js';
export type {
  AuditResults,
  AttributeResult,
  GroupResult,
  GroupCounts,
  CheckResult,
  Verdict,
  Interval,
  RateName,
  MaskedColumn,
  RiskSummary,
  ModelFile,
} from './results/index.js';
// Multiclass and regression outcomes: the task and how it was decided, the per-class and per-group
// results, and the names of their aggregates.
export { decideTask, DETECTION_ROWS, MANY_VALUES } from './metrics/task.js';
export type { TaskDetection, OutcomeSample } from './metrics/task.js';
export { MULTICLASS_AGGREGATES, REGRESSION_AGGREGATES } from './metrics/registry.js';
export type { MulticlassAggregateName, RegressionAggregateName } from './metrics/registry.js';
export type { TaskResult, ClassGroupResult, GroupRegressionMetrics, GroupKey } from './results/index.js';
export { wilsonInterval } from './stats/wilson.js';
export { exactAuc } from './stats/auc.js';

// Discovery
export { discover, protectedAttributes } from './discover/discover.js';
export type { DiscoveryResult, ColumnFinding, ColumnCategory } from './results/index.js';

// Masking
export { maskData } from './mask/mask.js';
export { planMasking } from './mask/plan.js';
export type { MaskManifest } from './mask/mask.js';
export type { MaskPlan } from './mask/plan.js';

// Report
export { renderHtml, renderMarkdown } from './report/render.js';
export { writeReport } from './report/write.js';

// Scheduled audits
export { compareResults } from './compare/comparison.js';
export type { Comparison } from './compare/comparison.js';
export { appendHistory, readHistory, verifyAgainstRecord, verifyHistory } from './history/history-file.js';
export type { AppendOptions, HistoryCheck, HistoryRecord } from './history/history-file.js';
export { HISTORY_KEY_ENV, readHistoryKey } from './history/signing.js';

// The reviewer's file: representativeness, the LL144 published summary, signed report sets.
export { representativeness, representativenessOf, dataGaps } from './metrics/representativeness.js';
export type { RepresentativenessResult, AttributeRepresentativeness, DataGap } from './metrics/representativeness.js';
export { chiSquareUpperTail } from './stats/chi-square.js';
export { renderLl144Html, renderLl144Markdown } from './report/ll144-summary.js';
export { COMPLIANCE_MAP, COMPLIANCE_MAP_AS_OF } from './report/compliance-map.js';
export { SIGNATURE_FILE, keyFingerprint, signFiles, checkSignature } from './sign/signature.js';
export type { SignatureDocument, SignatureFindings } from './sign/signature.js';
export { verifyFolder } from './sign/verify-folder.js';
export { readSigningKey, readPublicKey, SIGN_KEY_ENV } from './sign/keys.js';
