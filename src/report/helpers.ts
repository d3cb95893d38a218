/**
 * The Handlebars helpers of the report, registered in this one place. Helpers that return markup
 * (badges, charts) build it from fixed strings and escape every piece of data they include; the
 * templates never use triple braces.
 */
import type Handlebars from 'handlebars';
import type { Verdict } from '../results/index.js';
import { errorRateChart, escapeXml, impactRatioChart, selectionRateChart, trendChart } from './charts.js';
import type { ChartSpec, StatusView } from './view/index.js';

const VERDICT_BADGES: Record<Verdict, { symbol: string; word: string }> = {
  pass: { symbol: '✓', word: 'PASS' },
  warn: { symbol: '!', word: 'WARN' },
  fail: { symbol: '✗', word: 'FAIL' },
  'insufficient-data': { symbol: '?', word: 'INSUFFICIENT DATA' },
};

/** A verdict badge: symbol, word and colour, so that colour is never the only carrier. */
function verdictBadge(verdict: Verdict): string {
  const badge = VERDICT_BADGES[verdict] ?? { symbol: '?', word: String(verdict).toUpperCase() };
  return `<span class="badge badge-${escapeXml(verdict)}"><span aria-hidden="true">${badge.symbol}</span> ${escapeXml(badge.word)}</span>`;
}

/** Renders a chart spec from the view model as inline SVG. */
function renderChart(spec: ChartSpec): string {
  switch (spec.type) {
    case 'selection':
      return selectionRateChart(spec);
    case 'impact':
      return impactRatioChart(spec);
    case 'errors':
      return errorRateChart(spec);
    case 'trend':
      return trendChart(spec);
  }
}

/**
 * Text as the body of a CSS string (`content: "…"`): every character but letters, digits and
 * spaces becomes a hex escape, so nothing in it can end the string or the `<style>` element.
 */
function cssStringBody(text: string): string {
  return [...text].map((c) => (/[A-Za-z0-9 ]/.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join('');
}

/** Registers every report helper on `hb` (an isolated Handlebars environment). */
export function registerReportHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('badge', (verdict: Verdict) => new hb.SafeString(verdictBadge(verdict)));
  hb.registerHelper('inconclusiveBadge', () => new hb.SafeString('<span class="badge badge-inconclusive"><span aria-hidden="true">≈</span> INCONCLUSIVE</span>'));
  hb.registerHelper('acceptanceBadge', (state: 'in-force' | 'expired') =>
    state === 'expired'
      ? new hb.SafeString('<span class="badge badge-expired"><span aria-hidden="true">⊘</span> ACCEPTANCE EXPIRED</span>')
      : new hb.SafeString('<span class="badge badge-accepted"><span aria-hidden="true">✎</span> ACCEPTED</span>'),
  );
  hb.registerHelper('status', (status: StatusView) =>
    status.judged
      ? new hb.SafeString('<span class="status status-judged"><span aria-hidden="true">✓</span> judged</span>')
      : new hb.SafeString(`<span class="status status-not-judged"><span aria-hidden="true">○</span> not judged<span class="ci">${escapeXml(status.text)}</span></span>`),
  );
  hb.registerHelper('chart', (spec: ChartSpec) => new hb.SafeString(renderChart(spec)));
  hb.registerHelper('cssString', (text: string) => cssStringBody(String(text)));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('inc', (i: number) => i + 1);
}
