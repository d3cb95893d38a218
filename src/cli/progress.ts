/**
 * The progress line on stderr: one line, updated in place, for commands that run longer than about
 * a second. Shown only when stderr is a terminal and `-q` is not given, so logs and pipes stay
 * clean; the pipeline feeds it through a {@link ProgressCallback} and never draws itself.
 */
import { readFileSync } from 'node:fs';
import type { ProgressCallback, ProgressEvent } from '../audit/progress.js';
import type { FileProvenance } from '../load/source.js';
import { formatCount } from '../report/format.js';

/** The stream the line is drawn on (process.stderr, or a fake in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** A progress display: fed events, then told the command is done (which clears its line). */
export interface Progress {
  update: ProgressCallback;
  done(): void;
}

/** Nothing shown: not a terminal, or `-q`. */
export const NO_PROGRESS: Progress = { update: () => undefined, done: () => undefined };

/** Nothing is drawn before a command has run this long: short runs stay as quiet as before. */
const PROGRESS_DELAY_MS = 1000;
/** The line is redrawn at most this often (and at least this often while the clock runs). */
const PROGRESS_INTERVAL_MS = 200;

/** Erase the current terminal line and return to its start (CR, then ANSI "erase in line"). */
const CLEAR_LINE = '\r\x1b[K';

/**
 * The text of the progress line for `event`, `phaseMs` into its phase and `elapsedMs` into the
 * command: the phase and subject, rows and rate, bytes with the share done, rate and time left
 * when the size is known, and the time elapsed otherwise (a database query). When the line is
 * longer than `width`, the rates go first and then the rows, so that the share done and the time
 * left, what a person waiting wants to know, still fit an 80-column terminal.
 *
 * @example
 * progressText({ phase: 'reading', subject: 'loans.csv', rows: 1_200_000 }, 2000, 2500);
 * // 'fairaudit: reading loans.csv: 1,200,000 rows, 600,000 rows/s, 2.5 s elapsed'
 */
export function progressText(event: ProgressEvent, phaseMs: number, elapsedMs: number, width = Infinity): string {
  const seconds = Math.max(phaseMs, 1) / 1000;
  // Each part with the order it is dropped in when the line is too long (0: never).
  const parts: { text: string; drop: number }[] = [];
  if (event.rows !== undefined) {
    parts.push({ text: `${formatCount(event.rows)} rows`, drop: 3 });
    // Rows already read when analysis or writing starts have no rate in those phases.
    if (event.phase !== 'analyzing' && event.phase !== 'writing') parts.push({ text: `${formatCount(Math.round(event.rows / seconds))} rows/s`, drop: 1 });
  }
  let left: string | undefined;
  if (event.bytes !== undefined) {
    const rate = event.bytes / seconds;
    if (event.total_bytes) {
      const share = Math.min(1, event.bytes / event.total_bytes);
      parts.push({ text: `${shortBytes(event.bytes)} of ${shortBytes(event.total_bytes)} (${Math.floor(share * 100)}%)`, drop: 0 });
      if (rate > 0 && share < 1) left = `about ${duration(((event.total_bytes - event.bytes) / rate) * 1000)} left`;
    } else {
      parts.push({ text: shortBytes(event.bytes), drop: 0 });
    }
    parts.push({ text: `${shortBytes(rate)}/s`, drop: 2 });
  } else if (event.total_bytes) {
    parts.push({ text: `${shortBytes(event.total_bytes)} in all`, drop: 0 });
  }
  parts.push({ text: left ?? `${duration(elapsedMs)} elapsed`, drop: 0 });
  const head = `fairaudit: ${event.phase}${event.subject ? ` ${event.subject}` : ''}: `;
  let shown = parts;
  for (const drop of [1, 2, 3]) {
    if (head.length + shown.map((p) => p.text).join(', ').length <= width) break;
    shown = shown.filter((p) => p.drop !== drop);
  }
  return head + shown.map((p) => p.text).join(', ');
}

