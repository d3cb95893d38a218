/**
 * The comparison of an audit with a baseline audit (`results.comparison`): every aggregate now and
 * then, per-group values, new and vanished groups and attributes, changed inputs, config and
 * models, and the drift checks judged from them.
 */
import type { DriftTolerance } from '../config/types.js';
import type { CheckResult, GroupKey, Interval, Verdict } from './audit.js';
import type { HarmfulDirection } from './vocabulary.js';

export type { HarmfulDirection } from './vocabulary.js';

/** The per-group values a comparison shows. */
export type GroupValueName = 'selection_rate' | 'tpr' | 'fpr' | 'impact_ratio';

/** One hashed model artifact, as recorded in `results.models`. */
export interface ModelFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** One artifact now versus at the baseline. */
export interface ModelChange {
  /** The current path, or the baseline path for a removed artifact. */
  path: string;
  /** The baseline's path when it differs (a renamed or replaced single artifact). */
  baseline_path?: string;
  baseline_sha256: string | null;
  current_sha256: string | null;
  status: 'same' | 'changed' | 'added' | 'removed';
}

/** The model section of a comparison. */
export interface ModelComparison {
  /** Whether either run recorded model hashes (`--model`). */
  recorded: boolean;
  /** True when any artifact changed, appeared or disappeared. */
  changed: boolean;
  files: ModelChange[];
}

/** One value now and at the baseline. */
export interface ValueChange {
  baseline: number | null;
  current: number | null;
  /** current − baseline; null when either is null. */
  change: number | null;
}

/** One aggregate of one attribute, now and at the baseline. */
export interface AggregateChange extends ValueChange {
  metric: string;
  harmful_direction: HarmfulDirection;
  /** The change in the harmful direction: positive means worse (see `drift.ts`). */
  worse_by: number | null;
  baseline_interval: Interval | null;
  current_interval: Interval | null;
  /** Whether the two bootstrap intervals still overlap; null when either is missing. */
  intervals_overlap: boolean | null;
  /** The configured `max_change`, when a drift tolerance names this metric. */
  tolerance: number | null;
  /** worse_by > tolerance; null without a tolerance or a value. */
  drift: boolean | null;
}

/** One group present in both runs. */
export interface GroupChange {
  /** `race=Black`, `race=Black, sex=Female`. */
  group: string;
  key: GroupKey;
  n: ValueChange;
  eligible: { baseline: boolean; current: boolean };
  values: Record<GroupValueName, ValueChange>;
}

/** One attribute or intersection in either run. */
export interface AttributeComparison {
  name: string;
  /** `both`, or present only now (`new`) or only at the baseline (`vanished`). */
  status: 'both' | 'new' | 'vanished';
  aggregates: AggregateChange[];
  groups: GroupChange[];
  /** Labels of groups present now but not at the baseline. */
  new_groups: string[];
  /** Labels of groups present at the baseline but not now. */
  vanished_groups: string[];
}

/** Identity of one run in a comparison. */
export interface RunRef {
  dataset: string;
  created_at: string;
  tool_version: string;
  verdict: Verdict;
}

/** The comparison of an audit with its baseline (`results.comparison`). */
export interface Comparison {
  current: RunRef;
  baseline: RunRef;
  inputs: {
    /** True when the input files' SHA-256 sets differ. */
    changed: boolean;
    current: Array<{ path: string; sha256: string }>;
    baseline: Array<{ path: string; sha256: string }>;
  };
  config: { changed: boolean; current_sha256: string; baseline_sha256: string };
  models: ModelComparison;
  /** The drift tolerances applied. */
  tolerances: DriftTolerance[];
  attributes: AttributeComparison[];
  new_attributes: string[];
  vanished_attributes: string[];
  /** Drift checks, judged like any other check (`drift:<metric>`). */
  checks: CheckResult[];
  /** Sentences for people about what else changed (model, inputs, groups, unused tolerances). */
  notes: string[];
}
