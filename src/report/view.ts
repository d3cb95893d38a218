/**
 * The report's view model: everything the templates show, computed once from the results and
 * already in words and formatted numbers, so the templates only lay it out. Pure. Optional parts
 * of the results (`discovery`, `masking`) are `unknown` in the contract and are read defensively:
 * whatever does not have the expected shape is left out, never guessed.
 */
import type { AttributeResult, AuditResults, CheckResult, GroupKey, GroupResult, Interval, RateName, Verdict } from '../audit/results.js';
import type { ColumnFinding, DiscoveryResult } from '../discover/types.js';
import type { HistoryEntry } from '../history/entry.js';
import { groupKeyValues } from '../text/group-key.js';
import type { Warning } from '../warnings.js';
import type { ErrorRateRow, ImpactChartRow, RateChartRow } from './charts.js';
import { comparisonView, isComparison, type ComparisonView } from './comparison-view.js';
import { complianceMap, type ComplianceRow } from './compliance.js';
import { metricDefinition, metricLabel, type MetricDefinition } from './definitions.js';
import { HEADLINE_METRICS, SCORE_METRICS } from '../metrics/registry.js';
import { formatAgainst, formatBytes, formatCount, formatDate, formatDuration, formatInterval, formatNumber, formatPValue, formatPercent, notApplicable } from './format.js';
import { outcomeView, type OutcomeView } from './outcome-view.js';
import { trendView, type TrendChartSpec, type TrendView } from './trend-view.js';

/** A chart to draw, by kind; the `chart` template helper turns it into SVG. */
export type ChartSpec =
  | { type: 'selection'; id: string; title: string; rateLabel: string; rows: RateChartRow[] }
  | { type: 'impact'; id: string; title: string; threshold: number; rows: ImpactChartRow[] }
  | { type: 'errors'; id: string; title: string; rows: ErrorRateRow[] }
  | TrendChartSpec;

/** A table cell: the value, its interval when it has one, and whether it is undefined. */
export interface Cell {
  text: string;
  interval?: string;
  na?: boolean;
}

export interface StatusView {
  judged: boolean;
  text: string;
}

export interface CheckRow {
  metric: string;
  label: string;
  attribute: string;
  group?: string;
  value: string;
  interval?: string;
  threshold: string;
  verdict: Verdict;
  inconclusive: boolean;
  message: string;
  /** "Accepted until 2025-06-30 by ana: reason", or "Acceptance expired …". */
  accepted?: string;
  /** Whether the acceptance is still in force (the finding does not count) or expired (it counts). */
  acceptance?: 'in-force' | 'expired';
  drift: boolean;
}

export interface GroupRow {
  label: string;
  n: string;
  share: string;
  cells: Cell[];
  impactRatio: Cell;
  belowFourFifths: boolean;
  isReference: boolean;
  status: StatusView;
}

export interface RepresentationRow {
  label: string;
  n: string;
  share: string;
  baseRate: Cell;
  classImbalance?: string;
  dpl?: string;
  status: StatusView;
}

export interface AggregateRow {
  name: string;
  label: string;
  value: string;
  interval: string;
  verdict?: Verdict;
  inconclusive?: boolean;
  note?: string;
}

/** A group against the reference group: average odds difference, the test, CDD. */
export interface FurtherRow {
  label: string;
  aod: Cell;
  test: string;
  p: string;
  q: string;
  significant: boolean;
  cdd?: Cell;
  isReference: boolean;
}

/** A group's score metrics (AUC, calibration, LL144 scoring rate). */
export interface ScoreRow {
  label: string;
  n: string;
  auc: Cell;
  meanScore: Cell;
  ece: Cell;
  scoringRate: Cell;
  scoringImpact: Cell;
  below: boolean;
  status: StatusView;
}

/** A group's pre-training (label) metrics against the other groups. */
export interface DatasetRow {
  label: string;
  cells: string[];
}

export interface AttributeView {
  id: string;
  name: string;
  kindLabel: string;
  isIntersection: boolean;
  features: string;
  referenceText: string;
  columns: { key: string; label: string; full: string }[];
  groups: GroupRow[];
  representation: RepresentationRow[];
  showDatasetMetrics: boolean;
  /** Summary metrics the policy checks (and the key ones), first; the rest in `otherAggregates`. */
  aggregates: AggregateRow[];
  otherAggregates: AggregateRow[];
  charts: ChartSpec[];
  judgedCount: number;
  groupCount: number;
  /** Aequitas' disparity table: each group's ppr and rates divided by the reference group's. */
  disparities: DisparityTable | null;
  /** Average odds difference, the test and CDD per group, against `further.reference`. */
  further: { reference: string; hasAod: boolean; hasTests: boolean; hasCdd: boolean; rows: FurtherRow[] } | null;
  scores: ScoreRow[] | null;
  /** Pre-training metrics per group (label audits). */
  dataset: DatasetRow[] | null;
}

/** Disparities to the reference group (Aequitas): one row per group, one column per rate shown. */
export interface DisparityTable {
  reference: string;
  /** What PPR is a share of: "predicted positives", or "positive labels" in a label audit. */
  positives: string;
  columns: { key: string; label: string }[];
  rows: { label: string; isReference: boolean; ppr: string; cells: { text: string; na?: boolean }[] }[];
}

export interface DiscoveryRow {
  column: string;
  type: string;
  categories: string;
  kind: string;
  confidence: string;
  evidence: string[];
  action: string;
  examples: string;
}

export interface ProxyRow {
  column: string;
  attribute: string;
  cramersV: string;
  strength: string;
}

export interface MaskingView {
  columns: { column: string; operator: string; detail: string }[];
  figures: { label: string; value: string }[];
}

/** A numbered section of the report, in order; optional sections are left out when empty. */
export interface SectionRef {
  id: string;
  title: string;
  number: number;
}

