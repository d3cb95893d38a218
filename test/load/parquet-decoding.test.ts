/**
 * The native Parquet reader's decoders one by one, against bytes built by hand from the format
 * specifications, never from the decoders' own output: Parquet's RLE / bit-packing hybrid
 * (Encoding.md), Snappy's raw blocks (format_description.txt), Thrift's compact protocol
 * (thrift-compact-protocol.md), the footer of a file pyarrow wrote, the row groups of every
 * pyarrow fixture (test/fixtures/parquet/make_fixtures.py) and the Arrow schema read from the
 * footer. test/load/parquet-native.test.ts compares whole scans with parquet-wasm; here each piece
 * must be right on its own, so a bug cannot hide behind the per-row-group fallback to parquet-wasm.
 */
import { Field, Int32, Schema } from 'apache-arrow';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { DecodedChunk } from '../../src/load/parquet/column.js';
import { UnsupportedPage } from '../../src/load/parquet/column.js';
import { readFooter } from '../../src/load/parquet/footer.js';
import { decodeFileMetadata, type FileMetadata } from '../../src/load/parquet/metadata.js';
import { nativeScanPlan, planNative, type NativeColumn } from '../../src/load/parquet/plan.js';
import { decodeHybrid } from '../../src/load/parquet/rle.js';
import { RowGroupReader } from '../../src/load/parquet/scan.js';
import { arrowSchema } from '../../src/load/parquet/schema.js';
import { snappyDecompress } from '../../src/load/parquet/snappy.js';
import { ThriftError, ThriftReader, type ThriftStruct, type ThriftValue } from '../../src/parquet-format/thrift.js';
import { wasmSchema } from '../../src/load/parquet/wasm.js';
import { tempDir, userError } from './helpers.js';
import { DELTA, FIXTURE_FILES, FLAT, ROWS, TABLE, approved, big, fixture, label, name, prediction, score, sex } from './parquet-fixtures.js';

// ---------------------------------------------------------------------------------------------
// Encoders written from the specifications, small enough to check by eye.

/** Unsigned LEB128: seven bits a byte, least significant group first, the high bit set on all but the last. */
function uleb(value: number | bigint): number[] {
  let n = BigInt(value);
  const bytes: number[] = [];
  for (;;) {
    const low = Number(n & 0x7fn);
    n >>= 7n;
    if (n === 0n) return [...bytes, low];
    bytes.push(low | 0x80);
  }
}

/** Thrift's zigzag: 0, -1, 1, -2, 2 … become 0, 1, 2, 3, 4 … */
const zigzag = (value: bigint): bigint => (value >= 0n ? 2n * value : -2n * value - 1n);

/** Packs values of `width` bits, bit by bit, least significant bit of each value and of each byte first. */
function bitPack(values: readonly number[], width: number): number[] {
  const bytes = new Array<number>(Math.ceil((values.length * width) / 8)).fill(0);
  values.forEach((value, i) => {
    for (let b = 0; b < width; b++) {
      const bit = i * width + b;
      if (Math.floor(value / 2 ** b) % 2 === 1) bytes[Math.floor(bit / 8)] |= 1 << bit % 8;
    }
  });
  return bytes;
}

/** An RLE run: the header `count << 1`, then the value in ceil(width / 8) little-endian bytes. */
function rleRun(count: number, value: number, width: number): number[] {
  const bytes = uleb(count * 2);
  for (let i = 0; i < Math.ceil(width / 8); i++) bytes.push(Math.floor(value / 256 ** i) % 256);
  return bytes;
}

/** A bit-packed run: the header `groups << 1 | 1`, then the values, padded with `pad` to whole groups of eight. */
function bitPackedRun(values: readonly number[], width: number, pad = 0): number[] {
  const groups = Math.ceil(values.length / 8);
  const padded = [...values, ...new Array<number>(groups * 8 - values.length).fill(pad)];
  return [...uleb(groups * 2 + 1), ...bitPack(padded, width)];
}

/** `length` values of `width` bits: zero, the largest, alternating bits, then a multiplicative hash. */
function valuesOf(width: number, length: number): number[] {
  const size = 2 ** width;
  const fixed = [0, size - 1, 1, size - 2, 0x555555 % size, 0xaaaaaa % size];
  return Array.from({ length }, (_, i) => (i < fixed.length ? fixed[i] : (i * 0x9e3779b1) % size));
}

/** decodeHybrid over `bytes` into a fresh array, with `-1` wherever nothing was written. */
function hybrid(bytes: readonly number[], width: number, count: number, options: { start?: number; end?: number; at?: number; size?: number } = {}) {
  const { start = 0, end = bytes.length, at = 0, size = at + count } = options;
  const out = new Int32Array(size).fill(-1);
  const next = decodeHybrid(Uint8Array.from(bytes), start, end, width, out, at, count);
  return { values: Array.from(out), next };
}

/** A literal: `len - 1` in the tag's upper six bits, or (tags 60–63) in the 1–4 little-endian bytes after it. */
function literal(data: readonly number[], lengthBytes = data.length <= 60 ? 0 : data.length <= 256 ? 1 : data.length <= 65536 ? 2 : 3): number[] {
  const n = data.length - 1;
  if (lengthBytes === 0) return [n << 2, ...data];
  const length = Array.from({ length: lengthBytes }, (_, i) => Math.floor(n / 256 ** i) % 256);
  return [(59 + lengthBytes) << 2, ...length, ...data];
}

/** A copy with a 1-byte offset: length 4–11 in bits 2–4, the offset's upper three bits in bits 5–7 and its low byte after. */
const copy1 = (length: number, offset: number): number[] => [0b01 | ((length - 4) << 2) | ((offset >> 8) << 5), offset & 0xff];
/** A copy with a 2-byte offset: length 1–64 in the upper six bits, the offset little-endian after. */
const copy2 = (length: number, offset: number): number[] => [0b10 | ((length - 1) << 2), offset & 0xff, offset >> 8];
/** A copy with a 4-byte offset. */
const copy4 = (length: number, offset: number): number[] => [0b11 | ((length - 1) << 2), offset & 0xff, (offset >> 8) & 0xff, (offset >> 16) & 0xff, offset >>> 24];

