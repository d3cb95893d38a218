/**
 * Reading group labels back: `race=Black, sex=Female` (written by `groupKeyPairs` of
 * text/group-key.ts) matched against a key in any pair order, as accepted findings name groups.
 */
import type { GroupKey } from '../results/index.js';

/**
 * The `feature=value` pairs of a label, sorted, so that `sex=F, race=B` and `race=B, sex=F` name
 * the same group. Pairs are split on `,` or `×`; spaces around names and values are ignored.
 * Returns null when a part has no `=` (then the text is not a group label).
 */
function labelPairs(label: string): string[] | null {
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
