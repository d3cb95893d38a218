/**
 * What masking did (`results.masking` and `<out>.manifest.json`): the operator applied to each
 * column, the output file, and the re-identification risk measured on it. No raw value and no key
 * ever appears here: the key only as a fingerprint.
 */
import type { MaskProfile, MaskRule } from '../config/types.js';
import type { DataFormat, FileProvenance } from './input.js';

/** k-anonymity and l-diversity as measured. */
export interface RiskSummary {
  quasi_identifiers: string[];
  /** Distinct quasi-identifier combinations (equivalence classes). */
  classes: number;
  rows: number;
  /** The smallest class size: the k the data achieves. Null with a reason when there is nothing to measure. */
  k_achieved: number | null;
  k_reason?: string;
  /** The k the copy must reach (the profile's target, `--k` or `mask.k`), or none. */
  k_target: number | null;
  /**
   * Where the copy stands against the target: `meets-target`, `below-target` (never described as
   * safe to share), `below-target-accepted` (the user accepted a lower k with `--allow-k`),
   * `no-target`, or `not-measured` (no quasi-identifiers or no rows).
   */
  k_status?: 'meets-target' | 'below-target' | 'below-target-accepted' | 'no-target' | 'not-measured';
  /** The lowest k the user accepted (`--allow-k` / `mask.allow_k`), when given. */
  k_accepted?: number;
  /** Records in classes smaller than `k_target` (0 without a target). */
  records_below_k: number;
  /** records_below_k ÷ rows; null without rows. */
  share_below_k: number | null;
  /** Distinct l-diversity of `l_diversity_column`: the fewest distinct non-null sensitive values in any class. */
  l_diversity: number | null;
  l_diversity_column: string | null;
  l_reason?: string;
}

/** One column in the manifest. */
export interface MaskedColumn {
  column: string;
  operator: MaskRule['op'];
  rule: MaskRule;
  reason: string;
  /** Non-null values the operator rewrote (for `drop`, every non-null value). */
  values_changed: number;
  /** Non-null values set to null to enforce k. */
  cells_suppressed: number;
}

/** What masking did, written beside the output as `<out>.manifest.json` and put in the audit results. */
export interface MaskManifest {
  schema: 'fairaudit/mask-manifest@1';
  tool: { name: 'fairaudit'; version: string };
  profile: MaskProfile;
  input: { name: string; files: FileProvenance[]; rows: number };
  output: { path: string; format: DataFormat; bytes: number; sha256: string; rows: number; columns: string[] };
  columns: MaskedColumn[];
  /** Fingerprint of the HMAC key (a hash, never the key); null when no key was used. */
  key_fingerprint: string | null;
  /** k-anonymity and l-diversity measured on the output. */
  risk: RiskSummary;
  /** Quasi-identifier cells set to null to reach `risk.k_target`. */
  suppressed_cells: number;
}
