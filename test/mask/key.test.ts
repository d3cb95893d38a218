import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MISSING_KEY_MESSAGE, keyFingerprint, readMaskKey, requireMaskKey } from '../../src/mask/key.js';
import { UserError } from '../../src/errors.js';
import { tempFolder } from './helpers.js';

describe('the masking key', () => {
  it('comes from FAIRAUDIT_MASK_KEY', async () => {
    expect((await readMaskKey({ env: { FAIRAUDIT_MASK_KEY: 's3cret' } }))?.toString()).toBe('s3cret');
    expect(await readMaskKey({ env: {} })).toBeUndefined();
  });

  it('comes from a key file, without its trailing newline, in preference to the environment', async () => {
    const path = join(await tempFolder(), 'key');
    await writeFile(path, 'from-file\n');
    expect((await readMaskKey({ keyFile: path, env: { FAIRAUDIT_MASK_KEY: 'env' } }))?.toString()).toBe('from-file');
  });

  it('refuses a missing key file and an empty key', async () => {
    await expect(readMaskKey({ keyFile: '/nonexistent/key' })).rejects.toThrow('key file not found');
    await expect(readMaskKey({ env: { FAIRAUDIT_MASK_KEY: '' } })).rejects.toThrow(UserError);
  });

  it('is required by hmac with a message that says where to set it', () => {
    expect(() => requireMaskKey(undefined)).toThrow(MISSING_KEY_MESSAGE);
    expect(MISSING_KEY_MESSAGE).toBe('hmac needs a key: set FAIRAUDIT_MASK_KEY or pass --key-file');
  });

  it('is fingerprinted by a domain-separated SHA-256 that does not contain the key', () => {
    const key = Buffer.from('correct horse battery staple');
    const independent = createHash('sha256').update(Buffer.concat([Buffer.from('fairaudit/mask-key-fingerprint@1\u0000'), key])).digest('hex');
    expect(keyFingerprint(key)).toBe(independent);
    expect(keyFingerprint(key)).not.toBe(createHash('sha256').update(key).digest('hex'));
    expect(keyFingerprint(key)).not.toContain(key.toString('hex'));
  });
});
