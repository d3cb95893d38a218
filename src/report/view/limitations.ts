/**
 * The limitations and definitions sections: small groups, undefined rates, aggregate notes, and
 * each metric shown defined. Pure.
 */
import type { AuditResults, RateName } from '../../results/index.js';
import { groupKeyValues } from '../../text/group-key.js';
import { metricDefinition, metricLabel } from '../definitions.js';
import type { MetricDefinition } from '../definitions.js';
import { formatCount } from '../format.js';
import { SHOWN_RATES } from './shared.js';
import type { ReportView } from './types.js';

/** The limitations section: groups too small to judge, rates undefined for a group, notes on aggregates. */
export function limitations(results: AuditResults): ReportView['limitations'] {
  const smallGroups: string[] = [];
  const undefinedRates: string[] = [];
  const aggregateNotes: string[] = [];
  for (const a of results.attributes) {
    // Only rates with a column in the report need their n/a explained: a rate undefined for every
    // group (say, error rates without predictions) has no column and is explained once elsewhere.
    const columns = new Set([...SHOWN_RATES].filter((rate) => a.groups.some((g) => g.rates[rate] !== null && g.rates[rate] !== undefined)));
    for (const g of a.groups) {
      const name = `${a.name} = ${groupKeyValues(g.key, a.features)}`;
      if (!g.eligible) smallGroups.push(`${name} (n = ${formatCount(g.n)})`);
      const byReason = new Map<string, string[]>();
      for (const [rate, reason] of Object.entries(g.null_reasons) as [RateName, string][]) {
        if (!reason || !columns.has(rate)) continue;
        byReason.set(reason, [...(byReason.get(reason) ?? []), metricLabel(rate)]);
      }
      for (const [reason, rates] of byReason) undefinedRates.push(`${name}: ${rates.join(', ')} undefined — ${reason.replace(/\.$/, '')}`);
    }
    for (const [metric, note] of Object.entries(a.aggregate_notes)) aggregateNotes.push(`${a.name}, ${metricLabel(metric)}: ${note}`);
  }
  return { smallGroups, undefinedRates, aggregateNotes, minGroupSize: results.config.min_group_size, ll144: results.config.mode === 'll144' };
}

/** The definitions of every metric the report shows or checks, base rate and impact ratio first. */
export function definitions(rates: Set<string>, aggregates: Set<string>, results: AuditResults, shown: Set<string>): MetricDefinition[] {
  const names = [
    'base_rate',
    ...[...rates].filter((r) => r !== 'base_rate'),
    'impact_ratio',
    ...[...aggregates].filter((a) => a !== 'impact_ratio'),
    ...shown,
    ...results.checks.map((c) => c.metric),
  ];
  return [...new Set(names)].map(metricDefinition);
}
