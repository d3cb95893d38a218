import { createHash, scryptSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MISSING_KEY_MESSAGE, keyFingerprint, keyFingerprintInBackground, readMaskKey, requireMaskKey } from '../../src/mask/key.js';
import { UserError } from '../../src/errors.js';
import { tempFolder } from './helpers.js';

describe('the masking key', () => {
  it('comes from FAIRAUDIT_MASK_KEY', async () => {
    expect((await readMaskKey({ env: { FAIRAUDIT_MASK_KEY: 's3cret-s3cret-s3cret' } }))?.toString()).toBe('s3cret-s3cret-s3cret');
    expect(await readMaskKey({ env: {} })).toBeUndefined();
  });

  it('comes from a key file, without its trailing newline, in preference to the environment', async () => {
    const path = join(await tempFolder(), 'key');
    await writeFile(path, 'from-file-0123456789\n');
    expect((await readMaskKey({ keyFile: path, env: { FAIRAUDIT_MASK_KEY: 'env-0123456789abcdef' } }))?.toString()).toBe('from-file-0123456789');
  });

  it('refuses a missing key file and an empty key', async () => {
    await expect(readMaskKey({ keyFile: '/nonexistent/key' })).rejects.toThrow('key file not found');
    await expect(readMaskKey({ env: { FAIRAUDIT_MASK_KEY: '' } })).rejects.toThrow(UserError);
  });

  it('is required by hmac with a message that says where to set it', () => {
    expect(() => requireMaskKey(undefined)).toThrow(MISSING_KEY_MESSAGE);
    expect(MISSING_KEY_MESSAGE).toBe('hmac needs a key: set FAIRAUDIT_MASK_KEY or pass --key-file');
  });

  it('refuses a key shorter than 16 bytes, saying the length required', async () => {
    await expect(readMaskKey({ env: { FAIRAUDIT_MASK_KEY: 'summer2024' } })).rejects.toThrow('FAIRAUDIT_MASK_KEY is 10 bytes; a masking key needs at least 16');
    const path = join(await tempFolder(), 'key');
    await writeFile(path, 'short\n');
    await expect(readMaskKey({ keyFile: path })).rejects.toMatchObject({ exitCode: 2, message: 'the key file holds 5 bytes; a masking key needs at least 16' });
    expect((await readMaskKey({ env: { FAIRAUDIT_MASK_KEY: '0123456789abcdef' } }))?.length).toBe(16);
  });

  it('is fingerprinted by salted scrypt, so a guess costs far more than a hash, and does not contain the key', () => {
    const key = Buffer.from('correct horse battery staple');
    // Computed here from the parameters the fingerprint is documented to use (the issue changed it from SHA-256).
    const independent = scryptSync(key, 'fairaudit/mask-key-fingerprint@2', 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('hex');
    expect(keyFingerprint(key)).toBe(independent);
    expect(keyFingerprint(key)).not.toBe(createHash('sha256').update(Buffer.concat([Buffer.from('fairaudit/mask-key-fingerprint@1\u0000'), key])).digest('hex'));
    const started = performance.now();
    keyFingerprint(Buffer.from('summer2024'));
    // One guess takes milliseconds, not the microsecond of a SHA-256.
    expect(performance.now() - started).toBeGreaterThan(5);
    expect(keyFingerprint(key)).not.toBe(createHash('sha256').update(key).digest('hex'));
    expect(keyFingerprint(key)).not.toContain(key.toString('hex'));
  });

  it('gives the same fingerprint when computed in the background, without blocking the thread that started it', async () => {
    const key = Buffer.from('a background key, sixteen bytes or more');
    const independent = scryptSync(key, 'fairaudit/mask-key-fingerprint@2', 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('hex');
    let settled = false;
    const pending = keyFingerprintInBackground(key).finally(() => (settled = true));
    // Still running after the call returned: the scrypt work is on a pool thread, not in the call.
    expect(settled).toBe(false);
    expect(await pending).toBe(independent);
  });
});