export interface ReportView {
  /** The multiclass or regression section (null for a binary audit). */
  outcome?: OutcomeView | null;
  /** Sections in order, numbered; `sec` maps section id → number for references in the text. */
  sections: SectionRef[];
  sec: Record<string, number>;
  dataset: string;
  createdAt: string;
  toolVersion: string;
  rowsRead: string;
  /** Whether some group is `(missing)` (rows with no value), which the representation explains. */
  hasMissingGroup: boolean;
  /** `fairaudit · <dataset> · <date>`, for the printed page header. */
  printHeader: string;
  verdict: { verdict: Verdict; headline: string; explanation: string; exitCode: number; failOn: string };
  /** Set for a label-only audit: what the rates are of. */
  labelOnly: string | null;
  checks: CheckRow[];
  findings: string[];
  provenance: {
    rows: { label: string; value: string; mono?: boolean }[];
    files: { path: string; format: string; size: string; sha256: string; partitions?: string }[];
    models: { path: string; size: string; sha256: string }[];
    /** Why there is no model table, for an audit of predictions. */
    modelsNote: string | null;
  };
  warnings: Warning[];
  sensitive: { columns: string; byDiscovery: boolean };
  bins: { feature: string; method: string; labels: string }[];
  discovery: { sampleRows: string; rowsSeen: string; rows: DiscoveryRow[]; quietColumns: number } | null;
  attributes: AttributeView[];
  intersections: AttributeView[];
  proxies: ProxyRow[] | null;
  masking: MaskingView | null;
  comparison: ComparisonView | null;
  trend: TrendView | null;
  /** Dataset (pre-training) metric names, in table order, for label audits. */
  datasetColumns: { key: string; label: string; full: string }[];
  compliance: ComplianceRow[];
  definitions: MetricDefinition[];
  limitations: { smallGroups: string[]; undefinedRates: string[]; aggregateNotes: string[]; minGroupSize: number };
}

/** The rates shown as columns of the group tables, in this order, when any group has a value. */
const GROUP_RATES: RateName[] = ['selection_rate', 'favorable_rate', 'tpr', 'fpr', 'ppv', 'accuracy'];

/** The pre-training metrics of a label audit, in table order, with short headers. */
const DATASET_METRICS: { key: keyof NonNullable<GroupResult['dataset']>; label: string; digits?: number }[] = [
  { key: 'class_imbalance', label: 'CI' },
  { key: 'dpl', label: 'DPL' },
  // Divergences of similar distributions are small: four decimals keep them from reading 0.000.
  { key: 'kl', label: 'KL', digits: 4 },
  { key: 'js', label: 'JS', digits: 4 },
  { key: 'l2', label: 'L2' },
  { key: 'tvd', label: 'TVD' },
  { key: 'ks', label: 'KS' },
];

/** Summary metrics always in an attribute's first table, checked or not (the trend draws them too). */
const KEY_AGGREGATES: readonly string[] = HEADLINE_METRICS;

/** Checks in the order a reviewer reads them: findings that count, accepted ones, then the rest. */
function byConcern(checks: readonly CheckResult[]): CheckResult[] {
  const rank = (c: CheckResult) => {
    const finding = c.verdict === 'fail' || c.verdict === 'warn';
    if (finding && acceptanceState(c) === 'in-force') return 2;
    return { fail: 0, warn: 1, 'insufficient-data': 3, pass: 4 }[c.verdict] ?? 4;
  };
  // Array.prototype.sort is stable: checks of equal concern keep the engine's order.
  return [...checks].sort((a, b) => rank(a) - rank(b));
}

/** The report's sections in order; `optional` ones appear only when they have content. */
const SECTIONS: { id: string; title: string; optional?: 'comparison' | 'trend' }[] = [
  { id: 'verdict', title: 'Verdict' },
  { id: 'comparison', title: 'Changes since the baseline', optional: 'comparison' },
  { id: 'trend', title: 'Trend across runs', optional: 'trend' },
  { id: 'data', title: 'Data and provenance' },
  { id: 'discovery', title: 'Sensitive attributes and identifiers' },
  { id: 'representation', title: 'Representation' },
  { id: 'metrics', title: 'Metrics by attribute and intersection' },
  { id: 'proxies', title: 'Proxies' },
  { id: 'masking', title: 'Masking and k-anonymity' },
  { id: 'compliance', title: 'Compliance map (informational)' },
  { id: 'definitions', title: 'Definitions' },
  { id: 'limitations', title: 'Limitations' },
  { id: 'signoff', title: 'Review and sign-off' },
];

/** What the report shows beyond the results themselves. */
export interface ViewOptions {
  /** Earlier runs from a history file, oldest first, this run last: drawn as a trend. */
  history?: readonly HistoryEntry[];
}

/** Table headers short enough for a row of six rates; the full name is the header's tooltip. */
const SHORT_LABELS: Partial<Record<RateName, string>> = { tpr: 'TPR', fpr: 'FPR', ppv: 'PPV' };

/** Rates the report shows somewhere; undefined values of others are not worth a reader's time. */
const SHOWN_RATES = new Set<RateName>(['base_rate', ...GROUP_RATES]);

const VERDICT_WORDS: Record<Verdict, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', 'insufficient-data': 'INSUFFICIENT DATA' };

/** The group of rows with no value, as the engine names it (`MISSING_GROUP` in metrics/features.ts, kept out of the report's imports). */
const MISSING_GROUP = '(missing)';

