/**
 * `fairaudit report --sign-key` through the real CLI: re-rendering saved results signs the folder's
 * report set as `audit --sign-key` does, the saved audit.json and the masked copy left in place
 * included, and a PDF printed in the same run (`--pdf`) is one of the signed files.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../cli/run-cli.js';
import { CHROMIUM_PATH } from '../../src/report/pdf.js';

const dir = tempDir('fairaudit-report-sign-');
const ed = generateKeyPairSync('ed25519');
const KEY = join(dir, 'signing-key.pem');
const PUB = join(dir, 'signing-key.pub.pem');
writeFileSync(KEY, ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
writeFileSync(PUB, ed.publicKey.export({ type: 'spki', format: 'pem' }).toString());
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
writeFileSync(join(dir, 'ec-key.pem'), ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());

// 80 rows: sex a/b (40 each, above the minimum group size), y 0/1.
const lines = ['sex,y', ...Array.from({ length: 80 }, (_, i) => `${i % 2 ? 'a' : 'b'},${i % 3 === 0 ? 1 : 0}`)];
writeFileSync(join(dir, 'd.csv'), lines.join('\n') + '\n');

const hasChromium = existsSync(CHROMIUM_PATH);

function signedPaths(folder: string): string[] {
  return (JSON.parse(readFileSync(join(folder, 'fairaudit-signature.json'), 'utf8')) as { files: { path: string }[] }).files.map((f) => f.path);
}

async function verify(folder: string) {
  return runCliInProcess(['verify', folder, '--public-key', PUB]);
}

/** Flips one bit in the middle of `name`, checks that verify fails naming it, and restores it. */
async function expectOneByteChangeCaught(folder: string, name: string): Promise<void> {
  const path = join(folder, name);
  const bytes = readFileSync(path);
  const changed = Buffer.from(bytes);
  changed[Math.floor(changed.length / 2)] ^= 1;
  writeFileSync(path, changed);
  const run = await verify(folder);
  expect(run.status).toBe(1);
  expect(run.stdout).toContain(`changed: ${name}`);
  writeFileSync(path, bytes);
}

describe('fairaudit report --sign-key', () => {
  let audited: string;
  beforeAll(async () => {
    audited = join(tempDir('fairaudit-report-sign-audit-'), 'report');
    const run = await runCliInProcess(['audit', join(dir, 'd.csv'), '--prediction', 'y', '--sensitive', 'sex', '--mask', '-o', audited, '-q']);
    expect(run.status).toBe(0);
  });

  it('signs the re-rendered set in a new folder: verify passes, then fails after a one-byte change of any file', async () => {
    const out = join(tempDir('fairaudit-report-sign-new-'), 'report');
    const run = await runCliInProcess(['report', join(audited, 'audit.json'), '-o', out, '--sign-key', KEY, '-q']);
    expect(run.status).toBe(0);
    expect(signedPaths(out)).toEqual(['audit.json', 'report.html', 'summary.md']);
    expect((await verify(out)).status).toBe(0);
    for (const name of ['audit.json', 'report.html', 'summary.md']) await expectOneByteChangeCaught(out, name);
    expect((await verify(out)).status).toBe(0);
  });

  it('re-rendering in the audit\'s own folder signs the saved audit.json and the masked copy left in place', async () => {
    const run = await runCliInProcess(['report', join(audited, 'audit.json'), '--sign-key', KEY, '-q']);
    expect(run.status).toBe(0);
    // Every file in the folder, by name: the signature leaves nothing out (its own file aside).
    expect(signedPaths(audited)).toEqual(readdirSync(audited).filter((f) => f !== 'fairaudit-signature.json').sort());
    expect(signedPaths(audited)).toEqual(['audit.json', 'd.masked.csv', 'd.masked.csv.manifest.json', 'report.html', 'summary.md']);
    expect((await verify(audited)).status).toBe(0);
    await expectOneByteChangeCaught(audited, 'audit.json');
    await expectOneByteChangeCaught(audited, 'd.masked.csv');
  });

  it('takes the key from FAIRAUDIT_SIGN_KEY_FILE too', async () => {
    const out = join(tempDir('fairaudit-report-sign-env-'), 'report');
    const run = await runCliInProcess(['report', join(audited, 'audit.json'), '-o', out, '-q'], { env: { FAIRAUDIT_SIGN_KEY_FILE: KEY } });
    expect(run.status).toBe(0);
    expect((await verify(out)).status).toBe(0);
  });

  it('refuses a key that cannot sign with one line naming it and exit 2, before writing anything', async () => {
    for (const key of [join(dir, 'ec-key.pem'), join(dir, 'missing.pem')]) {
      const out = join(tempDir('fairaudit-report-badkey-'), 'report');
      const run = await runCliInProcess(['report', join(audited, 'audit.json'), '-o', out, '--sign-key', key]);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(key);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    }
  });

  // Printing needs the system's Chromium (apt-get install chromium); without it this test shows as skipped.
  it.skipIf(!hasChromium)('covers the PDF printed in the same run: verify passes, then fails after a one-byte change of report.pdf', async () => {
    const out = join(tempDir('fairaudit-report-sign-pdf-'), 'report');
    const run = await runCliInProcess(['report', join(audited, 'audit.json'), '-o', out, '--pdf', '--sign-key', KEY]);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toContain(join(out, 'report.pdf'));
    expect(readFileSync(join(out, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(signedPaths(out)).toEqual(['audit.json', 'report.html', 'report.pdf', 'summary.md']);
    expect((await verify(out)).status).toBe(0);
    await expectOneByteChangeCaught(out, 'report.pdf');
  }, 60_000);
});
