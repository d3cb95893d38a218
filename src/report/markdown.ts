/**
 * The Markdown summary (`summary.md`): the verdict table and the top findings, short enough for a
 * pull-request comment or a ticket. Every data string is escaped for Markdown.
 */
import type { AuditResults, Verdict } from '../audit/results.js';
import { formatCount, formatDate } from './format.js';
import { findings, reportView } from './view.js';

const SYMBOLS: Record<Verdict, string> = { pass: '✅ PASS', warn: '⚠️ WARN', fail: '❌ FAIL', 'insufficient-data': '❔ INSUFFICIENT DATA' };

/** Checks listed one by one up to this many; beyond it, passing checks are only counted. */
const MAX_ROWS = 15;

/** Escapes text for a Markdown table cell or paragraph: no markup, no HTML, no line breaks. */
export function markdownText(text: string): string {
  return text
    .replace(/[\\`*_[\]|#~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * The Markdown summary of `results`: headline, verdict table, top findings and provenance line.
 *
 * @example
 * writeFileSync('summary.md', renderMarkdown(results));
 */
export function renderMarkdown(results: AuditResults): string {
  const view = reportView(results);
  const md = markdownText;
  const lines: string[] = [
    `## fairaudit: ${md(results.input.name)} — ${SYMBOLS[results.verdict]}`,
    '',
    `${md(view.verdict.headline)} ${md(view.verdict.explanation)}`,
    '',
    `Audited ${formatCount(results.input.rows_used)} of ${formatCount(results.input.rows_read)} rows on ${formatDate(results.created_at)} with fairaudit ${md(results.tool.version)}.`,
    '',
  ];
  const rows = view.checks.length > MAX_ROWS ? view.checks.filter((c) => c.verdict !== 'pass') : view.checks;
  if (view.checks.length) {
    lines.push('| Verdict | Check | Attribute | Value | 95% interval | Limit |', '|---|---|---|---:|---:|---|');
    for (const c of rows) {
      const verdict = SYMBOLS[c.verdict] + (c.inconclusive ? ' (inconclusive)' : '');
      const attribute = md(c.attribute) + (c.group ? ` (${md(c.group)})` : '');
      lines.push(`| ${verdict} | ${md(c.label)} | ${attribute} | ${c.value} | ${c.interval ?? '—'} | ${c.threshold} |`);
    }
    if (rows.length < view.checks.length) lines.push('', `…and ${view.checks.length - rows.length} passing checks (see the report).`);
  } else {
    lines.push('No policy checks were configured.');
  }
  const top = findings(results, 5);
  if (top.length) lines.push('', '**Top findings**', '', ...top.map((f) => `- ${md(f)}`));
  const files = results.input.files.map((f) => `${md(f.path)} (sha256 ${f.sha256.slice(0, 12)}…)`).join(', ');
  lines.push('', `<sub>Input: ${files}. Config sha256 ${results.config_sha256.slice(0, 12)}…, seed ${results.seed}. Full report: report.html.</sub>`, '');
  return lines.join('\n');
}
