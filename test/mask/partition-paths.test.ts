/**
 * Identifiers in paths: the values of identifying hive partition folders (`email=alice@…/`,
 * `customer_name=maria lopez/`) appear in no output — not the copy, its manifest, audit.json,
 * report.html or summary.md, with `mask`, `audit --mask` and a plain `audit` — and the paths
 * show `(masked)` instead; a partition that identifies no one (`region=north/`) stays as it is.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../cli/run-cli.js';
import { identifyingPartitions, maskPartitionPaths } from '../../src/mask/partition-paths.js';

const KEY = { FAIRAUDIT_MASK_KEY: 'partition-paths-test-key-0123456789' };
const EMAILS = ['alice.jones@corp.example', 'bob.smith@corp.example'];
const NAMES = ['maria lopez', 'kwame mensah'];
const RAW = [...EMAILS, ...NAMES, 'alice.jones', 'maria%20lopez'];

let dir: string;

/** Every file below `root`, recursively. */
function filesBelow(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

/** Every output file below `root` and the run's own stdout and stderr hold none of the raw values. */
function expectNoRaw(root: string, run: { stdout: string; stderr: string }): void {
  const outputs = filesBelow(root);
  expect(outputs.length).toBeGreaterThan(0);
  for (const path of outputs) {
    const text = readFileSync(path, 'latin1');
    for (const raw of RAW) expect(text.includes(raw), `${raw} in ${path}`).toBe(false);
  }
  for (const raw of RAW) expect(run.stdout + run.stderr).not.toContain(raw);
}

beforeAll(() => {
  dir = tempDir();
  for (const [j, email] of EMAILS.entries()) {
    for (const [r, region] of ['north', 'south'].entries()) {
      const folder = join(dir, 'by-email', `email=${email}`, `region=${region}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'part-0.csv'), 'sex,approved\n' + Array.from({ length: 30 }, (_, i) => `${(i + j + r) % 2 ? 'F' : 'M'},${i % 3 ? 1 : 0}`).join('\n') + '\n');
    }
  }
  for (const [j, name] of NAMES.entries()) {
    const folder = join(dir, 'by-name', `customer_name=${name}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'part-0.csv'), 'sex,approved\n' + Array.from({ length: 30 }, (_, i) => `${(i + j) % 2 ? 'F' : 'M'},${i % 3 ? 1 : 0}`).join('\n') + '\n');
  }
});

describe('identifying partition values never reach an output', () => {
  for (const format of ['csv', 'parquet', 'arrow'] as const) {
    it(`mask to ${format}: the copy and its manifest hold no raw value, the paths show (masked)`, async () => {
      const out = join(dir, `mask-${format}`);
      mkdirSync(out);
      const paths: string[] = [];
      for (const input of ['by-email', 'by-name']) {
        const run = await runCliInProcess(['mask', input, '-o', join(out, `${input}.${format}`), '--allow-k', '1'], { cwd: dir, env: KEY });
        expect(run.status, run.stderr).toBe(0);
        expectNoRaw(out, run);
        const manifest = JSON.parse(readFileSync(join(out, `${input}.${format}.manifest.json`), 'utf8')) as { input: { files: { path: string }[] } };
        paths.push(...manifest.input.files.map((f) => f.path));
      }
      expect(paths).toContain('by-email/email=(masked)/region=north/part-0.csv');
      expect(paths).toContain('by-name/customer_name=(masked)/part-0.csv');
    });
  }

  for (const mask of [false, true]) {
    it(`audit${mask ? ' --mask' : ''}: audit.json, report.html and summary.md show (masked), keep region=north`, async () => {
      const out = join(dir, `audit-${mask ? 'mask' : 'plain'}`);
      const run = await runCliInProcess(['audit', 'by-email', '--label', 'approved', '--sensitive', 'sex', '--fail-on', 'never', '-o', out, ...(mask ? ['--mask'] : [])], { cwd: dir, env: KEY });
      expect(run.status, run.stderr).toBe(0);
      expectNoRaw(out, run);
      const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as { input: { files: { path: string; partitions: Record<string, string> }[] } };
      expect(results.input.files.map((f) => f.partitions)).toEqual([
        { email: '(masked)', region: 'north' },
        { email: '(masked)', region: 'south' },
        { email: '(masked)', region: 'north' },
        { email: '(masked)', region: 'south' },
      ]);
      expect(readFileSync(join(out, 'summary.md'), 'utf8') + readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/email(=|&#x3D;)\(masked\)\/region(=|&#x3D;)north/);
    });
  }
});

describe('which partition columns identify', () => {
  it('an error naming a file under an identifying folder shows (masked), in one line', async () => {
    const run = await runCliInProcess(['discover', 'by-email', 'by-name'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/customer_name=\(masked\)\/part-0.csv/);
    for (const raw of RAW) expect(run.stderr).not.toContain(raw);
  });

  it('masks folder names inside running text only where they identify', async () => {
    const { maskPartitionText } = await import('../../src/mask/partition-paths.js');
    expect(maskPartitionText('a/email=x@y.org/region=north/p.csv: line 3')).toBe('a/email=(masked)/region=north/p.csv: line 3');
    expect(maskPartitionText('"d/customer_name=ann lee/p.csv" and d/year=2024/p.csv')).toBe('"d/customer_name=(masked)/p.csv" and d/year=2024/p.csv');
  });

  const file = (partitions: Record<string, string>) => ({ path: `d/${Object.entries(partitions).map(([k, v]) => `${k}=${v}`).join('/')}/p.csv`, format: 'csv' as const, bytes: 1, sha256: 'x', partitions });

  it('by name or by value, and not plain categories, dates or regions', () => {
    const files = [
      file({ year: '2024', region: 'north', product: 'savings account plus', ip_hint: '10.0.0.1', who: 'x@y.org', ssn: '123', phone_no: '555 0100' }),
      file({ year: '2025', region: 'south', product: 'Premium Checking', ip_hint: 'none', who: 'nobody', ssn: '456', phone_no: 'n/a' }),
    ];
    expect([...identifyingPartitions(files)].sort()).toEqual(['ip_hint', 'phone_no', 'ssn', 'who']);
  });

  it('masks the columns a plan rewrites, and only the folder of that column', () => {
    const files = [file({ region: 'north', branch: 'Leeds 4' })];
    const keys = identifyingPartitions(files, { masked: ['branch'] });
    expect([...keys]).toEqual(['branch']);
    expect(maskPartitionPaths(files, keys)[0].path).toBe('d/region=north/branch=(masked)/p.csv');
  });
});
