/**
 * Drift rules: which way a metric gets worse, by how much it got worse, and the drift check that
 * judges it. A drift tolerance bounds the change in the harmful direction only; an improvement
 * never fails a run.
 *
 * - ratios (`impact_ratio`, `*_ratio`; 1 is parity): harmful when they go DOWN;
 * - differences and inequality indices (`*_difference`, `generalized_entropy_index`,
 *   `theil_index`; 0 is parity): harmful when they go UP;
 * - anything else, including per-group rates (`selection_rate`, `tpr`, `fpr`, …): either way,
 *   judged on the absolute change.
 */
import type { CheckResult, GroupKey, Interval, Verdict } from '../results/index.js';
import type { DriftTolerance, Severity } from '../config/types.js';
import { headlineDefaults, metricRow, type HarmfulDirection } from '../metrics/registry.js';

export type { HarmfulDirection } from '../metrics/registry.js';

/**
 * The drift checked when the config has no `drift:` list (`drift: []` turns drift checks off):
 * the headline metrics with their default tolerances.
 */
export const DEFAULT_DRIFT: readonly DriftTolerance[] = headlineDefaults().map(({ metric, max_change }) => ({ metric, max_change, severity: 'fail' }));

/** The prefix of every drift check's metric: `drift:impact_ratio`. */
export const DRIFT_PREFIX = 'drift:';

/** The direction in which `metric` gets worse (see the module summary). */
export function harmfulDirection(metric: string): HarmfulDirection {
  const row = metricRow(metric);
  if (row) return row.harmful;
  // Names the registry does not know (a results file from another version) follow their suffix.
  if (metric === 'impact_ratio' || metric.endsWith('_ratio')) return 'down';
  if (metric.endsWith('_difference') || metric.startsWith('generalized_entropy_index') || metric === 'theil_index') return 'up';
  return 'either';
}

/**
 * How much worse a change made things: `change` for `up`, −`change` for `down`, |`change`| for
 * `either`. Positive means worse; null when the change is undefined.
 */
export function worseBy(change: number | null, direction: HarmfulDirection): number | null {
  if (change === null) return null;
  if (direction === 'up') return change;
  if (direction === 'down') return -change;
  return Math.abs(change);
}

/** True when the two intervals share at least one point; null when either is missing. */
export function intervalsOverlap(a: Interval | null | undefined, b: Interval | null | undefined): boolean | null {
  if (!a || !b) return null;
  return a[0] <= b[1] && b[0] <= a[1];
}

/**
 * A conservative range for how much worse things got: every value of (current − baseline),
 * oriented by `direction`, consistent with both intervals: [lo_c − hi_b, hi_c − lo_b] for `up`,
 * its negation for `down`. Wider than a 95% interval of the change; null for `either` or when an
 * interval is missing.
 */
export function worseByRange(current: Interval | null | undefined, baseline: Interval | null | undefined, direction: HarmfulDirection): Interval | null {
  if (!current || !baseline || direction === 'either') return null;
  const low = current[0] - baseline[1];
  const high = current[1] - baseline[0];
  return direction === 'up' ? [low, high] : [-high, -low];
}

/** What a drift check judges: one metric of one attribute (or one group of it) now and then. */
export interface DriftSubject {
  metric: string;
  attribute: string;
  group?: GroupKey;
  groupLabel?: string;
  baseline: number | null;
  current: number | null;
  baselineInterval: Interval | null;
  currentInterval: Interval | null;
}

/**
 * The drift check of one subject under one tolerance: value = how much worse it got, threshold =
 * `max_change`, direction `max`; insufficient-data when either value is null. Inconclusive when
 * it got worse and the conservative range of the change ({@link worseByRange}) contains the
 * tolerance. The verdict
 * is pass when value ≤ max_change. Above it: `severity` (default fail) when the two runs' 95%
 * intervals no longer overlap (or either run has none), else warn: while the intervals overlap
 * the change may be sampling noise, and a nightly job on unchanged data must not fail on the
 * noise of small groups (`--fail-on warn` still stops on it).
 */
export function driftCheck(subject: DriftSubject, tolerance: DriftTolerance): CheckResult {
  const direction = harmfulDirection(subject.metric);
  const change = subject.current === null || subject.baseline === null ? null : subject.current - subject.baseline;
  const worse = worseBy(change, direction);
  const severity: Severity = tolerance.severity ?? 'fail';
  const range = worseByRange(subject.currentInterval, subject.baselineInterval, direction);
  const overlap = intervalsOverlap(subject.currentInterval, subject.baselineInterval);
  // A value that did not get worse is never inconclusive: comparing a run with itself (a change of
  // 0.000) must not read as doubt, however wide both intervals are.
  const inconclusive = worse !== null && worse > 0 && range !== null && range[0] <= tolerance.max_change && tolerance.max_change <= range[1];
  const verdict: Verdict = worse === null ? 'insufficient-data' : worse <= tolerance.max_change ? 'pass' : overlap === true ? 'warn' : severity;
  return {
    metric: `${DRIFT_PREFIX}${subject.metric}`,
    attribute: subject.attribute,
    value: worse,
    threshold: tolerance.max_change,
    direction: 'max',
    severity,
    verdict,
    interval: range,
    inconclusive,
    ...(subject.group ? { group: subject.group } : {}),
    message: driftMessage(subject, change, worse, direction, tolerance, overlap),
  };
}

/** "impact_ratio on race went down from 0.850 to 0.720 (−0.130): worse by 0.130, more than the fall of 0.05 allowed; …" */
function driftMessage(
  subject: DriftSubject,
  change: number | null,
  worse: number | null,
  direction: HarmfulDirection,
  tolerance: DriftTolerance,
  overlap: boolean | null,
): string {
  const what = `${subject.metric} on ${subject.attribute}${subject.groupLabel ? ` (${subject.groupLabel})` : ''}`;
  if (change === null || worse === null) {
    const missing = subject.current === null ? 'now' : 'at the baseline';
    return `${what} cannot be compared: it is n/a ${missing}`;
  }
  const moved = change === 0 ? 'did not change' : `went ${change > 0 ? 'up' : 'down'} from ${fixed(subject.baseline)} to ${fixed(subject.current)}`;
  const allowed = `${direction === 'either' ? 'change' : direction === 'down' ? 'fall' : 'rise'} of ${tolerance.max_change}`;
  const judged = worse > tolerance.max_change ? `worse by ${worse.toFixed(3)}, more than the ${allowed} allowed` : `within the ${allowed} allowed`;
  const intervals = overlap === null ? '' : overlap ? '; the 95% intervals still overlap' : '; the 95% intervals no longer overlap';
  return `${what} ${moved}${change === 0 ? '' : ` (${signed(change)})`}: ${judged}${intervals}`;
}

function fixed(x: number | null): string {
  return x === null ? 'n/a' : x.toFixed(3);
}

function signed(x: number): string {
  return `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(3)}`;
}

/** The tolerances a config asks for: its `drift:` list, or {@link DEFAULT_DRIFT} when it has none. */
export function driftTolerances(config: { drift?: DriftTolerance[] }): DriftTolerance[] {
  return (config.drift ?? DEFAULT_DRIFT).map((t) => ({ ...t }));
}
