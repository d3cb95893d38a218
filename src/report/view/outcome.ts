/**
 * The report section of a multiclass or regression audit (DESIGN §10, §14): the task and how it
 * was decided, per-class tables with a chart of each class's selection rate by group, the
 * confusion matrix of each group, and for regression a table and a box plot per group (inline
 * SVG with a table as its text equivalent), with the definitions of every metric shown.
 */
import type { AttributeResult, AuditResults } from '../../results/index.js';
import { METRICS, MULTICLASS_AGGREGATES, REGRESSION_AGGREGATES, isMetricName } from '../../metrics/registry.js';
import { groupKeyValues } from '../../text/group-key.js';
import { formatCount, formatInterval, formatNumber, formatPercent } from '../format.js';

/** What the outcome partial renders. */
export interface OutcomeView {
  title: string;
  task: string;
  reason: string;
  method: string | null;
  attributes: OutcomeAttributeView[];
  definitions: { label: string; definition: string }[];
}

interface OutcomeAttributeView {
  name: string;
  id: string;
  headers: string[];
  rows: { cells: string[] }[];
  /** Inline SVG markup, escaped here. */
  svg: string | null;
  svgCaption: string;
  aggregates: { label: string; value: string; interval: string; note: string }[];
  confusion: { group: string; classes: string[]; rows: { label: string; cells: string[] }[] }[];
}

/** XML text escaping for SVG built here. */
function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The view of the section, or null for a binary audit. */
export function outcomeView(results: AuditResults): OutcomeView | null {
  const task = results.task;
  if (!task || task.name === 'binary') return null;
  const multiclass = task.name === 'multiclass';
  const names = multiclass ? MULTICLASS_AGGREGATES : REGRESSION_AGGREGATES;
  return {
    title: multiclass ? 'Per-class metrics (multiclass)' : 'Error and distribution metrics (regression)',
    task: task.name,
    reason: `${task.detected ? 'Detected' : 'Set by the config'}: ${task.reason}.`,
    method: task.method ?? null,
    attributes: results.attributes.map((a, i) => (multiclass ? classAttribute(a, i, task.classes ?? []) : regressionAttribute(a, i))),
    definitions: names.filter((n) => isMetricName(n)).map((n) => ({ label: METRICS[n].label, definition: METRICS[n].definition })),
  };
}

function aggregateRows(a: AttributeResult, names: readonly string[]): OutcomeAttributeView['aggregates'] {
  return names
    .filter((n) => n in a.aggregates)
    .map((n) => ({
      label: isMetricName(n) ? METRICS[n].label : n,
      value: formatNumber(a.aggregates[n]),
      interval: a.aggregate_intervals[n] ? formatInterval(a.aggregate_intervals[n], 'number') : '—',
      note: a.aggregate_notes[n] ?? '',
    }));
}

function classAttribute(a: AttributeResult, index: number, classes: string[]): OutcomeAttributeView {
  const groups = a.groups.filter((g) => g.classes);
  const rows = groups.map((g) => ({
    cells: [groupKeyValues(g.key), formatCount(g.n), ...classes.flatMap((c) => [formatPercent(g.classes![c].rates.selection_rate), formatPercent(g.classes![c].rates.tpr)])],
  }));
  const worst = Object.entries(a.worst_class ?? {}).map(([name, c]) => `${isMetricName(name) ? METRICS[name].label : name}: ${c}`);
  return {
    name: a.name,
    id: `outcome-${index}`,
    headers: ['Group', 'n', ...classes.flatMap((c) => [`${c}: selection rate`, `${c}: TPR`])],
    rows,
    svg: classChart(groups.map((g) => ({ name: groupKeyValues(g.key), rates: classes.map((c) => g.classes![c].rates.selection_rate) })), classes),
    svgCaption: `Selection rate of each class by group (bars in class order ${classes.join(', ')}). Text alternative: the table above holds the same numbers.`,
    aggregates: [
      ...aggregateRows(a, ['demographic_parity_difference', 'equalized_odds_difference', 'impact_ratio', ...MULTICLASS_AGGREGATES]),
      ...(worst.length ? [{ label: 'Worst class of each aggregate', value: '', interval: '', note: worst.slice(0, 6).join('; ') }] : []),
    ],
    confusion: groups
      .filter((g) => g.confusion)
      .map((g) => ({
        group: groupKeyValues(g.key),
        classes,
        rows: g.confusion!.matrix.map((row, i) => ({ label: classes[i], cells: row.map((x) => formatCount(x)) })),
      })),
  };
}

