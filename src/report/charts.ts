/**
 * The report's charts as inline SVG, drawn by hand: no library, no script, nothing fetched. Each
 * chart has a title, axes, labels and a text alternative (`role="img"`, `aria-label`, `<title>`,
 * `<desc>`), and never relies on colour alone: values are written next to the marks, and marks
 * beyond a threshold are hatched and labelled. Every data string is XML-escaped here.
 */
import type { Interval } from '../results/index.js';
import { formatAgainst, formatInterval, formatNumber, formatPercent } from './format.js';

const WIDTH = 820;
const ROW = 26;
const TOP = 44;
const BOTTOM = 52;
const VALUE_COLUMN = 200;
const INK = '#1f2933';
const MUTED = '#6b7785';
const GRID = '#d9dee4';
const MARK = '#2b5c8a';
const ALERT = '#a8351c';

/** One group's rate with its interval (selection-rate chart). */
export interface RateChartRow {
  label: string;
  value: number | null;
  interval: Interval | null;
  eligible: boolean;
  /** Shown instead of a value when `value` is null, and after it when the group is not judged. */
  note?: string;
}

/** One group's impact ratio (impact-ratio chart). */
export interface ImpactChartRow {
  label: string;
  ratio: number | null;
  reference: boolean;
  eligible: boolean;
  note?: string;
}

/** One group's TPR and FPR (error-rate chart). */
export interface ErrorRateRow {
  label: string;
  tpr: number | null;
  fpr: number | null;
  eligible: boolean;
}

/** What every chart needs besides its rows: a unique id (for aria references) and a title. */
export interface ChartFrame {
  id: string;
  title: string;
}

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Selection rate by group: a dot per group with its 95% Wilson interval as whiskers, on a 0–100%
 * axis. Groups too small to judge are drawn hollow and say so.
 */
export function selectionRateChart(frame: ChartFrame & { rateLabel: string; rows: RateChartRow[] }): string {
  const { rows } = frame;
  const left = labelColumn(rows.map((r) => r.label));
  const right = WIDTH - VALUE_COLUMN;
  const x = (p: number) => left + p * (right - left);
  const height = TOP + rows.length * ROW + BOTTOM;
  const parts: string[] = [];
  parts.push(...xAxis([0, 0.2, 0.4, 0.6, 0.8, 1], x, TOP, TOP + rows.length * ROW, (t) => `${Math.round(t * 100)}%`));
  parts.push(axisLabel(`${frame.rateLabel}: dot = rate, whiskers = 95% interval`, (left + right) / 2, height - 10));
  rows.forEach((row, i) => {
    const y = TOP + i * ROW + ROW / 2;
    parts.push(rowLabel(row.label, left - 8, y));
    if (row.value === null) {
      parts.push(text(row.note ?? 'n/a', left + 4, y, { fill: MUTED, style: 'italic' }));
      return;
    }
    if (row.interval) {
      const [lo, hi] = row.interval;
      parts.push(`<line x1="${n(x(lo))}" x2="${n(x(hi))}" y1="${n(y)}" y2="${n(y)}" stroke="${INK}" stroke-width="1.5"/>`);
      for (const end of [lo, hi]) parts.push(`<line x1="${n(x(end))}" x2="${n(x(end))}" y1="${n(y - 5)}" y2="${n(y + 5)}" stroke="${INK}" stroke-width="1.5"/>`);
    }
    const fill = row.eligible ? MARK : '#ffffff';
    parts.push(`<circle cx="${n(x(row.value))}" cy="${n(y)}" r="5" fill="${fill}" stroke="${MARK}" stroke-width="2"/>`);
    const value = formatPercent(row.value) + (row.eligible ? '' : ' (not judged)');
    parts.push(text(value, right + 10, y, { fill: row.eligible ? INK : MUTED }));
  });
  const desc = rows
    .map((r) => `${r.label}: ${r.value === null ? (r.note ?? 'n/a') : `${formatPercent(r.value)}, 95% interval ${formatInterval(r.interval)}${r.eligible ? '' : `, ${r.note ?? 'not judged'}`}`}`)
    .join('; ');
  return svg(frame, height, desc, parts);
}

