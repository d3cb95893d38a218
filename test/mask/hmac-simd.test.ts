/**
 * The four-lane WebAssembly kernel and the JavaScript fallback both give node:crypto's HMAC for
 * every length class (lanes of different lengths in one group), key size and validity pattern, and
 * the committed module is what its WebAssembly text assembles to.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HmacSha256, hexColumn } from '../../src/mask/operators/hmac-kernel.js';
import { uniformStream } from '../../src/stats/rng.js';
import { MODULE_PATH, hmacModuleSource } from '../../scripts/build-hmac-wasm.js';

/** `length` pseudo-random bytes. */
function bytesOf(length: number, random: () => number): Buffer {
  return Buffer.from(Uint8Array.from({ length }, () => Math.floor(random() * 256)));
}

/** The rows as one Arrow-like buffer, starting `lead` bytes in (a chunk sliced from a larger one). */
function packed(rows: Buffer[], lead: number): { values: Uint8Array; from: Int32Array } {
  const from = new Int32Array(rows.length + 1);
  from[0] = lead;
  rows.forEach((row, i) => (from[i + 1] = from[i] + row.length));
  return { values: Buffer.concat([Buffer.alloc(lead, 0x2e), ...rows]), from };
}

const LENGTHS = [0, 1, 55, 56, 63, 64, 119, 120, 1000];

describe('HMAC-SHA-256 of a column, four values at a time', () => {
  it('runs in WebAssembly SIMD on this Node, and in JavaScript when asked', () => {
    expect(new HmacSha256(Buffer.from('k')).lanes).not.toBeNull();
    expect(new HmacSha256(Buffer.from('k'), { simd: false }).lanes).toBeNull();
  });

  for (const simd of [true, false]) {
    it(`equals createHmac for every length class, key size and validity pattern (${simd ? 'WebAssembly SIMD' : 'JavaScript'})`, () => {
      const random = uniformStream(21);
      const texts = LENGTHS.map((length) => bytesOf(length, random));
      texts.push(Buffer.from('Zoë Ñúñez-Øyvind 李小龍 🙂', 'utf8'), Buffer.from('ß'.repeat(40), 'utf8'));
      // Groups of four that mix a 1000-byte value with short ones, lengths in every order, and a count that is no multiple of four.
      const rows: Buffer[] = [];
      for (let i = 0; i < 7; i++) for (const text of i % 2 ? texts.slice().reverse() : texts) rows.push(text);
      rows.push(texts[2]);
      for (const keyLength of [0, 6, 64, 65, 200]) {
        const key = bytesOf(keyLength, random);
        const mac = new HmacSha256(key, { simd });
        for (const pattern of ['all', 'every third', 'none'] as const) {
          const valid = pattern === 'all' ? null : Uint8Array.from(rows, (_, i) => (pattern === 'none' ? 0 : i % 3 === 1 ? 0 : 1));
          const { values, from } = packed(rows, 5);
          const { hex, offsets } = hexColumn(mac, values, from, valid, rows.length);
          const expected = rows.map((row, i) => (valid === null || valid[i] ? createHmac('sha256', key).update(row).digest('hex') : ''));
          const actual = rows.map((_, i) => Buffer.from(hex.subarray(offsets[i], offsets[i + 1])).toString('latin1'));
          expect(actual).toEqual(expected);
        }
      }
    });
  }

  it('gives the same hashes through one module instance call after call, as its memory grows, and for a chunk with a value too long for it', () => {
    const random = uniformStream(22);
    const key = Buffer.from('grow-key');
    const mac = new HmacSha256(key);
    // 70,000 bytes is over the module's 16 KB limit: that chunk goes to the JavaScript kernel.
    for (const length of [3, 10_000, 70_000, 10]) {
      const rows = Array.from({ length: 9 }, (_, i) => bytesOf(i === 4 ? length : i, random));
      const { values, from } = packed(rows, 0);
      expect(mac.lanes!.hexRows(values, from, null, rows.length, new Uint8Array(64 * rows.length))).toBe(length <= 16_384);
      const { hex } = hexColumn(mac, values, from, null, rows.length);
      expect(Buffer.from(hex).toString('latin1')).toBe(rows.map((row) => createHmac('sha256', key).update(row).digest('hex')).join(''));
    }
  });

  it('serves many keys from one module instance: 10,000 hashed columns, each under its own key, hashed in turn', () => {
    const rows = [Buffer.from('alice@example.com'), Buffer.from('bob@example.com')];
    const { values, from } = packed(rows, 0);
    const wrong: number[] = [];
    for (let c = 0; c < 10_000; c++) {
      const key = Buffer.from(`key-of-column-${c}`);
      const { hex } = hexColumn(new HmacSha256(key), values, from, null, rows.length);
      if (Buffer.from(hex).toString('latin1') !== rows.map((row) => createHmac('sha256', key).update(row).digest('hex')).join('')) wrong.push(c);
    }
    expect(wrong).toEqual([]);
  });

  it('ships the module its WebAssembly text assembles to (npx tsx scripts/build-hmac-wasm.ts regenerates it)', async () => {
    expect(readFileSync(MODULE_PATH, 'utf8')).toBe(await hmacModuleSource());
  });
});