/** A Snappy block: the varint of the decompressed length, then the elements. */
const block = (length: number, ...elements: number[][]): number[] => [...uleb(length), ...elements.flat()];

/** Decompresses `bytes` into an output of `size` bytes. */
const inflate = (bytes: readonly number[], size: number): Uint8Array => snappyDecompress(Uint8Array.from(bytes), new Uint8Array(size));

/** `length` bytes of a fixed pattern. */
const pattern = (length: number, seed = 0): number[] => Array.from({ length }, (_, i) => (i * 7 + seed * 31 + 3) % 256);

const ascii = (text: string): number[] => [...Buffer.from(text, 'utf8')];

// ---------------------------------------------------------------------------------------------

describe('the test’s own bit packer', () => {
  it('packs 0 … 7 at width 3 into the bytes of the Parquet Encoding spec’s example', () => {
    // Encoding.md: 10001000 11000110 11111010.
    expect(bitPack([0, 1, 2, 3, 4, 5, 6, 7], 3)).toEqual([0b10001000, 0b11000110, 0b11111010]);
  });
});

describe('decodeHybrid', () => {
  it('repeats the value of an RLE run, stored in as many bytes as the width needs', () => {
    expect(hybrid(rleRun(10, 5, 3), 3, 10)).toEqual({ values: new Array(10).fill(5), next: 2 });
    expect(hybrid([20, 5], 3, 10).values).toEqual(new Array(10).fill(5));
    expect(hybrid(rleRun(4, 0x1abc, 13), 13, 4)).toEqual({ values: new Array(4).fill(0x1abc), next: 3 });
    expect(hybrid([8, 0xbc, 0x1a], 13, 4).values).toEqual(new Array(4).fill(0x1abc));
    expect(hybrid(rleRun(3, 0xfedcba, 24), 24, 3)).toEqual({ values: new Array(3).fill(0xfedcba), next: 4 });
  });

  for (const width of [1, 2, 3, 4, 5, 7, 8, 13, 24]) {
    it(`unpacks a bit-packed run at width ${width}, whole groups and a part of one`, () => {
      const values = valuesOf(width, 40);
      const run = bitPackedRun(values, width);
      expect(run.length).toBe(1 + 5 * width);
      expect(hybrid(run, width, 40)).toEqual({ values, next: run.length });
      // 37 values: four whole groups, then five of the last one.
      expect(hybrid(run, width, 37)).toEqual({ values: values.slice(0, 37), next: run.length });
      expect(hybrid(run, width, 3)).toEqual({ values: values.slice(0, 3), next: run.length });
    });
  }

  it('unpacks every width from 1 to 32 the same way as the test’s bit packer', () => {
    for (let width = 1; width <= 32; width++) {
      const values = valuesOf(width, 24);
      // Int32Array holds 32-bit values as their two's complement.
      expect(hybrid(bitPackedRun(values, width), width, 24).values, `width ${width}`).toEqual(values.map((v) => v | 0));
    }
  });

  it('stops at the values asked for when the last group is padded, and returns the offset after the run', () => {
    for (const width of [2, 6]) {
      const values = valuesOf(width, 20);
      // Three groups hold 24 values: the last four are padding, here all ones.
      const run = bitPackedRun(values, width, 2 ** width - 1);
      expect(run.length).toBe(1 + 3 * width);
      const { values: out, next } = hybrid([...run, 0xee], width, 20, { size: 30 });
      expect(out).toEqual([...values, ...new Array(10).fill(-1)]);
      expect(next).toBe(run.length);
    }
    // An RLE run of 50 of which 7 are asked for.
    expect(hybrid([...rleRun(50, 3, 2), 0xee], 2, 7, { size: 9 })).toEqual({ values: [3, 3, 3, 3, 3, 3, 3, -1, -1], next: 2 });
  });

  it('decodes RLE and bit-packed runs one after another', () => {
    const packed = valuesOf(2, 16);
    const bytes = [...rleRun(12, 3, 2), ...bitPackedRun(packed, 2), ...rleRun(5, 0, 2), ...bitPackedRun([1, 2, 3, 0, 1, 2, 3, 0], 2), ...rleRun(2, 2, 2)];
    const expected = [...new Array(12).fill(3), ...packed, 0, 0, 0, 0, 0, 1, 2, 3, 0, 1, 2, 3, 0, 2, 2];
    expect(hybrid(bytes, 2, expected.length)).toEqual({ values: expected, next: bytes.length });
    const wide = [...bitPackedRun(valuesOf(13, 8), 13), ...rleRun(3, 8191, 13), ...bitPackedRun(valuesOf(13, 16), 13)];
    expect(hybrid(wide, 13, 27).values).toEqual([...valuesOf(13, 8), 8191, 8191, 8191, ...valuesOf(13, 16)]);
  });

  it('reads run headers that take several varint bytes', () => {
    // 300 << 1 = 600 = 0b100_1011000: 0xd8 0x04.
    expect(rleRun(300, 6, 3).slice(0, 2)).toEqual([0xd8, 0x04]);
    expect(hybrid([0xd8, 0x04, 6], 3, 300)).toEqual({ values: new Array(300).fill(6), next: 3 });
    // 80 groups of eight: (80 << 1) | 1 = 161 = 0xa1 0x01.
    const values = valuesOf(1, 640);
    const run = bitPackedRun(values, 1);
    expect(run.slice(0, 2)).toEqual([0xa1, 0x01]);
    expect(hybrid(run, 1, 640)).toEqual({ values, next: 82 });
    const wide = valuesOf(5, 640);
    expect(hybrid([...bitPackedRun(wide, 5), ...rleRun(300, 17, 5)], 5, 940).values).toEqual([...wide, ...new Array(300).fill(17)]);
  });

  it('gives zeros at width 0, reading no value bytes', () => {
    // An RLE run of 5 has no value byte; a bit-packed group of eight takes no byte.
    expect(hybrid([10], 0, 5)).toEqual({ values: [0, 0, 0, 0, 0], next: 1 });
    expect(hybrid([3], 0, 8)).toEqual({ values: new Array(8).fill(0), next: 1 });
    expect(hybrid([10, 3], 0, 13).values).toEqual(new Array(13).fill(0));
  });

  it('writes at `at` into a larger array, leaving the rest alone', () => {
    const bytes = [...rleRun(3, 9, 4), ...bitPackedRun(valuesOf(4, 16), 4)];
    const { values, next } = hybrid(bytes, 4, 19, { at: 5, size: 30 });
    expect(values).toEqual([-1, -1, -1, -1, -1, 9, 9, 9, ...valuesOf(4, 16), ...new Array(6).fill(-1)]);
    expect(next).toBe(bytes.length);
    const seven = hybrid(bitPackedRun(valuesOf(7, 16), 7), 7, 11, { at: 3, size: 16 });
    expect(seven.values).toEqual([-1, -1, -1, ...valuesOf(7, 11), -1, -1]);
  });

  it('starts at `start`, past bytes it must not read (a page’s 4-byte length)', () => {
    const runs = [...rleRun(4, 1, 1), ...bitPackedRun([1, 0, 1, 1, 0, 0, 1, 0], 1)];
    const bytes = [runs.length, 0, 0, 0, ...runs, 0xff, 0xff];
    expect(hybrid(bytes, 1, 12, { start: 4, end: 4 + runs.length })).toEqual({ values: [1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 1, 0], next: 4 + runs.length });
  });

  it('throws when the runs end before the values asked for', () => {
    expect(() => hybrid(rleRun(5, 1, 1), 1, 6)).toThrow();
    expect(() => hybrid([], 3, 1)).toThrow();
    expect(() => hybrid(bitPackedRun(valuesOf(3, 8), 3), 3, 9)).toThrow();
    // Bytes past `end` are not the page's.
    const runs = [...rleRun(4, 1, 1), ...rleRun(4, 0, 1)];
    expect(() => hybrid(runs, 1, 8, { end: 2 })).toThrow();
  });

  it('throws when a bit-packed run is cut short', () => {
    const run = bitPackedRun(valuesOf(5, 16), 5);
    for (let cut = 1; cut < run.length; cut++) expect(() => hybrid(run.slice(0, cut), 5, 16), `cut at ${cut}`).toThrow();
    // Two groups announced, one group's bytes before `end`.
    expect(() => hybrid([...run, 0, 0], 5, 8, { end: 1 + 5 })).toThrow();
  });

  it('throws when an RLE run’s value is cut off at the end of its bytes', () => {
    expect(() => hybrid([0x10], 8, 8)).toThrow();
    expect(() => hybrid([0x10, 0x2a], 8, 8, { end: 1 })).toThrow();
    expect(() => hybrid([...rleRun(4, 0x1abc, 13)].slice(0, 2), 13, 4)).toThrow();
  });

  it('throws when a run header is cut off at the end of its bytes', () => {
    expect(() => hybrid([0xd8], 3, 8)).toThrow();
  });

  it('decodes RLE runs of wide values and refuses widths above 32 bits', () => {
    expect(hybrid(rleRun(3, 0x1234567, 25), 25, 3).values).toEqual([0x1234567, 0x1234567, 0x1234567]);
    expect(() => hybrid(rleRun(1, 0, 33), 33, 1)).toThrow();
  });
});

