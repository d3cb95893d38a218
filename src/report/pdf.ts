/**
 * Prints a written HTML report to PDF with the system's Chromium (Debian's `chromium` package),
 * driven headless through playwright-core. No browser is downloaded; without Chromium the user is
 * told how to install it.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { UserError } from '../errors.js';
import { writeAtomically } from './write.js';

/** Where Debian and Ubuntu install Chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a headless, offline, throwaway Chromium. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/**
 * Throws a UserError (exit 2) when Chromium is not installed at `executablePath`: callers check
 * before any work, so a run asked for a PDF never writes a report set without it.
 */
export function requireChromium(executablePath = CHROMIUM_PATH): void {
  if (!existsSync(executablePath)) {
    throw new UserError('--pdf needs Chromium: apt-get install chromium', { hint: `no browser at ${executablePath}; leave out --pdf or install it` });
  }
}

/**
 * Renders the HTML report at `htmlPath` to an A4 PDF at `pdfPath` (written atomically), with the
 * report's print stylesheet, page header and page numbers. Throws a UserError when Chromium is
 * not installed at `executablePath` (default `/usr/bin/chromium`).
 */
export async function writePdf(htmlPath: string, pdfPath: string, executablePath = CHROMIUM_PATH): Promise<string> {
  const pdf = await printWith(executablePath, (page) => page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' }));
  await writeAtomically(pdfPath, pdf);
  return pdfPath;
}

/**
 * The A4 PDF of the report page `html` (its text, not yet on disk), as {@link writePdf} prints it:
 * a signed report set prints its PDF before anything is moved into place, so the PDF joins the
 * set the signature covers.
 *
 * @example
 * const pdf = await printPdf(renderHtml(results));
 */
export async function printPdf(html: string, executablePath = CHROMIUM_PATH): Promise<Uint8Array> {
  return printWith(executablePath, (page) => page.setContent(html, { waitUntil: 'load' }));
}

async function printWith(executablePath: string, load: (page: Page) => Promise<unknown>): Promise<Buffer> {
  requireChromium(executablePath);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // The report needs nothing from the network; refuse anything that is not the file itself.
    await page.route(/^(?!file:|data:)/, (route) => route.abort());
    await load(page);
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
