/**
 * The comparison section of the report, from `results.comparison` (a {@link Comparison} with a
 * baseline run): every aggregate now and at the baseline with the change, the drift tolerance and
 * whether the two intervals still overlap; per-group changes; new and vanished groups and
 * attributes; changed inputs, config and models. Pure.
 */

import type { AggregateChange, AttributeComparison, CheckResult, Comparison, GroupChange, GroupValueName, ValueChange, Verdict } from '../results/index.js';
import { metricDefinition } from './definitions.js';
import { formatChange, formatDate, formatInterval, formatNumber, formatPercent } from './format.js';

/** One aggregate of one attribute, now against the baseline, in words. */
export interface ComparisonAggregateRow {
  name: string;
  label: string;
  baseline: string;
  baselineInterval?: string;
  current: string;
  currentInterval?: string;
  change: string;
  /** "worse by 0.090", "better by 0.010", or "" when the change is undefined or zero. */
  direction: string;
  tolerance: string;
  /** `inconclusive`: the range of changes both intervals allow contains the tolerance. */
  drift: { found: boolean | null; text: string; verdict?: Verdict; inconclusive?: boolean };
  overlap: { overlap: boolean | null; text: string };
}

/** One value of a group now against the baseline: `44.8% → 50.7%` and the change. */
export interface ComparisonCell {
  text: string;
  change: string;
}

export interface ComparisonGroupRow {
  label: string;
  n: ComparisonCell;
  eligibility: string;
  values: ComparisonCell[];
}

export interface ComparisonAttributeView {
  id: string;
  name: string;
  status: AttributeComparison['status'];
  /** "present in both runs", "new in this run", "no longer audited". */
  statusText: string;
  aggregates: ComparisonAggregateRow[];
  groups: ComparisonGroupRow[];
  newGroups: string;
  vanishedGroups: string;
}

export interface ComparisonView {
  /** "This run … compared with the baseline run …". */
  intro: string;
  /** "2 of 8 drift checks found drift beyond the tolerance." */
  driftSummary: string;
  driftFound: boolean;
  changes: { label: string; value: string; changed: boolean | null; detail: string[] }[];
  tolerances: string[];
  notes: string[];
  newAttributes: string;
  vanishedAttributes: string;
  groupColumns: string[];
  attributes: ComparisonAttributeView[];
}

/** The per-group values, as the comparison carries them, with how each is printed. */
const GROUP_COLUMNS: { name: GroupValueName; label: string; kind: 'percent' | 'number' }[] = [
  { name: 'selection_rate', label: 'Selection rate', kind: 'percent' },
  { name: 'tpr', label: 'TPR', kind: 'percent' },
  { name: 'fpr', label: 'FPR', kind: 'percent' },
  { name: 'impact_ratio', label: 'Impact ratio', kind: 'number' },
];

const VERDICT_WORDS: Record<Verdict, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', 'insufficient-data': 'INSUFFICIENT DATA' };

/**
 * The comparison section's view model, or null when the audit had no baseline. `groupLabel`
 * names a group as the rest of the report does.
 */
export function comparisonView(comparison: Comparison | undefined, groupLabel: (key: Record<string, string>) => string): ComparisonView | null {
  if (!comparison) return null;
  const c = comparison;
  const driftChecks = c.checks.filter((check) => check.metric.startsWith('drift:'));
  const judged = driftChecks.filter((check) => check.verdict !== 'insufficient-data');
  const found = judged.filter((check) => check.verdict === 'fail' || check.verdict === 'warn');
  const driftSummary = driftChecks.length
    ? `${found.length} of ${judged.length} judged drift check${judged.length === 1 ? '' : 's'} found drift beyond the tolerance${found.length ? '' : ': no key metric got worse by more than allowed'}.${driftChecks.length > judged.length ? ` ${driftChecks.length - judged.length} could not be judged because a value is n/a in one of the runs.` : ''}`
    : 'No drift check was judged: the config sets no drift tolerance that matches a metric of both runs.';
  return {
    intro:
      `This run (${formatDate(c.current.created_at)}, verdict ${VERDICT_WORDS[c.current.verdict] ?? c.current.verdict}) compared with the baseline run: ` +
      `the audit of ${c.baseline.dataset} finished ${formatDate(c.baseline.created_at)} with fairaudit ${c.baseline.tool_version} (verdict ${VERDICT_WORDS[c.baseline.verdict] ?? c.baseline.verdict}).`,
    driftSummary,
    driftFound: found.length > 0,
    changes: [
      {
        label: 'Input data',
        changed: c.inputs.changed,
        value: c.inputs.changed ? 'different input files (by SHA-256)' : 'the same files, byte for byte (same SHA-256)',
        detail: c.inputs.changed
          ? [...c.inputs.baseline.map((f) => `baseline: ${f.path} ${f.sha256}`), ...c.inputs.current.map((f) => `now: ${f.path} ${f.sha256}`)]
          : c.inputs.current.map((f) => `${f.path} ${f.sha256}`),
      },
      {
        label: 'Resolved config',
        changed: c.config.changed,
        value: c.config.changed ? 'differences in the results may come from the config, not the data' : 'unchanged',
        detail: c.config.changed ? [`baseline: ${c.config.baseline_sha256}`, `now: ${c.config.current_sha256}`] : [c.config.current_sha256],
      },
      {
        label: 'Model',
        changed: c.models.recorded ? c.models.changed : null,
        value: !c.models.recorded
          ? 'not recorded in either run (run the audit with --model to record the SHA-256 of the model)'
          : c.models.changed
            ? 'a different model file (by SHA-256) made the predictions'
            : 'unchanged (same SHA-256)',
        detail: c.models.files.flatMap((f) => {
          const from = f.baseline_path ? ` (was ${f.baseline_path})` : '';
          const status = { same: 'same', changed: 'changed', added: 'added since the baseline', removed: 'no longer recorded' }[f.status] ?? f.status;
          return [`${f.path}${from}: ${status}`, `baseline: ${f.baseline_sha256 ?? 'none'}`, `now: ${f.current_sha256 ?? 'none'}`];
        }),
      },
    ],
    tolerances: c.tolerances.map(
      (t) => `${metricDefinition(t.metric).label} (${t.metric}): may get worse by at most ${t.max_change} (${t.severity ?? 'fail'} beyond it)`,
    ),
    notes: c.notes,
    newAttributes: c.new_attributes.join(', '),
    vanishedAttributes: c.vanished_attributes.join(', '),
    groupColumns: GROUP_COLUMNS.map((col) => col.label),
    attributes: c.attributes.map((a, i) => attributeComparison(a, i, c.checks, groupLabel)),
  };
}

