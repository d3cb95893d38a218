/**
 * Identifiers in file and folder names: an input named `alice.smith@corp.example.csv` in a folder
 * `bob@corp.example/` reaches no output — not audit.json, report.html, summary.md, the mask
 * manifest, the masked copy's name, stdout or stderr — with `audit`, `audit --mask` and `mask`:
 * the paths show `(masked)` plus the extensions, and the dataset name derived from them is
 * `masked-dataset`. A plain name (`loans.csv`) and a name the config gives stay as they are.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../cli/run-cli.js';
import { derivedDatasetName, identifyingSegment, maskPartitionPaths, maskPartitionText, maskPath } from '../../src/mask/partition-paths.js';

const KEY = { FAIRAUDIT_MASK_KEY: 'file-names-test-key-0123456789abcdef' };
const FOLDER = 'bob@corp.example';
const FILE = 'alice.smith@corp.example.csv';
/** Every spelling of the two identifiers a leak could take, the percent-encoded one included. */
const RAW = ['alice', 'bob@', 'bob%40', 'corp.example', 'smith'];

let dir: string;

/** Every file below `root`, recursively. */
function filesBelow(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

/** No output file below `root` holds a raw identifier in its name or its bytes, nor does the run's stdout or stderr. */
function expectNoRaw(root: string, run: { stdout: string; stderr: string }): string[] {
  const outputs = filesBelow(root);
  expect(outputs.length).toBeGreaterThan(0);
  for (const path of outputs) {
    const name = path.slice(root.length);
    const text = readFileSync(path, 'latin1');
    for (const raw of RAW) {
      expect(name.includes(raw), `${raw} in the name ${name}`).toBe(false);
      expect(text.includes(raw), `${raw} in ${name}`).toBe(false);
    }
  }
  for (const raw of RAW) expect(run.stdout + run.stderr).not.toContain(raw);
  return outputs.map((path) => path.slice(root.length + 1));
}

interface Recorded {
  input: { name: string; files: { path: string }[] };
}

beforeAll(() => {
  dir = tempDir();
  const rows = 'sex,approved,email\n' + Array.from({ length: 80 }, (_, i) => `${i % 2 ? 'F' : 'M'},${i % 3 ? 1 : 0},person${i}@example.org`).join('\n') + '\n';
  mkdirSync(join(dir, FOLDER));
  writeFileSync(join(dir, FOLDER, FILE), rows);
  mkdirSync(join(dir, 'plain'));
  writeFileSync(join(dir, 'plain', 'loans.csv'), rows);
  writeFileSync(join(dir, 'named.yaml'), 'dataset: q3-loans\nlabel: approved\nsensitive: [sex]\nfail_on: never\n');
});

describe('identifying file and folder names never reach an output', () => {
  it('audit: audit.json, report.html and summary.md name the input (masked)/(masked).csv and the dataset masked-dataset', async () => {
    const out = join(dir, 'audit-plain');
    const run = await runCliInProcess(['audit', `${FOLDER}/${FILE}`, '--label', 'approved', '--sensitive', 'sex', '--fail-on', 'never', '-o', out], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(expectNoRaw(out, run).sort()).toEqual(['audit.json', 'report.html', 'summary.md']);
    const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as Recorded;
    expect(results.input.name).toBe('masked-dataset');
    expect(results.input.files.map((f) => f.path)).toEqual(['(masked)/(masked).csv']);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('(masked)/(masked).csv');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('(masked)/(masked).csv');
    expect(run.stderr).toMatch(/^fairaudit: masked-dataset: /m);
  });

  it('audit --mask into the default folder: reports/masked-dataset/ holds masked-dataset.masked.csv and its manifest, none naming the input', async () => {
    const cwd = join(dir, 'default-out');
    mkdirSync(cwd);
    const run = await runCliInProcess(['audit', join('..', FOLDER), '--label', 'approved', '--sensitive', 'sex', '--fail-on', 'never', '--mask'], { cwd, env: KEY });
    expect(run.status, run.stderr).toBe(0);
    expect(expectNoRaw(join(cwd, 'reports'), run).sort()).toEqual([
      'masked-dataset/audit.json',
      'masked-dataset/masked-dataset.masked.csv',
      'masked-dataset/masked-dataset.masked.csv.manifest.json',
      'masked-dataset/report.html',
      'masked-dataset/summary.md',
    ]);
    const manifest = JSON.parse(readFileSync(join(cwd, 'reports/masked-dataset/masked-dataset.masked.csv.manifest.json'), 'utf8')) as Recorded;
    expect(manifest.input.name).toBe('masked-dataset');
    expect(manifest.input.files.map((f) => f.path)).toEqual(['../(masked)/(masked).csv']);
    const results = JSON.parse(readFileSync(join(cwd, 'reports/masked-dataset/audit.json'), 'utf8')) as Recorded;
    expect(results.input.files.map((f) => f.path)).toEqual(['../(masked)/(masked).csv']);
  });

  it('mask: the manifest names the input (masked) and the dataset masked-dataset', async () => {
    const out = join(dir, 'mask-out');
    const run = await runCliInProcess(['mask', FOLDER, '-o', join(out, 'copy.csv')], { cwd: dir, env: KEY });
    expect(run.status, run.stderr).toBe(0);
    expect(expectNoRaw(out, run).sort()).toEqual(['copy.csv', 'copy.csv.manifest.json']);
    const manifest = JSON.parse(readFileSync(join(out, 'copy.csv.manifest.json'), 'utf8')) as Recorded;
    expect(manifest.input).toMatchObject({ name: 'masked-dataset', files: [{ path: '(masked)/(masked).csv' }] });
  });

  it('an error naming the file shows (masked)/(masked).csv, on one line, exit 2', async () => {
    const run = await runCliInProcess(['audit', FOLDER, '--label', 'nope', '--sensitive', 'sex', '-o', join(dir, 'never-written')], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('(masked)/(masked).csv: unknown column "nope"');
    for (const raw of RAW) expect(run.stdout + run.stderr).not.toContain(raw);
  });

  it('a file named after a person (Alice_Smith_2024.csv) is shown (masked).csv by mask and audit, and its name reaches no output', async () => {
    mkdirSync(join(dir, 'people'));
    writeFileSync(join(dir, 'people', 'Alice_Smith_2024.csv'), readFileSync(join(dir, 'plain', 'loans.csv')));
    const out = join(dir, 'person-out');
    const masked = await runCliInProcess(['mask', join('people', 'Alice_Smith_2024.csv'), '-o', join(out, 'copy.csv')], { cwd: dir, env: KEY });
    expect(masked.status, masked.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'copy.csv.manifest.json'), 'utf8')) as Recorded;
    expect(manifest.input).toMatchObject({ name: 'masked-dataset', files: [{ path: 'people/(masked).csv' }] });
    const reports = join(dir, 'person-audit');
    const audited = await runCliInProcess(['audit', join('people', 'Alice_Smith_2024.csv'), '--label', 'approved', '--sensitive', 'sex', '--fail-on', 'never', '-o', reports], { cwd: dir });
    expect(audited.status, audited.stderr).toBe(0);
    for (const run of [masked, audited]) expect(run.stdout + run.stderr).not.toMatch(/alice|smith/i);
    for (const path of [...filesBelow(out), ...filesBelow(reports)]) expect(readFileSync(path, 'latin1'), path).not.toMatch(/alice|smith/i);
  });

  it('a read warning naming the file shows (masked) too', async () => {
    mkdirSync(join(dir, 'headerless', FOLDER), { recursive: true });
    writeFileSync(join(dir, 'headerless', FOLDER, '555-12-3456.csv'), '1,0\n0,1\n1,1\n');
    const run = await runCliInProcess(['discover', join('headerless', FOLDER, '555-12-3456.csv')], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('fairaudit: warning: headerless/(masked)/(masked).csv: the first line looks like data');
    for (const raw of [...RAW, '555-12-3456']) expect(run.stdout + run.stderr).not.toContain(raw);
  });

  it('results saved with the raw names (an older fairaudit) are shown masked by report, compare and --baseline', async () => {
    const old = join(dir, 'old');
    mkdirSync(old);
    const first = await runCliInProcess(['audit', `${FOLDER}/${FILE}`, '--label', 'approved', '--sensitive', 'sex', '--fail-on', 'never', '-o', old, '--format', 'json'], { cwd: dir });
    expect(first.status, first.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(join(old, 'audit.json'), 'utf8')) as Recorded;
    saved.input.name = 'alice.smith@corp.example';
    saved.input.files[0].path = `${FOLDER}/${FILE}`;
    writeFileSync(join(old, 'audit.json'), JSON.stringify(saved));

    const rendered = join(dir, 'rendered');
    const report = await runCliInProcess(['report', join(old, 'audit.json'), '-o', rendered], { cwd: dir });
    expect(report.status, report.stderr).toBe(0);
    expectNoRaw(rendered, report);
    expect(readFileSync(join(rendered, 'summary.md'), 'utf8')).toContain('(masked)/(masked).csv');

    const compare = await runCliInProcess(['compare', join(old, 'audit.json'), join(old, 'audit.json'), '--json'], { cwd: dir });
    expect(compare.status, compare.stderr).toBe(0);
    for (const raw of RAW) expect(compare.stdout + compare.stderr).not.toContain(raw);
    expect(compare.stdout).toContain('(masked)/(masked).csv');

    const next = join(dir, 'with-baseline');
    const audit = await runCliInProcess(['audit', `${FOLDER}/${FILE}`, '--label', 'approved', '--sensitive', 'sex', '--fail-on', 'never', '-o', next, '--baseline', join(old, 'audit.json')], { cwd: dir });
    expect(audit.status, audit.stderr).toBe(0);
    expectNoRaw(next, audit);
  });

  it('a plain file name (loans.csv) is recorded as it is, and names the dataset', async () => {
    const cwd = join(dir, 'plain-out');
    mkdirSync(cwd);
    const run = await runCliInProcess(['audit', join('..', 'plain', 'loans.csv'), '--label', 'approved', '--sensitive', 'sex', '--fail-on', 'never', '--mask'], { cwd, env: KEY });
    expect(run.status, run.stderr).toBe(0);
    expect(filesBelow(join(cwd, 'reports')).map((p) => p.slice(cwd.length + 1)).sort()).toContain('reports/loans/loans.masked.csv');
    const results = JSON.parse(readFileSync(join(cwd, 'reports/loans/audit.json'), 'utf8')) as Recorded;
    expect(results.input.name).toBe('loans');
    expect(results.input.files.map((f) => f.path)).toEqual(['../plain/loans.csv']);
  });

  it('a dataset name the config gives is kept as given; the paths are still masked', async () => {
    const cwd = join(dir, 'named-out');
    mkdirSync(cwd);
    const run = await runCliInProcess(['audit', join('..', FOLDER), '-c', join('..', 'named.yaml'), '--mask'], { cwd, env: KEY });
    expect(run.status, run.stderr).toBe(0);
    expect(expectNoRaw(join(cwd, 'reports'), run)).toContain('q3-loans/q3-loans.masked.csv');
    const results = JSON.parse(readFileSync(join(cwd, 'reports/q3-loans/audit.json'), 'utf8')) as Recorded;
    expect(results.input.name).toBe('q3-loans');
    expect(results.input.files.map((f) => f.path)).toEqual(['../(masked)/(masked).csv']);
  });
});

/** The Luhn checksum, written out again here: the card check a timestamp must not trip. */
function luhn(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((ch, i) => {
    const d = Number(ch) * (i % 2 === 1 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return sum % 10 === 0;
}

describe('which folder and file names identify', () => {
  it('e-mails, SSNs, phone numbers, cards and IP addresses do, with or without extensions', () => {
    for (const name of [
      'alice.smith@corp.example.csv',
      'bob@corp.example',
      'alice%40corp.example.csv',
      'export for alice@corp.example.jsonl',
      '555-12-3456.csv',
      '(555) 123-4567.csv',
      '555.123.4567.csv',
      '+44 20 7946 0958.jsonl',
      '4111 1111 1111 1111.parquet',
      '10.0.0.1',
      // A person's full name, in any case and order, with separators, initials or a date.
      'alice-smith.csv',
      'Smith_Alice.jsonl',
      'ALICE.M.SMITH.parquet',
      'Alice_Smith_2024-05-01.csv.gz',
      'smith, alice.csv',
      'María-García.csv',
    ]) {
      expect(identifyingSegment(name), name).toBe(true);
    }
  });

  it('dates, timestamps, part numbers and plain names do not', () => {
    // A timestamp whose 14 digits pass the card checksum: it must not be read as a card.
    expect(luhn('20240501120008')).toBe(true);
    for (const name of [
      'loans.csv',
      '2024-05-01.csv',
      '2024-05-01T12:00:00.csv',
      '20240501-120008.csv',
      'export-20240501-120008.csv.gz',
      'part-0001.parquet',
      'part-00000-c000.snappy.parquet',
      '00000-00017.parquet',
      '0001.csv',
      '12345678.csv',
      'q1-2024.csv',
      // Area 666 is never issued: SSN-shaped, not an SSN.
      '666-12-3456.csv',
      // One name word beside other words names a file, not a person; a lone name names no one.
      'mark-price-history.csv',
      'grant-applications.csv',
      'alice.csv',
      'smith-2024.csv',
      'san-jose-smith.csv',
    ]) {
      expect(identifyingSegment(name), name).toBe(false);
    }
  });

  const file = (path: string) => ({ path, format: 'csv' as const, bytes: 1, sha256: 'x' });

  it('masks each identifying folder and file name of a path and keeps the extensions', () => {
    const [masked] = maskPartitionPaths([file('/data/bob@corp.example/2024-05-01/alice.smith@corp.example.csv.gz')], new Set());
    expect(masked.path).toBe('/data/(masked)/2024-05-01/(masked).csv.gz');
    const plain = file('data/region=north/part-0001.csv');
    expect(maskPartitionPaths([plain], new Set())[0]).toBe(plain);
  });

  it('a path with no partitions recorded (a comparison lists paths only) keeps a hive folder\'s column and masks its value', () => {
    expect(maskPath('d/email=alice%40corp.example/region=north/bob@corp.example.jsonl', new Set())).toBe('d/email=(masked)/region=north/(masked).jsonl');
    expect(maskPath('d/branch=Leeds 4/p.csv', new Set(['branch']))).toBe('d/branch=(masked)/p.csv');
    expect(maskPath('d/year=2024/2024-05-01.csv', new Set())).toBe('d/year=2024/2024-05-01.csv');
  });

  it('masks identifying names of paths inside a message, line numbers kept', () => {
    expect(maskPartitionText('fairaudit: d/bob@corp.example/555-12-3456.csv:3: column "x": bad')).toBe('fairaudit: d/(masked)/(masked).csv:3: column "x": bad');
    expect(maskPartitionText('fairaudit: alice.smith@corp.example.csv: no such file')).toBe('fairaudit: (masked).csv: no such file');
    expect(maskPartitionText('fairaudit: data/2024-05-01/loans.csv:3: bad')).toBe('fairaudit: data/2024-05-01/loans.csv:3: bad');
    // A system error inside an internal-error line quotes the path.
    expect(maskPartitionText("fairaudit: internal error (a bug): Error: EISDIR: illegal operation on a directory, read '/d/bob@corp.example/x.csv'")).toBe(
      "fairaudit: internal error (a bug): Error: EISDIR: illegal operation on a directory, read '/d/(masked)/x.csv'",
    );
  });

  it('the dataset name derived from an identifying name is masked-dataset', () => {
    expect(derivedDatasetName('alice.smith@corp.example')).toBe('masked-dataset');
    expect(derivedDatasetName('555-12-3456')).toBe('masked-dataset');
    expect(derivedDatasetName('loans')).toBe('loans');
  });
});
