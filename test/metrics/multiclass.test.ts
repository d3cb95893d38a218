import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { decideTask } from '../../src/metrics/task.js';
import { attribute, audit, group, testRandom } from './fixtures.js';

interface Row {
  g: string;
  y: string | null;
  p: string | null;
  w: number;
}

const CLASSES = ['A', 'B', 'C'];

function tableOfRows(rows: Row[]) {
  return tableFromArrays({ g: rows.map((r) => r.g), y: rows.map((r) => r.y), p: rows.map((r) => r.p), w: Float64Array.from(rows, (r) => r.w) });
}

function randomRows(seed: number, n: number, weighted = false): Row[] {
  const random = testRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const g = ['m', 'f'][i % 2];
    const y = CLASSES[Math.floor(random() * 3)];
    const p = random() < 0.6 ? y : CLASSES[Math.floor(random() * (g === 'f' ? 2 : 3))];
    return { g, y: random() < 0.03 ? null : y, p: random() < 0.03 ? null : p, w: weighted ? Math.round(random() * 30) / 10 : 1 };
  });
}

/** One-vs-rest rates of class c in group g, by a loop over the rows. */
function oneVsRest(rows: Row[], g: string, c: string) {
  let tp = 0, fp = 0, tn = 0, fn = 0, selected = 0, predicted = 0;
  for (const r of rows) {
    if (r.g !== g) continue;
    if (r.p !== null) {
      predicted += r.w;
      if (r.p === c) selected += r.w;
    }
    if (r.y === null || r.p === null) continue;
    const y = r.y === c;
    const p = r.p === c;
    if (y && p) tp += r.w;
    else if (!y && p) fp += r.w;
    else if (!y && !p) tn += r.w;
    else fn += r.w;
  }
  return { tp, fp, tn, fn, selection_rate: selected / predicted, tpr: tp / (tp + fn), fpr: fp / (fp + tn) };
}

const CONFIG = { label: 'y', prediction: 'p', sensitive: ['g'], task: 'multiclass' as const, min_group_size: 0 };

describe('multiclass metrics', () => {
  it('give each group and class the one-vs-rest counts and rates a loop over rows gives', async () => {
    const rows = randomRows(4, 500);
    const { analysis } = await audit(tableOfRows(rows), CONFIG);
    for (const g of ['m', 'f']) {
      for (const c of CLASSES) {
        const expected = oneVsRest(rows, g, c);
        const got = group(analysis, 'g', g).classes![c];
        expect([got.counts.tp, got.counts.fp, got.counts.tn, got.counts.fn]).toEqual([expected.tp, expected.fp, expected.tn, expected.fn]);
        expect(got.rates.selection_rate).toBeCloseTo(expected.selection_rate, 12);
        expect(got.rates.tpr).toBeCloseTo(expected.tpr, 12);
        expect(got.rates.fpr).toBeCloseTo(expected.fpr, 12);
      }
    }
  });

  it('take the worst class as the headline aggregate', async () => {
    const rows = randomRows(9, 800);
    const { analysis } = await audit(tableOfRows(rows), CONFIG);
    const gaps = CLASSES.map((c) => Math.abs(oneVsRest(rows, 'm', c).selection_rate - oneVsRest(rows, 'f', c).selection_rate));
    const odds = CLASSES.map((c) => {
      const m = oneVsRest(rows, 'm', c);
      const f = oneVsRest(rows, 'f', c);
      return Math.max(Math.abs(m.tpr - f.tpr), Math.abs(m.fpr - f.fpr));
    });
    const result = attribute(analysis, 'g');
    expect(result.aggregates.demographic_parity_difference).toBeCloseTo(Math.max(...gaps), 12);
    expect(result.worst_class!.demographic_parity_difference).toBe(CLASSES[gaps.indexOf(Math.max(...gaps))]);
    expect(result.aggregates.equalized_odds_difference).toBeCloseTo(Math.max(...odds), 12);
    CLASSES.forEach((c, k) => expect(result.class_aggregates![c].demographic_parity_difference).toBeCloseTo(gaps[k], 12));
  });

  it('count the K×K confusion matrix of each group as a loop does, with weights', async () => {
    const rows = randomRows(13, 400, true);
    const { analysis } = await audit(tableOfRows(rows), { ...CONFIG, weight: 'w' });
    for (const g of ['m', 'f']) {
      const expected = CLASSES.map((a) => CLASSES.map((b) => rows.filter((r) => r.g === g && r.y === a && r.p === b).reduce((s, r) => s + r.w, 0)));
      const got = group(analysis, 'g', g).confusion!;
      expect(got.classes).toEqual(CLASSES);
      got.matrix.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(expected[i][j], 9)));
      const c = oneVsRest(rows, g, 'B');
      expect(group(analysis, 'g', g).classes!.B.rates.tpr).toBeCloseTo(c.tpr, 12);
    }
  });

  it('leave the rates of a class a group never has undefined, not 0', async () => {
    const rows: Row[] = [
      { g: 'm', y: 'A', p: 'A', w: 1 },
      { g: 'm', y: 'B', p: 'C', w: 1 },
      { g: 'f', y: 'A', p: 'A', w: 1 },
      { g: 'f', y: 'C', p: 'A', w: 1 },
    ];
    const { analysis } = await audit(tableOfRows(rows), CONFIG);
    const f = group(analysis, 'g', 'f').classes!.B;
    // Group f has no label B: its TPR for B is 0/0.
    expect(f.rates.tpr).toBeNull();
    expect(f.rates.selection_rate).toBe(0);
    expect(group(analysis, 'g', 'm').classes!.C.rates.selection_rate).toBe(0.5);
  });

  it('base the impact ratio on the share of favorable classes when favorable: lists them', async () => {
    const rows = randomRows(17, 600);
    const { analysis } = await audit(tableOfRows(rows), { ...CONFIG, favorable: ['A', 'B'] });
    const share = (g: string) => {
      const mine = rows.filter((r) => r.g === g && r.p !== null);
      return mine.filter((r) => r.p === 'A' || r.p === 'B').length / mine.length;
    };
    const [m, f] = [share('m'), share('f')];
    expect(attribute(analysis, 'g').aggregates.impact_ratio).toBeCloseTo(Math.min(m, f) / Math.max(m, f), 12);
    expect(group(analysis, 'g', 'm').rates.favorable_rate).toBeCloseTo(m, 12);
    const low = m < f ? 'm' : 'f';
    expect(group(analysis, 'g', low).four_fifths_flag).toBe(Math.min(m, f) / Math.max(m, f) < 0.8);
  });

  it('measure the distance between groups’ label class distributions in a label-only audit', async () => {
    // m: A, A, B, C → (½, ¼, ¼); f: A, B, B, B → (¼, ¾, 0). TVD = ½(¼ + ½ + ¼) = ½.
    const labels: [string, string][] = [
      ['m', 'A'], ['m', 'A'], ['m', 'B'], ['m', 'C'],
      ['f', 'A'], ['f', 'B'], ['f', 'B'], ['f', 'B'],
    ];
    const rows = labels.map(([g, y]) => ({ g, y, p: null, w: 1 }));
    const { analysis } = await audit(tableOfRows(rows), { label: 'y', sensitive: ['g'], task: 'multiclass', min_group_size: 0 });
    const result = attribute(analysis, 'g');
    expect(result.aggregates.label_distribution_tvd).toBeCloseTo(0.5, 12);
    const p = [0.5, 0.25, 0.25];
    const q = [0.25, 0.75, 0];
    const mid = p.map((x, i) => (x + q[i]) / 2);
    const kl = (a: number[]) => a.reduce((s, x, i) => (x > 0 ? s + x * Math.log(x / mid[i]) : s), 0);
    expect(result.aggregates.label_distribution_js).toBeCloseTo((kl(p) + kl(q)) / 2, 12);
    expect(group(analysis, 'g', 'f').class_distribution!.label).toEqual({ A: 0.25, B: 0.75, C: 0 });
  });
});