/** Builds the view model of the report for `results` (and `options.history`, for the trend). */
export function reportView(results: AuditResults, options: ViewOptions = {}): ReportView {
  const createdAt = formatDate(results.created_at);
  const all = results.attributes.map((a, i) => attributeView(a, i, results));
  const discovery = asDiscovery(results.discovery);
  const usedRates = new Set(all.flatMap((a) => a.columns.map((c) => c.key)));
  const usedAggregates = new Set(all.flatMap((a) => [...a.aggregates, ...a.otherAggregates].map((r) => r.name)));
  const comparison = comparisonView(results.comparison, (key) => groupKeyValues(key));
  const trend = trendView(options.history, results);
  const present = SECTIONS.filter((s) => (s.optional === 'comparison' ? comparison : s.optional === 'trend' ? trend : true));
  const sections = present.map((s, i) => ({ id: s.id, title: s.title, number: i + 1 }));
  const shown = new Set<string>();
  if (all.some((a) => a.representation.some((r) => r.classImbalance !== undefined))) ['class_imbalance', 'dpl'].forEach((m) => shown.add(m));
  if (all.some((a) => a.dataset)) DATASET_METRICS.forEach((m) => shown.add(m.key));
  if (all.some((a) => a.further?.hasAod)) shown.add('average_odds_difference');
  if (all.some((a) => a.further?.hasTests)) shown.add('test_q_value');
  if (all.some((a) => a.further?.hasCdd)) shown.add('conditional_demographic_disparity');
  if (all.some((a) => a.scores)) SCORE_METRICS.forEach((m) => shown.add(m));
  return {
    outcome: outcomeView(results),
    sections,
    sec: Object.fromEntries(sections.map((s) => [s.id, s.number])),
    dataset: results.input.name,
    createdAt,
    toolVersion: results.tool.version,
    rowsRead: formatCount(results.input.rows_read),
    hasMissingGroup: results.attributes.some((a) => a.groups.some((g) => Object.values(g.key).includes(MISSING_GROUP))),
    printHeader: `fairaudit bias audit · ${results.input.name} · ${createdAt}`,
    verdict: verdictView(results),
    labelOnly:
      results.outcome === 'label'
        ? `Label-only audit: the data has no predictions, so every rate in this report is of the label${results.columns.label ? ` (${results.columns.label}, the recorded outcome)` : ''}. "Selection rate" and "favorable rate" are the share of each group with a positive label, and impact ratios and parity compare those label rates. Error rates (TPR, FPR, precision, accuracy) need predictions and are not available.`
        : null,
    checks: byConcern(results.checks).map(checkRow),
    findings: findings(results),
    provenance: provenance(results),
    warnings: results.warnings,
    sensitive: { columns: results.columns.sensitive.join(', '), byDiscovery: !results.config.sensitive || results.warnings.some((w) => w.code === 'discovered-attributes') },
    bins: results.attributes.flatMap((a) => a.bins ?? []).filter(uniqueBy((b) => b.feature)).map((b) => ({ feature: b.feature, method: binMethod(b.method), labels: b.labels.join(', ') })),
    discovery: discovery ? discoveryView(discovery) : null,
    attributes: all.filter((a) => !a.isIntersection),
    intersections: all.filter((a) => a.isIntersection),
    proxies: discovery ? proxyRows(discovery) : null,
    masking: maskingView(results.masking),
    comparison,
    trend,
    datasetColumns: DATASET_METRICS.map((m) => ({ key: m.key, label: m.label, full: metricLabel(m.key) })),
    compliance: complianceMap(results, (key) => groupKeyValues(key)),
    definitions: definitions(usedRates, usedAggregates, results, shown),
    limitations: limitations(results),
  };
}

function verdictView(results: AuditResults): ReportView['verdict'] {
  const count = (v: Verdict) => results.checks.filter((c) => c.verdict === v).length;
  const judged = results.checks.length - count('insufficient-data');
  const [failed, warned] = [count('fail'), count('warn')];
  const findingsOf = (state: 'in-force' | 'expired') => results.checks.filter((c) => (c.verdict === 'fail' || c.verdict === 'warn') && acceptanceState(c) === state).length;
  const [accepted, expired] = [findingsOf('in-force'), findingsOf('expired')];
  const inconclusive = results.checks.filter((c) => c.inconclusive && c.verdict !== 'insufficient-data').length;
  const drift = results.checks.filter((c) => c.metric.startsWith(DRIFT_PREFIX)).length;
  const headline =
    results.verdict === 'fail'
      ? `${failed} of ${judged} judged checks failed${warned ? `; ${warned} ${warned > 1 ? 'are warned checks' : 'is a warned check'}` : ''}.`
      : results.verdict === 'warn'
        ? failed
          ? `${warnedChecks(warned)} of ${judged} judged; ${failed} failed but ${failed > 1 ? 'are' : 'is'} accepted.`
          : `${warnedChecks(warned)} of ${judged} judged; none failed.`
        : results.verdict === 'pass'
          ? accepted
            ? `${judged - accepted} of ${judged} judged checks passed; the other ${accepted} failed or warned and ${accepted > 1 ? 'are accepted findings' : 'is an accepted finding'}.`
            : `All ${judged} judged checks passed.`
          : 'No check could be judged: every group was too small or every rate undefined.';
  const parts = [
    results.verdict === 'pass' && !accepted
      ? 'No measured disparity is beyond the limits of the audit policy.'
      : 'A failed check means the whole 95% interval of a measured disparity lies beyond a limit of the audit policy; a warned check means a disparity beyond a limit set to warn, or one whose 95% interval crosses its limit (the data cannot tell). Either is evidence to investigate, not proof of discrimination.',
  ];
  if (accepted) {
    parts.push(
      `${accepted} of the failed or warned findings ${accepted > 1 ? 'are' : 'is'} accepted by a named owner until a date and ${accepted > 1 ? 'do' : 'does'} not count toward the verdict until then; ${accepted > 1 ? 'they are' : 'it is'} still listed below.`,
    );
  }
  if (expired) parts.push(`${expired} acceptance${expired > 1 ? 's have' : ' has'} expired: ${expired > 1 ? 'those findings count' : 'that finding counts'} again.`);
  if (drift) parts.push(`${drift} of the checks ${drift > 1 ? 'are drift checks' : 'is a drift check'} against the baseline run (see “Changes since the baseline”).`);
  if (inconclusive) {
    const rule = results.config.inconclusive === 'fail' ? 'judged on the point value (inconclusive: fail)' : 'warned checks, not failures (inconclusive: fail would judge them on the point value)';
    parts.push(`${inconclusive} verdict${inconclusive > 1 ? 's are' : ' is'} inconclusive: the 95% interval crosses the threshold, so the data cannot tell and more data could change ${inconclusive > 1 ? 'them' : 'it'}; ${inconclusive > 1 ? 'they are' : 'it is'} ${rule}.`);
  }
  const notJudged = count('insufficient-data');
  if (notJudged) parts.push(`${notJudged} check${notJudged > 1 ? 's' : ''} could not be judged for lack of data.`);
  return { verdict: results.verdict, headline, explanation: parts.join(' '), exitCode: results.exit_code, failOn: results.config.fail_on };
}

/** "1 warned check", "3 warned checks": WARN verdicts, never called warnings (those are about the run). */
function warnedChecks(n: number): string {
  return `${n} warned check${n === 1 ? '' : 's'}`;
}

/** The prefix of drift checks against a baseline (`drift:impact_ratio`). */
const DRIFT_PREFIX = 'drift:';

/** Whether a person accepted this check's finding, and whether that acceptance is still in force. */
function acceptanceState(check: CheckResult): 'in-force' | 'expired' | undefined {
  if (!check.accepted) return undefined;
  return check.accepted.expired ? 'expired' : 'in-force';
}

