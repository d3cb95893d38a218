/**
 * `npm run test:unit` runs on the sources alone, with no build: a test file that runs the built
 * CLI (in process or spawned) must be in vitest.config.ts's end-to-end list, or the fast loop
 * fails on a fresh clone and the suite's split means nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { END_TO_END } from '../../vitest.config.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** What a test file does that needs the build: the CLI helpers, the CLI's bin, or dist/. */
const NEEDS_BUILD = /\b(runCliInProcess|auditInProcess|runCli)\b|bin\/fairaudit|['"`]dist\//;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
  });
}

/** Whether `file` matches one of the list's two shapes: an exact path, or `dir/**\/*.test.ts`. */
function listed(file: string): boolean {
  return END_TO_END.some((pattern) => (pattern.endsWith('/**/*.test.ts') ? file.startsWith(pattern.slice(0, -'**/*.test.ts'.length)) : file === pattern));
}

describe('the end-to-end list', () => {
  it('holds every test file that needs the build', () => {
    const unlisted = testFiles(join(ROOT, 'test')).filter((file) => file !== 'test/repository/end-to-end-list.test.ts' && NEEDS_BUILD.test(readFileSync(join(ROOT, file), 'utf8')) && !listed(file));
    expect(unlisted).toEqual([]);
  });
});