// ---------------------------------------------------------------------------------------------

describe('snappyDecompress', () => {
  it('copies literals whose length is in the tag, up to 60 bytes', () => {
    expect(Array.from(inflate(block(5, literal(ascii('hello'))), 5))).toEqual(ascii('hello'));
    expect(block(5, literal(ascii('hello')))).toEqual([5, 0x10, ...ascii('hello')]);
    expect(Array.from(inflate(block(1, [0x00, 0x41]), 1))).toEqual([0x41]);
    const sixty = pattern(60);
    expect(literal(sixty)[0]).toBe(59 << 2);
    expect(Array.from(inflate(block(60, literal(sixty)), 60))).toEqual(sixty);
    // Two literals in a row are allowed.
    expect(Array.from(inflate(block(8, literal(ascii('abc')), literal(ascii('defgh'))), 8))).toEqual(ascii('abcdefgh'));
  });

  it('copies long literals whose length follows the tag in 1, 2, 3 or 4 bytes (tags 60 to 63)', () => {
    for (const [length, lengthBytes, tag] of [
      [61, 1, 0xf0],
      [256, 1, 0xf0],
      [300, 2, 0xf4],
      [70_000, 3, 0xf8],
      [100, 4, 0xfc],
      [5, 1, 0xf0],
    ]) {
      const data = pattern(length, length);
      const element = literal(data, lengthBytes);
      expect(element[0]).toBe(tag);
      expect(inflate(block(length, element), length), `${length} bytes with ${lengthBytes} length bytes`).toEqual(Uint8Array.from(data));
    }
    // 300 - 1 = 299 = 0x012b.
    expect(literal(pattern(300), 2).slice(0, 3)).toEqual([0xf4, 0x2b, 0x01]);
  });

  it('copies earlier bytes with a 1-byte offset, its upper three bits in the tag', () => {
    expect(block(12, literal(ascii('abcdefgh')), copy1(4, 8)).slice(-2)).toEqual([0x01, 0x08]);
    expect(Array.from(inflate(block(12, literal(ascii('abcdefgh')), copy1(4, 8)), 12))).toEqual(ascii('abcdefghabcd'));
    expect(Array.from(inflate(block(13, literal(ascii('abcdefgh')), copy1(5, 6)), 13))).toEqual(ascii('abcdefghcdefg'));
    // Offset 300 = 0x12c: 1 in the tag's upper bits, 0x2c after; length 11 = 7 + 4.
    const data = pattern(300);
    expect(copy1(11, 300)).toEqual([0x01 | (7 << 2) | (1 << 5), 0x2c]);
    expect(inflate(block(311, literal(data), copy1(11, 300)), 311)).toEqual(Uint8Array.from([...data, ...data.slice(0, 11)]));
    // The largest offset, 2047.
    const long = pattern(2047, 1);
    expect(inflate(block(2051, literal(long), copy1(4, 2047)), 2051)).toEqual(Uint8Array.from([...long, ...long.slice(0, 4)]));
  });

  it('copies earlier bytes with 2- and 4-byte offsets, short and long', () => {
    const data = pattern(1000, 2);
    // Offset 1000 = 0x03e8, length 64.
    expect(copy2(64, 1000)).toEqual([0xfe, 0xe8, 0x03]);
    expect(inflate(block(1064, literal(data), copy2(64, 1000)), 1064)).toEqual(Uint8Array.from([...data, ...data.slice(0, 64)]));
    expect(inflate(block(1003, literal(data), copy2(3, 10)), 1003)).toEqual(Uint8Array.from([...data, ...data.slice(990, 993)]));
    expect(copy4(40, 1000)).toEqual([0x03 | (39 << 2), 0xe8, 0x03, 0x00, 0x00]);
    expect(inflate(block(1040, literal(data), copy4(40, 1000)), 1040)).toEqual(Uint8Array.from([...data, ...data.slice(0, 40)]));
    const far = pattern(70_000, 3);
    expect(inflate(block(70_033, literal(far), copy4(33, 69_999)), 70_033)).toEqual(Uint8Array.from([...far, ...far.slice(1, 34)]));
    // A literal, a copy, a literal, a copy.
    expect(Array.from(inflate(block(14, literal(ascii('wxyz')), copy1(4, 4), literal(ascii('ab')), copy2(4, 4)), 14))).toEqual(ascii('wxyzwxyzabyzab'));
  });

  it('repeats bytes when a copy overlaps what it writes (offset 1 repeats a byte, offset 3 a pattern)', () => {
    expect(Array.from(inflate(block(11, literal(ascii('a')), copy1(10, 1)), 11))).toEqual(ascii('aaaaaaaaaaa'));
    expect(Array.from(inflate(block(12, literal(ascii('xyz')), copy1(9, 3)), 12))).toEqual(ascii('xyzxyzxyzxyz'));
    // The spec's example: "xababab" is <literal: "xab"> <copy: offset=2 length=4>.
    expect(Array.from(inflate(block(7, literal(ascii('xab')), copy1(4, 2)), 7))).toEqual(ascii('xababab'));
    // Longer overlapping copies.
    expect(Array.from(inflate(block(65, literal([7]), copy2(64, 1)), 65))).toEqual(new Array(65).fill(7));
    expect(Array.from(inflate(block(63, literal(ascii('xyz')), copy4(60, 3)), 63))).toEqual(ascii('xyz'.repeat(21)));
    expect(Array.from(inflate(block(104, literal(ascii('abcd')), copy2(50, 4), copy2(50, 4)), 104))).toEqual(ascii('abcd'.repeat(26)));
  });

  it('throws when the length header differs from the output’s length', () => {
    expect(() => inflate(block(5, literal(ascii('hello'))), 4)).toThrow();
    expect(() => inflate(block(5, literal(ascii('hello'))), 6)).toThrow();
    // The elements give fewer bytes than the header says.
    expect(() => inflate(block(6, literal(ascii('hello'))), 6)).toThrow();
    // No header at all, and a header cut off.
    expect(() => inflate([], 0)).toThrow();
    expect(() => inflate([0x80], 0)).toThrow();
  });

  it('throws for a length header above 2^32 - 1', () => {
    expect(() => inflate([0x85, 0x80, 0x80, 0x80, 0x10, ...literal(ascii('hello'))], 5)).toThrow();
  });

  it('throws when a copy points before the start of the output or has offset 0', () => {
    expect(() => inflate(block(8, literal(ascii('abcd')), copy1(4, 5)), 8)).toThrow();
    expect(() => inflate(block(4, copy1(4, 1)), 4)).toThrow();
    expect(() => inflate(block(8, literal(ascii('abcd')), copy1(4, 0)), 8)).toThrow();
    expect(() => inflate(block(8, literal(ascii('abcd')), copy2(4, 300)), 8)).toThrow();
    expect(() => inflate(block(8, literal(ascii('abcd')), copy4(4, 0x80000000)), 8)).toThrow();
  });

  it('throws when a literal or copy runs past the input or the output', () => {
    // A literal of 10 bytes with 5 left in the input.
    expect(() => inflate(block(10, [9 << 2, ...ascii('hello')]), 10)).toThrow();
    // A tag-61 literal whose length bytes are cut off.
    expect(() => inflate(block(300, [0xf4, 0x2b]), 300)).toThrow();
    // Copies whose offset bytes are cut off.
    expect(() => inflate(block(8, literal(ascii('abcd')), [0x01]), 8)).toThrow();
    expect(() => inflate(block(8, literal(ascii('abcd')), [0x0e, 0x04]), 8)).toThrow();
    expect(() => inflate(block(8, literal(ascii('abcd')), [0x0f, 0x04, 0, 0]), 8)).toThrow();
    // More bytes than the header says, by a literal and by a copy.
    expect(() => inflate(block(4, literal(ascii('hello'))), 4)).toThrow();
    expect(() => inflate(block(6, literal(ascii('abcd')), copy1(4, 4)), 6)).toThrow();
  });
});

