/** The discovery and proxies sections, from the discovery result. Pure. */
import type { DiscoveryResult } from '../../results/index.js';
import { formatCount, formatNumber, formatPercent } from '../format.js';
import type { ProxyRow, ReportView } from './types.js';

/** The discovery section: every column discovery flagged, with its evidence and what to do. */
export function discoveryView(d: DiscoveryResult): NonNullable<ReportView['discovery']> {
  const flagged = d.columns.filter((c) => c.categories.length > 0 || c.contains_some_pii);
  return {
    sampleRows: formatCount(d.sample_rows),
    rowsSeen: formatCount(d.rows_seen),
    quietColumns: d.columns.length - flagged.length,
    rows: flagged.map((c) => ({
      column: c.column,
      type: c.type,
      categories: c.categories.length ? c.categories.join(', ') : 'contains some PII-like values',
      kind: [c.protected_kind, c.identifier_kind].filter(Boolean).map((k) => String(k).replace(/_/g, ' ')).join(', ') || '—',
      confidence: `${formatPercent(c.confidence)} (at least ${formatPercent(c.confidence_lower)})`,
      evidence: c.evidence,
      action: c.action,
      examples: c.examples.join(', '),
    })),
  };
}

/** The proxies section: each column associated with a protected attribute, by Cramér's V. */
export function proxyRows(d: DiscoveryResult): ProxyRow[] {
  return d.columns.flatMap((c) =>
    (c.proxy_for ?? []).map((p) => ({
      column: c.column,
      attribute: p.attribute,
      cramersV: formatNumber(p.cramers_v, 2),
      strength: p.strength === 'strong' ? 'strong (V ≥ 0.5)' : 'moderate (V ≥ 0.3)',
    })),
  );
}