/**
 * Impact ratio by group: a bar from 0 to the ratio, with the four-fifths line at `threshold`.
 * Bars below the line are hatched and labelled "below 0.8"; the reference group is labelled.
 */
export function impactRatioChart(frame: ChartFrame & { threshold: number; rows: ImpactChartRow[] }): string {
  const { rows, threshold } = frame;
  const left = labelColumn(rows.map((r) => r.label));
  const right = WIDTH - VALUE_COLUMN;
  const max = Math.max(1, ...rows.map((r) => r.ratio ?? 0));
  const domain = Math.ceil(max * 5 - 1e-9) / 5;
  const x = (v: number) => left + (v / domain) * (right - left);
  const bottom = TOP + rows.length * ROW;
  const height = bottom + BOTTOM;
  const ticks = Array.from({ length: Math.round(domain * 5) + 1 }, (_, i) => i / 5);
  const hatch = `${frame.id}-hatch`;
  const parts: string[] = [
    `<defs><pattern id="${escapeXml(hatch)}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
      `<rect width="6" height="6" fill="#f3d3c8"/><line x1="0" y1="0" x2="0" y2="6" stroke="${ALERT}" stroke-width="2.5"/></pattern></defs>`,
  ];
  parts.push(...xAxis(ticks, x, TOP, bottom, (t) => formatNumber(t, 1)));
  parts.push(axisLabel("Impact ratio: group's favorable rate ÷ the reference group's", (left + right) / 2, height - 10));
  rows.forEach((row, i) => {
    const y = TOP + i * ROW + ROW / 2;
    parts.push(rowLabel(row.label, left - 8, y));
    if (row.ratio === null) {
      parts.push(text(row.note ?? 'n/a', left + 4, y, { fill: MUTED, style: 'italic' }));
      return;
    }
    const below = row.ratio < threshold;
    const fill = !row.eligible ? '#ffffff' : below ? `url(#${escapeXml(hatch)})` : MARK;
    const stroke = below ? ALERT : MARK;
    const dash = row.eligible ? '' : ' stroke-dasharray="4 3"';
    parts.push(`<rect x="${n(left)}" y="${n(y - 7)}" width="${n(Math.max(1, x(row.ratio) - left))}" height="14" fill="${fill}" stroke="${stroke}" stroke-width="1.5"${dash}/>`);
    const words = row.reference ? 'reference' : below ? `below ${formatNumber(threshold, 1)}` : '';
    const value = [formatAgainst(row.ratio, threshold), words, row.eligible ? '' : '(not judged)'].filter(Boolean).join(' ');
    parts.push(text(value, right + 10, y, { fill: !row.eligible ? MUTED : below ? ALERT : INK, weight: below && row.eligible ? 'bold' : undefined }));
  });
  const line = x(threshold);
  parts.push(`<line x1="${n(line)}" x2="${n(line)}" y1="${n(TOP - 6)}" y2="${n(bottom)}" stroke="${ALERT}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
  parts.push(text(`${formatNumber(threshold, 1)} (four-fifths line)`, line, TOP - 12, { fill: ALERT, anchor: 'middle' }));
  const desc = rows
    .map((r) => `${r.label}: ${r.ratio === null ? (r.note ?? 'n/a') : `${formatAgainst(r.ratio, threshold)}${r.reference ? ' (reference)' : r.ratio < threshold ? ` (below ${threshold})` : ''}${r.eligible ? '' : `, ${r.note ?? 'not judged'}`}`}`)
    .join('; ');
  return svg(frame, height, `Four-fifths line at ${threshold}. ${desc}`, parts);
}

/**
 * True positive rate against false positive rate, one numbered point per judged group with a
 * legend that repeats the numbers. Groups too small to judge and groups with an undefined rate are
 * listed as not plotted. The axes are zoomed to the plotted points (ticks say where), because the
 * differences that matter are often a few points wide; the diagonal TPR = FPR, where it falls
 * inside the view, marks a model no better than chance.
 */
export function errorRateChart(frame: ChartFrame & { rows: ErrorRateRow[] }): string {
  const defined = (r: ErrorRateRow) => r.tpr !== null && r.fpr !== null;
  const plotted = frame.rows.filter((r) => r.eligible && defined(r));
  const notJudged = frame.rows.filter((r) => !r.eligible);
  const undefinedRate = frame.rows.filter((r) => r.eligible && !defined(r));
  const size = 340;
  const left = 64;
  const top = TOP;
  const xs = domain(plotted.map((r) => r.fpr as number));
  const ys = domain(plotted.map((r) => r.tpr as number));
  const x = (v: number) => left + ((v - xs.lo) / (xs.hi - xs.lo)) * size;
  const y = (v: number) => top + size - ((v - ys.lo) / (ys.hi - ys.lo)) * size;
  const legendX = left + size + 32;
  const legend: { text: string; muted?: boolean }[] = plotted.map((row, i) => ({
    text: `${i + 1}  ${truncate(row.label, 30)}: TPR ${formatPercent(row.tpr)}, FPR ${formatPercent(row.fpr)}`,
  }));
  if (notJudged.length) legend.push(...wrap(`Not plotted, too small to judge: ${notJudged.map((r) => r.label).join(', ')}`, 52).map((text) => ({ text, muted: true })));
  if (undefinedRate.length) legend.push(...wrap(`Not plotted, TPR or FPR undefined: ${undefinedRate.map((r) => r.label).join(', ')}`, 52).map((text) => ({ text, muted: true })));
  const height = Math.max(top + size + BOTTOM, top + legend.length * 20 + 20);
  const parts: string[] = [];
  for (const t of xs.ticks) {
    parts.push(`<line x1="${n(x(t))}" x2="${n(x(t))}" y1="${n(top)}" y2="${n(top + size)}" stroke="${GRID}"/>`);
    parts.push(text(`${Math.round(t * 100)}%`, x(t), top + size + 16, { fill: MUTED, anchor: 'middle' }));
  }
  for (const t of ys.ticks) {
    parts.push(`<line x1="${n(left)}" x2="${n(left + size)}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="${GRID}"/>`);
    parts.push(text(`${Math.round(t * 100)}%`, left - 6, y(t), { fill: MUTED, anchor: 'end' }));
  }
  parts.push(`<rect x="${n(left)}" y="${n(top)}" width="${size}" height="${size}" fill="none" stroke="${INK}"/>`);
  const [d0, d1] = [Math.max(xs.lo, ys.lo), Math.min(xs.hi, ys.hi)];
  if (d1 > d0) {
    parts.push(`<line x1="${n(x(d0))}" y1="${n(y(d0))}" x2="${n(x(d1))}" y2="${n(y(d1))}" stroke="${MUTED}" stroke-dasharray="4 4"/>`);
    const angle = (Math.atan2(y(d1) - y(d0), x(d1) - x(d0)) * 180) / Math.PI;
    const at = d0 + 0.5 * (d1 - d0);
    parts.push(text('TPR = FPR: no better than chance', x(at), y(at) - 8, { fill: MUTED, anchor: 'middle', size: 10, rotate: { angle: Math.round(angle), cx: x(at), cy: y(at) - 8 } }));
  }
  parts.push(axisLabel('False positive rate (FPR)', left + size / 2, top + size + 36));
  parts.push(
    `<text x="0" y="0" transform="translate(${n(16)} ${n(top + size / 2)}) rotate(-90)" text-anchor="middle" fill="${INK}">True positive rate (TPR)</text>`,
  );
  plotted.forEach((row, i) => {
    const cx = x(row.fpr as number);
    const cy = y(row.tpr as number);
    parts.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="8" fill="${MARK}" stroke="#ffffff" stroke-width="1.5" fill-opacity="0.92"/>`);
    parts.push(text(String(i + 1), cx, cy, { fill: '#ffffff', anchor: 'middle', size: 9.5, weight: 'bold' }));
  });
  legend.forEach((line, i) => parts.push(text(line.text, legendX, top + i * 20 + 8, { fill: line.muted ? MUTED : INK, style: line.muted ? 'italic' : undefined })));
  const desc =
    plotted.map((r, i) => `${i + 1}. ${r.label}: TPR ${formatPercent(r.tpr)}, FPR ${formatPercent(r.fpr)}`).join('; ') +
    (notJudged.length ? `. Not plotted, too small to judge: ${notJudged.map((r) => r.label).join(', ')}` : '') +
    (undefinedRate.length ? `. Not plotted, TPR or FPR undefined: ${undefinedRate.map((r) => r.label).join(', ')}` : '');
  return svg(frame, height, desc, parts);
}

/** One run on the time axis of a trend chart. */
export interface TrendRun {
  /** Milliseconds since the epoch, or null when the run's time is unreadable. */
  time: number | null;
  /** The tick label (`2025-03-14`, or `09:26` when every run is on one day). */
  label: string;
}

/** One metric across runs; `values[i]` belongs to `runs[i]`, null where undefined or not audited. */
export interface TrendSeries {
  label: string;
  values: (number | null)[];
}

/** A policy limit drawn as a horizontal line. */
export interface TrendLimit {
  value: number;
  label: string;
}

/** How each series of a trend chart is drawn: colour, dash and marker, so colour is never alone. */
const TREND_STYLES = [
  { colour: MARK, dash: '', marker: 'circle' },
  { colour: '#8a5a00', dash: '7 4', marker: 'square' },
  { colour: '#5b3a8c', dash: '2 3', marker: 'triangle' },
] as const;

/** Runs beyond this many are drawn as lines without a marker per run. */
const TREND_MARKER_LIMIT = 60;

/**
 * Key metrics across runs: one line per series on a time axis (evenly spaced when times are
 * missing or repeat), with distinct dash patterns and markers, the policy limits as labelled
 * dashed lines, a legend with each series' first and latest value, and a text alternative
 * stating each series' range. The value axis is zoomed to the values and limits (ticks say where).
 */
export function trendChart(frame: ChartFrame & { runs: TrendRun[]; series: TrendSeries[]; limits: TrendLimit[] }): string {
  const { runs, series, limits } = frame;
  const left = 56;
  const plotWidth = WIDTH - left - 300;
  const plotHeight = 200;
  const top = TOP;
  const bottom = top + plotHeight;
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const ys = domain([...values, ...limits.map((l) => l.value)]);
  const y = (v: number) => bottom - ((v - ys.lo) / (ys.hi - ys.lo)) * plotHeight;
  const times = runs.map((r) => r.time);
  const byTime = times.every((t, i) => t !== null && (i === 0 || t > (times[i - 1] as number)));
  const span = byTime && runs.length > 1 ? (times[runs.length - 1] as number) - (times[0] as number) : 0;
  const x = (i: number) =>
    runs.length === 1 ? left + plotWidth / 2 : byTime && span > 0 ? left + (((times[i] as number) - (times[0] as number)) / span) * plotWidth : left + (i / (runs.length - 1)) * plotWidth;
  const parts: string[] = [];
  for (const t of ys.ticks) {
    parts.push(`<line x1="${n(left)}" x2="${n(left + plotWidth)}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="${GRID}"/>`);
    parts.push(text(formatNumber(t, 1), left - 6, y(t), { fill: MUTED, anchor: 'end' }));
  }
  for (const i of tickRuns(runs.length, 6)) {
    parts.push(`<line x1="${n(x(i))}" x2="${n(x(i))}" y1="${n(bottom)}" y2="${n(bottom + 4)}" stroke="${INK}"/>`);
    parts.push(text(runs[i].label, x(i), bottom + 16, { fill: MUTED, anchor: 'middle' }));
  }
  parts.push(`<line x1="${n(left)}" x2="${n(left + plotWidth)}" y1="${n(bottom)}" y2="${n(bottom)}" stroke="${INK}"/>`);
  parts.push(axisLabel(`Run finished (${runs.length} runs, oldest left, this run right)`, left + plotWidth / 2, bottom + 38));
  parts.push(`<text x="0" y="0" transform="translate(14 ${n(top + plotHeight / 2)}) rotate(-90)" text-anchor="middle" fill="${INK}">Value</text>`);
  for (const limit of limits) {
    parts.push(`<line x1="${n(left)}" x2="${n(left + plotWidth)}" y1="${n(y(limit.value))}" y2="${n(y(limit.value))}" stroke="${ALERT}" stroke-width="1" stroke-dasharray="3 5"/>`);
    parts.push(text(formatNumber(limit.value, 2), left + plotWidth + 4, y(limit.value), { fill: ALERT, size: 10.5 }));
  }
  const markers = runs.length <= TREND_MARKER_LIMIT;
  series.forEach((s, k) => {
    const style = TREND_STYLES[k % TREND_STYLES.length];
    let path = '';
    s.values.forEach((v, i) => {
      if (v === null) return;
      path += `${path && s.values[i - 1] !== null && i > 0 ? 'L' : 'M'}${n(x(i))} ${n(y(v))}`;
    });
    if (path) parts.push(`<path d="${path}" fill="none" stroke="${style.colour}" stroke-width="2"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`);
    s.values.forEach((v, i) => {
      if (v !== null && (markers || i === s.values.length - 1)) parts.push(marker(style.marker, x(i), y(v), style.colour));
    });
  });
  const legendX = left + plotWidth + 40;
  series.forEach((s, k) => {
    const style = TREND_STYLES[k % TREND_STYLES.length];
    const ly = top + k * 44 + 6;
    parts.push(`<line x1="${n(legendX)}" x2="${n(legendX + 28)}" y1="${n(ly)}" y2="${n(ly)}" stroke="${style.colour}" stroke-width="2"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`);
    parts.push(marker(style.marker, legendX + 14, ly, style.colour));
    parts.push(text(s.label, legendX + 36, ly, { fill: INK, weight: 'bold' }));
    const [first, last] = [firstDefined(s.values), s.values[s.values.length - 1]];
    parts.push(text(`this run ${formatNumber(last)}, first run ${formatNumber(first)}`, legendX + 36, ly + 17, { fill: MUTED }));
  });
  // Limits are named in the legend, not on the plot, where their labels would cover the lines.
  let ly = top + series.length * 44 + 6;
  for (const limit of limits) {
    parts.push(`<line x1="${n(legendX)}" x2="${n(legendX + 28)}" y1="${n(ly)}" y2="${n(ly)}" stroke="${ALERT}" stroke-width="1" stroke-dasharray="3 5"/>`);
    for (const line of wrap(limit.label, 34)) {
      parts.push(text(line, legendX + 36, ly, { fill: ALERT, size: 11 }));
      ly += 15;
    }
    ly += 6;
  }
  const desc = series
    .map((s) => {
      const defined = s.values.filter((v): v is number => v !== null);
      if (!defined.length) return `${s.label}: n/a in every run`;
      return `${s.label}: ${formatNumber(firstDefined(s.values))} in the first run with a value, ${formatNumber(s.values[s.values.length - 1])} in this run; lowest ${formatNumber(Math.min(...defined))}, highest ${formatNumber(Math.max(...defined))}`;
    })
    .join('; ');
  const limitText = limits.length ? `. Policy limits: ${limits.map((l) => l.label).join('; ')}` : '';
  return svg(frame, Math.max(bottom + BOTTOM, ly + 4), `${runs.length} runs from ${runs[0]?.label ?? 'n/a'} to ${runs[runs.length - 1]?.label ?? 'n/a'}. ${desc}${limitText}`, parts);
}

/** Up to `max` run indices to label: always the first and the last, the rest evenly between. */
function tickRuns(count: number, max: number): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  const picks = new Set<number>();
  for (let k = 0; k < max; k++) picks.add(Math.round((k * (count - 1)) / (max - 1)));
  return [...picks].sort((a, b) => a - b);
}