// ---------------------------------------------------------------------------------------------

/** A compact-protocol field header: the id delta (1–15) in the upper nibble, the type in the lower. */
const field = (delta: number, type: number): number => (delta << 4) | type;
const I8 = 3;
const I16 = 4;
const I32 = 5;
const I64 = 6;
const DOUBLE = 7;
const BINARY = 8;
const LIST = 9;
const MAP = 11;
const STRUCT = 12;
const TRUE = 1;
const FALSE = 2;
const STOP = 0;

const int = (value: number | bigint): number[] => uleb(zigzag(BigInt(value)));
const binary = (bytes: number[]): number[] => [...uleb(bytes.length), ...bytes];

/** A struct with a field of every kind Parquet uses, written by hand (no double: see below). */
const STRUCT_BYTES: number[] = [
  field(1, I32), ...int(-1), // 1: -1 → zigzag 1
  field(1, I32), ...int(2147483647), // 2: the largest i32 → zigzag 2^32 - 2
  field(1, I32), ...int(-2147483648), // 3: the smallest i32 → zigzag 2^32 - 1
  field(1, I64), ...int(2n ** 53n - 1n), // 4: 2^53 - 1
  field(1, I64), ...int(-(2n ** 52n)), // 5: -2^52
  field(1, I64), ...int(1_234_567_890_123n), // 6
  field(1, BINARY), ...binary(ascii('PAR1 ✓')), // 7
  field(1, TRUE), // 8: true, in the header alone
  field(1, FALSE), // 9: false
  // 10: a list of two structs {1: i32 7} and {2: binary "b"}
  field(1, LIST), (2 << 4) | STRUCT, field(1, I32), ...int(7), STOP, field(2, BINARY), ...binary(ascii('b')), STOP,
  // 300: delta 0, then the id as a zigzag i16 (600 = 0xd8 0x04); i32 42
  I32, 0xd8, 0x04, ...int(42),
  // 301 (delta 1 from 300): a nested struct {1: i16 -2, 2: i8 -1, 3: a struct {15: true}}
  field(1, STRUCT), field(1, I16), ...int(-2), field(1, I8), 0xff, field(1, STRUCT), field(15, TRUE), STOP, STOP,
  // 303: a map of binary → i32, {"a": 1, "b": -1}
  field(2, MAP), 2, (BINARY << 4) | I32, ...binary(ascii('a')), ...int(1), ...binary(ascii('b')), ...int(-1),
  // 304: an empty map, a lone 0
  field(1, MAP), 0,
  // 305: a list of 20 i32 (size ≥ 15: 0xf in the upper nibble, then a varint)
  field(1, LIST), 0xf0 | I32, 20, ...Array.from({ length: 20 }, (_, i) => int(i * 1000 - 10_000)).flat(),
  // 306: a list of booleans, a byte each
  field(1, LIST), (3 << 4) | FALSE, 1, 0, 1,
  // 307: an empty list of structs
  field(1, LIST), (0 << 4) | STRUCT,
  STOP,
];

