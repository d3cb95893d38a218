/** Hand-built audit results for the comparison, acceptance and history tests. */
import type { AttributeResult, AuditResults, CheckResult, GroupKey, GroupResult, Interval, Verdict } from '../../src/results/index.js';
import type { FailOn } from '../../src/config/types.js';

export interface GroupSpec {
  key: GroupKey;
  n: number;
  selection_rate: number;
  tpr?: number;
  fpr?: number;
  impact_ratio: number | null;
  eligible?: boolean;
  /** Wilson-like interval of selection_rate; defaults to ±0.03. */
  selection_interval?: Interval;
}

export interface AttributeSpec {
  name: string;
  features?: string[];
  groups: GroupSpec[];
  aggregates: Record<string, number | null>;
  intervals?: Record<string, Interval | null>;
  checks?: CheckResult[];
}

export interface ResultsSpec {
  attributes: AttributeSpec[];
  created_at?: string;
  files?: Array<{ path: string; sha256: string }>;
  config_sha256?: string;
  models?: Array<{ path: string; bytes: number; sha256: string }>;
  fail_on?: FailOn;
  verdict?: Verdict;
  name?: string;
}

/** A check as the metrics engine writes one. */
export function makeCheck(
  metric: string,
  attribute: string,
  value: number | null,
  verdict: Verdict,
  options: { threshold?: number; direction?: 'max' | 'min'; group?: GroupKey; severity?: 'fail' | 'warn' } = {},
): CheckResult {
  return {
    metric,
    attribute,
    value,
    threshold: options.threshold ?? 0.8,
    direction: options.direction ?? 'min',
    severity: options.severity ?? 'fail',
    verdict,
    interval: null,
    inconclusive: false,
    ...(options.group ? { group: options.group } : {}),
    message: `${metric} on ${attribute}`,
  };
}

function makeGroup(spec: GroupSpec, total: number): GroupResult {
  const tpr = spec.tpr ?? 0.7;
  const fpr = spec.fpr ?? 0.2;
  return {
    key: spec.key,
    n: spec.n,
    share: spec.n / total,
    counts: { tp: 0, fp: 0, tn: 0, fn: 0, label_missing: 0, prediction_missing: 0, both_missing: 0 },
    rates: {
      base_rate: 0.5, selection_rate: spec.selection_rate, favorable_rate: spec.selection_rate,
      tpr, fnr: 1 - tpr, fpr, tnr: 1 - fpr, ppv: 0.6, fdr: 0.4, npv: 0.6, for: 0.4, accuracy: 0.7, treatment_equality: 1,
    },
    null_reasons: {},
    intervals: { selection_rate: spec.selection_interval ?? [spec.selection_rate - 0.03, spec.selection_rate + 0.03] },
    eligible: spec.eligible ?? true,
    impact_ratio: spec.impact_ratio,
    four_fifths_flag: spec.impact_ratio === null ? null : spec.impact_ratio < 0.8,
    average_odds_difference: 0,
  };
}

function makeAttribute(spec: AttributeSpec): AttributeResult {
  const total = spec.groups.reduce((sum, g) => sum + g.n, 0);
  return {
    name: spec.name,
    features: spec.features ?? [spec.name],
    kind: (spec.features?.length ?? 1) > 1 ? 'intersection' : 'attribute',
    groups: spec.groups.map((g) => makeGroup(g, total)),
    impact_reference: spec.groups[0]?.key ?? null,
    reference: spec.groups[0]?.key ?? null,
    aggregates: { ...spec.aggregates },
    aggregate_intervals: { ...(spec.intervals ?? {}) },
    aggregate_notes: {},
    checks: spec.checks ?? [],
  };
}

/** A whole results object around the given attributes. */
export function makeResults(spec: ResultsSpec): AuditResults {
  const attributes = spec.attributes.map(makeAttribute);
  const checks = attributes.flatMap((a) => a.checks);
  return {
    schema: 'fairaudit/audit@1',
    tool: { name: 'fairaudit', version: '0.1.0' },
    created_at: spec.created_at ?? '2024-05-01T02:00:00.000Z',
    duration_ms: 10,
    seed: 42,
    input: {
      name: spec.name ?? 'loans',
      files: (spec.files ?? [{ path: 'loans.csv', sha256: 'a'.repeat(64) }]).map((f) => ({ ...f, format: 'csv' as const, bytes: 100 })),
      rows_read: 1000,
      rows_used: 1000,
      rows_missing_label: 0,
      rows_missing_prediction: 0,
    },
    config: {
      threshold: 0.5, favorable: 'positive', intersections: 'pairs', min_group_size: 30, mode: 'standard',
      bootstrap: 1000, seed: 42, max_groups: 200, policy: [], fail_on: spec.fail_on ?? 'fail',
    },
    config_sha256: spec.config_sha256 ?? 'c'.repeat(64),
    outcome: 'prediction',
    columns: { label: 'y', prediction: 'y_hat', sensitive: spec.attributes.map((a) => a.name) },
    attributes,
    checks,
    verdict: spec.verdict ?? 'pass',
    exit_code: 0,
    warnings: [],
    ...(spec.models ? { models: spec.models } : {}),
  };
}

/**
 * The baseline of most tests: race (White, Black, Asian) and sex (F, M), each with the three key
 * aggregates and their bootstrap intervals.
 */
export function baselineSpec(): ResultsSpec {
  return {
    attributes: [
      {
        name: 'race',
        groups: [
          { key: { race: 'White' }, n: 500, selection_rate: 0.5, impact_ratio: 1 },
          { key: { race: 'Black' }, n: 300, selection_rate: 0.425, impact_ratio: 0.85 },
          { key: { race: 'Asian' }, n: 200, selection_rate: 0.45, impact_ratio: 0.9 },
        ],
        aggregates: { impact_ratio: 0.85, demographic_parity_difference: 0.075, equalized_odds_difference: 0.06 },
        intervals: { impact_ratio: [0.8, 0.9], demographic_parity_difference: [0.04, 0.11], equalized_odds_difference: [0.03, 0.09] },
        checks: [makeCheck('impact_ratio', 'race', 0.85, 'pass', { group: { race: 'Black' } })],
      },
      {
        name: 'sex',
        groups: [
          { key: { sex: 'F' }, n: 520, selection_rate: 0.46, impact_ratio: 0.92 },
          { key: { sex: 'M' }, n: 480, selection_rate: 0.5, impact_ratio: 1 },
        ],
        aggregates: { impact_ratio: 0.92, demographic_parity_difference: 0.04, equalized_odds_difference: 0.03 },
        intervals: { impact_ratio: [0.86, 0.98], demographic_parity_difference: [0.01, 0.07], equalized_odds_difference: [0.01, 0.06] },
        checks: [makeCheck('impact_ratio', 'sex', 0.92, 'pass', { group: { sex: 'F' } })],
      },
    ],
  };
}
