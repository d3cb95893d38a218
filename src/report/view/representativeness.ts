/**
 * The report's representativeness and data-gaps section: observed shares against the declared
 * population, with intervals and the goodness-of-fit test, and the gap list. Pure.
 */
import type { AuditResults } from '../../results/index.js';
import { formatCount, formatInterval, formatNumber, formatPValue, formatPercent } from '../format.js';

/** One group row: observed share (interval) against the target. */
export interface RepresentativenessRow {
  label: string;
  n: string;
  observed: string;
  interval: string;
  target: string;
  gap: string;
  /** The whole interval lies below the target. */
  under: boolean;
}

/** One attribute's table. */
export interface RepresentativenessTable {
  attribute: string;
  missing: string;
  rows: RepresentativenessRow[];
  test: string;
}

/** The section's content. */
export interface RepresentativenessView {
  /** False for results written before representativeness was measured (an older audit.json). */
  measured: boolean;
  tables: RepresentativenessTable[];
  gaps: string[];
}

/** The representativeness section of `results` (empty tables and gaps when there are none). */
export function representativenessView(results: AuditResults): RepresentativenessView {
  const r = results.representativeness;
  if (!r) return { measured: false, tables: [], gaps: [] };
  const tables = r.attributes.map((a) => ({
    attribute: a.attribute,
    missing: `${formatCount(a.missing)} row(s) with no value (${formatPercent(a.missing_share)}), left out of the shares`,
    rows: a.groups.map((g) => ({
      label: g.value,
      n: formatCount(g.n),
      observed: formatPercent(g.observed_share),
      interval: formatInterval(g.interval),
      target: g.target_share === null ? 'not declared' : formatPercent(g.target_share),
      gap: g.gap === null ? 'n/a' : `${g.gap > 0 ? '+' : g.gap < 0 ? '−' : '±'}${formatNumber(Math.abs(g.gap) * 100, 1)} pts`,
      under: g.target_share !== null && g.interval !== null && g.interval[1] < g.target_share,
    })),
    test: a.test
      ? `Chi-square goodness of fit: χ² = ${formatNumber(a.test.statistic, 2)} on ${a.test.df} degree(s) of freedom, p ${formatPValue(a.test.p_value).startsWith('<') ? '' : '= '}${formatPValue(a.test.p_value)}${a.test.note ? ` (${a.test.note})` : ''}.`
      : `No goodness-of-fit test: ${a.test_null_reason ?? 'not computed'}.`,
  }));
  return { measured: true, tables, gaps: r.gaps.map((g) => g.message) };
}
