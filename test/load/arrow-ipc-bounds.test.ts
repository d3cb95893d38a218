/**
 * An Arrow IPC file whose metadata claims more than its bytes hold is refused before Apache
 * Arrow's decoder sees it (exit 2, one line naming the file), and real files — nested ones
 * included — still read. The crafted files are built here from valid ones by changing the bytes
 * the Arrow format documents (the footer length before the trailing magic; a stream's first
 * metadata length; a field name's length prefix).
 */
import { Field, List, Int32, Struct, Utf8, makeData, tableFromArrays, tableToIPC, Table, RecordBatch, Schema, makeVector, vectorFromArray } from 'apache-arrow';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../cli/run-cli.js';
import { footerProblem } from '../../src/load/arrow-ipc-bounds.js';
import { tempDir } from './helpers.js';

let dir: string;
const table = tableFromArrays({ race: ['a', 'b', 'a', 'c'], label: Int32Array.from([1, 0, 1, 0]) });

beforeAll(() => {
  dir = tempDir();
});

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Runs `discover` on `path` and returns the run. */
function discover(path: string) {
  return runCliInProcess(['discover', path], { cwd: dir });
}

describe('Arrow IPC metadata is bounded by the file', () => {
  it('refuses a file whose footer length claims more than the file holds', async () => {
    const bytes = Buffer.from(tableToIPC(table, 'file'));
    bytes.writeInt32LE(0x7fff_fff0, bytes.length - 10);
    const path = write('footer-too-long.arrow', bytes);
    const run = await discover(path);
    expect(run.status).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(path);
    expect(run.stderr).toMatch(/footer claims 2147483632 bytes of a \d+-byte file/);
  });

  it('refuses a field name whose length runs past the footer', async () => {
    const bytes = Buffer.from(tableToIPC(table, 'file'));
    const footerLength = bytes.readInt32LE(bytes.length - 10);
    const footerStart = bytes.length - 10 - footerLength;
    // The footer's copy of the name "race": a little-endian length 4, then the bytes.
    const at = bytes.indexOf(Buffer.from([4, 0, 0, 0, 0x72, 0x61, 0x63, 0x65]), footerStart);
    expect(at).toBeGreaterThan(footerStart);
    bytes.writeUInt32LE(1 << 30, at);
    const path = write('name-too-long.arrow', bytes);
    const run = await discover(path);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/not a readable Arrow IPC file: a field's name declares 1073741824 bytes/);
  });

  it('refuses a stream whose schema message claims more than the file holds', async () => {
    const bytes = Buffer.from(tableToIPC(table, 'stream'));
    expect(bytes.readUInt32LE(0)).toBe(0xffffffff);
    bytes.writeInt32LE(0x4000_0000, 4);
    const path = write('schema-too-long.arrows', bytes);
    const run = await discover(path);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/not a readable Arrow IPC stream: the schema message claims 1073741824 bytes/);
  });

  it('reads real files, nested columns included', async () => {
    const inner = new Struct([new Field('x', new Int32()), new Field('y', new Utf8())]);
    const listType = new List(new Field('item', inner));
    const structData = makeData({
      type: inner,
      length: 3,
      nullCount: 0,
      children: [makeVector(Int32Array.from([1, 2, 3])).data[0], vectorFromArray(['p', 'q', 'r'], new Utf8()).data[0]],
    });
    const lists = makeData({ type: listType, length: 2, nullCount: 0, valueOffsets: Int32Array.from([0, 1, 3]), child: structData });
    const schema = new Schema([new Field('nested', listType), new Field('race', new Utf8())]);
    const race = vectorFromArray(['a', 'b'], new Utf8()).data[0];
    const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 2, nullCount: 0, children: [lists, race] }));
    const nested = new Table([batch]);
    for (const [format, name] of [['file', 'nested.arrow'], ['stream', 'nested.arrows']] as const) {
      const bytes = tableToIPC(nested, format);
      if (format === 'file') {
        const buffer = Buffer.from(bytes);
        const length = buffer.readInt32LE(buffer.length - 10);
        expect(footerProblem(buffer.subarray(buffer.length - 10 - length, buffer.length - 10), buffer.length)).toBeUndefined();
      }
      const run = await discover(write(name, bytes));
      expect(run.stderr).not.toMatch(/not a readable/);
    }
    const plain = await discover(write('plain.arrow', tableToIPC(table, 'file')));
    expect(plain.status).toBe(0);
  });
});
