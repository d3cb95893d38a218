/**
 * The audit configuration: what a YAML/JSON file in `configs/` holds, and what CLI flags
 * override. Field names are snake_case, as in the file.
 */
import { headlineDefaults } from '../metrics/registry.js';

/** Which prediction value benefits the person (DESIGN §3). */
export type Favorable = 'positive' | 'negative';
export const FAVORABLE_VALUES: readonly Favorable[] = ['positive', 'negative'];

/** What kind of outcome is audited (DESIGN §14): yes/no, one of K classes, or a number. */
export type Task = 'binary' | 'multiclass' | 'regression';
export const TASKS: readonly Task[] = ['binary', 'multiclass', 'regression'];

/** How small groups are judged: the default `min_group_size` rule, or NYC LL144's 2% rule. */
export type AuditMode = 'standard' | 'll144';
export const AUDIT_MODES: readonly AuditMode[] = ['standard', 'll144'];

/** When the exit code turns non-zero (DESIGN §7). */
export type FailOn = 'warn' | 'fail' | 'never';
export const FAIL_ON_VALUES: readonly FailOn[] = ['warn', 'fail', 'never'];

export type Severity = 'fail' | 'warn';

/** One policy check: a metric with an upper (`max`) or lower (`min`) bound. */
export interface PolicyCheck {
  /** An aggregate name (`demographic_parity_difference`, `impact_ratio`, …). */
  metric: string;
  max?: number;
  min?: number;
  /** Default `fail`. */
  severity?: Severity;
  /** Limit the check to these attributes or intersections (by name); all when omitted. */
  attributes?: string[];
}

/** Masking operators (DESIGN §9). */
export type MaskOperator = 'keep' | 'drop' | 'redact' | 'hmac' | 'mask' | 'generalize' | 'suppress-rare' | 'scrub';

/** One column's masking rule. Parameters apply to the operator named. */
export interface MaskRule {
  op: MaskOperator;
  /** redact: the constant written instead (default `[REDACTED]`). */
  value?: string;
  /** mask: how many trailing characters stay visible (default 4). */
  keep?: number;
  /** generalize: numeric cut points (bins). */
  bins?: number[];
  /** generalize: dates to `year` or `month`. */
  date?: 'year' | 'month';
  /** generalize with `date`: years up to this one become `≤<year>` (Safe Harbor: birth years of people over 89). */
  year_floor?: number;
  /** generalize: ZIP codes to their first N digits. */
  zip_digits?: number;
  /** generalize: numbers above this become `<top_code+1>+` (HIPAA: ages over 89 → `90+`); the rest stay as they are. */
  top_code?: number;
  /** suppress-rare: values seen fewer than k times become `(other)` (default 5). */
  k?: number;
  /** scrub: also replace dates inside the text (default false; the HIPAA profile sets it). */
  dates?: boolean;
  /** scrub: write each identifier found in the text as its tag (`[EMAIL]`, default) or as a keyed hash. */
  spans?: 'tag' | 'hmac';
}

export type MaskProfile = 'default' | 'hipaa-safe-harbor';
export const MASK_PROFILES: readonly MaskProfile[] = ['default', 'hipaa-safe-harbor'];

/** The `mask:` section. */
export interface MaskConfig {
  /** Fills in a rule for every column the `columns` map leaves out (default `default`). */
  profile?: MaskProfile;
  /** Column → rule; wins over the profile. */
  columns?: Record<string, MaskRule>;
  /** Columns measured for k-anonymity (default: discovered quasi-identifiers). */
  quasi_identifiers?: string[];
  /** The k-anonymity the masked copy must reach (default 5); below it `mask` exits 1. */
  k?: number;
  /** Suppress quasi-identifier values in classes smaller than `k` so the copy reaches it. */
  enforce?: boolean;
  /** Accept a copy whose k is at least this, below the target; the manifest states it. */
  allow_k?: number;
  /** Accept hmac codes under `hipaa-safe-harbor` (45 CFR 164.514(c) does not allow codes derived from identifiers). */
  allow_hmac_under_safe_harbor?: boolean;
  /** A sensitive column whose distinct l-diversity is measured. */
  l_diversity?: string;
}

