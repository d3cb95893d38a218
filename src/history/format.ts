/** The history as a trend table for a terminal (`fairaudit history show`). Pure. */
import { fixed, textTable } from '../compare/text-table.js';
import { KEY_METRICS, type HistoryEntry } from './entry.js';
import { terminalSafe } from '../text/terminal.js';

/**
 * One block per attribute (in order of first appearance), one row per run, oldest first: time,
 * dataset, verdict, failed/warned check counts (`N pass` when every check passed), and the key
 * metrics. A run that did not audit or check the attribute shows `-`. Strings from the file are
 * shown with their control characters escaped: a history line is not trusted to be what audit wrote.
 */
export function formatHistoryTable(unsafe: readonly HistoryEntry[]): string {
  const entries = terminalSafe(unsafe);
  if (entries.length === 0) return 'no runs recorded\n';
  const attributes = [...new Set(entries.flatMap((e) => Object.keys(e.metrics ?? {})))];
  const blocks = attributes.map((attribute) => {
    const rows = entries.map((entry) => {
      const metrics = entry.metrics?.[attribute];
      const here = entry.checks.filter((c) => c.attribute === attribute);
      const failed = here.filter((c) => c.verdict === 'fail').length;
      const warned = here.filter((c) => c.verdict === 'warn').length;
      return [
        entry.time,
        entry.dataset,
        entry.verdict,
        // "-" only when the run checked nothing here; a run whose checks all passed says so.
        failed || warned ? `${failed} fail, ${warned} warn` : here.length ? `${here.length} pass` : '-',
        ...KEY_METRICS.map((metric) => (metrics ? fixed(metrics[metric]) : '-')),
      ];
    });
    const table = textTable(['time', 'dataset', 'run verdict', 'checks here', ...KEY_METRICS], rows, ['left', 'left', 'left', 'left', 'right', 'right', 'right']);
    return `${attribute}\n${table}`;
  });
  const summary = entries.length === 1 ? '1 run' : `${entries.length} runs, ${entries[0].time} to ${entries[entries.length - 1].time}`;
  return `${summary}\n\n${blocks.join('\n\n')}\n`;
}