function attributeComparison(a: AttributeComparison, index: number, checks: readonly CheckResult[], groupLabel: (key: Record<string, string>) => string): ComparisonAttributeView {
  const statusText = a.status === 'new' ? 'new in this run: not audited at the baseline' : a.status === 'vanished' ? 'no longer audited: present only at the baseline' : 'audited in both runs';
  const tolerated = a.aggregates.filter((g) => g.tolerance !== null);
  const rest = a.aggregates.filter((g) => g.tolerance === null);
  return {
    id: `cmp-${index}`,
    name: a.name,
    status: a.status,
    statusText,
    aggregates: [...tolerated, ...rest].map((g) => aggregateRow(a.name, g, checks)),
    groups: a.groups.map((g) => groupRow(g, groupLabel)),
    newGroups: a.new_groups.join('; '),
    vanishedGroups: a.vanished_groups.join('; '),
  };
}

function aggregateRow(attribute: string, g: AggregateChange, checks: readonly CheckResult[]): ComparisonAggregateRow {
  const check = checks.find((c) => c.metric === `drift:${g.metric}` && c.attribute === attribute && !c.group);
  const value = (v: number | null) => (v === null ? 'n/a' : formatNumber(v));
  const direction =
    g.worse_by === null || g.change === null || g.change === 0
      ? ''
      : g.harmful_direction === 'either'
        ? `changed by ${formatNumber(Math.abs(g.change))}`
        : g.worse_by > 0
          ? `worse by ${formatNumber(g.worse_by)}`
          : `better by ${formatNumber(-g.worse_by)}`;
  let drift: ComparisonAggregateRow['drift'];
  if (g.tolerance === null) drift = { found: null, text: 'no tolerance' };
  else if (g.drift === null) drift = { found: null, text: 'not judged: a value is n/a', verdict: check?.verdict };
  else if (g.drift) drift = { found: true, text: `drift: worse by ${formatNumber(g.worse_by)}, more than ${g.tolerance}`, verdict: check?.verdict };
  else drift = { found: false, text: `no drift (${g.tolerance} allowed)`, verdict: check?.verdict };
  if (check?.inconclusive && check.verdict !== 'insufficient-data') drift.inconclusive = true;
  return {
    name: g.metric,
    label: metricDefinition(g.metric).label,
    baseline: value(g.baseline),
    baselineInterval: g.baseline_interval ? formatInterval(g.baseline_interval, 'number') : undefined,
    current: value(g.current),
    currentInterval: g.current_interval ? formatInterval(g.current_interval, 'number') : undefined,
    change: formatChange(g.change, 'number'),
    direction,
    tolerance: g.tolerance === null ? '—' : `${g.tolerance}`,
    drift,
    overlap:
      g.intervals_overlap === null
        ? { overlap: null, text: '—' }
        : g.intervals_overlap
          ? { overlap: true, text: 'still overlap' }
          : { overlap: false, text: 'no longer overlap' },
  };
}

function groupRow(g: GroupChange, groupLabel: (key: Record<string, string>) => string): ComparisonGroupRow {
  const eligibility =
    g.eligible.baseline && g.eligible.current
      ? 'judged in both'
      : !g.eligible.baseline && !g.eligible.current
        ? 'too small in both'
        : g.eligible.current
          ? 'judged now, too small at the baseline'
          : 'too small now, judged at the baseline';
  return {
    label: groupLabel(g.key),
    n: { text: `${count(g.n.baseline)} → ${count(g.n.current)}`, change: g.n.change === null || g.n.change === 0 ? '' : `${g.n.change > 0 ? '+' : '−'}${count(Math.abs(g.n.change))} rows` },
    eligibility,
    values: GROUP_COLUMNS.map((col) => cell(g.values[col.name], col.kind)),
  };
}

function cell(v: ValueChange | undefined, kind: 'percent' | 'number'): ComparisonCell {
  if (!v) return { text: 'n/a', change: '' };
  const show = (x: number | null) => (kind === 'percent' ? formatPercent(x) : formatNumber(x));
  return { text: `${show(v.baseline)} → ${show(v.current)}`, change: v.change === null ? '' : formatChange(v.change, kind) };
}

function count(n: number | null): string {
  return n === null ? 'n/a' : new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(n);
}
