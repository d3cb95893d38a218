/**
 * `recode:` — users' group values mapped to the categories an audit reports (say, EEO-1 race and
 * ethnicity categories for NYC LL144) before any metric is computed. Values mapped to the same name
 * become one group; values the map does not name stay as they are. Pure: works on the domains of
 * the statistics (one entry per distinct value), never on rows.
 */
import type { Warnings } from '../warnings.js';
import { joinGroups, type GroupStatistics } from './statistics.js';

/**
 * `stats` with each feature's values renamed by `recode[feature]`, and a warning per column the
 * map names that is not a sensitive or strata column of this audit (a misspelt column would
 * otherwise change nothing, silently).
 *
 * @example
 * recodeGroups(stats, { race: { Black: 'Black or African American' } }, warnings);
 */
export function recodeGroups(stats: GroupStatistics, recode: Readonly<Record<string, Record<string, string>>> | undefined, warnings: Warnings): GroupStatistics {
  if (!recode || Object.keys(recode).length === 0) return stats;
  const names = stats.features.map((d) => d.name);
  for (const column of Object.keys(recode)) {
    if (!names.includes(column)) warnings.add(`recode-unused-${column}`, `recode: names "${column}", which is not a sensitive or strata column of this audit; its map was not applied.`);
  }
  const renames = stats.features.map((domain) => {
    const map = recode[domain.name];
    if (!map || domain.bins) return null;
    const used = domain.values.filter((v) => Object.hasOwn(map, v) && map[v] !== v);
    if (used.length === 0) return null;
    return new Map(used.map((v) => [v, map[v]] as [string, string]));
  });
  return renames.some((r) => r !== null) ? joinGroups(stats, renames) : stats;
}
