/**
 * Every environment or input problem of the hostile-input issue is exit 2 with one line: a
 * malformed audit.json for report, compare and --baseline; read-only, permission-denied and full
 * output; -o naming a file; discover --sample 1e12; history show on a line that is a JSON array.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, tempDir, type CliRun } from '../cli/run-cli.js';
import { expectOneLineRefusal } from './helpers.js';

const CSV = ['sex,label,pred', ...Array.from({ length: 80 }, (_, i) => `${i % 2 ? 'F' : 'M'},${i % 3 === 0 ? 1 : 0},${i % 4 === 0 ? 1 : 0}`)].join('\n') + '\n';
const AUDIT = ['--label', 'label', '--prediction', 'pred', '--sensitive', 'sex', '--bootstrap', '20', '-q'];

let dir: string;

beforeAll(() => {
  dir = tempDir('fairaudit-exit-');
  writeFileSync(join(dir, 'data.csv'), CSV);
  const run = runCli(['audit', 'data.csv', ...AUDIT, '-o', 'good'], { cwd: dir });
  expect(run.status, run.stderr).toBeLessThan(2);
}, 60_000);

describe('a malformed audit.json', () => {
  const malformed = [
    ['attributes that are not objects', { attributes: [1] }, /attributes\.0 must be object/],
    ['checks without a metric', { checks: [{ verdict: 'fail' }] }, /checks\.0 must have required property/],
    ['input without files', { input: { name: 'x' } }, /input must have required property/],
  ] as const;

  for (const [what, change, message] of malformed) {
    it(`with ${what} is refused on one line by report, compare and --baseline`, () => {
      const good = JSON.parse(readFileSync(join(dir, 'good', 'audit.json'), 'utf8'));
      const path = join(dir, `bad-${what.replace(/ /g, '-')}.json`);
      writeFileSync(path, JSON.stringify({ ...good, ...change }));
      expectOneLineRefusal(runCli(['report', path, '-o', 'r'], { cwd: dir }), message);
      expectOneLineRefusal(runCli(['compare', path, 'good/audit.json'], { cwd: dir }), message);
      expectOneLineRefusal(runCli(['audit', 'data.csv', ...AUDIT, '--baseline', path, '-o', 'b'], { cwd: dir }), message);
      expect(existsSync(join(dir, 'r'))).toBe(false);
      expect(existsSync(join(dir, 'b'))).toBe(false);
    });
  }
});

describe('output that cannot be written', () => {
  it('-o naming an existing file', () => {
    writeFileSync(join(dir, 'a-file'), 'x');
    expectOneLineRefusal(runCli(['audit', 'data.csv', ...AUDIT, '-o', 'a-file'], { cwd: dir }), /a-file: the output folder is a file/);
    expect(readFileSync(join(dir, 'a-file'), 'utf8')).toBe('x');
  });

  it('a path through a file, for audit and init', () => {
    expectOneLineRefusal(runCli(['audit', 'data.csv', ...AUDIT, '-o', 'data.csv/out'], { cwd: dir }), /cannot write the output|the output folder is a file/);
    expectOneLineRefusal(runCli(['init', 'data.csv', '-o', 'data.csv/c.yaml'], { cwd: dir }), /cannot write the output: part of the path is a file/);
  });

  // Root may write anywhere: the refusal is seen by running as nobody when the tests run as root.
  const asNobody = process.getuid?.() === 0;
  it.skipIf(process.getuid?.() === undefined)('a read-only folder (permission denied), for audit and init', () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    chmodSync(dir, 0o777);
    const run = (args: string[]): CliRun => {
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', ...(asNobody ? { uid: 65534, gid: 65534 } : {}), env: { ...process.env, FAIRAUDIT_DEBUG: '' } });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    expectOneLineRefusal(run(['audit', 'data.csv', ...AUDIT, '-o', 'locked/out']), /locked\/out.*: cannot write the output: permission denied/);
    expectOneLineRefusal(run(['init', 'data.csv', '-o', 'locked/c.yaml']), /locked\/c\.yaml: cannot write the output: permission denied/);
    expect(readdirSync(locked)).toEqual([]);
  });
});

describe('a full disk', () => {
  // A 64 KiB tmpfs, nearly filled: only where the tests may mount one (root on Linux).
  const small = join(tempDir('fairaudit-full-'), 'fs');
  let mounted = false;
  beforeAll(() => {
    mkdirSync(small);
    mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small]).status === 0;
    if (mounted) writeFileSync(join(small, 'filler'), Buffer.alloc(60 * 1024, 1));
  });
  afterAll(() => {
    if (mounted) spawnSync('umount', [small]);
  });

  it('is exit 2 with one line for audit, init and the history, leaving no partial file', (context) => {
    if (!mounted) context.skip();
    writeFileSync(join(small, 'more-filler'), Buffer.alloc(3 * 1024, 1));
    expectOneLineRefusal(runCli(['audit', 'data.csv', ...AUDIT, '-o', join(small, 'out')], { cwd: dir }), /cannot write the output: no space left on the device/);
    expectOneLineRefusal(runCli(['init', 'data.csv', '-o', join(small, 'c.yaml')], { cwd: dir }), /c\.yaml: cannot write the output: no space left on the device/);
    expectOneLineRefusal(runCli(['audit', 'data.csv', ...AUDIT, '-o', 'h', '--history', join(small, 'h.jsonl')], { cwd: dir }), /lock.*ENOSPC/);
    expect(readdirSync(small).filter((n) => n !== 'filler' && n !== 'more-filler' && n !== 'out')).toEqual([]);
  });
});

describe('other hostile arguments', () => {
  it('discover --sample 1e12', () => {
    expectOneLineRefusal(runCli(['discover', 'data.csv', '--sample', '1e12'], { cwd: dir }), /invalid --sample: 1000000000000 rows is more than the 10,000,000/);
  });

  it('history show on a line that is a JSON array, or an object without the entry fields', () => {
    writeFileSync(join(dir, 'array.jsonl'), '[1,2]\n');
    expectOneLineRefusal(runCli(['history', 'show', 'array.jsonl'], { cwd: dir }), /array\.jsonl:1: not a history entry: expected a JSON object/);
    writeFileSync(join(dir, 'object.jsonl'), '{"time":"t","dataset":"d","verdict":"pass","checks":{},"metrics":{}}\n');
    expectOneLineRefusal(runCli(['history', 'show', 'object.jsonl'], { cwd: dir }), /object\.jsonl:1: not a history entry: "checks" is not a list/);
  });

  it('a masking key shorter than 16 bytes', () => {
    writeFileSync(join(dir, 'people.csv'), 'email,label\nalice@corp.example,1\nbob@corp.example,0\n');
    expectOneLineRefusal(runCli(['mask', 'people.csv', '-o', 'm.csv'], { cwd: dir, env: { FAIRAUDIT_MASK_KEY: 'summer2024' } }), /FAIRAUDIT_MASK_KEY is 10 bytes; a masking key needs at least 16/);
    expect(existsSync(join(dir, 'm.csv'))).toBe(false);
  });
});

describe('mask -k N', () => {
  it('exits 1 with one line and writes nothing when the copy does not reach k, and 0 when it does', () => {
    // Three distinct ZIP codes: suppressing them all leaves one class of 3 records, below k = 5 and
    // at k = 3 exactly.
    writeFileSync(join(dir, 'zips.csv'), 'zip,label\n10001,1\n10002,0\n10003,1\n');
    writeFileSync(join(dir, 'zips.yaml'), 'mask:\n  quasi_identifiers: [zip]\n');
    const below = runCli(['mask', 'zips.csv', '-o', 'zips-5.csv', '-c', 'zips.yaml', '--k', '5', '--enforce'], { cwd: dir });
    expect(below.status).toBe(1);
    expect(below.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(below.stderr).toMatch(/the smallest class holds 3 records/);
    expect(existsSync(join(dir, 'zips-5.csv'))).toBe(false);
    expect(runCli(['mask', 'zips.csv', '-o', 'zips-3.csv', '-c', 'zips.yaml', '--k', '3', '--enforce'], { cwd: dir }).status).toBe(0);
  });
});