describe('ThriftReader', () => {
  it('decodes a hand-encoded compact struct, field by field', () => {
    const reader = new ThriftReader(Uint8Array.from([...STRUCT_BYTES, 0xee, 0xee]));
    const decoded = reader.struct();
    expect(reader.offset).toBe(STRUCT_BYTES.length);
    const expected = new Map<number, ThriftValue>([
      [1, -1],
      [2, 2147483647],
      [3, -2147483648],
      [4, 2 ** 53 - 1],
      [5, -(2 ** 52)],
      [6, 1_234_567_890_123],
      [7, Uint8Array.from(ascii('PAR1 ✓'))],
      [8, true],
      [9, false],
      [10, [new Map([[1, 7]]), new Map([[2, Uint8Array.from(ascii('b'))]])]],
      [300, 42],
      [301, new Map<number, number | ThriftStruct>([[1, -2], [2, -1], [3, new Map([[15, true]])]])],
      [303, [[Uint8Array.from(ascii('a')), 1], [Uint8Array.from(ascii('b')), -1]]],
      [304, []],
      [305, Array.from({ length: 20 }, (_, i) => i * 1000 - 10_000)],
      [306, [true, false, true]],
      [307, []],
    ]);
    expect([...decoded.keys()]).toEqual([...expected.keys()]);
    for (const [id, value] of expected) expect(decoded.get(id), `field ${id}`).toEqual(value);
  });

  it('reads from `offset` and stops after the stop byte', () => {
    const bytes = Uint8Array.from([0xaa, 0xbb, field(3, I32), ...int(-64), STOP, field(1, TRUE), STOP]);
    const reader = new ThriftReader(bytes, 2);
    expect(reader.struct()).toEqual(new Map([[3, -64]]));
    expect(reader.offset).toBe(5);
    expect(reader.struct()).toEqual(new Map([[1, true]]));
    expect(reader.offset).toBe(7);
  });

  it('decodes doubles as eight little-endian bytes', () => {
    // 1.5 = 0x3ff8000000000000, -0.1 = 0xbfb999999999999a.
    const bytes = [field(1, DOUBLE), 0, 0, 0, 0, 0, 0, 0xf8, 0x3f, field(1, DOUBLE), 0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xb9, 0xbf, STOP];
    expect(new ThriftReader(Uint8Array.from(bytes)).struct()).toEqual(new Map([[1, 1.5], [2, -0.1]]));
    // Inside a larger buffer, at an odd offset.
    const padded = new Uint8Array(40);
    padded.set(bytes, 3);
    expect(new ThriftReader(padded.subarray(3, 3 + bytes.length)).struct()).toEqual(new Map([[1, 1.5], [2, -0.1]]));
  });

  it('decodes i64 values down to -2^52 and up to 2^53 - 1 exactly', () => {
    for (const value of [0n, -1n, 2n ** 31n, -(2n ** 31n) - 1n, 2n ** 52n, 2n ** 53n - 2n, 2n ** 53n - 1n, -(2n ** 52n) + 1n, -(2n ** 52n)]) {
      expect(new ThriftReader(Uint8Array.from([field(1, I64), ...int(value), STOP])).struct().get(1), String(value)).toBe(Number(value));
    }
  });

  it('decodes negative i64 values near -2^53 exactly', () => {
    for (const value of [-(2n ** 53n) + 1n, -(2n ** 52n) - 1n, -(2n ** 53n) + 1000n]) {
      expect(new ThriftReader(Uint8Array.from([field(1, I64), ...int(value), STOP])).struct().get(1), String(value)).toBe(Number(value));
    }
  });

  it('throws ThriftError for bytes cut off anywhere', () => {
    for (let cut = 0; cut < STRUCT_BYTES.length; cut++) {
      expect(() => new ThriftReader(Uint8Array.from(STRUCT_BYTES.slice(0, cut))).struct(), `cut at ${cut}`).toThrow(ThriftError);
    }
    // Cut short inside a larger buffer: the bytes after the view are not read.
    const view = new Uint8Array(64).fill(0x15).subarray(0, 3);
    expect(() => new ThriftReader(view).struct()).toThrow(ThriftError);
  });

  it('throws ThriftError for a double cut short', () => {
    expect(() => new ThriftReader(Uint8Array.of(field(1, DOUBLE), 0, 0, 0)).struct()).toThrow(ThriftError);
  });

  it('throws ThriftError for lists nested too deep', () => {
    const deep = new Uint8Array(100_000).fill((1 << 4) | LIST);
    expect(() => new ThriftReader(deep).struct()).toThrow(ThriftError);
  });

  it('throws ThriftError for an unknown type, a varint longer than 10 bytes and structs nested too deep', () => {
    expect(() => new ThriftReader(Uint8Array.of(field(1, 15), 0, STOP)).struct()).toThrow(ThriftError);
    expect(() => new ThriftReader(Uint8Array.of(field(1, I32), ...new Array<number>(11).fill(0x80), 0)).struct()).toThrow(ThriftError);
    const deep = [...new Array<number>(100).fill(field(1, STRUCT)), ...new Array<number>(101).fill(STOP)];
    expect(() => new ThriftReader(Uint8Array.from(deep)).struct()).toThrow(ThriftError);
  });
});

