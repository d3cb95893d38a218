import { describe, expect, it } from 'vitest';
import { deadExports } from '../../scripts/dead-exports.js';
import type { SourceFile } from '../../scripts/source-graph.js';

function file(path: string, exports: string[], imports: SourceFile['imports'] = [], typeExports: string[] = []): [string, SourceFile] {
  return [path, { path, exports, typeExports, imports }];
}

describe('dead exports', () => {
  const files = new Map([
    file('src/a.ts', ['used', 'unused', 'Shape'], [], ['Shape']),
    file('src/b.ts', ['anything'], [{ to: 'src/a.ts', names: ['used'], typeOnly: false }]),
    file('src/c.ts', ['everything']),
    file('test/c.test.ts', [], [{ to: 'src/c.ts', names: ['*'], typeOnly: false }, { to: 'src/b.ts', names: ['anything'], typeOnly: false }]),
    file('src/index.ts', ['api']),
  ]);

  it('lists an export no other file names, and skips modules taken whole and the library surface', () => {
    expect(deadExports(files)).toEqual(['src/a.ts: unused']);
  });

  it('lists types only when asked', () => {
    expect(deadExports(files, ['src/'], true)).toEqual(['src/a.ts: unused', 'src/a.ts: Shape']);
  });
});
