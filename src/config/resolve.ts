/** Resolving a config: file values, then CLI overrides, then defaults. Pure. */
import { createHash } from 'node:crypto';
import { UserError } from '../errors.js';
import { DEFAULTS, DEFAULT_POLICY, type AuditConfig, type ResolvedConfig } from './types.js';
import { configProblems } from './validate.js';

/**
 * Merges `overrides` (CLI flags; undefined values are ignored) over `fileConfig`, validates the
 * result and fills in defaults. Throws a UserError listing every problem.
 */
export function resolveConfig(fileConfig: AuditConfig = {}, overrides: Partial<AuditConfig> = {}): ResolvedConfig {
  const merged: AuditConfig = { ...fileConfig };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  const problems = configProblems(merged);
  if (problems.length > 0) {
    throw new UserError(`invalid options: ${problems.join('; ')}`, { hint: 'fix the flag or the config key named' });
  }
  return {
    ...merged,
    threshold: merged.threshold ?? DEFAULTS.threshold,
    favorable: Array.isArray(merged.favorable) ? 'positive' : (merged.favorable ?? DEFAULTS.favorable),
    ...(Array.isArray(merged.favorable) ? { favorable_classes: merged.favorable.map(String) } : {}),
    intersections: merged.intersections ?? DEFAULTS.intersections,
    min_group_size: merged.min_group_size ?? DEFAULTS.min_group_size,
    mode: merged.mode ?? DEFAULTS.mode,
    bootstrap: merged.bootstrap ?? DEFAULTS.bootstrap,
    seed: merged.seed ?? DEFAULTS.seed,
    max_groups: merged.max_groups ?? DEFAULTS.max_groups,
    policy: merged.policy ?? DEFAULT_POLICY.map((check) => ({ ...check })),
    fail_on: merged.fail_on ?? DEFAULTS.fail_on,
    trim: merged.trim ?? DEFAULTS.trim,
    merge_case: merged.merge_case ?? DEFAULTS.merge_case,
  };
}

/** SHA-256 of the config as canonical JSON (keys sorted), recorded in the results. */
export function configSha256(config: ResolvedConfig): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex');
}

/** JSON with object keys sorted at every level, so equal configs hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
