/**
 * Representativeness and data gaps in the results (`representativeness` in audit.json): observed
 * shares against the declared population, and the gaps a reviewer should see. Computed by
 * src/metrics/representativeness.ts.
 */
import type { Interval } from './audit.js';

/** One group's observed share against its target. */
export interface RepresentativenessGroup {
  value: string;
  /** Rows with this value (weighted sum when `weight` is set). */
  n: number;
  /** n ÷ rows with a known value of the attribute. */
  observed_share: number | null;
  /** 95% Wilson interval of observed_share; null when no row has a known value. */
  interval: Interval | null;
  /** The declared share, or null for a value the population does not name. */
  target_share: number | null;
  /** observed_share − target_share; negative means under-represented. */
  gap: number | null;
}

/** Chi-square goodness of fit of the observed counts to the declared shares. */
export interface GoodnessOfFit {
  method: 'chi-square';
  statistic: number;
  df: number;
  p_value: number;
  /** Set when some expected count is below 5 (Cochran's rule): the p-value is approximate. */
  note?: string;
}

/** One attribute's representativeness. */
export interface AttributeRepresentativeness {
  attribute: string;
  /** Rows with a known value (the denominator of the shares). */
  known: number;
  /** Rows with no value (`(missing)`), left out of the shares. */
  missing: number;
  /** missing ÷ (known + missing); null with no rows. */
  missing_share: number | null;
  groups: RepresentativenessGroup[];
  test: GoodnessOfFit | null;
  /** Why `test` is null. */
  test_null_reason?: string;
}

/** The kinds of data gap, in the order the report lists them. */
export type DataGapKind = 'target-group-absent' | 'under-represented' | 'group-too-small' | 'high-missing-rate';

/** One data gap, in words a reviewer reads. */
export interface DataGap {
  kind: DataGapKind;
  attribute: string;
  group?: string;
  message: string;
}

/** What audit.json holds under `representativeness`. */
export interface RepresentativenessResult {
  /** One entry per attribute with a declared population, in config order. */
  attributes: AttributeRepresentativeness[];
  gaps: DataGap[];
}

