/**
 * Writes the report files of an audit into a folder: `report.html`, `audit.json`, `summary.md`, as
 * one set. Each file is written whole to a temporary name in the same folder; only when all are
 * written does a small journal (`.fairaudit-set.json`, `write/atomic.ts`) name the set, and the
 * files are renamed into place. A run killed between two renames leaves the journal behind, and the next run
 * that writes into the folder first completes that set: a reader never keeps a new `report.html`
 * beside an old `audit.json`.
 */
import { realpathSync, statSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { HistoryEntry } from '../history/entry.js';
import type { AuditResults } from '../results/index.js';
import { UserError } from '../errors.js';
import { AtomicFile, SET_JOURNAL, commitSet, completeInterruptedSet, removeAbandonedTemporaryFiles, writeFailure, writeFileAtomic } from '../write/atomic.js';
import { renderHtml } from './render.js';
import { renderMarkdown } from './markdown.js';
import { LL144_SUMMARY_FILES, renderLl144Html, renderLl144Markdown } from './ll144-summary.js';
import { SIGNATURE_FILE, keyFingerprint, signFiles, signedFile, type SignedFile } from '../sign/signature.js';

/** The report files `--format` can ask for. */
export type ReportFormat = 'html' | 'json' | 'md';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'json', 'md'];

/** The file each format is written to. */
export const REPORT_FILES: Record<ReportFormat, string> = { html: 'report.html', json: 'audit.json', md: 'summary.md' };

/** The PDF printed from the HTML report (`--pdf`), written with the set when a printer is given. */
const REPORT_PDF = 'report.pdf';

/** The journal naming a set of report files being moved into place. */
export const REPORT_SET_JOURNAL = SET_JOURNAL;
export { completeInterruptedSet };

/**
 * Writes `formats` of `results` into `dir` (created when missing) and returns the written paths,
 * in the order asked. `audit.json` is pretty-printed JSON. Throws a UserError (exit 2), before
 * writing anything, when a report file would land on one of `options.protect` (the input files),
 * when `dir` is a file, or when the folder cannot be written (read-only, permission denied, full).
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
  const extra = extraFiles(results);
  const pdf = options.printPdf ? [REPORT_PDF] : [];
  refuseInputs([...unique.map((format) => join(dir, REPORT_FILES[format])), ...extra.map((f) => join(dir, f.name)), ...pdf.map((f) => join(dir, f))], options.protect ?? []);
  await makeFolder(dir);
  await completeInterruptedSet(dir);
  await removeAbandonedTemporaryFiles(dir);
  const files: AtomicFile[] = [];
  // The signature covers the final bytes of every file of the set, and joins the set itself.
  const signed: SignedFile[] = [];
  const add = async (name: string, bytes: Buffer) => {
    const file = await AtomicFile.create(join(dir, name));
    files.push(file);
    await file.write(bytes);
    await file.seal();
    signed.push(signedFile(name, bytes));
  };
  try {
    let html: string | undefined;
    for (const format of unique) {
      const text = render(results, format, options);
      if (format === 'html') html = text;
      await add(REPORT_FILES[format], Buffer.from(text, 'utf8'));
    }
    for (const file of extra) await add(file.name, Buffer.from(file.render(), 'utf8'));
    // Printed from the page's text before anything moves into place, so the PDF is part of the set
    // (and of its signature) and never shows a report other than the one beside it.
    if (options.printPdf) await add(REPORT_PDF, Buffer.from(await options.printPdf(html ?? render(results, 'html', options))));
    if (options.signingKey) {
      for (const path of options.alsoSign ?? []) {
        const bytes = await readFile(path).catch(() => undefined);
        if (bytes) signed.push(signedFile(relative(dir, path).split(sep).join('/'), bytes));
      }
      await add(SIGNATURE_FILE, Buffer.from(JSON.stringify(signFiles(signed, options.signingKey, new Date()), null, 2) + '\n', 'utf8'));
    }
    await commitSet(files);
  } catch (error) {
    await Promise.all(files.map((f) => f.abort()));
    throw error;
  }
  return files.map((f) => f.target);
}

/** Creates `dir`; a path that is a file, or a folder that cannot be made, is a UserError. */
async function makeFolder(dir: string): Promise<void> {
  const existing = await stat(dir).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw new UserError('the output folder is a file', { file: dir, hint: 'name a folder (new or existing) with -o' });
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw writeFailure(error, dir);
  }
}

/** What the report shows beyond the results themselves. */
export interface ReportOptions {
  /** Earlier runs from a history file, oldest first, this run last: drawn as a trend. */
  history?: readonly HistoryEntry[];
  /** Files that must never be overwritten (the audit's inputs); default none. */
  protect?: readonly string[];
  /**
   * An Ed25519 private key: the set gains `fairaudit-signature.json` over the SHA-256 of every file
   * written (and of `alsoSign`), with the key's fingerprint and the time. The key is never written.
   */
  signingKey?: KeyObject;
  /** Files the run already wrote into the folder (the masked copy) that the signature covers too. */
  alsoSign?: readonly string[];
  /**
   * Prints the HTML report's text to PDF bytes (`printPdf` in `report/pdf.ts`): the set gains
   * `report.pdf`, written and signed with the other files. Default: no PDF.
   */
  printPdf?: (html: string) => Promise<Uint8Array>;
}

/**
 * The files written beside the report whatever the formats: in `mode: ll144`, the published
 * summary (`ll144-summary.html` and `.md`).
 */
function extraFiles(results: AuditResults): { name: string; render: () => string }[] {
  if (results.config.mode !== 'll144') return [];
  return [
    { name: LL144_SUMMARY_FILES.html, render: () => renderLl144Html(results) },
    { name: LL144_SUMMARY_FILES.md, render: () => renderLl144Markdown(results) },
  ];
}

/**
 * Throws when one of `targets` is one of `inputs`: the same path once resolved, or, when both
 * exist, the same file (device and inode) through a symbolic or hard link.
 */
function refuseInputs(targets: readonly string[], inputs: readonly string[]): void {
  const guarded = new Map<string, string>();
  for (const input of inputs) {
    guarded.set(resolve(input), input);
    const real = realPath(input);
    if (real) guarded.set(real, input);
    const identity = identityOf(input);
    if (identity) guarded.set(identity, input);
  }
  for (const target of targets) {
    const input = guarded.get(resolve(target)) ?? guarded.get(realPath(target) ?? '') ?? guarded.get(identityOf(target) ?? '');
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

function identityOf(path: string): string | undefined {
  try {
    const info = statSync(path);
    return `inode ${info.dev}:${info.ino}`;
  } catch {
    return undefined;
  }
}

function render(results: AuditResults, format: ReportFormat, options: ReportOptions): string {
  switch (format) {
    case 'html':
      return renderHtml(results, { history: options.history, signer: options.signingKey ? keyFingerprint(options.signingKey) : undefined });
    case 'json':
      return JSON.stringify(results, null, 2) + '\n';
    case 'md':
      return renderMarkdown(results);
  }
}

/** Writes `content` to a temporary file next to `path`, then renames it over `path`. */
export async function writeAtomically(path: string, content: string | Uint8Array): Promise<void> {
  await writeFileAtomic(path, content);
}
