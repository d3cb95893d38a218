/**
 * Comparing an audit with a baseline audit: every aggregate now and then, the change, drift
 * against the configured tolerances, whether the bootstrap intervals still overlap, per-group
 * rates, new and vanished groups and attributes, and changed inputs, config and models. Pure.
 */
import type { AttributeResult, AuditResults, CheckResult, GroupResult, RateName } from '../results/index.js';
import type { AggregateChange, AttributeComparison, Comparison, GroupChange, GroupValueName, RunRef, ValueChange } from '../results/index.js';
import type { DriftTolerance } from '../config/types.js';
import { driftCheck, harmfulDirection, intervalsOverlap, worseBy } from './drift.js';
import { groupKeyPairs } from '../text/group-key.js';
import { compareModels } from './models.js';

/** The per-group values a comparison shows. */
export const GROUP_VALUES: readonly GroupValueName[] = ['selection_rate', 'tpr', 'fpr', 'impact_ratio'];
export type { GroupValueName } from '../results/comparison.js';

/** The per-group rates a drift tolerance may name (judged per group on the absolute change). */
const GROUP_RATES: readonly RateName[] = [
  'base_rate', 'selection_rate', 'favorable_rate', 'tpr', 'fnr', 'fpr', 'tnr', 'ppv', 'fdr', 'npv', 'for', 'accuracy', 'treatment_equality',
];

export type { AggregateChange, AttributeComparison, Comparison, GroupChange, RunRef, ValueChange } from '../results/comparison.js';

/**
 * Compares `current` with `baseline` under `drift` tolerances. Each tolerance naming an aggregate
 * (`impact_ratio`, `demographic_parity_difference`, …) yields one drift check per attribute present
 * in both runs; one naming a group rate (`selection_rate`, `tpr`, …) yields one per group eligible
 * in both runs. Drift is judged in the harmful direction only (see `drift.ts`).
 *
 * @example
 * const comparison = compareResults(today, yesterday, [{ metric: 'impact_ratio', max_change: 0.05 }]);
 * comparison.checks[0].metric; // "drift:impact_ratio"
 */
export function compareResults(current: AuditResults, baseline: AuditResults, drift: readonly DriftTolerance[]): Comparison {
  const before = new Map(baseline.attributes.map((a) => [a.name, a]));
  const now = new Map(current.attributes.map((a) => [a.name, a]));
  const attributes: AttributeComparison[] = [];
  const checks: CheckResult[] = [];
  const used = new Set<DriftTolerance>();
  for (const attribute of current.attributes) {
    const then = before.get(attribute.name);
    if (!then) {
      attributes.push(oneSided(attribute, 'new'));
      continue;
    }
    attributes.push(compareAttribute(attribute, then, drift));
    for (const tolerance of drift) {
      const found = driftChecksFor(attribute, then, tolerance);
      if (found.length > 0) used.add(tolerance);
      checks.push(...found);
    }
  }
  for (const attribute of baseline.attributes) if (!now.has(attribute.name)) attributes.push(oneSided(attribute, 'vanished'));

  const comparison: Comparison = {
    current: runRef(current),
    baseline: runRef(baseline),
    inputs: {
      changed: !sameSet(current.input.files.map((f) => f.sha256), baseline.input.files.map((f) => f.sha256)),
      current: current.input.files.map(({ path, sha256 }) => ({ path, sha256 })),
      baseline: baseline.input.files.map(({ path, sha256 }) => ({ path, sha256 })),
    },
    config: { changed: current.config_sha256 !== baseline.config_sha256, current_sha256: current.config_sha256, baseline_sha256: baseline.config_sha256 },
    models: compareModels(current.models, baseline.models),
    tolerances: drift.map((t) => ({ ...t })),
    attributes,
    new_attributes: attributes.filter((a) => a.status === 'new').map((a) => a.name),
    vanished_attributes: attributes.filter((a) => a.status === 'vanished').map((a) => a.name),
    checks,
    notes: [],
  };
  comparison.notes = comparisonNotes(comparison, drift.filter((t) => !used.has(t)));
  return comparison;
}

function runRef(results: AuditResults): RunRef {
  return { dataset: results.input.name, created_at: results.created_at, tool_version: results.tool.version, verdict: results.verdict };
}

function compareAttribute(current: AttributeResult, baseline: AttributeResult, drift: readonly DriftTolerance[]): AttributeComparison {
  const metrics = union(Object.keys(baseline.aggregates), Object.keys(current.aggregates));
  const aggregates = metrics.map((metric): AggregateChange => {
    const values = valueChange(baseline.aggregates[metric] ?? null, current.aggregates[metric] ?? null);
    const direction = harmfulDirection(metric);
    const worse = worseBy(values.change, direction);
    const tolerance = drift.find((t) => t.metric === metric)?.max_change ?? null;
    const baselineInterval = baseline.aggregate_intervals[metric] ?? null;
    const currentInterval = current.aggregate_intervals[metric] ?? null;
    return {
      metric,
      ...values,
      harmful_direction: direction,
      worse_by: worse,
      baseline_interval: baselineInterval,
      current_interval: currentInterval,
      intervals_overlap: intervalsOverlap(currentInterval, baselineInterval),
      tolerance,
      drift: tolerance === null || worse === null ? null : worse > tolerance,
    };
  });
  const thenGroups = new Map(baseline.groups.map((g) => [groupKeyPairs(g.key), g]));
  const nowLabels = new Set(current.groups.map((g) => groupKeyPairs(g.key)));
  const groups: GroupChange[] = [];
  const newGroups: string[] = [];
  for (const group of current.groups) {
    const label = groupKeyPairs(group.key);
    const then = thenGroups.get(label);
    if (then) groups.push(compareGroup(label, group, then));
    else newGroups.push(label);
  }
  return {
    name: current.name,
    status: 'both',
    aggregates,
    groups,
    new_groups: newGroups,
    vanished_groups: [...thenGroups.keys()].filter((label) => !nowLabels.has(label)),
  };
}

