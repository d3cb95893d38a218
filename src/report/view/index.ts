/**
 * The report's view model: everything the templates show, computed once from the results and
 * already in words and formatted numbers, so the templates only lay it out. Pure. The results
 * are typed to the end (`discovery`, `masking`, `comparison` included): a saved audit.json is
 * checked against schemas/audit.schema.json where it is read, so nothing here reads defensively.
 */
import { SCORE_METRICS } from '../../metrics/registry.js';
import type { AuditResults } from '../../results/index.js';
import { groupKeyValues } from '../../text/group-key.js';
import { comparisonView } from '../comparison-view.js';
import { COMPLIANCE_MAP_AS_OF, complianceMap } from '../compliance.js';
import { metadataRows } from './metadata.js';
import { representativenessView } from './representativeness.js';
import { outcomeView } from './outcome.js';
import { metricLabel } from '../definitions.js';
import { formatCount, formatDate } from '../format.js';
import { trendView } from '../trend-view.js';
import { attributeView } from './attribute.js';
import { discoveryView, proxyRows } from './discovery.js';
import { definitions, limitations } from './limitations.js';
import { maskingView } from './masking.js';
import { provenance } from './provenance.js';
import { DATASET_METRICS, MISSING_GROUP } from './shared.js';
import type { ReportView, ViewOptions } from './types.js';
import { byConcern, checkRow, findings, verdictView } from './verdict.js';

export type * from './types.js';
export { acceptanceText, findings } from './verdict.js';

/** The report's sections in order; `optional` ones appear only when they have content. */
const SECTIONS: { id: string; title: string; optional?: 'comparison' | 'trend' }[] = [
  { id: 'verdict', title: 'Verdict' },
  { id: 'comparison', title: 'Changes since the baseline', optional: 'comparison' },
  { id: 'trend', title: 'Trend across runs', optional: 'trend' },
  { id: 'data', title: 'Data and provenance' },
  { id: 'discovery', title: 'Sensitive attributes and identifiers' },
  { id: 'representation', title: 'Representation' },
  { id: 'representativeness', title: 'Representativeness and data gaps' },
  { id: 'metrics', title: 'Metrics by attribute and intersection' },
  { id: 'proxies', title: 'Proxies' },
  { id: 'masking', title: 'Masking and k-anonymity' },
  { id: 'compliance', title: 'Compliance map (informational)' },
  { id: 'definitions', title: 'Definitions' },
  { id: 'limitations', title: 'Limitations' },
  { id: 'signoff', title: 'Review and sign-off' },
];

/** Builds the view model of the report for `results` (and `options.history`, for the trend). */
export function reportView(results: AuditResults, options: ViewOptions = {}): ReportView {
  const createdAt = formatDate(results.created_at);
  const all = results.attributes.map((a, i) => attributeView(a, i, results));
  const discovery = results.discovery;
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
    masking: results.masking ? maskingView(results.masking) : null,
    comparison,
    trend,
    datasetColumns: DATASET_METRICS.map((m) => ({ key: m.key, label: m.label, full: metricLabel(m.key) })),
    compliance: complianceMap(results, (key) => groupKeyValues(key), { signer: options.signer }),
    complianceAsOf: COMPLIANCE_MAP_AS_OF,
    metadata: metadataRows(results),
    representativeness: representativenessView(results),
    outcome: outcomeView(results),
    definitions: definitions(usedRates, usedAggregates, results, shown),
    limitations: limitations(results),
  };
}

function binMethod(method: string): string {
  if (method === 'age') return 'age bands (<25, 25–44, 45–64, 65+)';
  if (method === 'quartiles') return 'quartiles of the data';
  return 'cut points from the config';
}

function uniqueBy<T>(key: (item: T) => string): (item: T, index: number, all: T[]) => boolean {
  return (item, index, all) => all.findIndex((other) => key(other) === key(item)) === index;
}
