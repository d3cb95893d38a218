/**
 * The lines summary.md gives a multiclass or regression audit after its task: for each attribute,
 * where the headline disparity is. A multiclass audit names the worst class of its first headline
 * aggregate that has one (demographic parity difference) and the judged groups with the lowest and
 * highest selection rate of that class; a regression audit names the judged group with the
 * largest mean absolute error (bounded group loss) and the one with the smallest. Pure.
 */
import type { AttributeResult, AuditResults, GroupResult } from '../results/index.js';
import { HEADLINE_METRICS } from '../metrics/registry.js';
import { groupKeyValues } from '../text/group-key.js';
import { metricLabel } from './definitions.js';
import { formatNumber, formatPercent } from './format.js';

/** Escapes text for Markdown (summary.md's own escaping, passed in to keep one definition). */
type Escape = (text: string) => string;

/**
 * The Markdown lines (a heading line, one bullet per attribute, a blank line) that say where the
 * headline disparity of a multiclass or regression audit is; none for a binary audit or when no
 * attribute has a judged group with the numbers.
 *
 * @example
 * taskSummaryLines(results, markdownText);
 * // ['**Worst class by attribute** (demographic parity difference, …):', '- sex: 0.010, worst class low: …', '']
 */
export function taskSummaryLines(results: AuditResults, md: Escape): string[] {
  const task = results.task?.name;
  if (task === 'multiclass') {
    const bullets = results.attributes.map((a) => worstClassLine(a, md)).filter((line): line is string => line !== null);
    return bullets.length ? [`**Worst class by attribute** (${md(firstHeadlineWithClass(results))}, the largest gap over the classes; groups too small to judge left out):`, '', ...bullets, ''] : [];
  }
  if (task === 'regression') {
    const bullets = results.attributes.map((a) => worstGroupLine(a, md)).filter((line): line is string => line !== null);
    return bullets.length ? ['**Worst group by attribute** (mean absolute error, the bounded group loss; groups too small to judge left out):', '', ...bullets, ''] : [];
  }
  return [];
}

/** The label of the first headline metric that names a worst class (demographic parity difference). */
function firstHeadlineWithClass(results: AuditResults): string {
  const names = new Set(results.attributes.flatMap((a) => Object.keys(a.worst_class ?? {})));
  const name = HEADLINE_METRICS.find((m) => names.has(m));
  return name ? metricLabel(name).toLowerCase() : 'worst class';
}

function worstClassLine(attribute: AttributeResult, md: Escape): string | null {
  const metric = HEADLINE_METRICS.find((m) => attribute.worst_class?.[m] !== undefined);
  if (!metric) return null;
  const worst = attribute.worst_class![metric];
  const rate = (g: GroupResult) => g.classes?.[worst]?.rates.selection_rate ?? null;
  const span = extremes(attribute.groups, rate);
  const value = formatNumber(attribute.aggregates[metric] ?? null);
  const where = span
    ? `: its selection rate is ${formatPercent(span.low.value)} for ${md(name(attribute, span.low.group))} and ${formatPercent(span.high.value)} for ${md(name(attribute, span.high.group))}`
    : '';
  return `- ${md(attribute.name)}: ${value}, worst class ${md(worst)}${where}.`;
}

function worstGroupLine(attribute: AttributeResult, md: Escape): string | null {
  const span = extremes(attribute.groups, (g) => g.regression?.mae ?? null);
  if (!span) return null;
  return `- ${md(attribute.name)}: worst group ${md(name(attribute, span.high.group))}, MAE ${formatNumber(span.high.value)}; best ${md(name(attribute, span.low.group))}, MAE ${formatNumber(span.low.value)}.`;
}

function name(attribute: AttributeResult, g: GroupResult): string {
  return groupKeyValues(g.key, attribute.features);
}

/** The judged groups with the lowest and highest value (the first in group order on a tie), or null when none has one. */
function extremes(groups: readonly GroupResult[], value: (g: GroupResult) => number | null): { low: { group: GroupResult; value: number }; high: { group: GroupResult; value: number } } | null {
  let low: { group: GroupResult; value: number } | null = null;
  let high: { group: GroupResult; value: number } | null = null;
  for (const group of groups) {
    const v = value(group);
    if (!group.eligible || v === null || !Number.isFinite(v)) continue;
    if (!low || v < low.value) low = { group, value: v };
    if (!high || v > high.value) high = { group, value: v };
  }
  return low && high ? { low, high } : null;
}
