/**
 * The masked copy keeps its input's dialect, all of it: a Latin-1 file gives a Latin-1 copy, a
 * UTF-16 file with a byte-order mark a UTF-16 copy with the same mark, a headerless file a
 * headerless copy — unless `--output-encoding` / `--[no-]output-header` / `--format` say
 * otherwise. Checked on the copy's bytes, and by auditing the copy against the original.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../cli/run-cli.js';

const KEY = { FAIRAUDIT_MASK_KEY: 'copy-dialect-test-key-0123456789abcdef' };
const CITIES = ['Zürich', 'Malmö', 'São Paulo', 'Besançon'];

/** Rows of a small loans table: an e-mail to hash, a city with accents, sex, approved. */
function rows(): string[][] {
  return Array.from({ length: 80 }, (_, i) => [`client${i}@example.com`, CITIES[i % 4], i % 3 ? 'F' : 'M', String((i * 7) % 5 < 2 ? 1 : 0)]);
}

let dir: string;
beforeAll(() => {
  dir = tempDir();
});

async function run(args: string[]) {
  const result = await runCliInProcess(args, { cwd: dir, env: KEY });
  expect(result.status, result.stderr).toBe(0);
  return result;
}

/** The data-dependent part of an audit (its attributes' groups, counts and rates). */
async function auditOf(file: string, flags: string[], out: string): Promise<unknown> {
  await runCliInProcess(['audit', file, ...flags, '--fail-on', 'never', '--format', 'json', '-o', out, '--bootstrap', '20', '--seed', '3'], { cwd: dir, env: KEY });
  const results = JSON.parse(readFileSync(join(dir, out, 'audit.json'), 'utf8')) as { attributes: { groups: unknown[] }[]; input: { rows_read: number } };
  // Both attributes and their pair, each with groups: an equality of two empty audits proves nothing.
  expect(results.attributes).toHaveLength(3);
  expect(results.attributes.every((a) => a.groups.length >= 2)).toBe(true);
  return { attributes: results.attributes, rows: results.input.rows_read };
}

describe('the masked copy keeps the input encoding and header', () => {
  it('writes a Latin-1, semicolon-separated, headerless input as a Latin-1, semicolon-separated, headerless copy', async () => {
    const text = rows().map((r) => r.join(';')).join('\r\n') + '\r\n';
    writeFileSync(join(dir, 'latin.csv'), Buffer.from(text, 'latin1'));
    await run(['mask', 'latin.csv', '-o', 'latin.masked.csv', '--encoding', 'latin1', '--allow-k', '1', '-q']);
    const bytes = readFileSync(join(dir, 'latin.masked.csv'));
    // "Zürich" in Latin-1 is 5a fc 72 69 63 68; its UTF-8 form (c3 bc) must not appear.
    expect(bytes.includes(Buffer.from([0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68]))).toBe(true);
    expect(bytes.includes(Buffer.from('ü', 'utf8'))).toBe(false);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const lines = bytes.toString('latin1').split('\r\n').filter((l) => l !== '');
    // No header line: one line per input row, the first one a data row (hashed e-mail, the first city).
    expect(lines).toHaveLength(80);
    expect(lines[0].split(';')).toHaveLength(4);
    expect(lines[0].split(';').slice(1)).toEqual(['Zürich', 'M', '1']);
    expect(lines.join('\n')).not.toContain('@example.com');
    const flags = ['--encoding', 'latin1', '--label', 'column_4', '--sensitive', 'column_2,column_3', '--min-group-size', '5'];
    expect(await auditOf('latin.masked.csv', flags, 'copy-latin')).toEqual(await auditOf('latin.csv', flags, 'orig-latin'));
  });

  it('writes a UTF-16 input with its byte-order mark as UTF-16 with the same mark', async () => {
    const text = ['email,city,sex,approved', ...rows().map((r) => r.join(','))].join('\n') + '\n';
    for (const [encoding, bom] of [['utf-16le', [0xff, 0xfe]], ['utf-16be', [0xfe, 0xff]]] as const) {
      const le = Buffer.from(text, 'utf16le');
      const body = encoding === 'utf-16be' ? Buffer.from(le).swap16() : le;
      const name = `wide-${encoding}.csv`;
      writeFileSync(join(dir, name), Buffer.concat([Buffer.from(bom), body]));
      await run(['mask', name, '-o', `masked-${name}`, '--allow-k', '1', '-q']);
      const bytes = readFileSync(join(dir, `masked-${name}`));
      expect([...bytes.subarray(0, 2)]).toEqual([...bom]);
      const decoded = (encoding === 'utf-16be' ? Buffer.from(bytes.subarray(2)).swap16() : bytes.subarray(2)).toString('utf16le');
      const lines = decoded.split('\n').filter((l) => l !== '');
      expect(lines[0]).toBe('email,city,sex,approved');
      expect(lines).toHaveLength(81);
      expect(lines[1].split(',').slice(1)).toEqual(['Zürich', 'M', '1']);
      expect(decoded).not.toContain('@example.com');
      const flags = ['--label', 'approved', '--sensitive', 'city,sex', '--min-group-size', '5'];
      expect(await auditOf(`masked-${name}`, flags, `copy-${encoding}`)).toEqual(await auditOf(name, flags, `orig-${encoding}`));
    }
  });

  it('writes UTF-8 with a header when --output-encoding and --output-header say so', async () => {
    await run(['mask', 'latin.csv', '-o', 'latin.utf8.csv', '--encoding', 'latin1', '--output-encoding', 'utf-8', '--output-header', '--allow-k', '1', '-q']);
    const text = readFileSync(join(dir, 'latin.utf8.csv'));
    expect(text.includes(Buffer.from('Zürich', 'utf8'))).toBe(true);
    const lines = text.toString('utf8').split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe('column_1;column_2;column_3;column_4');
    expect(lines).toHaveLength(81);
  });

  it('leaves out the header of a headed input with --no-output-header', async () => {
    await run(['mask', 'wide-utf-16le.csv', '-o', 'no-header.csv', '--no-output-header', '--output-encoding', 'utf-8', '--allow-k', '1', '-q']);
    const bytes = readFileSync(join(dir, 'no-header.csv'));
    // UTF-8 chosen: no UTF-16 mark, no NUL bytes, and 80 data lines.
    expect(bytes[0]).not.toBe(0xff);
    expect(bytes.includes(0)).toBe(false);
    const lines = bytes.toString('utf8').split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(80);
    expect(lines[0].split(',').slice(1)).toEqual(['Zürich', 'M', '1']);
  });

  it('refuses, with one line naming --output-encoding, a Latin-1 copy of a value Latin-1 cannot hold', async () => {
    writeFileSync(join(dir, 'dash.csv'), ['id,city,approved', ...Array.from({ length: 20 }, (_, i) => `${i},Zürich – Nord,${i % 2}`)].join('\n') + '\n');
    const result = await runCliInProcess(['mask', 'dash.csv', '-o', 'dash.latin.csv', '--output-encoding', 'latin1', '--allow-k', '1', '-q'], { cwd: dir, env: KEY });
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/U\+2013.*latin1 cannot encode.*--output-encoding utf-8/);
  });
});