/** "Accepted until 2025-06-30 by ana: retraining", or the expired form; undefined without acceptance. */
export function acceptanceText(check: CheckResult): string | undefined {
  const a = check.accepted;
  if (!a) return undefined;
  return a.expired
    ? `Acceptance expired on ${a.expires} (was accepted by ${a.owner}: ${a.reason}); this finding counts again.`
    : `Accepted until ${a.expires} by ${a.owner}: ${a.reason}`;
}

function checkRow(check: CheckResult): CheckRow {
  const def = metricDefinition(check.metric);
  const drift = check.metric.startsWith(DRIFT_PREFIX);
  return {
    metric: check.metric,
    label: def.label,
    attribute: check.attribute,
    group: check.group ? groupKeyValues(check.group) : undefined,
    value: drift ? worseText(check.value, check.threshold) : check.value === null ? 'n/a' : formatAgainst(check.value, check.threshold),
    interval: check.interval ? formatInterval(check.interval, 'number') : undefined,
    threshold: `${drift ? 'worse by ' : ''}${check.direction === 'min' ? 'at least' : 'at most'} ${check.threshold}`,
    verdict: check.verdict,
    inconclusive: check.inconclusive && check.verdict !== 'insufficient-data',
    message: readableMessage(check),
    accepted: acceptanceText(check),
    acceptance: acceptanceState(check),
    drift,
  };
}

/**
 * A drift check's value in words: it is how much worse the metric got since the baseline, so a
 * negative value is an improvement ("better by 0.070"), never a bare "-0.070" beside a "+0.070".
 */
function worseText(worse: number | null, threshold: number): string {
  if (worse === null || !Number.isFinite(worse)) return 'n/a';
  if (worse > 0) return `worse by ${formatAgainst(worse, threshold)}`;
  return worse < 0 ? `better by ${formatNumber(-worse)}` : 'no change';
}

/**
 * The check's message with its leading metric id in words ("Impact ratio of race is …", and for a
 * drift check "Impact ratio on sex went down …"), for a reader who has never seen the metric ids.
 */
export function readableMessage(check: CheckResult): string {
  const id = check.metric.startsWith(DRIFT_PREFIX) ? check.metric.slice(DRIFT_PREFIX.length) : check.metric;
  if (!check.message.startsWith(`${id} `)) return check.message;
  return `${metricDefinition(id).label}${check.message.slice(id.length)}`;
}

/** The few sentences a reader should see first: failed and warned checks, then the caveats. */
export function findings(results: AuditResults, max = 6): string[] {
  const out: string[] = [];
  // Findings that count come first; accepted ones follow, marked, so nothing is hidden.
  const counts = (c: CheckResult) => acceptanceState(c) !== 'in-force';
  const bad = [
    ...results.checks.filter((c) => c.verdict === 'fail' && counts(c)),
    ...results.checks.filter((c) => c.verdict === 'warn' && counts(c)),
    ...results.checks.filter((c) => (c.verdict === 'fail' || c.verdict === 'warn') && !counts(c)),
  ];
  for (const c of bad.slice(0, max - 2)) {
    const state = acceptanceState(c);
    const tag = state === 'in-force' ? ` (accepted until ${c.accepted!.expires} by ${c.accepted!.owner})` : state === 'expired' ? ' (acceptance expired)' : '';
    const drift = c.metric.startsWith(DRIFT_PREFIX) ? ' (drift since the baseline)' : '';
    out.push(`${VERDICT_WORDS[c.verdict]}${drift}${tag}: ${readableMessage(c)}${c.inconclusive ? ' (inconclusive: the interval crosses the threshold)' : ''}`);
  }
  if (bad.length > max - 2) out.push(`… and ${bad.length - (max - 2)} more failed or warned checks (see the table).`);
  const comparison = comparisonView(results.comparison, (key) => groupKeyValues(key));
  if (comparison) out.unshift(`${comparison.driftFound ? 'DRIFT' : 'NO DRIFT'} since the baseline run: ${comparison.driftSummary}`);
  const { rows_read: read, rows_missing_label: noLabel, rows_missing_prediction: noPrediction } = results.input;
  if (noLabel > 0 && results.outcome === 'prediction') {
    out.push(`${formatCount(noLabel)} of ${formatCount(read)} rows (${formatPercent(noLabel / read)}) have no label: they count for selection rates but not for error rates (TPR, FPR, precision, accuracy).`);
  }
  if (noPrediction > 0 && results.outcome === 'prediction') {
    out.push(`${formatCount(noPrediction)} of ${formatCount(read)} rows (${formatPercent(noPrediction / read)}) have no prediction: they count for base rates only.`);
  }
  const small = results.attributes.flatMap((a) => a.groups.filter((g) => !g.eligible).map(() => a.name));
  if (small.length) {
    out.push(`${small.length} group${small.length > 1 ? 's were' : ' was'} too small to judge (fewer than ${results.config.min_group_size} rows) and left out of the verdicts.`);
  }
  if (results.warnings.length) out.push(`${results.warnings.length} warning${results.warnings.length > 1 ? 's' : ''} raised during the audit (see Data and provenance).`);
  return out;
}

