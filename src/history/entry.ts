/**
 * One line of an audit history (`--history reports/history.jsonl`): what a run audited, with which
 * config and model, what it concluded, and the key metrics whose trend the report draws. Pure.
 */
import type { AuditResults, Verdict } from '../results/index.js';
import { groupKeyPairs } from '../text/group-key.js';
import { isAcceptedInForce } from '../accept/accept.js';
import type { LineMac, LineSignature } from './signing.js';
import { HEADLINE_METRICS, type HeadlineName } from '../metrics/registry.js';

export const HISTORY_SCHEMA = 'fairaudit/history@1' as const;

/**
 * The metrics every history line keeps per attribute (the trend table and chart): the registry's
 * headline metrics, in alphabetical order — the key order history lines have always been written
 * (and signed) in.
 */
export const KEY_METRICS: readonly HeadlineName[] = [...HEADLINE_METRICS].sort();
export type KeyMetric = HeadlineName;

/** One check as the history keeps it. */
export interface HistoryCheck {
  metric: string;
  attribute: string;
  /** The group label (`race=Black`) for per-group checks. */
  group?: string;
  value: number | null;
  verdict: Verdict;
  /** Present when a person accepted the finding; `in_force` false once expired. */
  accepted?: { owner: string; expires: string; in_force: boolean };
}

/** One run, before it is chained into the file. */
export interface HistoryEntry {
  schema: typeof HISTORY_SCHEMA;
  /** ISO time the audit finished. */
  time: string;
  dataset: string;
  tool_version: string;
  inputs: Array<{ path: string; sha256: string }>;
  config_sha256: string;
  models: Array<{ path: string; sha256: string }>;
  verdict: Verdict;
  exit_code: 0 | 1;
  checks: HistoryCheck[];
  /** Attribute or intersection name → its key metrics (null when undefined). */
  metrics: Record<string, Record<KeyMetric, number | null>>;
  /** The fingerprint of the key the run's outputs were signed with (`--sign-key`), when they were. */
  signed_by?: string;
}

/** A line as stored: the entry, chained to the line before it. */
export interface HistoryLine extends HistoryEntry {
  /** SHA-256 of the previous line's exact bytes (without its newline); 64 zeros on the first line. */
  prev_sha256: string;
  /** SHA-256 of this entry with `prev_sha256` as canonical JSON (sorted keys), without this field. */
  sha256: string;
  /** HMAC-SHA-256 of the line (all but its signatures) when the history is keyed (`signing.ts`). */
  mac?: LineMac;
  /** Ed25519 signature of the line (all but its signatures) when the audit signed with `--sign-key`. */
  signature?: LineSignature;
}

/**
 * The history entry of one audit.
 *
 * @example
 * await appendHistory('reports/history.jsonl', historyEntryFrom(results));
 */
export function historyEntryFrom(results: AuditResults): HistoryEntry {
  return {
    schema: HISTORY_SCHEMA,
    time: results.created_at,
    dataset: results.input.name,
    tool_version: results.tool.version,
    inputs: results.input.files.map(({ path, sha256 }) => ({ path, sha256 })),
    config_sha256: results.config_sha256,
    models: (results.models ?? []).map(({ path, sha256 }) => ({ path, sha256 })),
    verdict: results.verdict,
    exit_code: results.exit_code,
    checks: results.checks.map((check) => ({
      metric: check.metric,
      attribute: check.attribute,
      ...(check.group ? { group: groupKeyPairs(check.group) } : {}),
      value: check.value,
      verdict: check.verdict,
      ...(check.accepted ? { accepted: { owner: check.accepted.owner, expires: check.accepted.expires, in_force: isAcceptedInForce(check) } } : {}),
    })),
    metrics: Object.fromEntries(
      results.attributes.map((attribute) => [
        attribute.name,
        Object.fromEntries(KEY_METRICS.map((metric) => [metric, attribute.aggregates[metric] ?? null])) as Record<KeyMetric, number | null>,
      ]),
    ),
  };
}
