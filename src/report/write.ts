/**
 * Writes the report files of an audit into a folder: `report.html`, `audit.json`, `summary.md`.
 * Each file is written to a temporary name in the same folder and renamed, so a reader never sees
 * a half-written report and an interrupted run leaves the previous one intact.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryEntry } from '../history/entry.js';
import type { AuditResults } from '../audit/results.js';
import { renderHtml } from './render.js';
import { renderMarkdown } from './markdown.js';

/** The report files `--format` can ask for. */
export type ReportFormat = 'html' | 'json' | 'md';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'json', 'md'];

/** The file each format is written to. */
export const REPORT_FILES: Record<ReportFormat, string> = { html: 'report.html', json: 'audit.json', md: 'summary.md' };

/**
 * Writes `formats` of `results` into `dir` (created when missing) and returns the written paths,
 * in the order asked. `audit.json` is pretty-printed JSON.
 *
 * @example
 * await writeReport(results, 'reports/loans', ['html', 'json', 'md']);
 */
export async function writeReport(
  results: AuditResults,
  dir: string,
  formats: readonly ReportFormat[],
  options: ReportOptions = {},
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const format of [...new Set(formats)]) {
    const path = join(dir, REPORT_FILES[format]);
    await writeAtomically(path, render(results, format, options));
    written.push(path);
  }
  return written;
}

/** What the report shows beyond the results themselves. */
export interface ReportOptions {
  /** Earlier runs from a history file, oldest first, this run last: drawn as a trend. */
  history?: readonly HistoryEntry[];
}

function render(results: AuditResults, format: ReportFormat, _options: ReportOptions): string {
  switch (format) {
    case 'html':
      return renderHtml(results);
    case 'json':
      return JSON.stringify(results, null, 2) + '\n';
    case 'md':
      return renderMarkdown(results);
  }
}

/** Writes `content` to a temporary file next to `path`, then renames it over `path`. */
export async function writeAtomically(path: string, content: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    await writeFile(temp, content);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