function compareGroup(label: string, current: GroupResult, baseline: GroupResult): GroupChange {
  const values = Object.fromEntries(GROUP_VALUES.map((name) => [name, valueChange(groupValue(baseline, name), groupValue(current, name))])) as Record<GroupValueName, ValueChange>;
  return { group: label, key: current.key, n: valueChange(baseline.n, current.n), eligible: { baseline: baseline.eligible, current: current.eligible }, values };
}

function groupValue(group: GroupResult, name: GroupValueName | RateName): number | null {
  if (name === 'impact_ratio') return group.impact_ratio;
  return group.rates[name] ?? null;
}

/** A new or vanished attribute: its values on one side only, every group new or vanished. */
function oneSided(attribute: AttributeResult, status: 'new' | 'vanished'): AttributeComparison {
  const labels = attribute.groups.map((g) => groupKeyPairs(g.key));
  const aggregates = Object.keys(attribute.aggregates).map((metric): AggregateChange => {
    const value = attribute.aggregates[metric] ?? null;
    const interval = attribute.aggregate_intervals[metric] ?? null;
    return {
      metric,
      baseline: status === 'vanished' ? value : null,
      current: status === 'new' ? value : null,
      change: null,
      harmful_direction: harmfulDirection(metric),
      worse_by: null,
      baseline_interval: status === 'vanished' ? interval : null,
      current_interval: status === 'new' ? interval : null,
      intervals_overlap: null,
      tolerance: null,
      drift: null,
    };
  });
  return { name: attribute.name, status, aggregates, groups: [], new_groups: status === 'new' ? labels : [], vanished_groups: status === 'vanished' ? labels : [] };
}

function driftChecksFor(current: AttributeResult, baseline: AttributeResult, tolerance: DriftTolerance): CheckResult[] {
  if (tolerance.metric in current.aggregates || tolerance.metric in baseline.aggregates) {
    return [
      driftCheck(
        {
          metric: tolerance.metric,
          attribute: current.name,
          baseline: baseline.aggregates[tolerance.metric] ?? null,
          current: current.aggregates[tolerance.metric] ?? null,
          baselineInterval: baseline.aggregate_intervals[tolerance.metric] ?? null,
          currentInterval: current.aggregate_intervals[tolerance.metric] ?? null,
        },
        tolerance,
      ),
    ];
  }
  if (!(GROUP_RATES as readonly string[]).includes(tolerance.metric)) return [];
  const rate = tolerance.metric as RateName;
  const thenGroups = new Map(baseline.groups.map((g) => [groupKeyPairs(g.key), g]));
  const checks: CheckResult[] = [];
  for (const group of current.groups) {
    const label = groupKeyPairs(group.key);
    const then = thenGroups.get(label);
    // A group too small to judge in either run is shown, but not judged (DESIGN §6).
    if (!then || !group.eligible || !then.eligible) continue;
    checks.push(
      driftCheck(
        {
          metric: rate,
          attribute: current.name,
          group: group.key,
          groupLabel: label,
          baseline: then.rates[rate] ?? null,
          current: group.rates[rate] ?? null,
          baselineInterval: then.intervals[rate] ?? null,
          currentInterval: group.intervals[rate] ?? null,
        },
        tolerance,
      ),
    );
  }
  return checks;
}

function comparisonNotes(comparison: Comparison, unused: readonly DriftTolerance[]): string[] {
  const notes: string[] = [];
  for (const file of comparison.models.files) {
    if (file.status === 'changed') {
      const renamed = file.baseline_path ? ` (was ${file.baseline_path})` : '';
      notes.push(`model changed since the baseline: ${file.path}${renamed}, sha256 ${short(file.baseline_sha256)} → ${short(file.current_sha256)}`);
    } else if (file.status === 'added') notes.push(`model added since the baseline: ${file.path}`);
    else if (file.status === 'removed') notes.push(`model no longer recorded: ${file.path} (run the audit with --model to record it)`);
  }
  if (!comparison.inputs.changed && comparison.inputs.current.length > 0) {
    notes.push('the input files are byte-identical to the baseline\'s: this run audited the same data again');
  }
  if (comparison.config.changed) notes.push('the resolved config changed since the baseline: some changes may come from the config, not the data');
  for (const name of comparison.new_attributes) notes.push(`new attribute since the baseline: ${name}`);
  for (const name of comparison.vanished_attributes) notes.push(`attribute no longer audited: ${name}`);
  for (const attribute of comparison.attributes) {
    if (attribute.status !== 'both') continue;
    if (attribute.new_groups.length) notes.push(`${attribute.name}: new groups ${attribute.new_groups.join('; ')}`);
    if (attribute.vanished_groups.length) notes.push(`${attribute.name}: groups gone ${attribute.vanished_groups.join('; ')}`);
  }
  for (const tolerance of unused) {
    notes.push(`drift tolerance for "${tolerance.metric}" matched no metric of any attribute in both runs; check drift[].metric in the config`);
  }
  return notes;
}

function valueChange(baseline: number | null, current: number | null): ValueChange {
  return { baseline, current, change: baseline === null || current === null ? null : current - baseline };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function short(sha: string | null): string {
  return sha ? `${sha.slice(0, 12)}…` : 'none';
}
