import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashModelFiles } from '../../src/compare/hash-models.js';
import { readAuditResults } from '../../src/compare/read-results.js';
import { UserError } from '../../src/errors.js';
import { baselineSpec, makeResults } from './fixtures.js';

const dir = () => mkdtempSync(join(tmpdir(), 'fairaudit-compare-'));

describe('reading an audit.json', () => {
  it('reads a fairaudit results file', async () => {
    const path = join(dir(), 'audit.json');
    writeFileSync(path, JSON.stringify(makeResults(baselineSpec())));
    const results = await readAuditResults(path);
    expect(results.attributes.map((a) => a.name)).toEqual(['race', 'sex']);
  });

  it('refuses a file whose schema is not fairaudit/audit@1, naming the file, with exit code 2', async () => {
    const path = join(dir(), 'other.json');
    writeFileSync(path, JSON.stringify({ schema: 'something/else@2', attributes: [] }));
    const error = await readAuditResults(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).place.file).toBe(path);
    expect((error as UserError).message).toContain('"something/else@2"');
  });

  it('refuses text that is not JSON and a file that does not exist', async () => {
    const path = join(dir(), 'notes.txt');
    writeFileSync(path, 'hello');
    await expect(readAuditResults(path)).rejects.toThrow(/not a fairaudit audit.json: not valid JSON/);
    await expect(readAuditResults(join(dir(), 'missing.json'))).rejects.toThrow(/results file not found/);
  });
});

describe('hashing model files', () => {
  it('gives the SHA-256 and size of each file', async () => {
    const d = dir();
    writeFileSync(join(d, 'abc.bin'), 'abc');
    // The FIPS 180-2 test vector: SHA-256("abc").
    expect(await hashModelFiles([join(d, 'abc.bin')])).toEqual([
      { path: join(d, 'abc.bin'), bytes: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
    ]);
  });

  it('hashes a file larger than one stream chunk like a one-shot hash would', async () => {
    const d = dir();
    const bytes = Buffer.alloc(1_000_003, 7);
    writeFileSync(join(d, 'big.bin'), bytes);
    const [file] = await hashModelFiles([join(d, 'big.bin')]);
    expect(file.bytes).toBe(1_000_003);
    expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('expands a model folder into its files in sorted order', async () => {
    const d = dir();
    mkdirSync(join(d, 'saved', 'variables'), { recursive: true });
    writeFileSync(join(d, 'saved', 'model.pb'), 'graph');
    writeFileSync(join(d, 'saved', 'variables', 'data'), 'weights');
    const files = await hashModelFiles([join(d, 'saved')]);
    expect(files.map((f) => f.path)).toEqual([join(d, 'saved', 'model.pb'), join(d, 'saved', 'variables', 'data')]);
    expect(files[1].sha256).toBe(createHash('sha256').update('weights').digest('hex'));
  });

  it('names a model file that does not exist', async () => {
    await expect(hashModelFiles(['/nonexistent/model.onnx'])).rejects.toThrow(/model file not found/);
  });
});