function provenance(results: AuditResults): ReportView['provenance'] {
  const { input, config, columns } = results;
  const rows: ReportView['provenance']['rows'] = [
    { label: 'Dataset', value: input.name },
    { label: 'Audit finished', value: formatDate(results.created_at) },
    { label: 'Duration', value: formatDuration(results.duration_ms) },
    { label: 'Tool', value: `${results.tool.name} ${results.tool.version}` },
    { label: 'Rows read', value: formatCount(input.rows_read) },
    { label: 'Rows used by the metrics', value: formatCount(input.rows_used) },
    { label: 'Rows with a missing label', value: formatCount(input.rows_missing_label) },
    { label: 'Rows with a missing prediction', value: formatCount(input.rows_missing_prediction) },
    {
      label: 'Outcome audited',
      value: results.outcome === 'prediction' ? "the model's predictions (compared with the true labels where known)" : 'the true labels (no predictions: a dataset audit)',
    },
  ];
  if (columns.label) rows.push({ label: 'Label column (true outcome)', value: columns.label });
  if (columns.prediction) rows.push({ label: 'Prediction column', value: columns.prediction });
  if (columns.score) rows.push({ label: 'Score column', value: `${columns.score} (positive at or above ${config.threshold})` });
  if (columns.weight) rows.push({ label: 'Weight column', value: columns.weight });
  if (columns.strata) rows.push({ label: 'Strata column', value: columns.strata });
  rows.push(
    { label: 'Favorable outcome', value: config.favorable === 'positive' ? 'a positive decision benefits the person' : 'a negative decision benefits the person' },
    { label: 'Minimum group size', value: config.min_group_size === 0 ? 'off (every group is judged)' : `${formatCount(config.min_group_size)} rows` },
    { label: 'Mode', value: config.mode === 'll144' ? 'NYC Local Law 144' : 'standard' },
    { label: 'Bootstrap draws', value: formatCount(config.bootstrap) },
    { label: 'Seed', value: String(results.seed) },
    { label: 'Config SHA-256', value: results.config_sha256, mono: true },
  );
  const files = input.files.map((f) => ({
    path: f.path,
    format: `${f.format}${f.gzip ? ' (gzip)' : ''}`,
    size: formatBytes(f.bytes),
    sha256: f.sha256,
    partitions: f.partitions && Object.keys(f.partitions).length ? Object.entries(f.partitions).map(([k, v]) => `${k}=${v}`).join(', ') : undefined,
  }));
  const models = (Array.isArray(results.models) ? results.models : []).map((m) => ({ path: String(m.path), size: formatBytes(Number(m.bytes) || 0), sha256: String(m.sha256) }));
  const modelsNote =
    models.length || results.outcome !== 'prediction'
      ? null
      : 'No model file was recorded for this audit, so the report cannot show which model made the predictions. Run the audit with --model FILE to record its SHA-256.';
  if (isComparison(results.comparison)) {
    const { baseline } = results.comparison;
    rows.push({ label: 'Baseline run (compared with)', value: `the audit of ${baseline.dataset} finished ${formatDate(baseline.created_at)} with fairaudit ${baseline.tool_version}` });
  }
  return { rows, files, models, modelsNote };
}

function attributeView(attribute: AttributeResult, index: number, results: AuditResults): AttributeView {
  const id = `attr-${index}`;
  const features = attribute.features;
  const label = (g: GroupResult) => groupKeyValues(g.key, features);
  const minSize = results.config.min_group_size;
  const columns = GROUP_RATES.filter((rate) => {
    if (rate === 'favorable_rate' && results.config.favorable === 'positive') return false;
    return attribute.groups.some((g) => g.rates[rate] !== null && g.rates[rate] !== undefined);
  }).map((key) => ({ key, label: rateHeader(key, results), full: rateFull(key, results) }));
  const sameKey = (a: GroupKey | null, b: GroupKey) => !!a && features.every((f) => a[f] === b[f]);

  const groups: GroupRow[] = attribute.groups.map((g) => ({
    label: label(g),
    n: formatCount(g.n),
    share: formatPercent(g.share),
    cells: columns.map((c) => rateCell(g, c.key as RateName)),
    impactRatio:
      g.impact_ratio === null
        ? { text: 'n/a', na: true }
        : {
            text: formatAgainst(g.impact_ratio, 0.8) + (sameKey(attribute.impact_reference, g.key) ? ' (reference)' : ''),
            interval: g.impact_ratio_interval ? formatInterval(g.impact_ratio_interval, 'number') : undefined,
          },
    belowFourFifths: g.eligible && g.four_fifths_flag === true,
    isReference: sameKey(attribute.impact_reference, g.key),
    status: status(g),
  }));

  // A label audit gets the full pre-training table; a prediction audit keeps CI and DPL here.
  const datasetTable = results.outcome === 'label' && attribute.groups.some((g) => g.dataset);
  const showDatasetMetrics = !datasetTable && attribute.groups.some((g) => g.dataset);
  const representation: RepresentationRow[] = attribute.groups.map((g) => ({
    label: label(g),
    n: formatCount(g.n),
    share: formatPercent(g.share),
    baseRate: rateCell(g, 'base_rate'),
    classImbalance: showDatasetMetrics && g.dataset ? formatNumber(g.dataset.class_imbalance) : undefined,
    dpl: showDatasetMetrics && g.dataset ? formatNumber(g.dataset.dpl) : undefined,
    status: status(g),
  }));

  const checks = attribute.checks;
  const aggregateNames = Object.keys(attribute.aggregates);
  const ordered = [...new Set([...checks.map((c) => c.metric).filter((m) => aggregateNames.includes(m)), ...aggregateNames])];
  const aggregates: AggregateRow[] = ordered.map((name) => {
    const value = attribute.aggregates[name];
    const check = checks.find((c) => c.metric === name);
    const interval = attribute.aggregate_intervals[name] ?? null;
    return {
      name,
      label: metricLabel(name),
      value: value === null ? notApplicable(attribute.aggregate_notes[name]) : check ? formatAgainst(value, check.threshold) : formatNumber(value),
      interval: value === null ? '—' : formatInterval(interval, 'number'),
      verdict: check?.verdict,
      inconclusive: check ? check.inconclusive && check.verdict !== 'insufficient-data' : undefined,
      note: value === null ? undefined : attribute.aggregate_notes[name],
    };
  });

  const charts: ChartSpec[] = [];
  const rateKey: RateName = attribute.groups.some((g) => g.rates.selection_rate !== null) ? 'selection_rate' : 'base_rate';
  charts.push({
    type: 'selection',
    id: `${id}-selection`,
    title: `${rateFull(rateKey, results)} by group: ${attribute.name}`,
    rateLabel: rateFull(rateKey, results),
    rows: attribute.groups.map((g) => ({
      label: label(g),
      value: g.rates[rateKey],
      interval: (g.intervals[rateKey] as Interval | undefined) ?? null,
      eligible: g.eligible,
      note: g.rates[rateKey] === null ? notApplicable(g.null_reasons[rateKey]) : g.eligible ? undefined : 'too small to judge',
    })),
  });
  if (attribute.groups.some((g) => g.impact_ratio !== null)) {
    charts.push({
      type: 'impact',
      id: `${id}-impact`,
      title: `Impact ratio by group: ${attribute.name}`,
      threshold: 0.8,
      rows: attribute.groups.map((g) => ({
        label: label(g),
        ratio: g.impact_ratio,
        reference: sameKey(attribute.impact_reference, g.key),
        eligible: g.eligible,
        note: g.impact_ratio === null ? notApplicable(g.null_reasons.favorable_rate) : g.eligible ? undefined : 'too small to judge',
      })),
    });
  }
  if (attribute.groups.some((g) => g.rates.tpr !== null && g.rates.fpr !== null)) {
    charts.push({
      type: 'errors',
      id: `${id}-errors`,
      title: `True versus false positive rate by group: ${attribute.name}`,
      rows: attribute.groups.map((g) => ({ label: label(g), tpr: g.rates.tpr, fpr: g.rates.fpr, eligible: g.eligible })),
    });
  }

  const impactRef = attribute.impact_reference ? groupKeyValues(attribute.impact_reference, features) : null;
  const reference = attribute.reference ? groupKeyValues(attribute.reference, features) : null;
  const byReference = results.config.impact_ratio_reference === 'reference';
  const referenceText = [
    impactRef
      ? byReference
        ? `Impact ratios compare each group with ${impactRef}, the reference group (impact_ratio_reference: reference).`
        : `Impact ratios compare each group with ${impactRef}, the judged group with the highest favorable rate.`
      : 'No impact-ratio reference: no judged group has a favorable rate.',
    reference
      ? `Average odds differences, tests and disparities compare each group with ${reference}, ${results.config.reference?.[attribute.name] !== undefined ? 'the reference group the config names' : 'the largest judged group'}.`
      : '',
    minSize > 0 ? `Groups under ${formatCount(minSize)} rows are shown but not judged.` : '',
  ]
    .filter(Boolean)
    .join(' ');

  return {
    id,
    name: attribute.name,
    kindLabel: attribute.kind === 'intersection' ? 'Intersection' : 'Attribute',
    isIntersection: attribute.kind === 'intersection',
    features: features.join(' × '),
    referenceText,
    columns,
    groups,
    representation,
    showDatasetMetrics,
    aggregates: aggregates.filter((row) => row.verdict || KEY_AGGREGATES.includes(row.name)),
    otherAggregates: aggregates.filter((row) => !row.verdict && !KEY_AGGREGATES.includes(row.name)),
    charts,
    judgedCount: attribute.groups.filter((g) => g.eligible).length,
    groupCount: attribute.groups.length,
    disparities: disparityTable(attribute, label, sameKey, results.outcome),
    further: furtherRows(attribute, label, sameKey),
    scores: scoreRows(attribute, label),
    dataset: datasetTable
      ? attribute.groups.map((g) => ({ label: label(g), cells: DATASET_METRICS.map((m) => (g.dataset ? formatNumber(g.dataset[m.key] ?? null, m.digits ?? 3) : 'n/a')) }))
      : null,
  };
}