/** How far a metric may move from the baseline before a drift check fires (issue: scheduled audits). */
export interface DriftTolerance {
  metric: string;
  /** Largest allowed absolute change. */
  max_change: number;
  severity?: Severity;
}

/** A finding a person has accepted until a date (issue: scheduled audits). */
export interface AcceptedFinding {
  check: string;
  group?: string;
  reason: string;
  owner: string;
  /** ISO date (YYYY-MM-DD). */
  expires: string;
}

/** Whether the audited data is the system's historical use or test data (NYC LL144). */
export type AuditDataKind = 'historical' | 'test';

/**
 * Who audited what (`audit:`), for the reviewer's file: shown at the top of the report, in
 * audit.json and summary.md, and in the LL144 summary. Every field is optional; dates are
 * YYYY-MM-DD.
 */
export interface AuditMetadata {
  auditor?: string;
  organization?: string;
  /** Date of the audit (default: the day it ran). */
  date?: string;
  purpose?: string;
  data?: AuditDataKind;
  data_source?: string;
  /** With `data: test`: why historical data was not used, and how the test data was made. */
  test_data_reason?: string;
  /** When the tool was first distributed or used (LL144 asks for it). */
  distribution_date?: string;
  model?: string;
  model_version?: string;
}

/** The `ll144:` section: what the NYC LL144 published summary needs beyond the numbers. */
export interface Ll144Config {
  /** Why categories under 2% of the data are left out of impact ratios (the rule asks for it). */
  exclusion_justification?: string;
}

/** One value of `positive`, as YAML or a flag gives it. */
export type PositiveValue = string | number | boolean;

