/**
 * The layering of src/, read from the import graph and kept by CI rather than by memory. The map
 * is README's "Layout" paragraph; each rule below is one line of it. Type-only imports count: a
 * type reaching up a layer couples the code as surely as a value does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;

/** One import: the file it is in, what it names, and whether only types come through it. */
interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every static import and re-export of src/, relative ones resolved to paths under src/ (`metrics/analyze.ts`). */
function importGraph(): Edge[] {
  const edges: Edge[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  const dynamic = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const from = relative(SRC, file);
    const add = (specifier: string, typeOnly: boolean) => {
      const to = specifier.startsWith('.') ? relative(SRC, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts') : specifier;
      edges.push({ from, to, typeOnly });
    };
    for (const m of text.matchAll(pattern)) add(m[3], m[2] !== undefined);
    for (const m of text.matchAll(dynamic)) add(m[1], false);
  }
  return edges;
}

const EDGES = importGraph();
const inside = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);
/** An import of a file of src/ (not a package or a Node built-in). */
const local = (edge: Edge) => edge.to.endsWith('.ts');

/** The imports from files under `folders` that break `allowed`, as `from → to` lines. */
function breaking(folders: string[], allowed: (to: string, edge: Edge) => boolean): string[] {
  return EDGES.filter((e) => folders.some((f) => inside(e.from, f)) && local(e) && !allowed(e.to, e)).map((e) => `${e.from} → ${e.to}`);
}

/** The stages: each takes Arrow batches or results and hands results on; none reaches the orchestrator or the CLI. */
const STAGES = ['load', 'parquet-format', 'sql', 'discover', 'metrics', 'parallel', 'mask', 'write', 'compare', 'accept', 'history', 'sign', 'report'];

describe('the layers of src/', () => {
  it('reads the import graph (a sanity check of the reader itself)', () => {
    expect(EDGES.some((e) => e.from === 'audit/run.ts' && e.to === 'metrics/analyze.ts')).toBe(true);
    expect(EDGES.some((e) => e.from === 'audit/run.ts' && e.to === 'results/index.ts' && !e.typeOnly)).toBe(true);
    expect(EDGES.some((e) => e.from === 'results/audit.ts' && e.to === 'config/types.ts' && e.typeOnly)).toBe(true);
    // A rule that allows nothing finds the imports there are.
    expect(breaking(['metrics'], () => false).length).toBeGreaterThan(10);
  });

  it('results/ (the contract at the bottom) imports nothing but itself and the config types it echoes, types only', () => {
    expect(breaking(['results'], (to, e) => inside(to, 'results') || (to === 'config/types.ts' && e.typeOnly))).toEqual([]);
  });

  it('stats/, text/ and arrow/ import only results/ and themselves', () => {
    expect(breaking(['stats'], (to) => inside(to, 'stats') || inside(to, 'results'))).toEqual([]);
    expect(breaking(['text'], (to) => inside(to, 'text') || inside(to, 'results'))).toEqual([]);
    expect(breaking(['arrow'], (to) => inside(to, 'arrow') || inside(to, 'results'))).toEqual([]);
  });

  it('config/ imports no stage but the metric registry (its default policy is the registry’s headline rows)', () => {
    const allowed = (to: string) => inside(to, 'config') || inside(to, 'results') || inside(to, 'text') || ['errors.ts', 'assets.ts', 'metrics/registry.ts'].includes(to);
    expect(breaking(['config'], allowed)).toEqual([]);
  });

  it('metrics/ imports no cli/, report/, audit/, mask/, write/ or discover/', () => {
    expect(breaking(['metrics'], (to) => !['cli', 'report', 'audit', 'mask', 'write', 'discover'].some((f) => inside(to, f)))).toEqual([]);
  });

  it('no stage imports audit/ (the orchestrator) or cli/', () => {
    expect(breaking(STAGES, (to) => !inside(to, 'audit') && !inside(to, 'cli'))).toEqual([]);
  });

  it('audit/ imports no cli/, and nothing outside cli/ imports cli/', () => {
    expect(breaking(['audit'], (to) => !inside(to, 'cli'))).toEqual([]);
    const outside = EDGES.filter((e) => !inside(e.from, 'cli') && inside(e.to, 'cli')).map((e) => `${e.from} → ${e.to}`);
    expect(outside).toEqual([]);
  });

  it('kernels are pure: metrics/, stats/, results/, text/, the discovery rules and the mask operators import no file system', () => {
    const rules = ['discover/names.ts', 'discover/patterns.ts', 'discover/values.ts', 'discover/classify.ts', 'discover/proxies.ts', 'discover/person-names.ts'];
    const io = EDGES.filter((e) => (['metrics', 'stats', 'results', 'text', 'mask/operators'].some((f) => inside(e.from, f)) || rules.includes(e.from)) && /^node:(fs|fs\/promises|child_process|net|http)$/.test(e.to));
    expect(io.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });
});
