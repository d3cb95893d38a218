/**
 * Renders audit results as a self-contained HTML report and as a Markdown summary. Pure apart from
 * reading the templates once, at first use (see templates.ts).
 */
import type { AuditResults } from '../results/index.js';
import { htmlTemplate } from './templates.js';
import { reportView, type ViewOptions } from './view/index.js';
export { renderMarkdown } from './markdown.js';

/** What the HTML report shows beyond the results: `history` (oldest first, this run last) for the trend. */
export type RenderOptions = ViewOptions;

/**
 * The HTML report (DESIGN §10): one file with inline CSS and inline SVG, no script and no
 * external URL; every data string is escaped. With `options.history` of two runs or more it
 * gains a trend section (default: none).
 *
 * @example
 * writeFileSync('report.html', renderHtml(results, { history: await readHistory('reports/history.jsonl') }));
 */
export function renderHtml(results: AuditResults, options: RenderOptions = {}): string {
  return htmlTemplate()(reportView(results, options));
}
