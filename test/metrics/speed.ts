/**
 * Speed of the metrics core: rows per second of the counting pass over in-memory Arrow batches
 * with three dictionary-coded sensitive attributes (2, 5 and 4 levels), and the time of everything
 * after counting with 1000 bootstrap draws over 40 intersectional groups. Used by the smoke test
 * beside it and runnable alone: `npx tsx test/metrics/speed.ts [rows]`.
 */
import { Dictionary, Int32, Int8, makeData, RecordBatch, Struct, Table, Utf8, vectorFromArray, Field, Schema } from 'apache-arrow';
import { resolveConfig } from '../../src/config/resolve.js';
import { tableSource } from '../../src/load/memory.js';
import { analyzeStatistics } from '../../src/metrics/analyze.js';
import { countRows, emptyTable } from '../../src/metrics/count-table.js';
import { collectStatistics } from '../../src/metrics/statistics.js';
import { Warnings } from '../../src/warnings.js';

const LEVELS: [string, string[]][] = [
  ['sex', ['f', 'm']],
  ['race', ['a', 'b', 'c', 'd', 'e']],
  ['region', ['n', 's', 'e', 'w']],
];

/** A table of `rows` rows in batches of `batchRows`, codes and outcomes from a fixed LCG. */
export function benchTable(rows: number, batchRows = 1 << 20): Table {
  const dictionaries = LEVELS.map(([, values]) => vectorFromArray(values, new Utf8()));
  const fields = [
    ...LEVELS.map(([name], i) => new Field(name, new Dictionary(new Utf8(), new Int32(), i), false)),
    new Field('y', new Int8(), false),
    new Field('p', new Int8(), false),
  ];
  const schema = new Schema(fields);
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const batches: RecordBatch[] = [];
  for (let start = 0; start < rows; start += batchRows) {
    const n = Math.min(batchRows, rows - start);
    const children = [
      ...LEVELS.map(([, values], i) => {
        const codes = new Int32Array(n);
        for (let r = 0; r < n; r++) codes[r] = (next() >>> 8) % values.length;
        return makeData({ type: fields[i].type as Dictionary<Utf8, Int32>, length: n, nullCount: 0, data: codes, dictionary: dictionaries[i] });
      }),
      ...[0, 1].map((k) => {
        const values = new Int8Array(n);
        for (let r = 0; r < n; r++) values[r] = (next() >>> (10 + k)) & 1;
        return makeData({ type: new Int8(), length: n, nullCount: 0, data: values });
      }),
    ];
    batches.push(new RecordBatch(schema, makeData({ type: new Struct(fields), length: n, nullCount: 0, children })));
  }
  return new Table(batches);
}

export interface SpeedFigures {
  rows: number;
  /** collectStatistics end to end (decode outcomes, remap dictionaries, count), best of the runs, by CPU time. */
  collect_rows_per_second: number;
  /** The counting kernel alone over ready group ids and outcomes, best of the runs. */
  kernel_rows_per_second: number;
  /** analyzeStatistics with 1000 bootstrap draws and every intersection (40 groups in the finest), best of the runs. */
  analyze_ms: number;
  /** CPU ns per element of a plain byte-copy loop at the same time: how fast this machine is right now. */
  reference_ns_per_row: number;
}

function referenceLoop(n: number, cpu: () => number): number {
  const from = new Int8Array(n).map((_, i) => i & 1);
  const to = new Int8Array(n);
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const started = cpu();
    for (let i = 0; i < n; i++) to[i] = from[i] === 1 ? 1 : 0;
    best = Math.min(best, cpu() - started);
  }
  return (best * 1e6) / n;
}

/** Measures the figures on `rows` rows, best of `runs`. */
export async function measure(rows: number, runs = 3): Promise<SpeedFigures> {
  const table = benchTable(rows);
  const config = resolveConfig({ label: 'y', prediction: 'p', sensitive: LEVELS.map(([n]) => n), intersections: 'all', bootstrap: 1000 });
  const columns = { label: 'y', prediction: 'p', sensitive: LEVELS.map(([n]) => n) };
  // CPU time of this process, not wall time: on a shared machine other processes steal the core.
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let collectBest = Infinity;
  let stats = await collectStatistics(tableSource(table), columns, config, new Warnings());
  for (let run = 0; run < runs; run++) {
    const started = cpu();
    stats = await collectStatistics(tableSource(table), columns, config, new Warnings());
    collectBest = Math.min(collectBest, cpu() - started);
  }

  const n = Math.min(rows, 1 << 20);
  const ids = LEVELS.map(([, values], f) => Int32Array.from({ length: n }, (_, i) => (i * (f + 7)) % values.length));
  const label = Int8Array.from({ length: n }, (_, i) => (i >> 1) & 1);
  const prediction = Int8Array.from({ length: n }, (_, i) => (i >> 2) & 1);
  const joint = new Int32Array(n);
  const countTable = emptyTable([0, 1, 2], [2, 5, 4], false);
  let kernelBest = Infinity;
  for (let run = 0; run < runs + 2; run++) {
    const started = cpu();
    for (let done = 0; done < rows; done += n) countRows(countTable, ids, label, prediction, null, Math.min(n, rows - done), joint);
    kernelBest = Math.min(kernelBest, cpu() - started);
  }

  let analyzeBest = Infinity;
  for (let run = 0; run < runs + 2; run++) {
    const started = cpu();
    analyzeStatistics(stats, config, new Warnings());
    analyzeBest = Math.min(analyzeBest, cpu() - started);
  }
  return {
    rows,
    collect_rows_per_second: rows / (collectBest / 1000),
    kernel_rows_per_second: rows / (kernelBest / 1000),
    analyze_ms: analyzeBest,
    reference_ns_per_row: referenceLoop(1 << 22, cpu),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const rows = Number(process.argv[2] ?? 10_000_000);
  const figures = await measure(rows, 5);
  const m = (x: number) => `${(x / 1e6).toFixed(1)} M rows/s`;
  process.stdout.write(
    `rows ${rows}\ncollectStatistics ${m(figures.collect_rows_per_second)}\ncounting kernel ${m(figures.kernel_rows_per_second)}\nanalyzeStatistics (1000 draws, 40 groups) ${figures.analyze_ms.toFixed(1)} ms\nreference byte loop ${figures.reference_ns_per_row.toFixed(2)} ns/row (CPU time)\n`,
  );
}
