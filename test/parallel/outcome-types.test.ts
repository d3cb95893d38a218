import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { openData } from '../../src/load/open.js';
import { analyzeStatistics } from '../../src/metrics/analyze.js';
import { collectStatistics, mergeStatistics, type AuditColumns, type GroupStatistics } from '../../src/metrics/statistics.js';
import { collectStatisticsInParallel } from '../../src/parallel/collect.js';
import { Warnings } from '../../src/warnings.js';
import { testRandom } from '../metrics/fixtures.js';

const FORCE = { threads: 2, minBytes: 0, minPartBytes: 1 };
const ROWS = 24_000;
const COLUMNS: AuditColumns = { label: 'y', prediction: 'p', weight: 'w', sensitive: ['sex', 'race'] };

/**
 * CSV text of `rows` rows. Values are whole numbers (and weights whole), so sums are exact in any
 * order of addition and every way of counting must agree to the bit. A class (E) and a race (z)
 * appear only in the last part of the file, so parts see different classes and groups.
 */
function csvLines(kind: 'multiclass' | 'regression', seed: number): string[] {
  const random = testRandom(seed);
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const sex = random() < 0.5 ? 'f' : 'm';
    const race = i > ROWS * 0.9 && random() < 0.3 ? 'z' : ['x', 'y'][Math.floor(random() * 2)];
    const w = 1 + Math.floor(random() * 3);
    if (kind === 'multiclass') {
      const classes = i > ROWS * 0.9 ? ['A', 'B', 'C', 'E'] : ['A', 'B', 'C'];
      const y = classes[Math.floor(random() * classes.length)];
      const p = random() < 0.7 ? y : classes[Math.floor(random() * classes.length)];
      lines.push(`${sex},${race},${random() < 0.02 ? '' : y},${p},${w}`);
    } else {
      const y = Math.floor(random() * 500);
      const p = y + Math.floor(random() * 60) - (sex === 'f' ? 40 : 20);
      lines.push(`${sex},${race},${y},${random() < 0.02 ? '' : p},${w}`);
    }
  }
  return lines;
}

function write(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'fairaudit-outcome-')), name);
  writeFileSync(path, text);
  return path;
}

function analyzed(stats: GroupStatistics) {
  const config = resolveConfig({ ...COLUMNS, bootstrap: 200 });
  return JSON.parse(JSON.stringify(analyzeStatistics(stats, config, new Warnings()).attributes));
}

describe.each(['multiclass', 'regression'] as const)('a %s audit counted in parts', (kind) => {
  const config = resolveConfig({ ...COLUMNS });
  const lines = csvLines(kind, 5);
  const text = (rows: string[]) => ['sex,race,y,p,w', ...rows].join('\n') + '\n';
  const whole = write(`${kind}.csv`, text(lines));
  const pieces = [0, 8_000, 16_000].map((from, i) => write(`${kind}-${i}.csv`, text(lines.slice(from, from + 8_000))));

  it('gives the same results on one thread, with threads asked for, and merged from three files', async () => {
    const single = await collectStatistics(await openData([whole]), COLUMNS, config, new Warnings());
    expect(single.task?.detection.task).toBe(kind);
    const counted: number[] = [];
    const threaded = await collectStatisticsInParallel(await openData([whole]), COLUMNS, config, new Warnings(), { ...FORCE, onParts: (done) => counted.push(done) });
    // A regression audit counts on one thread (its parts' histograms cost more than they save);
    // parts merged from files below still check that its statistics merge exactly.
    if (kind === 'regression') expect(counted).toEqual([]);
    else expect(counted.length).toBeGreaterThan(1);
    const task = single.task!.detection;
    const parts = await Promise.all(pieces.map(async (p) => collectStatistics(await openData([p]), COLUMNS, config, new Warnings(), { validate: false, task })));
    const merged = parts.reduce((a, b) => mergeStatistics(a, b));
    const expected = analyzed(single);
    expect(analyzed(threaded)).toEqual(expected);
    expect(analyzed(merged)).toEqual(expected);
    if (kind === 'multiclass') expect(merged.task!.multiclass!.classes).toEqual(['A', 'B', 'C', 'E']);
  });
});
