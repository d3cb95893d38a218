import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve as resolvePath } from 'node:path';
import type { Command } from '../command.js';
import { listFlag } from '../command.js';
import { UserError } from '../../errors.js';
import { RESULTS_SCHEMA, type AuditResults } from '../../results/index.js';
import { refuseMalformedResults } from '../../compare/read-results.js';
import { withMaskedPaths } from '../mask-for-audit.js';
import { REPORT_FILES, REPORT_FORMATS, writeReport, type ReportFormat } from '../../report/write.js';
import { printPdf, requireChromium } from '../../report/pdf.js';
import { readSigningKey } from '../../sign/keys.js';

interface ReportArgs {
  results: string;
  output?: string;
  format?: string[];
  pdf?: boolean;
  signKey?: string;
  quiet?: boolean;
}

/** `fairaudit report <audit.json>`: re-renders the report files from saved results; no data needed. */
export const reportCommand: Command<ReportArgs> = {
  command: 'report <results>',
  describe: 'render report.html, summary.md (and a PDF) again from a saved audit.json',
  builder: (y) =>
    y
      .positional('results', { describe: 'an audit.json written by fairaudit audit', type: 'string' })
      .option('output', { alias: 'o', type: 'string', describe: "output folder [default: the audit.json's folder]" })
      .option('format', { type: 'string', array: true, coerce: listFlag, describe: `report formats: ${REPORT_FORMATS.join(',')} [default: all]` })
      .option('pdf', { type: 'boolean', describe: 'also print report.pdf with Chromium (apt-get install chromium)' })
      .option('sign-key', { type: 'string', describe: 'Ed25519 private key (PEM) that signs every file of the folder\'s report set [default: $FAIRAUDIT_SIGN_KEY_FILE]' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'print nothing but errors' })
      .example('$0 report reports/loans/audit.json', 'render the report again')
      .example('$0 report audit.json -o out --pdf', 'render into out/ and print a PDF')
      .example('$0 report audit.json -o out --pdf --sign-key signing-key.pem', 'render, print and sign the set (PDF included)'),
  run: async (args) => {
    // A key that cannot sign, or a PDF that cannot be printed, is refused before any work.
    const signing = readSigningKey(args.signKey);
    if (args.pdf) requireChromium();
    // Results saved before names were scanned may hold an identifier in a path: the report never shows it.
    const results = withMaskedPaths(await readResults(args.results));
    const dir = resolvePath(args.output ?? dirname(args.results));
    const source = resolvePath(args.results);
    // The saved results are already where audit.json would go: leave that file as it is.
    const formats = reportFormats(args.format, args.pdf).filter((f) => f !== 'json' || join(dir, REPORT_FILES.json) !== source);
    const written = await writeReport(results, dir, formats, {
      protect: [args.results, ...(signing ? [signing.path] : [])],
      signingKey: signing?.key,
      alsoSign: signing ? alreadyInFolder(results, dir, source) : undefined,
      printPdf: args.pdf ? (html) => printPdf(html) : undefined,
    });
    if (!args.quiet) process.stdout.write(written.join('\n') + '\n');
    return 0;
  },
};

/**
 * The files of the audit's set that re-rendering leaves in place, so a signature covers them too:
 * the saved audit.json when it is in the output folder, and the masked copy with its manifest,
 * which the audit writes into the report folder (those not there are skipped).
 */
function alreadyInFolder(results: AuditResults, dir: string, source: string): string[] {
  const kept = source === join(dir, REPORT_FILES.json) ? [source] : [];
  const masked = (results.masking as { output?: { path?: unknown } } | undefined)?.output?.path;
  if (typeof masked === 'string') kept.push(join(dir, basename(masked)), join(dir, `${basename(masked)}.manifest.json`));
  return kept;
}

/** Reads and checks saved results: JSON, and written by a fairaudit with the same results schema. */
async function readResults(path: string): Promise<AuditResults> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { hint: 'name an audit.json written by fairaudit audit' });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`not JSON: ${(error as Error).message}`, { file: path, hint: 'name an audit.json written by fairaudit audit' });
  }
  const schema = typeof data === 'object' && data !== null ? (data as { schema?: unknown }).schema : undefined;
  if (schema !== RESULTS_SCHEMA) {
    throw new UserError(`expected audit results with schema "${RESULTS_SCHEMA}", found ${schema === undefined ? 'no schema' : JSON.stringify(schema)}`, {
      file: path,
      hint: 'name an audit.json written by fairaudit audit (this fairaudit reads results schema @1)',
    });
  }
  const results = data as AuditResults;
  if (!Array.isArray(results.attributes) || !Array.isArray(results.checks) || typeof results.input !== 'object' || results.input === null) {
    throw new UserError('audit results are incomplete: attributes, checks or input is missing', { file: path, hint: 'run fairaudit audit again to write a complete audit.json' });
  }
  refuseMalformedResults(results, path);
  return results;
}

/** The formats to write (default all); `--pdf` prints from the HTML, so it adds html. */
function reportFormats(items: string[] | undefined, pdf: boolean | undefined): ReportFormat[] {
  const formats = items ?? [...REPORT_FORMATS];
  for (const item of formats) {
    if (!(REPORT_FORMATS as readonly string[]).includes(item)) {
      throw new UserError(`invalid --format: ${item}`, { hint: `use one or more of ${REPORT_FORMATS.join(', ')}` });
    }
  }
  const chosen = formats as ReportFormat[];
  return pdf && !chosen.includes('html') ? [...chosen, 'html'] : chosen;
}
