/** SHA-256 of input files: large files are hashed on a thread of their own, with the same result. */
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFile } from '../../src/load/hash.js';
import { openData } from '../../src/load/open.js';
import { tempDir } from './helpers.js';

describe('hashFile', () => {
  it('hashes a small file on this thread and a 65 MB file on a thread of its own, both as node:crypto does', async () => {
    const dir = tempDir();
    for (const [name, bytes] of [['small.bin', 1000], ['large.bin', 65 << 20]] as const) {
      const data = randomBytes(bytes);
      const path = join(dir, name);
      writeFileSync(path, data);
      expect(await hashFile(path)).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
});

describe('provenance', () => {
  it('hashes once however often it is asked, even while the first hash is under way', async () => {
    const path = join(tempDir(), 'data.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    const source = await openData([path]);
    const first = source.provenance();
    expect(source.provenance()).toBe(first);
    const [file] = await first;
    expect(file.sha256).toBe(createHash('sha256').update('a,b\n1,2\n').digest('hex'));
  });
});
