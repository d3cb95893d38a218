/**
 * The history step of a scheduled audit: this run's line appended to a hash-chained history file
 * (JSON Lines), and the runs so far for the report's trend. The CLI's `--history`, as a step the
 * library can call after {@link runAudit}.
 */
import type { KeyObject } from 'node:crypto';
import type { AuditResults } from '../results/index.js';
import { historyEntryFrom, type HistoryEntry } from '../history/entry.js';
import { appendHistory, readHistory } from '../history/history-file.js';

/** Options of {@link recordHistory}. */
export interface RecordHistoryOptions {
  /** The HMAC key that signs the line (`readHistoryKey()` reads FAIRAUDIT_HISTORY_KEY). Default: unsigned. */
  key?: Buffer;
  /** The history's lines as read before the audit (to refuse a damaged file before any work). Default: read now. */
  past?: readonly HistoryEntry[];
  /** The fingerprint of the Ed25519 key that signs this run's report (`--sign-key`), recorded in the line. */
  signedBy?: string;
  /** The Ed25519 private key (`--sign-key`) that signs the line and the head. Default: none. */
  signer?: KeyObject;
}

/** What {@link recordHistory} gives: the results with `history` set, and the trend for the report. */
export interface RecordedHistory {
  /** The results with `history`: where the history ended with this run's line. */
  results: AuditResults;
  /** Every run of the history, oldest first, this one last: `writeReport(…, { history: trend })`. */
  trend: HistoryEntry[];
}

/**
 * Appends `results` to the history at `path` (created when missing) and returns the results with
 * `history` set and the trend. The line goes in before the report is written, so the report
 * records where the history ended with it: a copy kept elsewhere then shows lines later cut.
 *
 * @example
 * const results = await runAudit(source, config, { baseline });
 * const { results: recorded, trend } = await recordHistory(results, 'reports/history.jsonl');
 * await writeReport(recorded, 'reports/loans', ['html', 'json'], { history: trend });
 */
export async function recordHistory(results: AuditResults, path: string, options: RecordHistoryOptions = {}): Promise<RecordedHistory> {
  const past = options.past ?? (await readHistory(path));
  const entry: HistoryEntry = options.signedBy ? { ...historyEntryFrom(results), signed_by: options.signedBy } : historyEntryFrom(results);
  const history = await appendHistory(path, entry, { key: options.key, signer: options.signer });
  return { results: { ...results, history }, trend: [...past, entry] };
}