function regressionAttribute(a: AttributeResult, index: number): OutcomeAttributeView {
  const groups = a.groups.filter((g) => g.regression);
  const rows = groups.map((g) => {
    const r = g.regression!;
    return {
      cells: [groupKeyValues(g.key), formatCount(r.n), formatNumber(r.mean_label), formatNumber(r.mean_prediction), formatNumber(r.mean_error), formatNumber(r.mae), formatNumber(r.rmse), formatNumber(r.r2), formatPercent(r.share_above.median)],
    };
  });
  return {
    name: a.name,
    id: `outcome-${index}`,
    headers: ['Group', 'n', 'Mean label', 'Mean prediction', 'Mean error', 'MAE', 'RMSE', 'R²', 'Above overall median'],
    rows,
    svg: boxPlot(groups.filter((g) => g.regression!.distribution).map((g) => ({ name: groupKeyValues(g.key), d: g.regression!.distribution! }))),
    svgCaption: 'Distribution of the prediction (the label without predictions) by group: the box spans the quartiles, the line inside is the median, the whiskers reach the smallest and largest value. Text alternative: the table above.',
    aggregates: aggregateRows(a, ['impact_ratio', ...REGRESSION_AGGREGATES]),
    confusion: [],
  };
}

const WIDTH = 640;
const LEFT = 150;

/** Horizontal box plots, one per group, on one shared axis. */
function boxPlot(groups: { name: string; d: { min: number; q1: number; median: number; q3: number; max: number } }[]): string | null {
  if (groups.length === 0) return null;
  const lo = Math.min(...groups.map((g) => g.d.min));
  const hi = Math.max(...groups.map((g) => g.d.max));
  const span = hi - lo || 1;
  const x = (v: number) => LEFT + ((v - lo) / span) * (WIDTH - LEFT - 20);
  const rowHeight = 26;
  const height = groups.length * rowHeight + 30;
  const parts = groups.map((g, i) => {
    const y = 10 + i * rowHeight;
    const mid = y + rowHeight / 2 - 3;
    return [
      `<text x="${LEFT - 6}" y="${mid + 4}" text-anchor="end" font-size="11">${xml(g.name)}</text>`,
      `<line x1="${x(g.d.min)}" x2="${x(g.d.max)}" y1="${mid}" y2="${mid}" stroke="#52606d"/>`,
      `<rect x="${x(g.d.q1)}" y="${y + 3}" width="${Math.max(1, x(g.d.q3) - x(g.d.q1))}" height="${rowHeight - 12}" fill="#9fb3c8" stroke="#243b53"/>`,
      `<line x1="${x(g.d.median)}" x2="${x(g.d.median)}" y1="${y + 3}" y2="${y + rowHeight - 9}" stroke="#102a43" stroke-width="2"/>`,
    ].join('');
  });
  const axis = `<text x="${LEFT}" y="${height - 6}" font-size="10">${xml(formatNumber(lo))}</text><text x="${WIDTH - 20}" y="${height - 6}" font-size="10" text-anchor="end">${xml(formatNumber(hi))}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="Box plot by group">${parts.join('')}${axis}</svg>`;
}

/** Grouped horizontal bars: per group, one bar per class's selection rate. */
function classChart(groups: { name: string; rates: (number | null)[] }[], classes: string[]): string | null {
  if (groups.length === 0 || classes.length === 0) return null;
  const bar = 8;
  const rowHeight = classes.length * bar + 10;
  const height = groups.length * rowHeight + 20;
  const x = (v: number) => LEFT + v * (WIDTH - LEFT - 60);
  const shades = ['#243b53', '#627d98', '#9fb3c8', '#d9e2ec', '#829ab1', '#486581'];
  const parts = groups.map((g, i) => {
    const y = 6 + i * rowHeight;
    const bars = g.rates.map((r, k) =>
      r === null ? '' : `<rect x="${LEFT}" y="${y + k * bar}" width="${Math.max(0.5, x(r) - LEFT)}" height="${bar - 1}" fill="${shades[k % shades.length]}" stroke="#102a43" stroke-width="0.3"><title>${xml(`${g.name}, ${classes[k]}: ${formatPercent(r)}`)}</title></rect>`,
    );
    return `<text x="${LEFT - 6}" y="${y + (classes.length * bar) / 2 + 4}" text-anchor="end" font-size="11">${xml(g.name)}</text>${bars.join('')}`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="Selection rate by class and group">${parts.join('')}</svg>`;
}
