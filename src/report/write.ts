/**
 * Writes the report files of an audit into a folder: `report.html`, `audit.json`, `summary.md`.
 * Each file is written to a temporary name in the same folder and renamed, so a reader never sees
 * a half-written report and an interrupted run leaves the previous one intact.
 */
import { realpathSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { HistoryEntry } from '../history/entry.js';
import type { AuditResults } from '../audit/results.js';
import { UserError } from '../errors.js';
import { renderHtml } from './render.js';
import { renderMarkdown } from './markdown.js';

/** The report files `--format` can ask for. */
export type ReportFormat = 'html' | 'json' | 'md';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'json', 'md'];

/** The file each format is written to. */
export const REPORT_FILES: Record<ReportFormat, string> = { html: 'report.html', json: 'audit.json', md: 'summary.md' };

/**
 * Writes `formats` of `results` into `dir` (created when missing) and returns the written paths,
 * in the order asked. `audit.json` is pretty-printed JSON. Throws a UserError (exit 2), before
 * writing anything, when a report file would land on one of `options.protect` (the input files).
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
  const unique = [...new Set(formats)];
  refuseInputs(unique.map((format) => join(dir, REPORT_FILES[format])), options.protect ?? []);
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const format of unique) {
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
  /** Files that must never be overwritten (the audit's inputs); default none. */
  protect?: readonly string[];
}

/**
 * Throws when one of `targets` is one of `inputs`: the same path once resolved, or, when both
 * exist, the same file through a link.
 */
function refuseInputs(targets: readonly string[], inputs: readonly string[]): void {
  const guarded = new Map<string, string>();
  for (const input of inputs) {
    guarded.set(resolve(input), input);
    const real = realPath(input);
    if (real) guarded.set(real, input);
  }
  for (const target of targets) {
    const input = guarded.get(resolve(target)) ?? guarded.get(realPath(target) ?? '');
    if (input !== undefined) {
      throw new UserError(`refusing to write the report over an input file: ${target} is the input ${input}`, {
        file: input,
        hint: 'choose another output folder with -o',
      });
    }
  }
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function render(results: AuditResults, format: ReportFormat, options: ReportOptions): string {
  switch (format) {
    case 'html':
      return renderHtml(results, { history: options.history });
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
