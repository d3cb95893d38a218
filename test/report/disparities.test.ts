/**
 * The report's disparity table and reference sentences, on a three-group table whose numbers are
 * worked out by hand (the same table as test/metrics/disparities.test.ts).
 */
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { tableSource } from '../../src/load/memory.js';
import { renderHtml } from '../../src/report/render.js';
import { dict } from '../metrics/fixtures.js';
import { tableRow, text } from './html-text.js';

// A: TP 30, FN 10, FP 20, TN 40; B: TP 12, FN 18, FP 8, TN 42; C: TP 20, FN 5, FP 10, TN 25.
const COUNTS = { A: [30, 10, 20, 40], B: [12, 18, 8, 42], C: [20, 5, 10, 25] } as const;

function table() {
  const g: string[] = [];
  const y: number[] = [];
  const p: number[] = [];
  for (const [name, [tp, fn, fp, tn]] of Object.entries(COUNTS)) {
    for (const [count, label, prediction] of [[tp, 1, 1], [fn, 1, 0], [fp, 0, 1], [tn, 0, 0]] as const) {
      for (let i = 0; i < count; i++) {
        g.push(name);
        y.push(label);
        p.push(prediction);
      }
    }
  }
  return tableFromArrays({ g: dict(g) as never, y: Int32Array.from(y), p: Int32Array.from(p) });
}

describe('the disparity table of the report', () => {
  it('shows PPR and each rate ÷ the reference group’s, and says which reference each number uses', async () => {
    const results = await runAudit(tableSource(table(), 'three'), resolveConfig({ label: 'y', prediction: 'p', sensitive: ['g'], min_group_size: 0, reference: { g: 'B' }, bootstrap: 0 }));
    const html = renderHtml(results);
    const caption = "g: disparities to the reference group B (each group's rate ÷ the reference group's, as in Aequitas), and each group's share of all predicted positives (PPR)";
    // A against B: PPR 50% (50 of 100 predicted positives), PPR disparity 0.5/0.2 = 2.5, selection
    // 0.5/0.25 = 2, PPV 0.6/0.6 = 1, FDR 0.4/0.4 = 1, FOR 0.2/0.3 = 0.667, FPR (1/3)/0.16 = 2.083,
    // FNR 0.25/0.6 = 0.417, TPR 0.75/0.4 = 1.875, TNR (2/3)/0.84 = 0.794, NPV 0.8/0.7 = 1.143.
    expect(tableRow(html, caption, 'A')).toBe('A 50.0% 2.500 2.000 1.000 1.000 0.667 2.083 0.417 1.875 0.794 1.143');
    expect(tableRow(html, caption, 'B')).toBe('B reference group 20.0% 1.000 1.000 1.000 1.000 1.000 1.000 1.000 1.000 1.000 1.000');
    expect(text(html)).toContain('Impact ratios compare each group with A, the judged group with the highest favorable rate.');
    expect(text(html)).toContain('Average odds differences, tests and disparities compare each group with B, the reference group the config names.');

    const fixed = await runAudit(
      tableSource(table(), 'three'),
      resolveConfig({ label: 'y', prediction: 'p', sensitive: ['g'], min_group_size: 0, reference: { g: 'B' }, impact_ratio_reference: 'reference', bootstrap: 0 }),
    );
    expect(text(renderHtml(fixed))).toContain('Impact ratios compare each group with B, the reference group (impact_ratio_reference: reference).');
  });
});
