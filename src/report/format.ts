/**
 * Numbers for people: percentages with sensible precision, counts with thousands separators,
 * explicit `n/a — reason` instead of blanks. Pure; fixed to the `en-US` conventions so that a
 * report reads the same on every machine.
 */
import type { Interval } from '../results/index.js';

// Made on first use: the first Intl formatter loads ICU's locale data (about 15 ms), which
// commands that never print a count (discover, mask, --version) would otherwise pay at start-up.
let integerFormat: Intl.NumberFormat | undefined;
let oneDecimalFormat: Intl.NumberFormat | undefined;

/**
 * A count with thousands separators; weighted (fractional) counts keep one decimal.
 *
 * @example
 * formatCount(48213); // "48,213"
 */
export function formatCount(n: number): string {
  if (Number.isInteger(n)) return (integerFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(n);
  return (oneDecimalFormat ??= new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })).format(n);
}

/**
 * A proportion as a percentage with one decimal (`0.5876` → `58.8%`). Values too close to 0 or 1
 * to show honestly with one decimal read `<0.1%` and `>99.9%`; null reads `n/a`.
 */
export function formatPercent(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return 'n/a';
  if (p > 0 && p < 0.0005) return '<0.1%';
  if (p < 1 && p > 0.9995) return '>99.9%';
  return `${trimNegativeZero((p * 100).toFixed(1))}%`;
}

/** A plain number with `digits` decimals (default 3); null reads `n/a`. */
export function formatNumber(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  return trimNegativeZero(x.toFixed(digits));
}

/**
 * A value printed next to the threshold it is judged against, with enough decimals (3 to 6) that a
 * value on the wrong side never rounds to the threshold itself (0.7996 against 0.8 reads `0.7996`).
 */
export function formatAgainst(value: number | null, threshold: number): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  let digits = 3;
  while (digits < 6 && value !== threshold && Number(value.toFixed(digits)) === threshold) digits++;
  return formatNumber(value, digits);
}

/**
 * An interval, compactly: `52.1–61.3%` (percent) or `0.412–0.503` (number); null reads
 * `no interval`.
 */
export function formatInterval(interval: Interval | null | undefined, kind: 'percent' | 'number' = 'percent'): string {
  if (!interval) return 'no interval';
  if (kind === 'number') {
    const [lo, hi] = [formatNumber(interval[0]), formatNumber(interval[1])];
    // A dash between signed numbers reads as a minus ("-0.302–0.175"): say "to", with true minus signs.
    return lo.startsWith('-') || hi.startsWith('-') ? `${minus(lo)} to ${minus(hi)}` : `${lo}–${hi}`;
  }
  const [lo, hi] = [formatPercent(interval[0]), formatPercent(interval[1])];
  return /^\d/.test(lo) && /^\d/.test(hi) ? `${lo.slice(0, -1)}–${hi}` : `${lo} to ${hi}`;
}

function minus(text: string): string {
  return text.replace(/^-/, '−');
}

/**
 * What a reader sees instead of a blank for undefined math: `n/a — no actual positives`.
 * The trailing "in this group" of engine reasons is dropped because the table row names the group.
 */
export function notApplicable(reason?: string): string {
  if (!reason) return 'n/a';
  return `n/a — ${reason.replace(/\s+in this group\.?$/i, '').replace(/\.$/, '')}`;
}

/** A byte size for people with the exact figure: `1.2 MB (1,234,567 bytes)`. */
export function formatBytes(bytes: number): string {
  const units = ['KB', 'MB', 'GB', 'TB'];
  if (bytes < 1000) return `${formatCount(bytes)} bytes`;
  let value = bytes;
  let unit = 'bytes';
  for (const u of units) {
    if (value < 1000) break;
    value /= 1000;
    unit = u;
  }
  return `${value.toFixed(1)} ${unit} (${formatCount(bytes)} bytes)`;
}

/** An ISO time as `2025-03-14 09:26 UTC` (minutes are enough for a report header). */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A duration: `850 ms`, `1.24 s`, `3 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

function trimNegativeZero(text: string): string {
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

/**
 * A p- or q-value: three significant digits, `<0.001` below a thousandth (smaller values are not
 * meaningful at the precision of the tests), null reads `n/a`.
 *
 * @example
 * formatPValue(0.04213); // "0.0421"
 */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return 'n/a';
  if (p < 0.001) return '<0.001';
  if (p >= 0.9995) return '1.000';
  return trimNegativeZero(p.toPrecision(3));
}

/**
 * A signed change for people: percentage points for rates (`−5.9 pts`), a plain number otherwise
 * (`+0.012`); a true minus sign, `±0` for no change, `n/a` for null.
 */
export function formatChange(change: number | null | undefined, kind: 'percent' | 'number'): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return 'n/a';
  const magnitude = kind === 'percent' ? (Math.abs(change) * 100).toFixed(1) : Math.abs(change).toFixed(3);
  if (Number(magnitude) === 0) return kind === 'percent' ? '±0 pts' : '±0';
  return `${change > 0 ? '+' : '−'}${magnitude}${kind === 'percent' ? ' pts' : ''}`;
}
