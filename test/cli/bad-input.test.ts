/**
 * Every bad input of the foundation issue, through the CLI (run in this process; spawned where
 * parquet-wasm can trap): exit code 2, exactly one line on stderr naming the file (and the line
 * or column where it applies) and what to change, no stack trace, and nothing written.
 */
import { existsSync, mkdirSync, writeFileSync, copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runCliInProcess, tempDir, type CliRun } from './run-cli.js';

let dir: string;
const GOOD_CSV = ['id,sex,race,label,pred,score', ...Array.from({ length: 60 }, (_, i) =>
  [i, i % 2 ? 'female' : 'male', ['White', 'Black', 'Asian'][i % 3], i % 4 === 0 ? 1 : 0, i % 3 === 0 ? 1 : 0, (i % 10) / 10].join(','),
)].join('\n') + '\n';

beforeAll(async () => {
  dir = tempDir();
  writeFileSync(join(dir, 'good.csv'), GOOD_CSV);
});

async function expectUserError(args: string[], ...mustMention: (string | RegExp)[]) {
  return expectUserErrorFrom(runCliInProcess, args, ...mustMention);
}

async function expectUserErrorFrom(runner: (args: string[]) => CliRun | Promise<CliRun>, args: string[], ...mustMention: (string | RegExp)[]) {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const run = await runner([...args, '-o', out]);
  const lines = run.stderr.trim().split('\n');
  expect(run.status, run.stderr).toBe(2);
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^fairaudit: /);
  expect(run.stderr).not.toMatch(/\n\s+at |Error:|internal error/);
  for (const text of mustMention) expect(lines[0]).toMatch(text);
  expect(existsSync(out)).toBe(false);
  return lines[0];
}

