/**
 * Free-text metadata that YAML reads as a number (`model_version: 3.10`) is kept as the text
 * written in the file; where that text is not known (a JSON config, a config object) the number is
 * refused with a hint to quote it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { keepNumbersAsWritten } from '../../src/config/as-written.js';
import { parseConfig } from '../../src/config/load.js';
import { configProblems } from '../../src/config/validate.js';
import { runCliInProcess, tempDir } from '../cli/run-cli.js';

function fromYaml(text: string): unknown {
  const document = parseDocument(text);
  return keepNumbersAsWritten(document, document.toJS());
}

describe('free-text keys YAML reads as numbers', () => {
  it('keep the text exactly as written, trailing zeros, exponents and hex included', () => {
    const text = 'audit:\n  model_version: 3.10\n  model: 2\n  auditor: 1e3\n  organization: 0x1F\n  purpose: 007\nll144:\n  exclusion_justification: 2.50   # a comment\n';
    expect(fromYaml(text)).toEqual({
      audit: { model_version: '3.10', model: '2', auditor: '1e3', organization: '0x1F', purpose: '007' },
      ll144: { exclusion_justification: '2.50' },
    });
  });

  it('follow an alias to the text of its anchor, and keep an explicitly tagged value\'s text', () => {
    expect(fromYaml('audit:\n  model: &v 4.20\n  model_version: *v\n  data_source: !!float "1.50"\n')).toEqual({
      audit: { model: '4.20', model_version: '4.20', data_source: '1.50' },
    });
  });

  it('leave numbers in other keys, and text, as they are', () => {
    expect(fromYaml('threshold: 0.50\nmin_group_size: 30\naudit:\n  model_version: "3.10"\n  data: test\n')).toEqual({
      threshold: 0.5,
      min_group_size: 30,
      audit: { model_version: '3.10', data: 'test' },
    });
  });

  it('make a valid YAML config', () => {
    expect(parseConfig('audit:\n  model_version: 3.10\n', 'c.yaml').audit?.model_version).toBe('3.10');
  });

  it('are refused in a JSON config or a config object, whose text is lost, with a hint to quote them', () => {
    expect(configProblems({ audit: { model_version: 3.1 } })).toEqual([
      'audit.model_version: 3.1 was read as a number, which may have lost how it was written (3.10 reads as 3.1); write it in quotes as text, e.g. "3.1"',
    ]);
    expect(() => parseConfig('{"audit": {"model_version": 3.10}}', 'c.json')).toThrow(/audit\.model_version: 3\.1 was read as a number.*write it in quotes/);
  });
});

describe('model_version: 3.10 through the CLI', () => {
  const dir = tempDir('fairaudit-as-written-');
  const lines = ['sex,y', ...Array.from({ length: 80 }, (_, i) => `${i % 2 ? 'a' : 'b'},${i % 3 === 0 ? 1 : 0}`)];
  writeFileSync(join(dir, 'd.csv'), lines.join('\n') + '\n');

  it('a YAML config writes "3.10" into audit.json and the report', async () => {
    writeFileSync(join(dir, 'c.yaml'), 'prediction: y\nsensitive: [sex]\naudit:\n  model: ScreenRank\n  model_version: 3.10\n');
    const out = join(dir, 'yaml-out');
    const run = await runCliInProcess(['audit', join(dir, 'd.csv'), '-c', join(dir, 'c.yaml'), '-o', out, '-q']);
    expect(run.status).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as { audit?: { model_version?: unknown } };
    expect(results.audit?.model_version).toBe('3.10');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('3.10');
  });

  it('a JSON config with a number ends with one line naming the file and the key, exit 2', async () => {
    writeFileSync(join(dir, 'c.json'), '{"prediction": "y", "sensitive": ["sex"], "audit": {"model_version": 3.10}}');
    const out = join(dir, 'json-out');
    const run = await runCliInProcess(['audit', join(dir, 'd.csv'), '-c', join(dir, 'c.json'), '-o', out]);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('c.json');
    expect(lines[0]).toContain('audit.model_version');
    expect(lines[0]).toContain('quotes');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