function firstDefined(values: (number | null)[]): number | null {
  return values.find((v): v is number => v !== null) ?? null;
}

function marker(shape: 'circle' | 'square' | 'triangle', cx: number, cy: number, colour: string): string {
  if (shape === 'square') return `<rect x="${n(cx - 4.5)}" y="${n(cy - 4.5)}" width="9" height="9" fill="${colour}" stroke="#ffffff" stroke-width="1"/>`;
  if (shape === 'triangle') return `<path d="M${n(cx)} ${n(cy - 6)}L${n(cx + 5.5)} ${n(cy + 4)}L${n(cx - 5.5)} ${n(cy + 4)}Z" fill="${colour}" stroke="#ffffff" stroke-width="1"/>`;
  return `<circle cx="${n(cx)}" cy="${n(cy)}" r="4.5" fill="${colour}" stroke="#ffffff" stroke-width="1"/>`;
}

/** An axis range around `values`, on tenths, at least 0.3 wide, inside [0, 1]; ticks every 0.1 or 0.2. */
function domain(values: number[]): { lo: number; hi: number; ticks: number[] } {
  if (values.length === 0) return { lo: 0, hi: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] };
  let lo = Math.max(0, Math.floor((Math.min(...values) - 0.03) * 10) / 10);
  let hi = Math.min(1, Math.ceil((Math.max(...values) + 0.03) * 10) / 10);
  while (hi - lo < 0.3 - 1e-9) {
    if (hi < 1) hi = Math.min(1, hi + 0.1);
    if (hi - lo < 0.3 - 1e-9 && lo > 0) lo = Math.max(0, lo - 0.1);
  }
  [lo, hi] = [Math.round(lo * 10) / 10, Math.round(hi * 10) / 10];
  const step = hi - lo > 0.5 + 1e-9 ? 0.2 : 0.1;
  const ticks: number[] = [];
  for (let t = lo; t <= hi + 1e-9; t += step) ticks.push(Math.round(t * 10) / 10);
  return { lo, hi, ticks };
}

