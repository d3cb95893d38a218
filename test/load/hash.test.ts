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

describe('hashing during scans', () => {
  it('hashes a text file in its first full read only: later scans (the passes after discovery) read it unhashed', async () => {
    for (const [name, first, second] of [
      ['data.csv', 'a,b\n1,2\n3,4\n', 'a,b\n5,6\n7,8\n'],
      ['data.jsonl', '{"a":1}\n{"a":2}\n', '{"a":3}\n{"a":4}\n'],
    ]) {
      const path = join(tempDir(), name);
      writeFileSync(path, first);
      const source = await openData([path]);
      for await (const batch of source.scan()) expect(batch.numRows).toBe(2);
      const hashed = createHash('sha256').update(first).digest('hex');
      expect(source.files[0].sha256).toBe(hashed);
      // Were the second scan hashed, the file's hash would now be that of the new bytes.
      writeFileSync(path, second);
      for await (const batch of source.scan()) expect(batch.numRows).toBe(2);
      expect(source.files[0].sha256).toBe(hashed);
      expect((await source.provenance())[0].sha256).toBe(hashed);
    }
  });

  it('the CSV sample hashes the file, so the scans after it need not', async () => {
    const path = join(tempDir(), 'sampled.csv');
    const text = 'a,b\n' + Array.from({ length: 500 }, (_, i) => `${i},${i % 3}`).join('\n') + '\n';
    writeFileSync(path, text);
    const source = await openData([path]);
    await source.sample?.(10, 1);
    expect(source.files[0].sha256).toBe(createHash('sha256').update(text).digest('hex'));
  });
});
