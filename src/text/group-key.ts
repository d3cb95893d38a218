/**
 * The one place that turns a group key ({feature: value}) into text. Two spellings exist because
 * two kinds of reader exist: `race=Black, sex=Female` names a group unambiguously (the comparison
 * matches groups across runs by it, accepted findings and history entries store it), while
 * `Black × Female` is what a person reads in a table whose header already names the features.
 * Pure: no audit types are imported, so every stage may use it.
 */

/** A group's values by feature name, as in `GroupKey` of the results. */
type Key = Readonly<Record<string, string>>;

/** The name of the group of rows with no value, as the engine forms it (`MISSING_GROUP` in metrics/features.ts). */
const MISSING_GROUP = '(missing)';

/** The separator between the values of an intersection's group (`INTERSECTION_SEPARATOR` of metrics/combinations.ts). */
const VALUE_SEPARATOR = ' × ';

/**
 * The key as `feature=value` pairs in the key's order, joined by `, `: the label that names a
 * group on its own, stored in comparisons, acceptances and history.
 *
 * @example
 * groupKeyPairs({ race: 'Black', sex: 'Female' }); // "race=Black, sex=Female"
 */
export function groupKeyPairs(key: Key): string {
  return Object.entries(key)
    .map(([feature, value]) => `${feature}=${value}`)
    .join(', ');
}

/**
 * The key's values joined by ` × `, in the order of `features` (default: the key's own order); a
 * feature the key lacks reads `(missing)`. Used where the features are already named nearby.
 *
 * @example
 * groupKeyValues({ race: 'Black', sex: 'Female' }); // "Black × Female"
 * groupKeyValues({ race: 'Black' }, ['sex', 'race']); // "(missing) × Black"
 */
export function groupKeyValues(key: Key, features?: readonly string[]): string {
  const names = features ?? Object.keys(key);
  return names.map((f) => key[f] ?? MISSING_GROUP).join(VALUE_SEPARATOR);
}
