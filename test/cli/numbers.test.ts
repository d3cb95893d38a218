/**
 * Numbers in flags and configs, through the CLI (run in the test's process): anything that is not a plain finite
 * decimal in range (`abc`, `0x10`, `1e400`, a negative size, a fractional seed, YAML's .inf and
 * .nan) is exit 2 with one line naming the flag or key, never an audit run on NaN.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseNumberFlag } from '../../src/cli/number-flag.js';
import { runCliInProcess, tempDir } from './run-cli.js';

let dir: string;
let data: string;

beforeAll(async () => {
  dir = tempDir();
  data = join(dir, 'scores.csv');
  const rows = Array.from({ length: 80 }, (_, i) => [i % 2 ? 'a' : 'b', i % 3 === 0 ? 1 : 0, ((i * 37) % 100) / 100].join(','));
  writeFileSync(data, ['g,y,p', ...rows].join('\n') + '\n');
});

async function expectOneLine(args: string[], ...mustMention: (string | RegExp)[]): Promise<string> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const run = await runCliInProcess([...args, ...(args[0] === 'audit' ? ['-o', out] : [])]);
  const lines = run.stderr.trim().split('\n');
  expect(run.status, run.stderr).toBe(2);
  expect(lines, run.stderr).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at |internal error|YError/);
  for (const text of mustMention) expect(lines[0]).toMatch(text);
  expect(existsSync(out)).toBe(false);
  return lines[0];
}

describe('numeric flags', () => {
  const audit = () => ['audit', data, '--label', 'y', '--score', 'p', '--sensitive', 'g'];

  it.each([
    ['--threshold', 'abc'],
    ['--threshold', '0x10'],
    ['--threshold', '1e400'],
    ['--threshold', 'Infinity'],
    ['--threshold', 'NaN'],
    ['--min-group-size', '-1'],
    ['--min-group-size', '2.5'],
    ['--bootstrap', '-5'],
    ['--bootstrap', '1e6'],
    ['--seed', '1.5'],
    ['--seed', '-3'],
  ])('audit %s %s is refused, naming the flag', async (flag, value) => {
    await expectOneLine([...audit(), flag, value], `invalid ${flag}: "${value}"`, new RegExp(`${flag} takes`));
  });

  it('a flag given twice is refused rather than one of them silently winning', async () => {
    await expectOneLine([...audit(), '--threshold', '0.3', '--threshold', '0.4'], /--threshold is given 2 times/);
  });

  it('discover --sample 0 and mask --k 0 are refused, naming the flag', async () => {
    await expectOneLine(['discover', data, '--sample', '0'], 'invalid --sample: "0"');
    await expectOneLine(['mask', data, '-o', join(dir, 'masked.csv'), '--k', '0'], 'invalid --k: "0"');
  });

  it('a plain number in range runs and is recorded as given', async () => {
    const out = join(dir, 'ok');
    const run = await runCliInProcess([...audit(), '--threshold', '.7', '--seed', '7', '--bootstrap', '0', '--min-group-size', '0', '-o', out, '-q']);
    expect(run.status === 0 || run.status === 1, run.stderr).toBe(true);
    const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8'));
    expect(results.config).toMatchObject({ threshold: 0.7, seed: 7, bootstrap: 0, min_group_size: 0 });
    // 0.7 splits the scores: rows with p ≥ 0.7 are the predicted positives (counted here by hand).
    const predictedPositive = Array.from({ length: 80 }, (_, i) => ((i * 37) % 100) / 100).filter((p) => p >= 0.7).length;
    const groups = results.attributes[0].groups as { counts: { tp: number; fp: number } }[];
    expect(groups.reduce((sum, g) => sum + g.counts.tp + g.counts.fp, 0)).toBe(predictedPositive);
  });
});

describe('numeric config values', () => {
  function config(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, `label: y\nscore: p\nsensitive: [g]\n${text}\n`);
    return path;
  }

  it.each([
    ['threshold: 1e400', /threshold: must be a finite number, not Infinity/],
    ['threshold: .nan', /threshold: must be a finite number, not NaN/],
    ['seed: 1.5', /seed: must be an integer/],
    ['seed: -1', /seed: must be >= 0/],
    ['min_group_size: -3', /min_group_size: must be >= 0/],
    ['bootstrap: .inf', /bootstrap: must be a finite number/],
    ['policy:\n  - { metric: impact_ratio, min: -.inf }', /policy\[0\]\.min: must be a finite number, not -Infinity/],
    ['drift:\n  - { metric: impact_ratio, max_change: -0.1 }', /drift\[0\]\.max_change: must be >= 0/],
    ['bins:\n  g: [1, .inf]', /bins\.g\[1\]: must be a finite number/],
  ])('%s is refused, naming the key and the file', async (text, message) => {
    const path = config(`c-${Math.random().toString(36).slice(2)}.yaml`, text);
    await expectOneLine(['audit', data, '-c', path], path, message);
  });
});

describe('parseNumberFlag', () => {
  it('reads plain decimals and nothing else', async () => {
    expect(parseNumberFlag('threshold', '0.25')).toBe(0.25);
    expect(parseNumberFlag('threshold', '-2')).toBe(-2);
    expect(parseNumberFlag('threshold', '1e-3')).toBe(0.001);
    expect(parseNumberFlag('threshold', ' 3 ')).toBe(3);
    for (const text of ['', ' ', 'abc', '0x10', '0b1', '0o7', '1e400', '-1e400', 'Infinity', '1,5', '1_000', '--1']) {
      expect(() => parseNumberFlag('threshold', text), text).toThrow(/invalid --threshold/);
    }
  });

  it('holds whole numbers and bounds', async () => {
    expect(parseNumberFlag('seed', '9007199254740991', { integer: true, min: 0 })).toBe(9007199254740991);
    expect(() => parseNumberFlag('seed', '9007199254740993', { integer: true, min: 0 })).toThrow(/a whole number, at least 0/);
    expect(() => parseNumberFlag('bootstrap', '100001', { integer: true, min: 0, max: 100000 })).toThrow(/from 0 to 100000/);
  });
});
