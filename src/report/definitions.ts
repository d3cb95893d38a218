/**
 * The names and definitions (formulas in words) of every metric the report can show, read from
 * the metric registry (src/metrics/registry.ts). Names the registry does not know (a results file
 * from another version) named `<rate>_difference` / `<rate>_ratio` are defined from their rate, so
 * they still read sensibly in the report.
 */
import { METRICS, metricRow } from '../metrics/registry.js';
import { RATE_NAMES } from '../metrics/rates.js';

/** One metric as the report explains it. */
export interface MetricDefinition {
  /** The name in `audit.json`. */
  name: string;
  /** A short label for tables. */
  label: string;
  /** What it is, with the formula in words. */
  definition: string;
  /** How the value is printed: as a percentage or as a plain number. */
  kind: 'percent' | 'number';
}

/** The prefix of drift checks (`drift:impact_ratio`), as the comparison with a baseline names them. */
const DRIFT_PREFIX = 'drift:';

/** The definition of `name`; unknown names get a plain, honest fallback. */
export function metricDefinition(name: string): MetricDefinition {
  if (name.startsWith(DRIFT_PREFIX)) {
    const base = metricDefinition(name.slice(DRIFT_PREFIX.length));
    return {
      name,
      label: `Drift: ${lowerFirst(base.label)}`,
      definition: `How much worse ${lowerFirst(base.label)} got since the baseline run: the change in the harmful direction (a fall for a ratio, a rise for a difference, either way for a rate). The check fails or warns when it is larger than the drift tolerance of the config; an improvement never fails.`,
      kind: 'number',
    };
  }
  const row = metricRow(name);
  if (row) return { name, label: row.label, definition: row.definition, kind: row.kind };
  const derived = /^(.+)_(difference|ratio)$/.exec(name);
  if (derived && (RATE_NAMES as readonly string[]).includes(derived[1])) {
    const rateLabel = METRICS[derived[1] as (typeof RATE_NAMES)[number]].label;
    const definition =
      derived[2] === 'difference'
        ? `Highest minus lowest ${lowerFirst(rateLabel)} among the judged groups. 0 means equal.`
        : `Lowest ÷ highest ${lowerFirst(rateLabel)} among the judged groups. 1 means equal.`;
    return { name, label: `${rateLabel.replace(/ \(.*\)$/, '')} ${derived[2]}`, definition, kind: 'number' };
  }
  return { name, label: name.replace(/_/g, ' '), definition: 'A metric computed by fairaudit; see audit.json for its value.', kind: 'number' };
}

/** The short label of `name`. */
export function metricLabel(name: string): string {
  return metricDefinition(name).label;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}
