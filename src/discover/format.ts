/**
 * Discovery as a readable, aligned text table for a terminal (`fairaudit discover`).
 */
import type { ColumnFinding, DiscoveryResult } from '../results/index.js';
import { terminalSafe } from '../text/terminal.js';

/** Widest evidence text shown per row; the JSON output has all of it. */
const EVIDENCE_WIDTH = 72;

/**
 * Renders one row per column (column, category, confidence, evidence, suggested action) under a
 * header, then a line with the sample size. Confidence is the match share with its Wilson lower
 * bound (`1.00 ≥0.99`). Column names and evidence come from the data: their control characters
 * are shown escaped.
 *
 * @example
 * process.stdout.write(formatDiscovery(await discover(source)));
 */
export function formatDiscovery(unsafe: DiscoveryResult): string {
  const result = terminalSafe(unsafe);
  const header = ['column', 'category', 'confidence', 'evidence', 'suggested action'];
  const rows = result.columns.map((f) => [f.column, categoryText(f), confidenceText(f), evidenceText(f), f.action]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === cells.length - 1 ? c : c.padEnd(widths[j]))).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const sample =
    result.sample_rows === result.rows_seen
      ? `Sample: all ${count(result.rows_seen)} rows (seed ${result.seed}).`
      : `Sample: ${count(result.sample_rows)} of ${count(result.rows_seen)} rows, drawn at random (seed ${result.seed}).`;
  return [line(header), rule, ...rows.map(line), '', sample, ''].join('\n');
}

function categoryText(f: ColumnFinding): string {
  const kind = f.protected_kind ?? f.identifier_kind;
  const parts = f.categories.map((c) => {
    if (c === 'protected') return `protected (${(f.protected_kind ?? '').replace(/_/g, ' ')})`;
    if (c === 'identifier' || (c === 'quasi-identifier' && !f.categories.includes('identifier') && !f.categories.includes('protected') && kind)) {
      return `${c} (${(f.identifier_kind ?? '').replace(/_/g, ' ')})`;
    }
    if (c === 'proxy') return `proxy (${(f.proxy_for ?? []).map((p) => p.attribute).join(', ')})`;
    return c;
  });
  if (f.contains_some_pii) parts.push('some PII');
  return parts.length ? parts.join(', ') : '—';
}

function confidenceText(f: ColumnFinding): string {
  if (f.categories.length === 0 || f.categories.every((c) => c === 'proxy')) {
    const v = f.proxy_for?.[0]?.cramers_v;
    return v === undefined ? '' : `V ${v.toFixed(2)}`;
  }
  return `${f.confidence.toFixed(2)} ≥${f.confidence_lower.toFixed(2)}`;
}

function evidenceText(f: ColumnFinding): string {
  const text = f.evidence.join('; ');
  return text.length > EVIDENCE_WIDTH ? `${text.slice(0, EVIDENCE_WIDTH - 1)}…` : text;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