/** The header of a rate column: short for the error rates; of the label in a label audit. */
function rateHeader(rate: RateName, results: AuditResults): string {
  if (results.outcome === 'label' && (rate === 'selection_rate' || rate === 'favorable_rate')) return rateFull(rate, results);
  return SHORT_LABELS[rate] ?? metricLabel(rate);
}

/** The full name of a rate; in a label audit the selection rate is said to be of the label. */
function rateFull(rate: RateName, results: AuditResults): string {
  if (results.outcome === 'label' && rate === 'selection_rate') return 'Positive label rate';
  if (results.outcome === 'label' && rate === 'favorable_rate') return 'Favorable label rate';
  return metricLabel(rate);
}

/** Column headers of the disparity table: the short names Aequitas' table uses. */
const DISPARITY_HEADERS: Partial<Record<RateName | 'ppr', string>> = {
  ppr: 'PPR',
  selection_rate: 'Selection rate',
  ppv: 'PPV',
  fdr: 'FDR',
  for: 'FOR',
  fpr: 'FPR',
  fnr: 'FNR',
  tpr: 'TPR',
  tnr: 'TNR',
  npv: 'NPV',
};

/** The rates of the disparity table, in Aequitas' order (ppr first, then pprev, precision, error rates). */
const DISPARITY_RATES: RateName[] = ['selection_rate', 'ppv', 'fdr', 'for', 'fpr', 'fnr', 'tpr', 'tnr', 'npv'];

/**
 * Aequitas' disparity table for one attribute: each group's `ppr` (share of all predicted
 * positives) and each rate's disparity, the group's rate ÷ the reference group's. Null without a
 * reference group or disparities.
 */
function disparityTable(
  attribute: AttributeResult,
  label: (g: GroupResult) => string,
  sameKey: (a: GroupKey | null, b: GroupKey) => boolean,
  outcome: AuditResults['outcome'],
): DisparityTable | null {
  if (!attribute.reference || !attribute.groups.some((g) => g.disparities)) return null;
  const keys: (RateName | 'ppr')[] = ['ppr', ...DISPARITY_RATES.filter((r) => attribute.groups.some((g) => g.disparities?.[r] !== undefined && g.disparities[r] !== null))];
  const columns = keys.map((key) => ({ key, label: `${DISPARITY_HEADERS[key] ?? metricLabel(key)} disparity` }));
  return {
    reference: groupKeyValues(attribute.reference, attribute.features),
    positives: outcome === 'label' ? 'positive labels' : 'predicted positives',
    columns,
    rows: attribute.groups.map((g) => ({
      label: label(g),
      isReference: sameKey(attribute.reference, g.key),
      ppr: g.ppr === null || g.ppr === undefined ? 'n/a' : formatPercent(g.ppr),
      cells: keys.map((key) => {
        const value = g.disparities?.[key];
        return value === null || value === undefined ? { text: 'n/a', na: true } : { text: formatNumber(value) };
      }),
    })),
  };
}

/** Average odds difference, the test against the reference group and CDD, when any group has one. */
function furtherRows(
  attribute: AttributeResult,
  label: (g: GroupResult) => string,
  sameKey: (a: GroupKey | null, b: GroupKey) => boolean,
): AttributeView['further'] {
  const cdd = attribute.conditional_demographic_disparity;
  const hasCdd = !!cdd && Object.keys(cdd).length > 0;
  const hasTests = attribute.groups.some((g) => g.test !== undefined);
  const hasAod = attribute.groups.some((g) => g.average_odds_difference !== null);
  if (!hasCdd && !hasTests && !hasAod) return null;
  return {
    reference: attribute.reference ? groupKeyValues(attribute.reference, attribute.features) : 'none',
    hasAod,
    hasTests,
    hasCdd,
    rows: attribute.groups.map((g) => furtherRow(g, label(g), sameKey(attribute.reference, g.key), hasCdd ? cdd : undefined)),
  };
}