// ---------------------------------------------------------------------------------------------
// The fixtures (the generator's rows and formulas are in ./parquet-fixtures.ts).


/** make_fixtures.py's row group size. */
const ROW_GROUP = 800;

interface Fixture {
  file: string;
  rows: number;
  /** Its top-level leaf columns (nested.parquet's list and struct are not). */
  flat: string[];
  /** Columns whose pages the native decoder must refuse with UnsupportedPage, in every row group. */
  unsupported: string[];
  /** Whether nativeScanPlan may leave its flat columns to parquet-wasm (LZ4_RAW, date and timestamp columns). */
  eitherWay?: boolean;
  /** Whether arrowSchema gives up on it (nested, date and timestamp columns). */
  noArrowSchema?: boolean;
}

/** What each fixture holds that the native reader leaves to parquet-wasm. */
const SPECIAL: Record<string, Partial<Fixture>> = {
  'lz4.parquet': { eitherWay: true },
  // `name` outgrows its dictionary; score and big do too, but numbers after a dictionary decode.
  'dictionary-fallback.parquet': { unsupported: ['name'] },
  'dictionary-fallback-v2.parquet': { unsupported: ['name'] },
  'delta-encodings.parquet': { unsupported: DELTA },
  'nested.parquet': { flat: FLAT, noArrowSchema: true },
  'dates.parquet': { eitherWay: true, noArrowSchema: true },
};

const FIXTURES: Fixture[] = FIXTURE_FILES.map(({ file, rows, columns }) => ({ file, rows, flat: columns, unsupported: [], ...SPECIAL[file] }));

/** The row counts of the row groups: ROW_GROUP each, the rest in the last. */
function rowGroupSizes(rows: number, size: number): number[] {
  if (rows === 0) return [0];
  const sizes: number[] = [];
  for (let left = rows; left > 0; left -= size) sizes.push(Math.min(left, size));
  return sizes;
}

/** The footer bytes of a Parquet file: before its last 8 bytes (length, "PAR1"), as long as that length says. */
function footerBytes(path: string): Uint8Array {
  const bytes = readFileSync(path);
  const length = bytes.readUInt32LE(bytes.length - 8);
  expect(bytes.toString('latin1', bytes.length - 4)).toBe('PAR1');
  return bytes.subarray(bytes.length - 8 - length, bytes.length - 8);
}

describe('decodeFileMetadata and readFooter on pyarrow’s snappy-v1.parquet', () => {
  let metadata: FileMetadata;

  beforeAll(() => {
    metadata = decodeFileMetadata(footerBytes(fixture('snappy-v1.parquet')));
  });

  it('give the generator’s row count, and its row groups of 800, 800 and 400 rows', () => {
    expect(metadata.numRows).toBe(ROWS);
    expect(metadata.rowGroups.map((g) => g.numRows)).toEqual(rowGroupSizes(ROWS, ROW_GROUP));
    expect(metadata.rowGroups.map((g) => g.numRows)).toEqual([800, 800, 400]);
  });

  it('give the generator’s columns in order, all optional, under a root with 15 children', () => {
    expect(metadata.schema[0].numChildren).toBe(TABLE.length);
    expect(metadata.schema.slice(1).map((e) => e.name)).toEqual(TABLE);
    expect(metadata.schema.slice(1).map((e) => e.repetition)).toEqual(new Array(TABLE.length).fill(1));
    expect(metadata.schema.slice(1).every((e) => e.numChildren === 0)).toBe(true);
  });

  it('give each column the physical and logical type pyarrow maps its Arrow type to', () => {
    // BOOLEAN 0, INT32 1, INT64 2, FLOAT 4, DOUBLE 5, BYTE_ARRAY 6; int8, int16 and uint32 are INT32 with an INTEGER logical type (10), strings STRING (1).
    const physical = [6, 6, 6, 2, 1, 0, 5, 4, 1, 1, 1, 2, 6, 6, 6];
    expect(metadata.schema.slice(1).map((e) => e.type)).toEqual(physical);
    const byName = new Map(metadata.schema.map((e) => [e.name, e]));
    for (const column of ['sex', 'race', 'age_group', 'name', 'empty_strings', 'all_null']) expect(byName.get(column)!.logicalType, column).toBe(1);
    expect(byName.get('small')).toMatchObject({ logicalType: 10, integer: { bitWidth: 8, signed: true } });
    expect(byName.get('medium')).toMatchObject({ logicalType: 10, integer: { bitWidth: 16, signed: true } });
    expect(byName.get('unsigned')).toMatchObject({ logicalType: 10, integer: { bitWidth: 32, signed: false } });
    for (const column of ['label', 'prediction', 'approved', 'score', 'score32', 'big']) expect(byName.get(column)!.logicalType, column).toBeUndefined();
  });

  it('give every row group one Snappy chunk per column, of the column’s type and row count, inside the file', () => {
    const size = readFileSync(fixture('snappy-v1.parquet')).length;
    const physical = metadata.schema.slice(1).map((e) => e.type);
    for (const group of metadata.rowGroups) {
      expect(group.columns.map((c) => c.type)).toEqual(physical);
      for (const chunk of group.columns) {
        expect(chunk.codec).toBe(1);
        expect(chunk.numValues).toBe(group.numRows);
        expect(chunk.start).toBeGreaterThanOrEqual(4);
        expect(chunk.start + chunk.length).toBeLessThanOrEqual(size - 8);
      }
    }
    expect(metadata.keyValues.has('ARROW:schema')).toBe(true);
  });

  it('agree: readFooter decodes the same footer', async () => {
    expect(await readFooter(fixture('snappy-v1.parquet'))).toEqual(metadata);
  });
});

