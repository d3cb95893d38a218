import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles } from '../../scripts/import-cycles.js';
import { readSources, type SourceFile } from '../../scripts/source-graph.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

let sources: Map<string, SourceFile> | undefined;
/** src/'s import graph, parsed once for the tests that read it (parsing every file takes a second or more). */
const srcGraph = () => (sources ??= readSources(ROOT, ['src']));

/** A graph from `from: [to, …]` lists, every import by one name. */
function graph(edges: Record<string, string[]>): Map<string, SourceFile> {
  return new Map(Object.entries(edges).map(([path, to]) => [path, { path, exports: [], typeExports: [], imports: to.map((t) => ({ to: t, names: ['x'], typeOnly: true })) }]));
}

describe('import circles', () => {
  it('finds a circle of type-only imports and names each file in it once, and nothing in a tree', () => {
    const cycles = importCycles(graph({ 'a.ts': ['b.ts'], 'b.ts': ['c.ts'], 'c.ts': ['a.ts', 'd.ts'], 'd.ts': [], 'e.ts': ['a.ts'] }));
    expect(cycles).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(importCycles(graph({ 'a.ts': ['b.ts', 'c.ts'], 'b.ts': ['c.ts'], 'c.ts': [] }))).toEqual([]);
  });

  it('finds none through the loaders, writers, discovery, the worker pool or the Parquet format', () => {
    const stages = ['src/load/', 'src/write/', 'src/discover/', 'src/parallel/', 'src/parquet-format/'];
    const cycles = importCycles(srcGraph()).filter((cycle) => cycle.some((f) => stages.some((s) => f.startsWith(s))));
    expect(cycles).toEqual([]);
  });

  it('keeps discovery and the writers out of the Parquet reader’s internals', () => {
    const files = srcGraph();
    const reaching = [...files.values()]
      .filter((f) => f.path.startsWith('src/discover/') || f.path.startsWith('src/write/'))
      .flatMap((f) => f.imports.filter((i) => i.to.startsWith('src/load/parquet/')).map((i) => `${f.path} → ${i.to}`));
    expect(reaching).toEqual([]);
  });
});