function furtherRow(g: GroupResult, label: string, isReference: boolean, cdd: Record<string, number | null> | undefined): FurtherRow {
  const test = g.test;
  // The engine sets `test` to null when the favorable rate is undefined, and leaves it out for the
  // reference group and for groups too small to judge.
  const notTested = isReference
    ? 'reference group'
    : !g.eligible
      ? 'not tested: too small to judge'
      : test === null
        ? 'not tested: favorable rate undefined'
        : 'not tested';
  const cddValue = cdd ? (cdd[label] ?? null) : undefined;
  return {
    label,
    aod: g.average_odds_difference === null ? { text: isReference ? 'n/a' : notApplicable(g.null_reasons.tpr ?? g.null_reasons.fpr), na: true } : { text: formatNumber(g.average_odds_difference) },
    test: test ? (test.method === 'fisher' ? "Fisher's exact" : 'two-proportion z') : notTested,
    p: test ? formatPValue(test.p_value) : '—',
    q: test ? formatPValue(test.q_value) : '—',
    significant: !!test && test.q_value < 0.05,
    ...(cdd ? { cdd: cddValue === null ? { text: 'n/a — no stratum has both labels', na: true } : { text: formatNumber(cddValue) } } : {}),
    isReference,
  };
}

/** Score metrics per group (AUC, mean score, ECE, LL144 scoring rate), when the audit had scores. */
function scoreRows(attribute: AttributeResult, label: (g: GroupResult) => string): ScoreRow[] | null {
  if (!attribute.groups.some((g) => g.scores)) return null;
  return attribute.groups.map((g) => {
    const s = g.scores;
    const ratio = s?.scoring_impact_ratio ?? null;
    return {
      label: label(g),
      n: formatCount(g.n),
      auc: s?.auc === null || !s ? { text: notApplicable(s?.auc_null_reason), na: true } : { text: formatNumber(s.auc) },
      meanScore: s?.mean_score === null || !s ? { text: 'n/a', na: true } : { text: formatNumber(s.mean_score) },
      ece: s?.ece === null || !s ? { text: notApplicable(s?.ece_null_reason), na: true } : { text: formatNumber(s.ece) },
      scoringRate: s?.scoring_rate === null || !s ? { text: 'n/a', na: true } : { text: formatPercent(s.scoring_rate) },
      scoringImpact: ratio === null ? { text: 'n/a', na: true } : { text: formatAgainst(ratio, 0.8) },
      below: g.eligible && ratio !== null && ratio < 0.8,
      status: status(g),
    };
  });
}

function rateCell(g: GroupResult, rate: RateName): Cell {
  const value = g.rates[rate];
  if (value === null || value === undefined) return { text: notApplicable(g.null_reasons[rate]), na: true };
  const interval = g.intervals[rate];
  return { text: rate === 'treatment_equality' ? formatNumber(value, 2) : formatPercent(value), interval: interval ? formatInterval(interval) : undefined };
}

function status(g: GroupResult): StatusView {
  if (g.eligible) return { judged: true, text: 'judged' };
  return { judged: false, text: g.ineligible_reason ?? 'too small to judge' };
}

function binMethod(method: string): string {
  if (method === 'age') return 'age bands (<25, 25–44, 45–64, 65+)';
  if (method === 'quartiles') return 'quartiles of the data';
  return 'cut points from the config';
}

function limitations(results: AuditResults): ReportView['limitations'] {
  const smallGroups: string[] = [];
  const undefinedRates: string[] = [];
  const aggregateNotes: string[] = [];
  for (const a of results.attributes) {
    // Only rates with a column in the report need their n/a explained: a rate undefined for every
    // group (say, error rates without predictions) has no column and is explained once elsewhere.
    const columns = new Set([...SHOWN_RATES].filter((rate) => a.groups.some((g) => g.rates[rate] !== null && g.rates[rate] !== undefined)));
    for (const g of a.groups) {
      const name = `${a.name} = ${groupKeyValues(g.key, a.features)}`;
      if (!g.eligible) smallGroups.push(`${name} (n = ${formatCount(g.n)})`);
      const byReason = new Map<string, string[]>();
      for (const [rate, reason] of Object.entries(g.null_reasons) as [RateName, string][]) {
        if (!reason || !columns.has(rate)) continue;
        byReason.set(reason, [...(byReason.get(reason) ?? []), metricLabel(rate)]);
      }
      for (const [reason, rates] of byReason) undefinedRates.push(`${name}: ${rates.join(', ')} undefined — ${reason.replace(/\.$/, '')}`);
    }
    for (const [metric, note] of Object.entries(a.aggregate_notes)) aggregateNotes.push(`${a.name}, ${metricLabel(metric)}: ${note}`);
  }
  return { smallGroups, undefinedRates, aggregateNotes, minGroupSize: results.config.min_group_size };
}

function definitions(rates: Set<string>, aggregates: Set<string>, results: AuditResults, shown: Set<string>): MetricDefinition[] {
  const names = [
    'base_rate',
    ...[...rates].filter((r) => r !== 'base_rate'),
    'impact_ratio',
    ...[...aggregates].filter((a) => a !== 'impact_ratio'),
    ...shown,
    ...results.checks.map((c) => c.metric),
  ];
  return [...new Set(names)].map(metricDefinition);
}

// ---- optional parts read defensively -------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asDiscovery(value: unknown): DiscoveryResult | null {
  if (!isRecord(value) || !Array.isArray(value.columns)) return null;
  const columns = value.columns.filter((c): c is ColumnFinding => isRecord(c) && typeof c.column === 'string');
  return {
    sample_rows: Number(value.sample_rows) || 0,
    rows_seen: Number(value.rows_seen) || 0,
    seed: Number(value.seed) || 0,
    columns: columns.map((c) => ({
      ...c,
      categories: Array.isArray(c.categories) ? c.categories.map(String) : [],
      evidence: Array.isArray(c.evidence) ? c.evidence.map(String) : [],
      examples: Array.isArray(c.examples) ? c.examples.map(String) : [],
    })) as ColumnFinding[],
  };
}

