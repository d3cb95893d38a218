/**
 * No input is ever written: every output of a run is checked against every input by device and
 * inode (links followed) before any work, masked copies never go inside an input folder, and the
 * dataset name is a name, not a path. Each attack of the issue, through the real CLI.
 */
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../cli/run-cli.js';
import { expectOneLineRefusal } from './helpers.js';

const CSV = ['sex,label,pred', ...Array.from({ length: 80 }, (_, i) => `${i % 2 ? 'F' : 'M'},${i % 3 === 0 ? 1 : 0},${i % 4 === 0 ? 1 : 0}`)].join('\n') + '\n';
const AUDIT = ['--label', 'label', '--prediction', 'pred', '--sensitive', 'sex', '--bootstrap', '20', '-q'];

let dir: string;

beforeEach(async () => {
  dir = tempDir('fairaudit-overwrite-');
  writeFileSync(join(dir, 'data.csv'), CSV);
});

const unchanged = (name: string, content: string) => expect(readFileSync(join(dir, name), 'utf8')).toBe(content);

describe('no input is ever written', () => {
  it('audit in the folder of an input named report.html or summary.md', async () => {
    for (const name of ['report.html', 'summary.md']) {
      writeFileSync(join(dir, name), CSV);
      expectOneLineRefusal(await runCliInProcess(['audit', name, ...AUDIT, '-o', '.'], { cwd: dir }), /refusing to overwrite an input file/);
      unchanged(name, CSV);
    }
  });

  it('-c out/audit.json with -o out', async () => {
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'audit.json'), '{"label": "label"}\n');
    expectOneLineRefusal(await runCliInProcess(['audit', 'data.csv', ...AUDIT, '-c', 'out/audit.json', '-o', 'out'], { cwd: dir }), /out\/audit\.json: refusing to overwrite an input file/);
    unchanged('out/audit.json', '{"label": "label"}\n');
  });

  it('--model out/report.html with -o out', async () => {
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'report.html'), 'model bytes');
    expectOneLineRefusal(await runCliInProcess(['audit', 'data.csv', ...AUDIT, '--model', 'out/report.html', '-o', 'out'], { cwd: dir }), /refusing to overwrite an input file/);
    unchanged('out/report.html', 'model bytes');
  });

  it('a report file that is a hard link or a symbolic link to the data', async () => {
    mkdirSync(join(dir, 'hard'));
    linkSync(join(dir, 'data.csv'), join(dir, 'hard', 'summary.md'));
    expectOneLineRefusal(await runCliInProcess(['audit', 'data.csv', ...AUDIT, '-o', 'hard'], { cwd: dir }), /this output is the input data\.csv/);
    mkdirSync(join(dir, 'soft'));
    symlinkSync(join(dir, 'data.csv'), join(dir, 'soft', 'audit.json'));
    expectOneLineRefusal(await runCliInProcess(['audit', 'data.csv', ...AUDIT, '-o', 'soft'], { cwd: dir }), /this output is the input data\.csv/);
    unchanged('data.csv', CSV);
  });

  it('--history naming the data', async () => {
    expectOneLineRefusal(await runCliInProcess(['audit', 'data.csv', ...AUDIT, '-o', 'out', '--history', 'data.csv'], { cwd: dir }), /refusing to overwrite an input file/);
    unchanged('data.csv', CSV);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('init data.csv -o data.csv --force', async () => {
    expectOneLineRefusal(await runCliInProcess(['init', 'data.csv', '-o', 'data.csv', '--force'], { cwd: dir }), /data\.csv: refusing to overwrite an input file/);
    unchanged('data.csv', CSV);
  });

  it('mask and audit --mask never write the masked copy inside an input folder', async () => {
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'part.csv'), CSV);
    expectOneLineRefusal(await runCliInProcess(['mask', 'in', '-o', 'in/masked.csv'], { cwd: dir }), /refusing to write inside an input folder/);
    expectOneLineRefusal(await runCliInProcess(['audit', 'in', ...AUDIT, '--mask', '-o', 'in/reports'], { cwd: dir }), /refusing to write inside an input folder/);
    expect(readdirSync(join(dir, 'in'))).toEqual(['part.csv']);
  });

  it('a dataset name that is a path is refused, and nothing is written outside reports/', async () => {
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'a', 'b', 'escape.yaml'), 'dataset: ../../../escape-ds\n');
    expectOneLineRefusal(await runCliInProcess(['audit', '../../data.csv', ...AUDIT, '-c', 'escape.yaml'], { cwd: join(dir, 'a', 'b') }), /dataset name "\.\.\/\.\.\/\.\.\/escape-ds" contains a path separator/);
    expectOneLineRefusal(await runCliInProcess(['audit', '../../data.csv', ...AUDIT, '-c', 'escape.yaml', '--mask', '-o', 'out'], { cwd: join(dir, 'a', 'b') }), /must be a name, not a path/);
    expect(readdirSync(dir).sort()).toEqual(['a', 'data.csv']);
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['escape.yaml']);
  });
});