describe('readFooter', () => {
  let dir: string;

  beforeAll(() => {
    dir = tempDir();
  });

  /** Writes `bytes` to a file and expects readFooter to reject it as not Parquet. */
  async function rejects(file: string, bytes: Uint8Array): Promise<UserError> {
    const path = join(dir, file);
    writeFileSync(path, bytes);
    const error = await userError(readFooter(path));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(/^not a readable Parquet file/);
    return error;
  }

  /** "PAR1", `body`, the footer length (LE) and "PAR1". */
  const file = (body: number[], length: number): Uint8Array => {
    const tail = Buffer.alloc(4);
    tail.writeUInt32LE(length);
    return Uint8Array.from([...ascii('PAR1'), ...body, ...tail, ...ascii('PAR1')]);
  };

  it('rejects an empty file', async () => {
    await rejects('empty.parquet', new Uint8Array(0));
  });

  it('rejects a file of 11 bytes, even one that begins and ends with PAR1', async () => {
    await rejects('eleven.parquet', Uint8Array.from([...ascii('PAR1'), 0, 0, 0, ...ascii('PAR1')]));
  });

  it('rejects a file that does not end in PAR1', async () => {
    const bytes = Uint8Array.from(readFileSync(fixture('snappy-v1.parquet')));
    bytes[bytes.length - 1] = 0x32; // "PAR2"
    await rejects('par2.parquet', bytes);
    await rejects('text.parquet', Uint8Array.from(ascii('sex,label\nfemale,1\nmale,0\n')));
  });

  it('rejects a file whose footer length points before the start of the file', async () => {
    const body = pattern(50);
    // 62 bytes: a footer of 50 bytes would start right after the leading PAR1; 51 points before it.
    await rejects('long-footer.parquet', file(body, 51));
    await rejects('huge-footer.parquet', file(body, 0xffffffff));
  });

  it('rejects a file whose footer does not decode', async () => {
    await rejects('zero-footer.parquet', file([], 0));
    await rejects('bad-footer.parquet', file([field(1, 15), 0, 0], 3));
    await rejects('cut-footer.parquet', file([...footerBytes(fixture('snappy-v1.parquet'))].slice(0, 40), 40));
  });
});

// ---------------------------------------------------------------------------------------------

const text = new TextDecoder();

/** The string in row `r` of a decoded byte-array chunk: through its dictionary, or from its PLAIN bytes. */
function stringAt(chunk: DecodedChunk, r: number): string | null {
  if (chunk.defined && !chunk.defined[r]) return null;
  if (chunk.codes) return chunk.dictionary!.get(chunk.codes[r]);
  const { offsets, bytes } = chunk.strings!;
  return text.decode(bytes.subarray(offsets[r], offsets[r + 1]));
}

const definedAt = (chunk: DecodedChunk, r: number): boolean => !chunk.defined || chunk.defined[r] === 1;

/** Row by row, the decoded columns of a row group starting at row `first` against the generator's formulas. */
function checkRows(columns: readonly NativeColumn[], decoded: DecodedChunk[], first: number, rows: number): void {
  const indices = Array.from({ length: rows }, (_, r) => first + r);
  const nulls = (formula: (i: number) => unknown): number => indices.filter((i) => formula(i) === null).length;
  columns.forEach((column, c) => {
    const chunk = decoded[c];
    expect(chunk.rows, column.field.name).toBe(rows);
    const got = <T>(value: (r: number) => T): (T | null)[] => indices.map((_, r) => (definedAt(chunk, r) ? value(r) : null));
    switch (column.field.name) {
      case 'sex':
        expect(chunk.nullCount).toBe(nulls(sex));
        expect(got((r) => stringAt(chunk, r))).toEqual(indices.map(sex));
        // A dictionary holds each value of the row group once.
        if (chunk.codes) expect([...chunk.dictionary!].sort()).toEqual([...new Set(indices.map(sex).filter((v) => v !== null))].sort());
        break;
      case 'name':
        expect(chunk.nullCount).toBe(0);
        expect(indices.map((_, r) => stringAt(chunk, r))).toEqual(indices.map(name));
        break;
      case 'label':
        // INT64: two little-endian words a row, the high one 0.
        expect(chunk.nullCount).toBe(0);
        expect(indices.map((_, r) => [chunk.words![2 * r], chunk.words![2 * r + 1]])).toEqual(indices.map((i) => [label(i), 0]));
        break;
      case 'prediction':
        expect(chunk.nullCount).toBe(nulls(prediction));
        expect(got((r) => chunk.words![r])).toEqual(indices.map(prediction));
        break;
      case 'approved':
        expect(chunk.nullCount).toBe(nulls(approved));
        expect(got((r) => chunk.booleans![r] === 1)).toEqual(indices.map(approved));
        break;
      case 'score': {
        const doubles = new Float64Array(chunk.words!.buffer, chunk.words!.byteOffset, rows);
        expect(chunk.nullCount).toBe(nulls(score));
        expect(got((r) => doubles[r])).toEqual(indices.map(score));
        break;
      }
      case 'big': {
        const longs = new BigInt64Array(chunk.words!.buffer, chunk.words!.byteOffset, rows);
        expect(got((r) => longs[r])).toEqual(indices.map(big));
        break;
      }
      case 'all_null':
        expect(chunk.nullCount).toBe(rows);
        break;
    }
  });
}

