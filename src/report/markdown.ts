/**
 * The Markdown summary (`summary.md`): the verdict table and the top findings, short enough for a
 * pull-request comment or a ticket. Every data string is escaped for Markdown.
 */
import type { AuditResults, SqlSourceProvenance, Verdict } from '../results/index.js';
import { comparisonView } from './comparison-view.js';
import { metricLabel } from './definitions.js';
import { formatCount, formatDate } from './format.js';
import { groupKeyValues } from '../text/group-key.js';
import { acceptanceText, findings, reportView } from './view/index.js';
import { metadataRows } from './view/metadata.js';
import { sourceRows } from './view/provenance.js';
import { taskSummaryLines } from './task-summary.js';

const SYMBOLS: Record<Verdict, string> = { pass: '✅ PASS', warn: '⚠️ WARN', fail: '❌ FAIL', 'insufficient-data': '❔ INSUFFICIENT DATA' };

/** Checks listed one by one up to this many; beyond it, passing checks are only counted. */
const MAX_ROWS = 15;

/**
 * Escapes text for a Markdown table cell or paragraph: no markup, no HTML, no line breaks, and no
 * more escapes than needed, so the raw file stays readable (`<25` and `impact_ratio` stay as they
 * are). Backslash escapes for the characters that make links, code, emphasis, strikethrough or a
 * table cell break (backslash, backtick, `*`, `[`, `]`, `|`, `~`); `_` only where it could start or end emphasis (not inside
 * a word); `#`, `>`, `+`, `-`, `=` and `1.` only at the start, where they start a block. `<` and
 * `>` become entities only when the text contains something a Markdown renderer would take for an
 * HTML tag or autolink (`<` followed by a letter, `/`, `!` or `?`), and `&` only before an entity.
 * Bare URLs, `www.` names and e-mail addresses would become live links in GitHub's renderer (its
 * extended autolinks): the `:` of `scheme://`, the `.` of `www.` and every `@` are backslash-escaped,
 * which renders as the same text but is no longer recognised as a link.
 *
 * @example
 * markdownText('25–<45 | a_b'); // 25–<45 \| a_b
 */
