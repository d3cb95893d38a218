/**
 * Group keys as people write them: `race=Black`, or `race=Black, sex=Female` for an intersection.
 * The comparison matches groups across runs by this label, and accepted findings name groups with it.
 */
import type { GroupKey } from '../audit/results.js';

/**
 * The label of a group key: `feature=value` pairs in the key's order, joined by `, `.
 *
 * @example
 * groupLabel({ race: 'Black', sex: 'Female' }); // "race=Black, sex=Female"
 */
export function groupLabel(key: GroupKey): string {
  return Object.entries(key)
    .map(([feature, value]) => `${feature}=${value}`)
    .join(', ');
}

/**
 * The `feature=value` pairs of a label, sorted, so that `sex=F, race=B` and `race=B, sex=F` name
 * the same group. Pairs are split on `,` or `×`; spaces around names and values are ignored.
 * Returns null when a part has no `=` (then the text is not a group label).
 */
export function labelPairs(label: string): string[] | null {
  const parts = label.split(/[,×]/).map((part) => part.trim()).filter(Boolean);
  const pairs: string[] = [];
  for (const part of parts) {
    const at = part.indexOf('=');
    if (at <= 0) return null;
    pairs.push(`${part.slice(0, at).trim()}=${part.slice(at + 1).trim()}`);
  }
  return pairs.length > 0 ? pairs.sort() : null;
}

/** True when `label` (any pair order) names exactly the group `key`. */
export function labelMatchesKey(label: string, key: GroupKey): boolean {
  const wanted = labelPairs(label);
  if (!wanted) return false;
  const actual = Object.entries(key)
    .map(([feature, value]) => `${feature.trim()}=${value.trim()}`)
    .sort();
  return wanted.length === actual.length && wanted.every((pair, i) => pair === actual[i]);
}