describe('RowGroupReader over pyarrow’s fixtures', () => {
  for (const f of FIXTURES) {
    const path = fixture(f.file);
    const supported = f.flat.filter((c) => !f.unsupported.includes(c));

    it(`decodes every row group of ${f.file} that nativeScanPlan plans natively, without throwing, to the generator’s values`, async () => {
      const plan = await nativeScanPlan(path, f.flat);
      if (!plan.native) {
        // LZ4_RAW pages and date columns are parquet-wasm's: the plan must say so, and why.
        expect(f.eitherWay, `${f.file}: ${plan.reason}`).toBe(true);
        expect(plan.reason).toMatch(/codec 7|only parquet-wasm reads/);
        return;
      }
      const metadata = await readFooter(path);
      const schema = arrowSchema(metadata) ?? (await wasmSchema(path));
      expect(metadata.rowGroups.map((g) => g.numRows)).toEqual(rowGroupSizes(f.rows, f.file === 'one-row-group.parquet' ? ROWS : ROW_GROUP));
      if (supported.length === 0) return;
      const plan2 = planNative(metadata, schema, supported);
      if (!plan2.native) throw new Error(plan2.reason);
      const reader = await RowGroupReader.open(path, metadata, plan2.columns);
      try {
        let first = 0;
        for (let i = 0; i < metadata.rowGroups.length; i++) {
          const rows = metadata.rowGroups[i].numRows;
          const decoded = await reader.read(i);
          expect(decoded).toHaveLength(supported.length);
          checkRows(plan2.columns, decoded, first, rows);
          first += rows;
        }
        expect(first).toBe(f.rows);
      } finally {
        await reader.close();
      }
    });

    for (const column of f.unsupported) {
      it(`refuses ${column} of ${f.file} with UnsupportedPage in every row group`, async () => {
        const metadata = await readFooter(path);
        const schema = arrowSchema(metadata) ?? (await wasmSchema(path));
        const plan = planNative(metadata, schema, [column]);
        if (!plan.native) throw new Error(plan.reason);
        const reader = await RowGroupReader.open(path, metadata, plan.columns);
        try {
          for (let i = 0; i < metadata.rowGroups.length; i++) await expect(reader.read(i), `row group ${i}`).rejects.toBeInstanceOf(UnsupportedPage);
        } finally {
          await reader.close();
        }
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------

describe('arrowSchema', () => {
  for (const f of FIXTURES) {
    const path = fixture(f.file);
    if (f.noArrowSchema) {
      it(`gives up on ${f.file}, leaving its schema to parquet-wasm`, async () => {
        expect(arrowSchema(await readFooter(path))).toBeUndefined();
      });
      continue;
    }
    it(`gives ${f.file} the names, types and nullability of parquet-wasm’s schema`, async () => {
      const schema = arrowSchema(await readFooter(path));
      expect(schema).toBeDefined();
      const reference = await wasmSchema(path);
      const summary = (fields: typeof reference.fields) => fields.map((x) => ({ name: x.name, type: String(x.type), nullable: x.nullable }));
      expect(summary(schema!.fields)).toEqual(summary(reference.fields));
      expect(schema!.fields.map((x) => x.name)).toEqual(f.flat);
    });
  }
});

describe('planNative', () => {
  it('finds a flat column after a group nested 100,000 deep, without running out of stack', () => {
    // The root holds a chain of groups ending in one leaf, then the flat INT32 column "x".
    const chain = Array.from({ length: 100_000 }, (_, i) => ({ name: `g${i}`, numChildren: 1 }));
    const metadata: FileMetadata = {
      schema: [{ name: 'root', numChildren: 2 }, ...chain, { name: 'deep', type: 1, numChildren: 0 }, { name: 'x', type: 1, repetition: 0, numChildren: 0 }],
      numRows: 0,
      rowGroups: [],
      keyValues: new Map(),
    };
    const plan = planNative(metadata, new Schema([new Field('x', new Int32(), false)]), ['x']);
    expect(plan).toMatchObject({ native: true, columns: [{ leaf: 1, physicalType: 1, optional: false }] });
  });
});

describe('RowGroupReader.skipRows', () => {
  // Skips that start on a page, end inside one, and run past several (pages hold about 40–120 rows).
  const SKIPS = [0, 1, 97, 333, 700];
  for (const file of ['snappy-v1.parquet', 'snappy-v2.parquet', 'no-dictionary.parquet']) {
    it(`passes over rows of ${file} to the generator’s next rows`, async () => {
      const path = fixture(file);
      const metadata = await readFooter(path);
      const schema = arrowSchema(metadata)!;
      const plan = planNative(metadata, schema, ['sex', 'label', 'score', 'name']);
      if (!plan.native) throw new Error(plan.reason);
      const reader = await RowGroupReader.open(path, metadata, plan.columns);
      try {
        for (const skip of SKIPS) {
          // Row group 1 holds rows 800 … 1599 of the table.
          await reader.start(1);
          reader.skipRows(skip);
          const batch = reader.batch(50);
          const rows = Array.from({ length: 50 }, (_, i) => 800 + skip + i);
          expect(rows.map((_, i) => batch.getChild('sex')!.get(i)), `skip ${skip}`).toEqual(rows.map(sex));
          expect(rows.map((_, i) => Number(batch.getChild('label')!.get(i)))).toEqual(rows.map(label));
          expect(rows.map((_, i) => batch.getChild('score')!.get(i))).toEqual(rows.map(score));
          expect(rows.map((_, i) => batch.getChild('name')!.get(i))).toEqual(rows.map(name));
          reader.consume(50);
        }
      } finally {
        await reader.close();
      }
    });
  }
});
