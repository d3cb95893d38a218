/**
 * Group values as people's files hold them (DESIGN §6, "no group is ever split silently"):
 * surrounding whitespace is trimmed while the values are read (see {@link FeatureEncoder}); here,
 * once the whole data is counted, the audit says which values were trimmed, joins values that are
 * the same characters in another Unicode composition, and finds values that differ only by case
 * ("Male", "male"). Those are named in one warning per column, or, with
 * `merge_case: true`, joined into one group. Pure: works on the domains of the statistics (one
 * entry per distinct value), never on rows.
 */
import type { ResolvedConfig } from '../config/types.js';
import type { Warnings } from '../warnings.js';
import { MAX_TRIMMED_KEPT, MISSING_GROUP, type FeatureDomain } from './features.js';
import { joinGroups, type GroupStatistics } from './statistics.js';

/**
 * The sets of values of `domain` that differ only by case, each with its shown spelling first
 * (see {@link shownSpelling}), the rest in code-point order; sets in the order of their spelling.
 * Binned columns and `(missing)` have none.
 *
 * @example
 * caseVariants({ name: 'sex', role: 'sensitive', values: ['MALE', 'Male', 'female'] }); // [['Male', 'MALE']]
 */
export function caseVariants(domain: FeatureDomain): string[][] {
  return variantsBy(domain, (value) => value.toLowerCase(), (set) => shownSpelling(set));
}

/**
 * The values of `domain` grouped by `key`, in sets of two or more, each with `shown(set, key)`
 * first and the rest in code-point order; sets in the order of their shown spelling. Binned
 * columns and `(missing)` have none.
 */
function variantsBy(domain: FeatureDomain, key: (value: string) => string, shown: (set: string[], key: string) => string): string[][] {
  if (domain.bins) return [];
  const byKey = new Map<string, string[]>();
  for (const value of domain.values) {
    if (value === MISSING_GROUP) continue;
    const k = key(value);
    const set = byKey.get(k);
    if (set) set.push(value);
    else byKey.set(k, [value]);
  }
  return [...byKey.entries()]
    .filter(([, set]) => set.length > 1)
    .map(([k, set]) => {
      const first = shown(set, k);
      return [first, ...set.filter((v) => v !== first).sort(byCodePoint)];
    })
    .sort((a, b) => byCodePoint(a[0], b[0]));
}

/**
 * The spelling a merged group is shown with: the first mixed-case one ("Male" rather than "MALE"
 * or "male") in code-point order, else the first in code-point order. It depends only on the set,
 * never on which row came first, so parts counted in parallel agree.
 */
export function shownSpelling(variants: readonly string[]): string {
  const sorted = [...variants].sort(byCodePoint);
  const mixed = sorted.find((v) => v !== v.toLowerCase() && v !== v.toUpperCase());
  return mixed ?? sorted[0];
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function quoted(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

/**
 * The sets of values of `domain` that are the same characters in another Unicode composition
 * (`Québec` with a composed é, and with e and a combining accent, as files from different systems
 * write it), each with its NFC spelling first (or, if none is, the first in code-point order).
 */
export function compositionVariants(domain: FeatureDomain): string[][] {
  return variantsBy(
    domain,
    (value) => value.normalize('NFC'),
    (set, form) => (set.includes(form) ? form : [...set].sort(byCodePoint)[0]),
  );
}

/**
 * Joins the values that differ only in Unicode composition, always: they are the same text, and
 * audited apart they split one group in two that look alike in every report. Warned about.
 */
function joinCompositions(stats: GroupStatistics, warnings: Warnings): GroupStatistics {
  const renames = stats.features.map((domain) => {
    const sets = compositionVariants(domain);
    if (sets.length === 0) return null;
    const listed = sets.map((set) => `${JSON.stringify(set[0])} (${set.length} spellings)`).join(', ');
    warnings.add(`composition-joined-${domain.name}`, `Values of "${domain.name}" that are the same characters in different Unicode compositions (a composed é and e with a combining accent) were joined: ${listed}.`);
    return new Map(sets.flatMap((set) => set.map((v) => [v, set[0]] as [string, string])));
  });
  return renames.some((r) => r !== null) ? joinGroups(stats, renames) : stats;
}

/**
 * Says what value hygiene did and found, per sensitive or strata column, and returns the
 * statistics to analyse: with `config.merge_case` the case variants joined into one group each;
 * otherwise unchanged, with a warning naming the variants.
 */
export function applyValueHygiene(stats: GroupStatistics, config: ResolvedConfig, warnings: Warnings): GroupStatistics {
  stats = joinCompositions(stats, warnings);
  const merge = config.merge_case === true;
  const renames = stats.features.map((domain) => {
    if (domain.trimmed?.length) {
      warnings.add(
        `trimmed-values-${domain.name}`,
        `Values of "${domain.name}" with surrounding spaces were trimmed and joined their groups (${quoted(domain.trimmed)}${domain.trimmed.length >= MAX_TRIMMED_KEPT ? ', …' : ''}); trim: false (--no-trim) keeps them apart.`,
      );
    }
    const sets = caseVariants(domain);
    if (sets.length === 0) return null;
    const listed = sets.map((set) => set.map((v) => JSON.stringify(v)).join(' / ')).join('; ');
    if (!merge) {
      warnings.add(
        `case-variants-${domain.name}`,
        `Values of "${domain.name}" differ only by case and are audited as separate groups: ${listed}. Set merge_case: true (--merge-case) to join them, or fix the data.`,
      );
      return null;
    }
    warnings.add(`case-merged-${domain.name}`, `Values of "${domain.name}" that differ only by case were joined (merge_case): ${listed}, each shown as the first spelling.`);
    return new Map(sets.flatMap((set) => set.map((v) => [v, set[0]] as [string, string])));
  });
  return renames.some((r) => r !== null) ? joinGroups(stats, renames) : stats;
}

/**
 * `config.reference` with each group value matched to a group of the data as the data's values
 * were read: trimmed (unless `trim: false`), and regardless of case when `merge_case` joined the
 * variants. A value that still matches no group is left as given, for the analysis to refuse.
 */
export function referenceInData(config: ResolvedConfig, stats: GroupStatistics): ResolvedConfig {
  if (!config.reference) return config;
  const reference: Record<string, string> = {};
  for (const [attribute, wanted] of Object.entries(config.reference)) {
    const domain = stats.features.find((d) => d.name === attribute);
    reference[attribute] = domain ? matchGroup(domain, wanted, config) : wanted;
  }
  return { ...config, reference };
}

function matchGroup(domain: FeatureDomain, wanted: string, config: ResolvedConfig): string {
  if (domain.values.includes(wanted)) return wanted;
  const text = config.trim === false ? wanted : wanted.trim();
  if (domain.values.includes(text)) return text;
  // Another composition of the same characters (joined by the hygiene).
  const composed = domain.values.find((v) => v.normalize('NFC') === text.normalize('NFC'));
  if (composed !== undefined) return composed;
  if (config.merge_case !== true) return wanted;
  return domain.values.find((v) => v.toLowerCase() === text.toLowerCase()) ?? wanted;
}
