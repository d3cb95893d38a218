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
import { loansResults } from './fixtures.js';

describe('the report in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`the browser tests need Chromium at ${CHROMIUM_PATH}: apt-get install chromium`);
    dir = await mkdtemp(join(tmpdir(), 'fairaudit-browser-'));
    await writeReport(loansResults(), dir, ['html']);
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
    expect(await verdict.innerText()).toBe('✗ FAIL 4 of 12 judged checks failed and 3 warned.');

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

  it('prints to a PDF with --pdf', async () => {
    const pdf = await writePdf(join(dir, 'report.html'), join(dir, 'report.pdf'));
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(20_000);
  });
});