describe('task detection', () => {
  it('calls a numeric label with many values regression, three or more classes multiclass, else binary', () => {
    expect(decideTask([{ column: 'y', role: 'label', numeric: true, distinct: 21, whole: true }], false).task).toBe('regression');
    expect(decideTask([{ column: 'y', role: 'label', numeric: true, distinct: 3, whole: false }], false).task).toBe('regression');
    expect(decideTask([{ column: 'y', role: 'label', numeric: true, distinct: 5, whole: true }], false).task).toBe('multiclass');
    expect(decideTask([{ column: 'y', role: 'label', numeric: false, distinct: 2, whole: true }, { column: 'p', role: 'prediction', numeric: false, distinct: 3, whole: true }], false).task).toBe('multiclass');
    expect(decideTask([{ column: 'y', role: 'label', numeric: false, distinct: 2, whole: true }], false).task).toBe('binary');
    expect(decideTask([{ column: 'y', role: 'label', numeric: true, distinct: 50, whole: true }], true).task).toBe('binary');
  });

  it('refuses two values with a stray third in a handful of rows (a totals row), rather than audit it as a class', () => {
    const sample = (counts: Record<string, number>) => ({ column: 'y', role: 'label' as const, numeric: true, distinct: Object.keys(counts).length, whole: true, counts: new Map(Object.entries(counts)) });
    // 300 rows of 0 and 1 and a totals row of 150: 1 row is at most 0.5% of 301 (at least one) and 150 ≥ 10 × 1.
    expect(() => decideTask([sample({ 0: 150, 1: 150, 150: 1 })], false)).toThrow(/holds "0" and "1" in 300 rows and "150" in only 1 row of the first 301 rows/);
    // Two stray rows of 300 are more than 0.5% (1.5): a rare class, audited as one.
    expect(decideTask([sample({ 0: 149, 1: 149, 2: 2 })], false).task).toBe('multiclass');
    // 10, 9 and 1: the second value is not ten times the stray one, so three small classes.
    expect(decideTask([sample({ a: 10, b: 9, c: 1 })], false).task).toBe('multiclass');
    // positive: settles the task.
    expect(decideTask([sample({ 0: 150, 1: 150, 150: 1 })], true).task).toBe('binary');
  });

  it('refuses a prediction of fractions beside a yes/no label, pointing to --score', () => {
    const label = { column: 'y', role: 'label' as const, numeric: true, distinct: 2, whole: true };
    const score = { column: 'p', role: 'prediction' as const, numeric: true, distinct: 21, whole: false };
    expect(() => decideTask([label, score], false)).toThrow(/the prediction column holds fractions, more than 20 distinct in the first 10,000 rows, beside a yes\/no label/);
    // Whole-number classes beside a yes/no label are still a multiclass prediction.
    expect(decideTask([label, { ...score, distinct: 3, whole: true }], false).task).toBe('multiclass');
  });

  it('detects and records the task of an audit from its data', async () => {
    const rows = randomRows(2, 100);
    const { stats } = await audit(tableOfRows(rows), { label: 'y', prediction: 'p', sensitive: ['g'] });
    expect(stats.task?.detection).toMatchObject({ task: 'multiclass', detected: true });
    expect(stats.task?.detection.reason).toMatch(/"y" holds 3 classes/);
  });
});