/** Splits text into lines of at most `width` characters at spaces. */
function wrap(content: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of content.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function svg(frame: ChartFrame, height: number, desc: string, parts: string[]): string {
  const id = escapeXml(frame.id);
  const title = escapeXml(frame.title);
  return (
    `<svg class="chart" role="img" aria-label="${title}" aria-describedby="${id}-desc" ` +
    `width="${WIDTH}" height="${n(height)}" viewBox="0 0 ${WIDTH} ${n(height)}" font-size="12">` +
    `<title id="${id}-title">${title}</title><desc id="${id}-desc">${escapeXml(desc)}</desc>` +
    text(frame.title, 0, 16, { weight: 'bold', size: 14, fill: INK }) +
    parts.join('') +
    `</svg>`
  );
}

function xAxis(ticks: number[], x: (v: number) => number, top: number, bottom: number, label: (t: number) => string): string[] {
  const parts = ticks.map(
    (t) => `<line x1="${n(x(t))}" x2="${n(x(t))}" y1="${n(top)}" y2="${n(bottom)}" stroke="${GRID}"/>` + text(label(t), x(t), bottom + 16, { fill: MUTED, anchor: 'middle' }),
  );
  parts.push(`<line x1="${n(x(ticks[0]))}" x2="${n(x(ticks[ticks.length - 1]))}" y1="${n(bottom)}" y2="${n(bottom)}" stroke="${INK}"/>`);
  return parts;
}

function axisLabel(label: string, cx: number, y: number): string {
  return text(label, cx, y, { anchor: 'middle', fill: INK });
}

function rowLabel(label: string, x: number, y: number): string {
  const shown = truncate(label, 32);
  const full = shown === label ? '' : `<title>${escapeXml(label)}</title>`;
  return `<text x="${n(x)}" y="${n(y)}" dominant-baseline="middle" text-anchor="end" fill="${INK}">${full}${escapeXml(shown)}</text>`;
}

interface TextStyle {
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
  size?: number;
  weight?: 'bold';
  style?: 'italic';
  rotate?: { angle: number; cx: number; cy: number };
}

function text(content: string, x: number, y: number, s: TextStyle = {}): string {
  const attrs = [
    `x="${n(x)}"`,
    `y="${n(y)}"`,
    'dominant-baseline="middle"',
    s.anchor && s.anchor !== 'start' ? `text-anchor="${s.anchor}"` : '',
    s.size ? `font-size="${s.size}"` : '',
    s.weight ? `font-weight="${s.weight}"` : '',
    s.style ? `font-style="${s.style}"` : '',
    `fill="${s.fill ?? INK}"`,
    s.rotate ? `transform="rotate(${s.rotate.angle} ${n(s.rotate.cx)} ${n(s.rotate.cy)})"` : '',
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${escapeXml(content)}</text>`;
}

/** Width of the label column from the longest label (monospace-ish estimate), within bounds. */
function labelColumn(labels: string[]): number {
  const longest = Math.max(4, ...labels.map((l) => Math.min(l.length, 32)));
  return Math.min(250, Math.max(90, Math.round(longest * 7 + 16)));
}

function truncate(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

/** Coordinates rounded to 0.1 so the SVG stays small and stable. */
function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}
