/**
 * Renders audit results as a self-contained HTML report and as a Markdown summary. Pure apart from
 * reading the templates once, at first use (see templates.ts).
 */
import type { AuditResults } from '../audit/results.js';
import { htmlTemplate } from './templates.js';
import { reportView } from './view.js';
export { renderMarkdown } from './markdown.js';

/**
 * The HTML report (DESIGN §10): one file with inline CSS and inline SVG, no script and no
 * external URL; every data string is escaped.
 *
 * @example
 * writeFileSync('report.html', renderHtml(results));
 */
export function renderHtml(results: AuditResults): string {
  return htmlTemplate()(reportView(results));
}
