/**
 * The report in a real browser: Debian's Chromium, headless, driven by playwright-core (CI installs
 * it with apt-get; nothing is downloaded). Opens the written report from disk and checks what a
 * reader sees, that nothing is fetched and nothing logs an error, and prints it to PDF.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, writePdf } from '../../src/report/pdf.js';
import { writeReport } from '../../src/report/write.js';
import { comparedResults, historyFixture, loansResults } from './fixtures.js';

describe('the report in Chromium', () => {
  let browser: Browser;
  let dir: string;
  /** A report with every optional part: comparison, trend, scores, tests, CDD. */
  let full: string;
  /** An LL144 report set, with its published summary. */
  let ll144: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`the browser tests need Chromium at ${CHROMIUM_PATH}: apt-get install chromium`);
    dir = await mkdtemp(join(tmpdir(), 'fairaudit-browser-'));
    await writeReport(loansResults(), dir, ['html']);
    full = join(dir, 'full');
    const extras = loansResults({ extras: true });
    const compared = comparedResults();
    await writeReport({ ...compared, attributes: compared.attributes.map((a, i) => ({ ...a, groups: extras.attributes[i]?.groups ?? a.groups })) }, full, ['html'], { history: historyFixture() });
    ll144 = join(dir, 'll144');
    const base = loansResults({ extras: true });
    await writeReport(
      { ...base, config: { ...base.config, mode: 'll144', ll144: { exclusion_justification: 'too few applicants' } }, audit: { date: '2026-11-30', organization: 'Example Lender', auditor: 'A. Auditor', distribution_date: '2026-01-15', data: 'historical' } },
      ll144,
      ['html'],
    );
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens from disk with no console error and no network request, and shows the verdict, the charts and the numbers', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('request', (request) => {
      if (!/^(file|data):/.test(request.url())) requests.push(request.url());
    });
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });

    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);

    const verdict = page.locator('.verdict-line');
    await expect(verdict.isVisible()).resolves.toBe(true);
    expect(await verdict.innerText()).toBe('✗ FAIL 4 of 12 judged checks failed; 3 are warned checks.');

    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBe(12);
    for (let i = 0; i < 12; i++) {
      const box = await charts.nth(i).boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(100);
    }
    expect(await page.getByRole('img', { name: 'Impact ratio by group: race', exact: true }).count()).toBe(1);

    // Black's selection rate: (3,900 + 520) / 9,870 = 44.8%.
    const black = page.locator('#attr-0-groups tbody tr', { has: page.locator('th', { hasText: /^Black$/ }) });
    const cells = await black.locator('td').allInnerTexts();
    expect(cells[2].split('\n')[0]).toBe('44.8%');
    await page.close();
  });

  it('fits the page width: no table or chart runs off the right edge', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    // A string, so this Node-typed file needs no DOM types.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('fits the page width with the comparison, the trend and the secondary metric tables, and draws the trend', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(pathToFileURL(join(full, 'report.html')).href);
    expect(consoleErrors).toEqual([]);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    // No table is wider than the page's content box (1,100 px less 2 × 32 px padding).
    const widest = await page.evaluate<number>('Math.max(...[...document.querySelectorAll("table")].map((t) => t.getBoundingClientRect().width))');
    expect(widest).toBeLessThanOrEqual(1100 - 64);
    const trend = page.getByRole('img', { name: 'Key metrics across runs: race', exact: true });
    expect(await trend.count()).toBe(1);
    const box = await trend.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(await page.locator('#comparison .verdict-line').innerText()).toBe('✗ DRIFT 2 of 6 judged drift checks found drift beyond the tolerance.');
    await page.close();
  });

  it('opens the LL144 summary from disk with no console error and no network request, and shows its facts and tables', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('request', (request) => {
      if (!/^(file|data):/.test(request.url())) requests.push(request.url());
    });
    await page.goto(pathToFileURL(join(ll144, 'll144-summary.html')).href, { waitUntil: 'load' });
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    await expect(page.locator('h1').isVisible()).resolves.toBe(true);
    const fact = (label: string) => page.locator('table.facts tr', { has: page.locator('th', { hasText: label }) }).locator('td').innerText();
    expect(await fact('Date of the most recent bias audit')).toBe('2026-11-30');
    expect(await fact('Distribution date of the tool')).toBe('2026-01-15');
    expect(await fact('Employer or employment agency')).toBe('Example Lender');
    // One table per attribute and intersection of the results (race, sex, age, race × sex).
    expect(await page.locator('main > table:not(.facts)').count()).toBe(4);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('prints to a PDF with --pdf', async () => {
    const pdf = await writePdf(join(dir, 'report.html'), join(dir, 'report.pdf'));
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(20_000);
  });
});
