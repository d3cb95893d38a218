/**
 * README's library example of a nightly job, run as written: only its imports (`'fairaudit'` →
 * the sources) and its `reports/` folder (→ a temporary one) are rewritten. Its baseline is an
 * audit of the very same data, so every drift check must find a change of exactly 0 and pass.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadConfigFile, openData, resolveConfig, runAudit, writeReport } from '../../src/index.js';
import type { AuditResults } from '../../src/results/index.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** The README's TypeScript block that calls `recordHistory`. */
function readmeExample(): string {
  const blocks = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  const example = blocks.find((b) => b.includes('recordHistory('));
  if (!example) throw new Error('README has no library example with recordHistory');
  return example;
}

describe("README's scheduled-audit example", () => {
  it('runs as written: compares with the baseline, records one history line and writes the report with the comparison', async () => {
    const reports = join(mkdtempSync(join(tmpdir(), 'fairaudit-readme-')), 'reports');
    // Last night's run: the same data, audited and written the way the example reads it back.
    const config = resolveConfig(await loadConfigFile(join(ROOT, 'configs/loans.yaml')));
    const last = await runAudit(await openData([join(ROOT, 'datasets/loans.parquet')]), config);
    await writeReport(last, join(reports, 'loans'), ['json']);

    const code = readmeExample()
      .replaceAll("from 'fairaudit'", `from '${join(ROOT, 'src/index.ts')}'`)
      .replaceAll("'reports/", `'${reports}/`)
      .replaceAll("'configs/", `'${ROOT}configs/`)
      .replaceAll("'datasets/", `'${ROOT}datasets/`);
    const file = join(reports, '..', 'example.ts');
    writeFileSync(file, code);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const exitCode = process.exitCode;
    let printed: unknown[][];
    try {
      await import(file);
    } finally {
      printed = [...log.mock.calls];
      log.mockRestore();
      process.exitCode = exitCode;
    }

    const results = JSON.parse(readFileSync(join(reports, 'loans', 'audit.json'), 'utf8')) as AuditResults;
    const drift = results.checks.filter((c) => c.metric.startsWith('drift:'));
    // Default tolerances: one drift check per headline metric and attribute present in both runs.
    expect(drift.length).toBeGreaterThan(0);
    expect(drift.every((c) => c.verdict === 'pass' && c.value === 0)).toBe(true);
    expect(results.comparison!.attributes.flatMap((a) => a.aggregates).every((a) => a.change === null || a.change === 0)).toBe(true);
    // The policy's verdict stands (the planted bias fails it), as the baseline's did.
    expect([results.verdict, results.exit_code]).toEqual([last.verdict, last.exit_code]);
    expect(printed).toEqual([[last.verdict, last.exit_code, drift.length]]);
    const history = readFileSync(join(reports, 'history.jsonl'), 'utf8').trim().split('\n');
    expect(history).toHaveLength(1);
    expect(results.history).toMatchObject({ lines: 1, path: join(reports, 'history.jsonl') });
    expect(existsSync(join(reports, 'loans', 'report.html'))).toBe(true);
    expect(readFileSync(join(reports, 'loans', 'report.html'), 'utf8')).toContain('Changes since the baseline');
  });
});
