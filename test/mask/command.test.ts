/**
 * `fairaudit mask` through the CLI run in the test's process (run on the built dist/): refusals are one line on
 * stderr, exit 2, no stack trace, and nothing written; a dry run writes nothing; the key never
 * reaches a file.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../cli/run-cli.js';

const SECRET = 'a-mask-key-nobody-may-see-9f8e7d';
const CSV = ['customer_id,email,zip,sex,approved', ...Array.from({ length: 30 }, (_, i) =>
  [`C${5000 + i}`, `client${i}@example.com`, ['02134', '90210', '10001'][i % 3], i % 2 ? 'F' : 'M', i % 3 ? 1 : 0].join(','),
)].join('\n') + '\n';

let dir: string;
beforeEach(async () => {
  // The CLI, run in this process, shares this process's environment: no key unless a test gives one.
  delete process.env.FAIRAUDIT_MASK_KEY;
  dir = tempDir('fairaudit-mask-cli-');
  writeFileSync(join(dir, 'in.csv'), CSV);
});

const files = () => readdirSync(dir).sort();

async function expectRefusal(args: string[], env: Record<string, string>, mention: RegExp): Promise<void> {
  const before = files();
  const run = await runCliInProcess(['mask', ...args], { cwd: dir, env });
  const lines = run.stderr.trim().split('\n');
  expect(run.status, run.stderr).toBe(2);
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^fairaudit: /);
  expect(lines[0]).toMatch(mention);
  expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(run.stdout).toBe('');
  expect(files()).toEqual(before);
  expect(readFileSync(join(dir, 'in.csv'), 'utf8')).toBe(CSV);
}

describe('fairaudit mask refuses with one line, exit 2 and nothing written', () => {
  it('an hmac plan without a key, or with an empty one', async () => {
    await expectRefusal(['in.csv', '-o', 'out.csv'], {}, /hmac needs a key: set FAIRAUDIT_MASK_KEY or pass --key-file/);
    await expectRefusal(['in.csv', '-o', 'out.csv'], { FAIRAUDIT_MASK_KEY: '' }, /FAIRAUDIT_MASK_KEY is set but empty/);
  });

  it('an output that is the input, spelled another way', async () => {
    await expectRefusal(['in.csv', '-o', `../${dir.split('/').pop()}/in.csv`], { FAIRAUDIT_MASK_KEY: SECRET }, /refusing to overwrite an input file/);
  });

  it('an output that is the key file', async () => {
    writeFileSync(join(dir, 'key'), SECRET);
    await expectRefusal(['in.csv', '-o', 'key', '--key-file', 'key'], {}, /refusing to overwrite an input file/);
    expect(readFileSync(join(dir, 'key'), 'utf8')).toBe(SECRET);
  });

  it('an unknown column in the mask plan', async () => {
    writeFileSync(join(dir, 'c.yaml'), 'mask:\n  columns:\n    emial: { op: drop }\n');
    await expectRefusal(['in.csv', '-o', 'out.csv', '-c', 'c.yaml'], { FAIRAUDIT_MASK_KEY: SECRET }, /unknown column "emial".*did you mean "email"/);
  });

  it('an output folder that cannot be written', async () => {
    writeFileSync(join(dir, 'not-a-folder'), '');
    await expectRefusal(['in.csv', '-o', 'not-a-folder/out.csv'], { FAIRAUDIT_MASK_KEY: SECRET }, /not-a-folder\/out\.csv: cannot write the output/);
  });
});

describe('fairaudit mask', () => {
  it('--dry-run prints the plan and writes nothing, key or not', async () => {
    const run = await runCliInProcess(['mask', 'in.csv', '-o', 'out.csv', '--dry-run'], { cwd: dir, env: { FAIRAUDIT_MASK_KEY: '' } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^mask plan \(profile default\)/);
    expect(run.stdout).toMatch(/email\s.*hmac/);
    expect(files()).toEqual(['in.csv']);
  });

  it('writes the output in the input format with a manifest that holds a fingerprint of the key, never the key', async () => {
    writeFileSync(join(dir, 'key'), `${SECRET}\n`);
    const run = await runCliInProcess(['mask', 'in.csv', '-o', 'shared/out.csv', '--key-file', 'key', '-q'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
    const out = readFileSync(join(dir, 'shared/out.csv'), 'utf8');
    const manifestText = readFileSync(join(dir, 'shared/out.csv.manifest.json'), 'utf8');
    expect(readdirSync(join(dir, 'shared')).sort()).toEqual(['out.csv', 'out.csv.manifest.json']);
    // The hash of client0's address under the key file's contents (its newline removed).
    expect(out.split('\n')[1].split(',')[1]).toBe(createHmac('sha256', SECRET).update('client0@example.com').digest('hex'));
    const manifest = JSON.parse(manifestText);
    expect(manifest.output.sha256).toBe(createHash('sha256').update(readFileSync(join(dir, 'shared/out.csv'))).digest('hex'));
    expect(manifest.input.files[0].sha256).toBe(createHash('sha256').update(CSV).digest('hex'));
    expect(manifest.key_fingerprint).toMatch(/^[0-9a-f]{64}$/);
    for (const text of [out, manifestText]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(Buffer.from(SECRET).toString('hex'));
      expect(text).not.toContain(Buffer.from(SECRET).toString('base64'));
      expect(text).not.toContain('client0@example.com');
    }
  });
});