export function markdownText(text: string): string {
  return markdownInline(text)
    .replace(/^([#>+=-])/, '\\$1')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

/** {@link markdownText} for text that never starts a line (after other text, or in a table cell). */
function markdownInline(text: string): string {
  const markup = /<[A-Za-z/!?]/.test(text);
  const oneLine = text.replace(/\s*[\r\n]+\s*/g, ' ');
  let out = '';
  for (let i = 0; i < oneLine.length; i++) {
    const c = oneLine[i];
    if ('\\`*[]|~'.includes(c)) out += `\\${c}`;
    else if (c === '_') out += isWordChar(oneLine[i - 1]) && isWordChar(oneLine[i + 1]) ? '_' : '\\_';
    else if (c === '&') out += /^&#?[A-Za-z0-9]+;/.test(oneLine.slice(i)) ? '&amp;' : '&';
    else if (markup && c === '<') out += '&lt;';
    else if (markup && c === '>') out += '&gt;';
    else out += c;
  }
  return defuseAutolinks(out);
}

function defuseAutolinks(text: string): string {
  return text
    .replace(/([A-Za-z][A-Za-z0-9+.-]*):(?=\/\/)/g, '$1\\:')
    .replace(/\b(mailto|xmpp):/gi, '$1\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@');
}

/** The verdict's badge; a verdict this version does not know (a crafted audit.json) is shown as text. */
function symbol(verdict: Verdict): string {
  return Object.hasOwn(SYMBOLS, verdict) ? SYMBOLS[verdict] : markdownText(String(verdict).toUpperCase());
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
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
  const inline = markdownInline;
  const lines: string[] = [
    `## fairaudit: ${md(results.input.name)} — ${symbol(results.verdict)}`,
    '',
    `${md(view.verdict.headline)} ${md(view.verdict.explanation)}`,
    '',
    ...metadataLines(results),
    `Audited ${inline(formatCount(results.input.rows_used))} of ${inline(formatCount(results.input.rows_read))} rows on ${inline(formatDate(results.created_at))} with fairaudit ${md(results.tool.version)}.`,
    '',
    ...(results.task && results.task.name !== 'binary' ? [`Task: ${md(results.task.name)} (${results.task.detected ? 'detected' : 'set by the config'}: ${md(results.task.reason)}).`, ''] : []),
    ...taskSummaryLines(results, md),
    `Sensitive attributes: ${md(results.columns.sensitive.join(', '))}${results.discovery ? ' (chosen by discovery: see the report for the evidence, and name them with --sensitive to fix the choice)' : ''}.`,
    '',
  ];
  const rows = view.checks.length > MAX_ROWS ? view.checks.filter((c) => c.verdict !== 'pass') : view.checks;
  if (view.checks.length) {
    lines.push('| Verdict | Check | Attribute | Value | 95% interval | Limit |', '|---|---|---|---:|---:|---|');
    for (const c of rows) {
      const acceptance = c.acceptance === 'in-force' ? ' (accepted)' : c.acceptance === 'expired' ? ' (acceptance expired)' : '';
      const verdict = symbol(c.verdict) + (c.inconclusive ? ' (inconclusive)' : '') + acceptance;
      const attribute = md(c.attribute) + (c.group ? ` (${md(c.group)})` : '');
      lines.push(`| ${verdict} | ${md(c.label)} | ${attribute} | ${inline(String(c.value))} | ${inline(String(c.interval ?? '—'))} | ${inline(String(c.threshold))} |`);
    }
    if (rows.length < view.checks.length) lines.push('', `…and ${view.checks.length - rows.length} passing checks (see the report).`);
  } else {
    lines.push('No policy checks were configured.');
  }
  const accepted = results.checks.filter((c) => c.accepted && (c.verdict === 'fail' || c.verdict === 'warn'));
  if (accepted.length) {
    lines.push('', '**Accepted findings** (listed, never hidden)', '');
    for (const c of accepted) {
      const where = md(c.attribute) + (c.group ? ` (${md(groupKeyValues(c.group))})` : '');
      lines.push(`- ${md(metricLabel(c.metric))} on ${where}: ${md(acceptanceText(c) ?? '')}`);
    }
  }
  const comparison = comparisonView(results.comparison, (key) => groupKeyValues(key));
  if (comparison) {
    const changed = comparison.changes.filter((c) => c.changed).map((c) => c.label.toLowerCase());
    lines.push('', `**Since the baseline**: ${md(comparison.driftSummary)}${changed.length ? ` Changed: ${md(changed.join(', '))}.` : ''}`);
  }
  const top = findings(results, 5);
  if (top.length) lines.push('', '**Top findings**', '', ...top.map((f) => `- ${md(f)}`));
  const files = [
    ...results.input.files.map((f) => `${md(f.path)} (sha256 ${inline(String(f.sha256).slice(0, 12))}…)`),
    ...(results.input.source ? [sourceLine(results.input.source)] : []),
  ].join(', ');
  lines.push('', `<sub>Input: ${files}. Config sha256 ${inline(String(results.config_sha256).slice(0, 12))}…, seed ${inline(String(results.seed))}. Full report: report.html.</sub>`, '');
  return lines.join('\n');
}

/** The audit metadata (`audit:`) as one Markdown line of `label: value` pairs, then a blank line; none without it. */
function metadataLines(results: AuditResults): string[] {
  const rows = metadataRows(results);
  if (!rows?.length) return [];
  return [rows.map((r) => `**${markdownInline(r.label)}**: ${markdownInline(r.value)}`).join(' · '), ''];
}

/**
 * The database source in one line (`Counted by: DuckDB (v1.1.3); Table: loans; …`): the same rows
 * as the report's, each escaped, with a long query cut so the summary stays short.
 */
function sourceLine(source: SqlSourceProvenance): string {
  return sourceRows(source)
    .map((r) => `${markdownInline(r.label)}: ${markdownInline(r.value.length > 200 ? `${r.value.slice(0, 200)}…` : r.value)}`)
    .join('; ');
}