/** "812 bytes", "50.0 MB", "1.2 GB": short enough for one line (decimal units, as file managers show). */
function shortBytes(bytes: number): string {
  if (bytes < 1000) return `${Math.round(bytes)} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** "0.8 s", "12 s", "3 min 05 s". */
function duration(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

/** Bytes the process has read so far, or undefined when the platform does not say. */
export type ByteMeter = () => number | undefined;

/**
 * Bytes this process has read through read(2) and its kin so far: `rchar` of /proc/self/io on
 * Linux, which counts reads served from the page cache too, and worker threads' reads. Undefined
 * elsewhere (the line then shows the time elapsed, as before).
 */
export const processBytesRead: ByteMeter = () => {
  try {
    const match = /^rchar:\s*(\d+)/m.exec(readFileSync('/proc/self/io', 'latin1'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
};

/** Formats whose single-threaded read streams every byte of the file once (the hash is taken on the way). */
const READ_WHOLE = new Set<string>(['csv', 'tsv', 'jsonl']);

/**
 * The byte meter for reading `files`, when the bytes the process reads stand for the progress of
 * the read: text files, read once from end to end. Parquet and Arrow IPC scans read only the
 * columns' byte ranges while a hash thread reads the whole file beside them, so for them there
 * is none (and their reads are the fast ones).
 */
export function readMeterFor(files: readonly Pick<FileProvenance, 'format'>[]): ByteMeter | undefined {
  return files.length > 0 && files.every((f) => READ_WHOLE.has(f.format)) ? processBytesRead : undefined;
}

/** Options of {@link TerminalProgress}; the clock and timers can be replaced in tests. */
export interface TerminalProgressOptions {
  now?: () => number;
  delayMs?: number;
  intervalMs?: number;
  /** Redraw on a timer so the time keeps moving between events (off in tests). Default true. */
  ticking?: boolean;
  /**
   * Where bytes read come from when an event knows the total size but not the bytes done (a
   * single-threaded read counts rows, not bytes): the bytes read since its phase began give the
   * share done, the rate and the time left. None by default; see {@link readMeterFor}.
   */
  bytesRead?: ByteMeter;
}

/** Draws the progress line on a terminal, in place, from the first second on. */
export class TerminalProgress implements Progress {
  private readonly now: () => number;
  private readonly delayMs: number;
  private readonly intervalMs: number;
  private readonly started: number;
  private phaseStarted: number;
  private last: ProgressEvent | undefined;
  private drawnAt = -Infinity;
  private drawn = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly bytesRead: ByteMeter | undefined;
  /** The meter's reading when the current phase began. */
  private meterStart: number | undefined;

  constructor(
    private readonly stream: ProgressStream,
    options: TerminalProgressOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.delayMs = options.delayMs ?? PROGRESS_DELAY_MS;
    this.intervalMs = options.intervalMs ?? PROGRESS_INTERVAL_MS;
    this.bytesRead = options.bytesRead;
    this.started = this.now();
    this.phaseStarted = this.started;
    if (options.ticking ?? true) {
      this.timer = setInterval(() => this.draw(false), this.intervalMs);
      // The line must never keep a finished command alive.
      this.timer.unref?.();
    }
  }

  update: ProgressCallback = (event) => {
    if (!this.last || this.last.phase !== event.phase || this.last.subject !== event.subject) {
      this.phaseStarted = this.now();
      this.meterStart = this.bytesRead?.();
    }
    this.last = event;
    this.draw(false);
  };

  /** Clears the line (if one was drawn) so what follows starts on a clean line. */
  done(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.drawn) this.stream.write(CLEAR_LINE);
    this.drawn = false;
    this.last = undefined;
  }

  /**
   * `event` with the bytes read since its phase began, when it knows the total but not the bytes
   * done and a meter says. (A read that first makes a pass for quartile bins reads the file
   * twice: its share reaches 100% early, and the time left gives way to the time elapsed.)
   */
  private measured(event: ProgressEvent): ProgressEvent {
    if (!event.total_bytes || event.bytes !== undefined || this.meterStart === undefined) return event;
    const read = this.bytesRead?.();
    return read === undefined ? event : { ...event, bytes: Math.max(0, read - this.meterStart) };
  }

  private draw(force: boolean): void {
    const now = this.now();
    if (!this.last || now - this.started < this.delayMs) return;
    if (!force && now - this.drawnAt < this.intervalMs) return;
    const width = Math.max(20, (this.stream.columns || 80) - 1);
    const text = progressText(this.measured(this.last), now - this.phaseStarted, now - this.started, width);
    this.stream.write(CLEAR_LINE + (text.length > width ? `${text.slice(0, width - 1)}…` : text));
    this.drawn = true;
    this.drawnAt = now;
  }
}

/**
 * The progress display for a command: drawn on `stream` when it is a terminal and the command is
 * not quiet, otherwise {@link NO_PROGRESS}.
 */
export function progressFor(stream: ProgressStream, quiet: boolean | undefined, options: TerminalProgressOptions = {}): Progress {
  return stream.isTTY && !quiet ? new TerminalProgress(stream, options) : NO_PROGRESS;
}
