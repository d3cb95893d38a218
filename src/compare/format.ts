/** The comparison as text for a terminal (`fairaudit compare`). Pure. */
import type { CheckResult } from '../results/index.js';
import type { AggregateChange, AttributeComparison, Comparison, RunRef } from './comparison.js';
import { GROUP_VALUES } from './comparison.js';
import { DRIFT_PREFIX } from './drift.js';
import { fixed, signedFixed, textTable } from './text-table.js';
import { isAcceptedInForce } from '../accept/accept.js';
import { terminalSafe } from '../text/terminal.js';

/**
 * A readable report of `comparison`: both runs, what changed in inputs, config and models, per
 * attribute a table of aggregates (baseline, current, change, how much worse, tolerance, whether
 * the intervals overlap, drift verdict) and a table of group rates, then the drift checks and notes.
 * Every string from the two audit.json files is shown with its control characters escaped.
 */
export function formatComparison(unsafe: Comparison): string {
  const comparison = terminalSafe(unsafe);
  const out: string[] = [];
  out.push(`baseline: ${runLine(comparison.baseline)}`);
  out.push(`current:  ${runLine(comparison.current)}`);
  out.push(
    `inputs ${comparison.inputs.changed ? 'changed' : 'unchanged'}; config ${comparison.config.changed ? 'changed' : 'unchanged'}; ` +
      `model ${!comparison.models.recorded ? 'not recorded' : comparison.models.changed ? 'CHANGED' : 'unchanged'}`,
  );
  for (const attribute of comparison.attributes) {
    out.push('', attributeTitle(attribute));
    if (attribute.aggregates.length > 0) out.push(indent(aggregateTable(attribute, comparison.checks)));
    if (attribute.groups.length > 0) out.push('', indent(groupTable(attribute)));
    if (attribute.status === 'both') {
      if (attribute.new_groups.length > 0) out.push(`  new groups: ${attribute.new_groups.join('; ')}`);
      if (attribute.vanished_groups.length > 0) out.push(`  vanished groups: ${attribute.vanished_groups.join('; ')}`);
    }
  }
  out.push('', driftSummary(comparison.checks));
  for (const check of comparison.checks.filter((c) => c.verdict !== 'pass')) out.push(`  ${checkLabel(check)}  ${check.message}${acceptedText(check)}`);
  if (comparison.notes.length > 0) {
    out.push('', 'notes:');
    for (const note of comparison.notes) out.push(`  - ${note}`);
  }
  return out.join('\n') + '\n';
}

function runLine(run: RunRef): string {
  return `${run.dataset}, ${run.created_at} (fairaudit ${run.tool_version}), verdict ${run.verdict}`;
}

function attributeTitle(attribute: AttributeComparison): string {
  if (attribute.status === 'new') return `${attribute.name} (new: not in the baseline)`;
  if (attribute.status === 'vanished') return `${attribute.name} (vanished: only in the baseline)`;
  return attribute.name;
}

function aggregateTable(attribute: AttributeComparison, checks: readonly CheckResult[]): string {
  const rows = attribute.aggregates.map((a) => {
    const check = checks.find((c) => c.attribute === attribute.name && c.metric === `${DRIFT_PREFIX}${a.metric}` && !c.group);
    return [
      a.metric,
      fixed(a.baseline),
      fixed(a.current),
      signedFixed(a.change),
      a.worse_by === null ? 'n/a' : signedFixed(a.worse_by),
      tolerance(a),
      a.intervals_overlap === null ? '-' : a.intervals_overlap ? 'overlap' : 'apart',
      check ? checkLabel(check) : '-',
    ];
  });
  return textTable(['metric', 'baseline', 'current', 'change', 'worse by', 'allowed', 'intervals', 'drift'], rows, ['left', 'right', 'right', 'right', 'right', 'left', 'left', 'left']);
}

function tolerance(a: AggregateChange): string {
  if (a.tolerance === null) return '-';
  const arrow = a.harmful_direction === 'down' ? ' down' : a.harmful_direction === 'up' ? ' up' : ' either';
  return `${a.tolerance}${arrow}`;
}

function groupTable(attribute: AttributeComparison): string {
  const rows = attribute.groups.map((g) => [
    g.group,
    `${fixed(g.n.baseline, 0)} → ${fixed(g.n.current, 0)}`,
    ...GROUP_VALUES.map((name) => {
      const v = g.values[name];
      return v.baseline === null && v.current === null ? 'n/a' : `${fixed(v.baseline)} → ${fixed(v.current)} (${signedFixed(v.change)})`;
    }),
    g.eligible.current && g.eligible.baseline ? '' : 'too small in a run',
  ]);
  return textTable(['group', 'n', ...GROUP_VALUES, ''], rows);
}

function driftSummary(checks: readonly CheckResult[]): string {
  if (checks.length === 0) return 'drift checks: none (no drift tolerance applies)';
  const count = (verdict: string) => checks.filter((c) => c.verdict === verdict).length;
  // "warned checks" are WARN verdicts; "warnings" are things about a run (src/audit/summary.ts).
  const warned = count('warn');
  const parts = [`${count('fail')} failed`, `${warned} warned check${warned === 1 ? '' : 's'}`, `${count('pass')} passed`];
  if (count('insufficient-data') > 0) parts.push(`${count('insufficient-data')} could not be judged`);
  const accepted = checks.filter(isAcceptedInForce).length;
  if (accepted > 0) parts.push(`${accepted} accepted`);
  const unsure = checks.filter((c) => (c.verdict === 'fail' || c.verdict === 'warn') && isInconclusive(c)).length;
  const note = unsure > 0 ? ` (${unsure} of the failed or warned checks inconclusive: both runs' 95% intervals allow a change within the tolerance)` : '';
  return `drift checks: ${parts.join(', ')}${note}`;
}

function checkLabel(check: CheckResult): string {
  const verdict = check.verdict === 'pass' ? 'pass' : check.verdict === 'insufficient-data' ? 'n/a' : check.verdict.toUpperCase();
  const marks = [isInconclusive(check) ? 'inconclusive' : '', isAcceptedInForce(check) ? 'accepted' : ''].filter(Boolean);
  return marks.length ? `${verdict} (${marks.join(', ')})` : verdict;
}

/** The range of changes both runs' intervals allow contains the tolerance: noise could explain the verdict. */
function isInconclusive(check: CheckResult): boolean {
  return check.inconclusive === true && check.verdict !== 'insufficient-data';
}

function acceptedText(check: CheckResult): string {
  if (!check.accepted) return '';
  const { reason, owner, expires, expired } = check.accepted;
  return expired ? ` [acceptance by ${owner} expired ${expires}]` : ` [accepted by ${owner} until ${expires}: ${reason}]`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
