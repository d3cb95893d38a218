/**
 * Signed report sets through the real CLI: `audit --sign-key` then `verify`, which must pass on the
 * folder as written and fail after any one-byte change, a removed file or an added file; bad input
 * gives one line and exit 2; the private key appears in no output.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../cli/run-cli.js';

const dir = tempDir('fairaudit-sign-');
const ed = generateKeyPairSync('ed25519');
const privatePem = ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
writeFileSync(join(dir, 'signing-key.pem'), privatePem, { mode: 0o600 });
writeFileSync(join(dir, 'signing-key.pub.pem'), ed.publicKey.export({ type: 'spki', format: 'pem' }).toString());
const other = generateKeyPairSync('ed25519');
writeFileSync(join(dir, 'other.pub.pem'), other.publicKey.export({ type: 'spki', format: 'pem' }).toString());
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
writeFileSync(join(dir, 'ec-key.pem'), ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());

// 80 rows: sex a/b (40 each, above the minimum group size), y 0/1.
const lines = ['sex,y', ...Array.from({ length: 80 }, (_, i) => `${i % 2 ? 'a' : 'b'},${i % 3 === 0 ? 1 : 0}`)];
writeFileSync(join(dir, 'd.csv'), lines.join('\n') + '\n');
const PUB = join(dir, 'signing-key.pub.pem');

async function signedAudit(out: string, extra: string[] = [], env?: Record<string, string>) {
  return runCliInProcess(['audit', join(dir, 'd.csv'), '--prediction', 'y', '--sensitive', 'sex', '-o', out, '-q', ...extra], { env });
}

describe('signed reports and fairaudit verify', () => {
  let out: string;
  beforeEach(async () => {
    out = join(tempDir('fairaudit-signed-'), 'report');
    const run = await signedAudit(out, ['--sign-key', join(dir, 'signing-key.pem')]);
    expect(run.status).toBe(0);
  });

  it('writes a signature file over the SHA-256 of every output file, with the key fingerprint and the time', () => {
    const signature = JSON.parse(readFileSync(join(out, 'fairaudit-signature.json'), 'utf8')) as { files: { path: string }[]; key_fingerprint: string; signed_at: string; algorithm: string };
    expect(signature.algorithm).toBe('ed25519');
    expect(signature.files.map((f) => f.path)).toEqual(['audit.json', 'report.html', 'summary.md']);
    expect(signature.key_fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Date.parse(signature.signed_at)).not.toBeNaN();
  });

  it('verifies: exit 0 when every file matches', async () => {
    const run = await runCliInProcess(['verify', out, '--public-key', PUB]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('OK');
  });

  it('fails after a one-byte change in any file, naming it', async () => {
    for (const name of ['audit.json', 'report.html', 'summary.md']) {
      const path = join(out, name);
      const bytes = readFileSync(path);
      const changed = Buffer.from(bytes);
      changed[Math.floor(changed.length / 2)] ^= 1;
      writeFileSync(path, changed);
      const run = await runCliInProcess(['verify', out, '--public-key', PUB]);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(`changed: ${name}`);
      writeFileSync(path, bytes);
    }
    expect((await runCliInProcess(['verify', out, '--public-key', PUB])).status).toBe(0);
  });

  it('fails when a file is removed or added, naming it', async () => {
    rmSync(join(out, 'summary.md'));
    const removed = await runCliInProcess(['verify', out, '--public-key', PUB]);
    expect(removed.status).toBe(1);
    expect(removed.stdout).toContain('removed: summary.md');

    writeFileSync(join(out, 'notes.txt'), 'added later\n');
    const added = await runCliInProcess(['verify', out, '--public-key', PUB]);
    expect(added.status).toBe(1);
    expect(added.stdout).toContain('added: notes.txt');
  });

  it('fails when the signature file itself is changed, or the public key is not the signer\'s', async () => {
    const wrongKey = await runCliInProcess(['verify', out, '--public-key', join(dir, 'other.pub.pem')]);
    expect(wrongKey.status).toBe(1);
    expect(wrongKey.stdout).toContain('signature: the files were signed with key');

    const path = join(out, 'fairaudit-signature.json');
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { signed_at: string };
    doc.signed_at = '2020-01-01T00:00:00.000Z';
    writeFileSync(path, JSON.stringify(doc));
    const backdated = await runCliInProcess(['verify', out, '--public-key', PUB]);
    expect(backdated.status).toBe(1);
    expect(backdated.stdout).toContain('does not match');
  });

  it('never writes or prints the private key', async () => {
    const body = privatePem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
    for (const name of readdirSync(out)) expect(readFileSync(join(out, name), 'utf8')).not.toContain(body);
  });
});

describe('signing: keys from the environment, history and bad input', () => {
  it('takes the key from FAIRAUDIT_SIGN_KEY_FILE, and the history line records its fingerprint', async () => {
    const base = tempDir('fairaudit-signed-env-');
    const out = join(base, 'report');
    const history = join(base, 'history.jsonl');
    const run = await signedAudit(out, ['--history', history], { FAIRAUDIT_SIGN_KEY_FILE: join(dir, 'signing-key.pem') });
    expect(run.status).toBe(0);
    const signature = JSON.parse(readFileSync(join(out, 'fairaudit-signature.json'), 'utf8')) as { key_fingerprint: string };
    const line = JSON.parse(readFileSync(history, 'utf8').trim()) as { signed_by?: string };
    expect(line.signed_by).toBe(signature.key_fingerprint);
    expect((await runCliInProcess(['verify', out, '--public-key', PUB])).status).toBe(0);
  });

  it('covers the masked copy and its manifest written with --mask', async () => {
    const out = join(tempDir('fairaudit-signed-mask-'), 'report');
    const run = await signedAudit(out, ['--mask', '--sign-key', join(dir, 'signing-key.pem')]);
    expect(run.status).toBe(0);
    const signature = JSON.parse(readFileSync(join(out, 'fairaudit-signature.json'), 'utf8')) as { files: { path: string }[] };
    const masked = signature.files.map((f) => f.path).filter((p) => p.includes('.masked.'));
    expect(masked).toEqual(['d.masked.csv', 'd.masked.csv.manifest.json']);
    expect((await runCliInProcess(['verify', out, '--public-key', PUB])).status).toBe(0);
    writeFileSync(join(out, 'd.masked.csv'), readFileSync(join(out, 'd.masked.csv'), 'utf8') + 'a,1\n');
    const changed = await runCliInProcess(['verify', out, '--public-key', PUB]);
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain('changed: d.masked.csv');
  });

  it('refuses a key that is not Ed25519, or not a key, with one line naming the file and exit 2, before writing anything', async () => {
    for (const key of [join(dir, 'ec-key.pem'), join(dir, 'd.csv'), join(dir, 'missing.pem')]) {
      const out = join(tempDir('fairaudit-badkey-'), 'report');
      const run = await signedAudit(out, ['--sign-key', key]);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(key);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('verify exits 2 with one line on a missing folder, an unsigned folder or a bad public key', async () => {
    const unsigned = join(tempDir('fairaudit-unsigned-'), 'report');
    expect((await signedAudit(unsigned)).status).toBe(0);
    for (const args of [
      ['verify', join(dir, 'nowhere'), '--public-key', PUB],
      ['verify', unsigned, '--public-key', PUB],
      ['verify', unsigned, '--public-key', join(dir, 'd.csv')],
    ]) {
      const run = await runCliInProcess(args);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
