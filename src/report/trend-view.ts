/**
 * The trend section of the report: the key metrics of each attribute across the runs of an audit
 * history (oldest first, this run last), as a chart and a table per attribute, and one table of
 * the runs with what changed between them. Pure.
 */
import type { AuditResults, Verdict } from '../results/index.js';
import type { HistoryEntry, KeyMetric } from '../history/entry.js';
import { HEADLINE_METRICS } from '../metrics/registry.js';
import type { TrendLimit, TrendRun, TrendSeries } from './charts.js';
import { metricLabel } from './definitions.js';
import { formatDate, formatNumber } from './format.js';

/** The key metrics in the order the chart styles and the table columns follow: the headline rank (impact ratio first). */
const TREND_METRICS: readonly KeyMetric[] = HEADLINE_METRICS;

/** The table rows per attribute: the latest runs; the chart draws every run. */
const TREND_TABLE_ROWS = 30;

export interface TrendChartSpec {
  type: 'trend';
  id: string;
  title: string;
  runs: TrendRun[];
  series: TrendSeries[];
  limits: TrendLimit[];
}

export interface TrendRunRow {
  number: number;
  time: string;
  dataset: string;
  verdict: Verdict;
  checks: string;
  changes: string;
  isThis: boolean;
}

export interface TrendAttributeView {
  id: string;
  name: string;
  chart: TrendChartSpec | null;
  rows: { number: number; time: string; values: string[] }[];
}

export interface TrendView {
  runCount: number;
  from: string;
  to: string;
  /** Runs listed in the tables (the latest {@link TREND_TABLE_ROWS}). */
  shownCount: number;
  metricLabels: string[];
  runs: TrendRunRow[];
  attributes: TrendAttributeView[];
}

/**
 * The trend section for `history` (oldest first, this run last), or null with fewer than two runs.
 * Attributes are listed in the order of `results`, then any that only earlier runs audited.
 */
export function trendView(history: readonly HistoryEntry[] | undefined, results: AuditResults): TrendView | null {
  if (!history || history.length < 2) return null;
  const times = history.map((e) => Date.parse(e.time));
  const sameDay = new Set(history.map((e) => e.time.slice(0, 10))).size === 1;
  const runs: TrendRun[] = history.map((e, i) => ({
    time: Number.isNaN(times[i]) ? null : times[i],
    label: Number.isNaN(times[i]) ? `run ${i + 1}` : sameDay ? new Date(times[i]).toISOString().slice(11, 16) : new Date(times[i]).toISOString().slice(0, 10),
  }));
  const names = [...new Set([...results.attributes.map((a) => a.name), ...history.flatMap((e) => Object.keys(e.metrics ?? {}))])];
  const limits = policyLimits(results);
  const first = Math.max(0, history.length - TREND_TABLE_ROWS);
  const shown = history.slice(first);
  const attributes = names.map((name, index): TrendAttributeView => {
    const series: TrendSeries[] = TREND_METRICS.map((metric) => ({
      label: metricLabel(metric),
      values: history.map((e) => e.metrics?.[name]?.[metric] ?? null),
    }));
    const anyValue = series.some((s) => s.values.some((v) => v !== null));
    return {
      id: `trend-${index}`,
      name,
      chart: anyValue ? { type: 'trend', id: `trend-${index}-chart`, title: `Key metrics across runs: ${name}`, runs, series, limits } : null,
      rows: shown.map((e, i) => {
        const metrics = e.metrics?.[name];
        return { number: first + i + 1, time: formatDate(e.time), values: TREND_METRICS.map((m) => (metrics ? formatNumber(metrics[m]) : 'not audited')) };
      }),
    };
  });
  return {
    runCount: history.length,
    from: formatDate(history[0].time),
    to: formatDate(history[history.length - 1].time),
    shownCount: shown.length,
    metricLabels: TREND_METRICS.map((m) => metricLabel(m)),
    runs: shown.map((e, i) => runRow(e, first + i, history)),
    attributes,
  };
}

function runRow(entry: HistoryEntry, index: number, history: readonly HistoryEntry[]): TrendRunRow {
  const failed = entry.checks.filter((c) => c.verdict === 'fail').length;
  const warned = entry.checks.filter((c) => c.verdict === 'warn').length;
  const accepted = entry.checks.filter((c) => c.accepted?.in_force && (c.verdict === 'fail' || c.verdict === 'warn')).length;
  const previous = index > 0 ? history[index - 1] : undefined;
  const changes: string[] = [];
  if (previous) {
    if (!sameSet(entry.inputs.map((f) => f.sha256), previous.inputs.map((f) => f.sha256))) changes.push('data');
    if (entry.config_sha256 !== previous.config_sha256) changes.push('config');
    if (!sameSet((entry.models ?? []).map((m) => m.sha256), (previous.models ?? []).map((m) => m.sha256))) changes.push('model');
  }
  return {
    number: index + 1,
    time: formatDate(entry.time),
    dataset: entry.dataset,
    verdict: entry.verdict,
    checks: `${failed} failed, ${warned} warned checks of ${entry.checks.length}${accepted ? `; ${accepted} accepted` : ''}`,
    changes: !previous ? 'first run shown' : changes.length ? changes.join(', ') : 'nothing (same data, config and model)',
    isThis: index === history.length - 1,
  };
}

/** The policy's limits on the key metrics, one line per distinct value. */
function policyLimits(results: AuditResults): TrendLimit[] {
  const byValue = new Map<number, string[]>();
  for (const check of results.config.policy ?? []) {
    if (!(TREND_METRICS as readonly string[]).includes(check.metric)) continue;
    const value = check.min ?? check.max;
    if (value === undefined) continue;
    byValue.set(value, [...(byValue.get(value) ?? []), `${metricLabel(check.metric).toLowerCase()} ${check.min !== undefined ? '≥' : '≤'} ${value}`]);
  }
  return [...byValue].map(([value, labels]) => ({ value, label: `limit: ${labels.join(', ')}` }));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