/** A whole audit config as written in a file. Every field is optional; defaults are below. */
export interface AuditConfig {
  /** Name of the dataset, used for `reports/<dataset>/` (default: the data file's name). */
  dataset?: string;
  label?: string;
  prediction?: string;
  score?: string;
  /** Score at or above which the prediction is positive (default 0.5). */
  threshold?: number;
  /**
   * The label/prediction value that counts as 1, or a list of values that each count as 1
   * (default: 1, true, yes, y, t). Compared trimmed and case-insensitively; one that matches no
   * row is an input error.
   */
  positive?: PositiveValue | PositiveValue[];
  /** Trim surrounding whitespace from group values, labels and predictions (default true). */
  trim?: boolean;
  /** Merge groups whose values differ only by case (default false: a warning names them). */
  merge_case?: boolean;
  /**
   * Default `positive`. In a multiclass audit, a list of classes: the favorable rate (impact ratio,
   * four-fifths rule) is then the share of predictions in those classes.
   */
  favorable?: Favorable | string[];
  /** `binary`, `multiclass` or `regression` (default: detected from the label and prediction). */
  task?: Task;
  /** Sensitive attributes; discovered when omitted. */
  sensitive?: string[];
  /** `pairs` (default), `all` (pairs, triples, … up to every attribute), `none`, or explicit lists. */
  intersections?: 'pairs' | 'all' | 'none' | string[][];
  strata?: string;
  weight?: string;
  /** Default 30; 0 turns the rule off. */
  min_group_size?: number;
  /** Attribute → group value used as the reference for "to reference" differences. */
  reference?: Record<string, string>;
  /**
   * What impact ratios divide by: `highest` (default; the most favoured eligible group, EEOC and
   * LL144) or `reference` (the `reference` group, as every other "to reference" number).
   */
  impact_ratio_reference?: 'highest' | 'reference';
  /** Numeric sensitive column → cut points. */
  bins?: Record<string, number[]>;
  /** Default `standard`. */
  mode?: AuditMode;
  /** Bootstrap draws (default 1000; 0 turns intervals on differences off). */
  bootstrap?: number;
  /** Seed for everything random (default 42). */
  seed?: number;
  /** Refuse a sensitive column with more distinct values than this (default 200). */
  max_groups?: number;
  /** Default: impact_ratio ≥ 0.8; demographic_parity_difference ≤ 0.1; equalized_odds_difference ≤ 0.1. */
  policy?: PolicyCheck[];
  /** Default `fail`. */
  fail_on?: FailOn;
  /**
   * The verdict of a check whose interval crosses its limit: `warn` (default) or `fail` (it takes
   * its severity, judged on the point value).
   */
  inconclusive?: 'warn' | 'fail';
  mask?: MaskConfig;
  drift?: DriftTolerance[];
  accept?: AcceptedFinding[];
  /** CSV/TSV: whether the first line is a header (default: detected). */
  header?: boolean;
  /** CSV/TSV: names for every column, in order (they replace the header, or name a headerless file's columns). */
  columns?: string[];
  /** CSV/TSV: `,` `;` `|` `tab`, or `whitespace` for runs of spaces (default: detected). */
  delimiter?: string;
  /** Text encoding of the data files (default: UTF-8, or UTF-16 by its byte-order mark). */
  encoding?: 'utf-8' | 'latin1' | 'windows-1252' | 'utf-16' | 'utf-16le' | 'utf-16be';
  /** Longest line, record or field read, in bytes (default 64 MiB). */
  max_field_bytes?: number;
  /** Who audited what (shown at the top of the report). */
  audit?: AuditMetadata;
  /** NYC LL144 published-summary settings. */
  ll144?: Ll144Config;
  /** Column → {value in the data → value audited}, applied before the audit; values mapped to one name join. */
  recode?: Record<string, Record<string, string>>;
  /** Attribute → {group → share of the population served}: the targets of representativeness. */
  population?: Record<string, Record<string, number>>;
  /** A database to audit instead of files (flags `--url-env`, `--table`, `--query` override it). */
  source?: SourceConfig;
}

/**
 * `source:` in the config: where a database audit reads. `url` is `duckdb:[FILE]` or a
 * `postgres://` URL without a password (the config is recorded in the results); `url_env` names an
 * environment variable holding the URL instead. One of `table` and `query`.
 */
export interface SourceConfig {
  url?: string;
  url_env?: string;
  table?: string;
  query?: string;
}

/** The config after defaults and CLI overrides: what an audit actually ran with. */
export interface ResolvedConfig extends AuditConfig {
  threshold: number;
  /** `positive` also when `favorable:` listed classes (they are in `favorable_classes`). */
  favorable: Favorable;
  /** The favorable classes of a multiclass audit, when `favorable:` listed them. */
  favorable_classes?: string[];
  intersections: 'pairs' | 'all' | 'none' | string[][];
  min_group_size: number;
  mode: AuditMode;
  bootstrap: number;
  seed: number;
  max_groups: number;
  policy: PolicyCheck[];
  fail_on: FailOn;
  // trim and merge_case stay optional here (read as `!== false` and `=== true`) so that
  // statistics built before they existed still type-check; resolveConfig always records both.
}

/** Defaults (DESIGN §3, §6, §7). */
export const DEFAULTS = {
  threshold: 0.5,
  favorable: 'positive',
  intersections: 'pairs',
  min_group_size: 30,
  mode: 'standard',
  bootstrap: 1000,
  seed: 42,
  max_groups: 200,
  fail_on: 'fail',
  trim: true,
  merge_case: false,
} as const satisfies Partial<ResolvedConfig>;

/** The default policy (DESIGN §7): the registry's headline metrics and their limits. The equalized-odds check applies only when predictions exist. */
export const DEFAULT_POLICY: readonly PolicyCheck[] = headlineDefaults().map(({ metric, limit }) => ({ metric, ...limit, severity: 'fail' }));