describe('audit refuses bad input with one line and exit 2', () => {
  it('a missing path', async () => {
    await expectUserError(['audit', join(dir, 'nope.csv'), '--label', 'label'], 'nope.csv');
  });

  it('an empty file', async () => {
    writeFileSync(join(dir, 'empty.csv'), '');
    await expectUserError(['audit', join(dir, 'empty.csv'), '--label', 'label'], 'empty.csv', /empty/i);
  });

  it('a folder with no data files', async () => {
    mkdirSync(join(dir, 'nothing'), { recursive: true });
    writeFileSync(join(dir, 'nothing', 'notes.txt.bak'), 'hello');
    await expectUserError(['audit', join(dir, 'nothing'), '--label', 'label'], 'nothing', /no data files/i);
  });

  it('a truncated Parquet file', async () => {
    const bytes = readFileSync(join(ROOT, 'datasets/loans.parquet'));
    writeFileSync(join(dir, 'cut.parquet'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectUserError(['audit', join(dir, 'cut.parquet'), '--label', 'repaid'], 'cut.parquet');
  });

  it('a Parquet file whose footer is whole but whose page bytes are damaged', async () => {
    // Flip bits across the pages, keeping the magic bytes and the footer.
    const bytes = Uint8Array.from(readFileSync(join(ROOT, 'test/fixtures/parquet/snappy-v1.parquet')));
    for (let i = 2000; i < 12_000; i += 7) bytes[i] ^= 0x5a;
    writeFileSync(join(dir, 'damaged.parquet'), bytes);
    // The audit's count decodes the pages itself; discovery reads them through parquet-wasm,
    // which traps on such bytes outside any promise: both must end in one line and exit 2.
    // Each in a process of its own: a trap leaves the WebAssembly module unusable.
    await expectUserErrorFrom(runCli, ['audit', join(dir, 'damaged.parquet'), '--label', 'label', '--sensitive', 'sex'], 'damaged.parquet', /not a readable Parquet file/);
    const discover = runCli(['discover', join(dir, 'damaged.parquet')]);
    expect(discover.status, discover.stderr).toBe(2);
    expect(discover.stderr.trim().split('\n')).toHaveLength(1);
    expect(discover.stderr).toMatch(/^fairaudit: .*damaged\.parquet: not a readable Parquet file/);
  });

  it('bytes that are not Arrow in a file named .arrow', async () => {
    writeFileSync(join(dir, 'fake.arrow'), 'this is not arrow\n'.repeat(20));
    await expectUserError(['audit', join(dir, 'fake.arrow'), '--label', 'label'], 'fake.arrow', /arrow/i);
  });

  it('a ragged CSV row, naming its line', async () => {
    writeFileSync(join(dir, 'ragged.csv'), 'sex,label\nfemale,1\nmale,0,extra\nfemale,1\n');
    await expectUserError(['audit', join(dir, 'ragged.csv'), '--label', 'label', '--sensitive', 'sex'], 'ragged.csv', /line 3|:3:/);
  });

  it('invalid UTF-8', async () => {
    writeFileSync(join(dir, 'latin1.csv'), Buffer.concat([Buffer.from('sex,label\n'), Buffer.from([0x66, 0xe9, 0x6d, 0x2c, 0x31, 0x0a])]));
    await expectUserError(['audit', join(dir, 'latin1.csv'), '--label', 'label', '--sensitive', 'sex'], 'latin1.csv', /UTF-8/i);
  });

  it('an unknown --label column, suggesting the nearest name', async () => {
    await expectUserError(['audit', join(dir, 'good.csv'), '--label', 'lable', '--sensitive', 'sex'], /unknown column "lable"/, /did you mean "label"/);
  });

  it('an unknown --sensitive column, listing the columns', async () => {
    await expectUserError(['audit', join(dir, 'good.csv'), '--label', 'label', '--sensitive', 'gender'], /unknown column "gender"/, /sex, race/);
  });

  it('a label with three values and no positive in a binary audit, naming the values', async () => {
    writeFileSync(join(dir, 'three.csv'), 'sex,label\n' + Array.from({ length: 30 }, (_, i) => `${i % 2 ? 'f' : 'm'},${['low', 'mid', 'high'][i % 3]}`).join('\n') + '\n');
    // Without --task binary, three values are detected as a multiclass audit.
    await expectUserError(['audit', join(dir, 'three.csv'), '--label', 'label', '--sensitive', 'sex', '--task', 'binary'], /label/, /low|mid|high/, /positive/);
  });

  it('a non-numeric score', async () => {
    writeFileSync(join(dir, 'textscore.csv'), 'sex,label,score\n' + Array.from({ length: 30 }, (_, i) => `${i % 2 ? 'f' : 'm'},${i % 2},${i % 5 ? 'high' : 'low'}`).join('\n') + '\n');
    await expectUserError(['audit', join(dir, 'textscore.csv'), '--label', 'label', '--score', 'score', '--sensitive', 'sex'], /score/, /numeric|number/);
  });

  it('a config with an unknown key', async () => {
    writeFileSync(join(dir, 'unknown-key.yaml'), 'label: label\nsensitiv: [sex]\n');
    await expectUserError(['audit', join(dir, 'good.csv'), '-c', join(dir, 'unknown-key.yaml')], 'unknown-key.yaml', /sensitiv: unknown key/, /sensitive/);
  });

  it('a config with a value of the wrong type', async () => {
    writeFileSync(join(dir, 'wrong-type.yaml'), 'label: label\nsensitive: [sex]\nmin_group_size: thirty\n');
    await expectUserError(['audit', join(dir, 'good.csv'), '-c', join(dir, 'wrong-type.yaml')], 'wrong-type.yaml', /min_group_size: must be an integer/);
  });

  it('an invalid flag value', async () => {
    await expectUserError(['audit', join(dir, 'good.csv'), '--label', 'label', '--fail-on', 'sometimes'], /fail-on|sometimes/);
  });
});

describe('audit never writes over its input', () => {
  it('keeps the data file intact when -o points at its folder', async () => {
    const copy = join(tempDir(), 'data.csv');
    copyFileSync(join(dir, 'good.csv'), copy);
    const before = readFileSync(copy);
    await runCliInProcess(['audit', copy, '--label', 'label', '--prediction', 'pred', '--sensitive', 'sex', '-o', join(copy, '..')]);
    expect(readFileSync(copy).equals(before)).toBe(true);
  });
});