function discoveryView(d: DiscoveryResult): NonNullable<ReportView['discovery']> {
  const flagged = d.columns.filter((c) => c.categories.length > 0 || c.contains_some_pii);
  return {
    sampleRows: formatCount(d.sample_rows),
    rowsSeen: formatCount(d.rows_seen),
    quietColumns: d.columns.length - flagged.length,
    rows: flagged.map((c) => ({
      column: c.column,
      type: String(c.type ?? ''),
      categories: c.categories.length ? c.categories.join(', ') : 'contains some PII-like values',
      kind: [c.protected_kind, c.identifier_kind].filter(Boolean).map((k) => String(k).replace(/_/g, ' ')).join(', ') || '—',
      confidence:
        typeof c.confidence === 'number'
          ? `${formatPercent(c.confidence)}${typeof c.confidence_lower === 'number' ? ` (at least ${formatPercent(c.confidence_lower)})` : ''}`
          : 'n/a',
      evidence: c.evidence,
      action: String(c.action ?? ''),
      examples: c.examples.join(', '),
    })),
  };
}

function proxyRows(d: DiscoveryResult): ProxyRow[] {
  return d.columns.flatMap((c) =>
    (Array.isArray(c.proxy_for) ? c.proxy_for : [])
      .filter((p) => isRecord(p))
      .map((p) => ({
        column: c.column,
        attribute: String(p.attribute),
        cramersV: formatNumber(typeof p.cramers_v === 'number' ? p.cramers_v : null, 2),
        strength: p.strength === 'strong' ? 'strong (V ≥ 0.5)' : 'moderate (V ≥ 0.3)',
      })),
  );
}

/**
 * Masking results are read without trusting their shape. A masking manifest (`columns` with
 * `operator`, `rule` and `reason`; `risk` with the k-anonymity figures; `output`) is shown field by
 * field; anything else falls back to a generic reading: a `columns` list or map gives the operator
 * per column, and plain numbers, texts and flags (top level or one object deep) become figures.
 */
function maskingView(value: unknown): MaskingView | null {
  if (!isRecord(value)) return null;
  const columns: MaskingView['columns'] = [];
  const raw = value.columns ?? value.rules;
  const entries: [string, unknown][] = Array.isArray(raw)
    ? raw.filter(isRecord).map((r) => [String(r.column ?? r.name ?? '?'), r])
    : isRecord(raw)
      ? Object.entries(raw)
      : [];
  for (const [column, rule] of entries) {
    if (typeof rule === 'string') columns.push({ column, operator: rule, detail: '' });
    else if (isRecord(rule)) {
      const operator = String(rule.op ?? rule.operator ?? '?');
      const params = isRecord(rule.rule) ? { ...rule.rule, ...rule } : rule;
      const detail = Object.entries(params)
        .flatMap(([k, v]) => (!['op', 'operator', 'column', 'name', 'rule'].includes(k) && isPlain(v) ? [`${humanize(k)}: ${plain(v)}`] : []))
        .join('; ');
      columns.push({ column, operator, detail });
    }
  }
  return { columns, figures: isRecord(value.risk) ? manifestFigures(value, value.risk) : genericFigures(value) };
}

function manifestFigures(manifest: Record<string, unknown>, risk: Record<string, unknown>): MaskingView['figures'] {
  const figures: MaskingView['figures'] = [];
  const add = (label: string, v: unknown) => {
    if (isPlain(v) && v !== undefined) figures.push({ label, value: plain(v) });
    else if (Array.isArray(v) && v.every(isPlain)) figures.push({ label, value: v.map(plain).join(', ') || '—' });
  };
  add('Profile', manifest.profile);
  if (isRecord(manifest.output)) {
    add('Masked output', manifest.output.path);
    add('Masked output SHA-256', manifest.output.sha256);
    add('Rows written', manifest.output.rows);
  }
  add('HMAC key fingerprint', manifest.key_fingerprint ?? 'no key used');
  add('Quasi-identifiers', risk.quasi_identifiers);
  add('Equivalence classes', risk.classes);
  figures.push({
    label: 'k achieved (smallest equivalence class)',
    value:
      typeof risk.k_achieved === 'number'
        ? formatCount(risk.k_achieved) + (typeof risk.k_target === 'number' && risk.k_achieved < risk.k_target ? ` — below the required k of ${risk.k_target}` : '')
        : notApplicable(typeof risk.k_reason === 'string' ? risk.k_reason : undefined),
  });
  if (typeof risk.k_target === 'number') {
    add('k required', risk.k_target);
    figures.push({
      label: 'Records in classes smaller than k',
      value: `${plain(typeof risk.records_below_k === 'number' ? risk.records_below_k : null)}${typeof risk.share_below_k === 'number' ? ` (${formatPercent(risk.share_below_k)})` : ''}`,
    });
    add('Cells suppressed to reach k', manifest.suppressed_cells);
  }
  if (typeof risk.l_diversity_column === 'string') {
    figures.push({
      label: `l-diversity of ${risk.l_diversity_column}`,
      value: typeof risk.l_diversity === 'number' ? formatCount(risk.l_diversity) : notApplicable(typeof risk.l_reason === 'string' ? risk.l_reason : undefined),
    });
  }
  return figures;
}

function genericFigures(value: Record<string, unknown>): MaskingView['figures'] {
  const figures: MaskingView['figures'] = [];
  const collect = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'columns' || k === 'rules') continue;
      if (isPlain(v)) figures.push({ label: `${prefix}${humanize(k)}`, value: plain(v) });
      else if (Array.isArray(v) && v.every(isPlain)) figures.push({ label: `${prefix}${humanize(k)}`, value: v.map(plain).join(', ') || '—' });
      else if (isRecord(v) && !prefix) collect(v, `${humanize(k)}: `);
    }
  };
  collect(value, '');
  return figures;
}

function isPlain(v: unknown): v is string | number | boolean | null {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function plain(v: string | number | boolean | null): string {
  if (v === null) return 'n/a';
  if (typeof v === 'number') return Number.isInteger(v) ? formatCount(v) : formatNumber(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return v;
}

/** Labels of the masking figures fairaudit knows; others are humanized from their key. */
const FIGURE_LABELS: Record<string, string> = {
  k_anonymity: 'k-anonymity',
  l_diversity: 'l-diversity',
  k: 'k',
  l: 'l',
  quasi_identifiers: 'Quasi-identifiers',
  smallest_class: 'Smallest equivalence class',
  records_below_k: 'Records in classes smaller than k',
  classes: 'Equivalence classes',
};

function humanize(key: string): string {
  if (key in FIGURE_LABELS) return FIGURE_LABELS[key];
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function uniqueBy<T>(key: (item: T) => string): (item: T, index: number, all: T[]) => boolean {
  return (item, index, all) => all.findIndex((other) => key(other) === key(item)) === index;
}
