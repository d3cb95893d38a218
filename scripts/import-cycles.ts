/**
 * Finds circles in the import graph of src/ (type-only imports included: a type-only circle
 * compiles, but it still ties two files together so neither can be understood or moved alone).
 * Prints each circle as `a.ts → b.ts → a.ts` and exits 1 when there is one.
 *
 *   npx tsx scripts/import-cycles.ts            # every folder of src/
 *   npx tsx scripts/import-cycles.ts src/load   # circles with a file in these folders
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSources, type SourceFile } from './source-graph.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The strongly connected components of more than one file (or a file importing itself), by
 * Tarjan's algorithm: each as one circle from its first file back to it, followed by the other
 * files of the component.
 */
export function importCycles(files: ReadonlyMap<string, SourceFile>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const edges = (path: string): string[] => [...new Set((files.get(path)?.imports ?? []).map((i) => i.to).filter((to) => files.has(to)))];
  const visit = (path: string): void => {
    index.set(path, next);
    low.set(path, next++);
    stack.push(path);
    onStack.add(path);
    for (const to of edges(path)) {
      if (!index.has(to)) {
        visit(to);
        low.set(path, Math.min(low.get(path)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(path, Math.min(low.get(path)!, index.get(to)!));
    }
    if (low.get(path) !== index.get(path)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== path);
    if (component.length > 1 || edges(path).includes(path)) components.push(component);
  };
  for (const path of [...files.keys()].sort()) if (!index.has(path)) visit(path);
  return components.map((component) => {
    const circle = circleThrough(component, edges);
    // A circle names some of the files tied together; the rest follow it, one per line.
    return [...circle, ...component.filter((f) => !circle.includes(f)).sort()];
  });
}

/** One circle from the component's first file back to itself, through files of the component. */
function circleThrough(component: string[], edges: (path: string) => string[]): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const from = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const to of edges(at)) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [start];
        for (let p = at; p !== start; p = from.get(p)!) path.splice(1, 0, p);
        return [...path, start];
      }
      if (!from.has(to)) {
        from.set(to, at);
        queue.push(to);
      }
    }
  }
  return component;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folders = process.argv.slice(2);
  const cycles = importCycles(readSources(ROOT, ['src'])).filter((cycle) => folders.length === 0 || cycle.some((f) => folders.some((d) => f.startsWith(d.replace(/\/$/, '') + '/'))));
  for (const cycle of cycles) {
    const back = cycle.indexOf(cycle[0], 1);
    console.log(cycle.slice(0, back + 1).join(' → ') + (back + 1 < cycle.length ? `  (also tied in: ${cycle.slice(back + 1).join(', ')})` : ''));
  }
  console.log(cycles.length === 0 ? 'no import circles' : `${cycles.length} import circle(s)`);
  process.exitCode = cycles.length === 0 ? 0 : 1;
}
