import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicFile, WRITE_BUFFER_BYTES, commitAll, writeFailure } from '../../src/write/atomic.js';
import { UserError } from '../../src/errors.js';
import { tempFolder } from '../mask/helpers.js';

describe('atomic files', () => {
  it('know their size and SHA-256 once sealed, before they appear', async () => {
    const folder = await tempFolder();
    const file = await AtomicFile.create(join(folder, 'a.txt'));
    await file.write(Buffer.from('hello '));
    await file.write(Buffer.from('world'));
    const sealed = await file.seal();
    expect(sealed).toEqual({ path: join(folder, 'a.txt'), bytes: 11, sha256: createHash('sha256').update('hello world').digest('hex') });
    expect((await readdir(folder)).filter((n) => !n.endsWith('.tmp'))).toEqual([]);
    await file.commit();
    expect(await readFile(join(folder, 'a.txt'), 'utf8')).toBe('hello world');
    expect(await readdir(folder)).toEqual(['a.txt']);
  });

  it('hold every byte written, in order, when the writer reuses its buffer as soon as a write resolves', async () => {
    const folder = await tempFolder();
    const file = await AtomicFile.create(join(folder, 'reused.bin'));
    const buffer = Buffer.alloc(WRITE_BUFFER_BYTES + 10);
    const expected: Buffer[] = [];
    // Small writes (gathered), one that just fits, one that does not, one larger than the gathering buffer.
    const sizes = [1, 100, 70_000, WRITE_BUFFER_BYTES - 70_101 - 1, 1, 3_000_000, WRITE_BUFFER_BYTES + 10, 5, 2];
    for (const [n, size] of sizes.entries()) {
      buffer.fill(n + 1, 0, size);
      expected.push(Buffer.alloc(size, n + 1));
      await file.write(buffer.subarray(0, size));
      buffer.fill(0xee);
    }
    const all = Buffer.concat(expected);
    expect(await file.seal()).toEqual({ path: join(folder, 'reused.bin'), bytes: all.length, sha256: createHash('sha256').update(all).digest('hex') });
    await file.commit();
    expect((await readFile(join(folder, 'reused.bin'))).equals(all)).toBe(true);
  });

  it('remove the folders they created when aborted, and only those', async () => {
    const folder = await tempFolder();
    const file = await AtomicFile.create(join(folder, 'one', 'two', 'x.bin'));
    await file.write(Buffer.from([1, 2, 3]));
    await file.abort();
    expect(await readdir(folder)).toEqual([]);
    await mkdir(join(folder, 'kept'));
    const again = await AtomicFile.create(join(folder, 'kept', 'new', 'x.bin'));
    await again.abort();
    expect(await readdir(folder)).toEqual(['kept']);
    expect(await readdir(join(folder, 'kept'))).toEqual([]);
  });

  it('appear together or not at all with commitAll', async () => {
    const folder = await tempFolder();
    const first = await AtomicFile.create(join(folder, 'data.csv'));
    await first.write(Buffer.from('a\n'));
    const second = await AtomicFile.create(join(folder, 'data.csv.manifest.json'));
    await second.write(Buffer.from('{}'));
    await first.seal();
    await second.seal();
    // A folder put where the second file goes makes its rename fail after the first one moved.
    await mkdir(join(folder, 'data.csv.manifest.json'));
    await writeFile(join(folder, 'data.csv.manifest.json', 'occupant'), '');
    await expect(commitAll([first, second])).rejects.toBeInstanceOf(UserError);
    expect(await readdir(folder)).toEqual(['data.csv.manifest.json']);
  });

  it('turn file-system refusals into user errors naming the path, and leave other errors alone', () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const mapped = writeFailure(denied, '/data/out.csv');
    expect(mapped).toBeInstanceOf(UserError);
    expect((mapped as UserError).message).toBe('cannot write the output: permission denied (EACCES)');
    expect((mapped as UserError).place.file).toBe('/data/out.csv');
    expect((mapped as UserError).exitCode).toBe(2);
    const bug = new TypeError('x is undefined');
    expect(writeFailure(bug, '/data/out.csv')).toBe(bug);
  });
});
