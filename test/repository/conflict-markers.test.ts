/**
 * No file the repository tracks holds a line a merge left behind (`<<<<<<< `, `>>>>>>> `): the
 * README and the sources are read by users and the build alike.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const TEXT = /\.(ts|mts|mjs|js|json|md|yaml|yml|hbs|css|sh)$|^\.ci\/run$/;

describe('the repository', () => {
  it('holds no merge conflict markers', () => {
    const files = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((f) => TEXT.test(f) && !f.startsWith('test/fixtures/'));
    expect(files.length).toBeGreaterThan(100);
    const marked = files.filter((f) => /^(<{7}|>{7}) /m.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(marked).toEqual([]);
  });
});
