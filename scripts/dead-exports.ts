/**
 * Lists exports of src/ that nothing imports: no other file of src/, test/ or scripts/ names
 * them (a namespace import, `export *` or a dynamic import takes every name of its module). The
 * library surface, src/index.ts, is left out: its exports are for fairaudit's users. An export
 * only its own file uses can lose its `export`; one nothing uses can go. Exits 1 when it finds one.
 * Types are listed only with `--types`: an exported function's option and result types stay
 * exported even when no caller names them, so a caller can.
 *
 *   npx tsx scripts/dead-exports.ts            # every file of src/
 *   npx tsx scripts/dead-exports.ts src/load   # files in these folders
 *   npx tsx scripts/dead-exports.ts --types    # types too
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSources, type SourceFile } from './source-graph.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The library's public surface: its exports are used by definition. */
const LIBRARY = 'src/index.ts';

/** `path: name` for every export of a file under `within` that no other file imports. */
export function deadExports(files: ReadonlyMap<string, SourceFile>, within: readonly string[] = ['src/'], types = false): string[] {
  const used = new Map<string, Set<string>>();
  for (const file of files.values()) {
    for (const edge of file.imports) {
      const names = used.get(edge.to) ?? new Set<string>();
      for (const name of edge.names) names.add(name);
      used.set(edge.to, names);
    }
  }
  const dead: string[] = [];
  for (const file of [...files.values()].sort((a, b) => a.path.localeCompare(b.path))) {
    if (file.path === LIBRARY || !within.some((folder) => file.path.startsWith(folder))) continue;
    const names = used.get(file.path);
    if (names?.has('*')) continue;
    for (const name of file.exports) if (!names?.has(name) && (types || !file.typeExports.includes(name))) dead.push(`${file.path}: ${name}`);
  }
  return dead;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const folders = args.filter((a) => a !== '--types').map((f) => f.replace(/\/?$/, '/'));
  const dead = deadExports(readSources(ROOT, ['src', 'test', 'scripts']), folders.length > 0 ? folders : ['src/'], args.includes('--types'));
  for (const line of dead) console.log(line);
  console.log(dead.length === 0 ? 'no dead exports' : `${dead.length} export(s) nothing imports`);
  process.exitCode = dead.length === 0 ? 0 : 1;
}
