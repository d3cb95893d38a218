/**
 * Which attributes and intersections an audit reports (DESIGN §3): every sensitive attribute,
 * then the intersections `config.intersections` asks for — all pairs by default, every
 * combination of two or more (`all`), none, or explicit lists. In LL144 mode the default is the
 * one intersection the law asks for: sex × race/ethnicity.
 */
import type { ResolvedConfig } from '../config/types.js';

/** One attribute (one feature) or intersection (several). */
export interface Combination {
  /** `race`, or `race × sex`. */
  name: string;
  features: string[];
  kind: 'attribute' | 'intersection';
}

/** The separator of intersection names. */
export const INTERSECTION_SEPARATOR = ' × ';

const SEX_NAME = /(^|[^a-z])(sex|gender)([^a-z]|$)/i;
const RACE_NAME = /(^|[^a-z])(race|ethnicity|ethnic)([^a-z]|$)/i;

function combinationsOfSize<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  const out: T[][] = [];
  items.forEach((item, i) => {
    for (const rest of combinationsOfSize(items.slice(i + 1), size - 1)) out.push([item, ...rest]);
  });
  return out;
}

/** The attributes, then the intersections, of an audit over `sensitive`. */
export function auditCombinations(sensitive: readonly string[], config: Pick<ResolvedConfig, 'intersections' | 'mode'>): Combination[] {
  const attributes: Combination[] = sensitive.map((name) => ({ name, features: [name], kind: 'attribute' }));
  let lists: string[][];
  const setting = config.intersections;
  if (setting === 'none') lists = [];
  else if (setting === 'all') {
    lists = [];
    for (let size = 2; size <= sensitive.length; size++) lists.push(...combinationsOfSize(sensitive, size));
  } else if (setting === 'pairs') {
    const sex = sensitive.find((s) => SEX_NAME.test(s));
    const race = sensitive.find((s) => RACE_NAME.test(s));
    lists = config.mode === 'll144' && sex && race ? [[sex, race]] : combinationsOfSize(sensitive, 2);
  } else lists = setting.map((list) => [...list]);

  const seen = new Set(sensitive.map((s) => JSON.stringify([s])));
  const intersections: Combination[] = [];
  for (const features of lists) {
    const unique = [...new Set(features)];
    const key = JSON.stringify(unique);
    if (unique.length < 2 || seen.has(key)) continue;
    seen.add(key);
    intersections.push({ name: unique.join(INTERSECTION_SEPARATOR), features: unique, kind: 'intersection' });
  }
  return [...attributes, ...intersections];
}
