/**
 * Fairness survives masking: an audit of the masked file equals the audit of the original, because
 * masking leaves the label, prediction, score and protected attributes as they were.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openData } from '../../src/load/open.js';
import { runAudit } from '../../src/audit/run.js';
import type { AuditResults } from '../../src/results/index.js';
import { resolveConfig } from '../../src/config/resolve.js';
import type { AuditConfig } from '../../src/config/types.js';
import { discover } from '../../src/discover/discover.js';
import { maskData } from '../../src/mask/mask.js';
import { auditColumns, planMasking } from '../../src/mask/plan.js';
import { tempFolder } from './helpers.js';

const KEY = Buffer.from('audit equality key');
const ROWS = 240;

/** A loans-like CSV: direct identifiers, quasi-identifiers, two protected attributes and the audit's columns. */
function loansCsv(): string {
  const lines = ['customer_id,full_name,email,zip,birth_date,occupation,sex,race,label,pred,score'];
  for (let i = 0; i < ROWS; i++) {
    const sex = i % 2 ? 'female' : 'male';
    const race = ['White', 'Black', 'Asian'][i % 3];
    const label = (i * 7) % 5 < 2 ? 1 : 0;
    const pred = (i * 11) % 7 < 3 ? 1 : 0;
    const score = ((i * 37) % 100) / 100;
    const zip = ['02134', '03601', '90210', '10001', '60614'][i % 5];
    const birth = `${1950 + (i % 40)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const occupation = ['nurse', 'teacher', 'clerk', 'engineer', 'astronaut'][i % 5 === 4 && i % 3 ? 3 : i % 5];
    lines.push([`C${10_000 + i}`, `First${i} Last${i}`, `person${i}@example.com`, zip, birth, occupation, sex, race, label, pred, score].join(','));
  }
  return lines.join('\n') + '\n';
}

/** The parts of an audit that depend on the data (not on time, paths or file hashes). */
function findings(results: AuditResults) {
  return {
    outcome: results.outcome,
    columns: results.columns,
    rows: [results.input.rows_read, results.input.rows_used, results.input.rows_missing_label, results.input.rows_missing_prediction],
    attributes: results.attributes,
    checks: results.checks,
    verdict: results.verdict,
    exit_code: results.exit_code,
  };
}

describe('an audit of the masked data', () => {
  const config: AuditConfig = { label: 'label', prediction: 'pred', score: 'score', sensitive: ['sex', 'race'], bootstrap: 40, seed: 7 };

  for (const [format, k] of [['csv', undefined], ['parquet', 10]] as const) {
    it(`equals the audit of the original when the masked copy is written as ${format}${k ? `, with k = ${k} enforced` : ''}`, async () => {
      const folder = await tempFolder();
      const input = join(folder, 'loans.csv');
      await writeFile(input, loansCsv());
      const original = await openData([input]);
      const discovery = await discover(original, { seed: 42 });
      const plan = planMasking({ schema: original.schema, discovery, keep: auditColumns(config) });
      const out = join(folder, `masked.${format}`);
      const manifest = await maskData(original, plan, { out, format, key: KEY, k });

      // The masking did something: identifiers no longer appear, ZIP codes are cut.
      const rules = Object.fromEntries(manifest.columns.map((c) => [c.column, c.operator]));
      expect(rules).toMatchObject({ customer_id: 'hmac', email: 'hmac', zip: 'generalize', sex: 'keep', race: 'keep', label: 'keep', pred: 'keep', score: 'keep' });
      if (format === 'csv') {
        const text = await readFile(out, 'utf8');
        expect(text).not.toContain('person0@example.com');
        expect(text).not.toContain('02134');
      }

      if (k !== undefined) expect(manifest.suppressed_cells).toBeGreaterThan(0);

      const before = await runAudit(await openData([input]), resolveConfig(config));
      const after = await runAudit(await openData([out]), resolveConfig(config));
      expect(findings(after)).toEqual(findings(before));
      expect(before.checks.length).toBeGreaterThan(0);
    });
  }
});
