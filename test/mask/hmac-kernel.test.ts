import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HmacSha256, hexColumn } from '../../src/mask/operators/hmac-kernel.js';
import { uniformStream } from '../../src/stats/rng.js';

/** `length` pseudo-random bytes. */
function bytesOf(length: number, random: () => number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

describe('HMAC-SHA-256 kernel', () => {
  it('equals node:crypto createHmac for every message length around the block and padding edges, and for short, block-sized and long keys', () => {
    const random = uniformStream(11);
    // Lengths 0–200 cross 55/56 (padding spills into a second block), 64, 119/120 and 128.
    for (const keyLength of [0, 1, 32, 63, 64, 65, 200]) {
      const key = Buffer.from(bytesOf(keyLength, random));
      const mac = new HmacSha256(key);
      for (let length = 0; length <= 200; length++) {
        const message = bytesOf(length, random);
        const out = new Uint8Array(64);
        mac.hexInto(message, 0, length, out, 0);
        expect(Buffer.from(out).toString('latin1')).toBe(createHmac('sha256', key).update(message).digest('hex'));
      }
    }
  });

  it('hashes a slice of a larger buffer and writes at an offset, leaving the bytes around it alone', () => {
    const key = Buffer.from('secret');
    const text = Buffer.from('xxalice@example.comyy');
    const out = new Uint8Array(70).fill(0x2e);
    new HmacSha256(key).hexInto(text, 2, 19, out, 3);
    expect(Buffer.from(out.subarray(3, 67)).toString('latin1')).toBe(createHmac('sha256', key).update('alice@example.com').digest('hex'));
    expect([...out.subarray(0, 3), ...out.subarray(67)]).toEqual([0x2e, 0x2e, 0x2e, 0x2e, 0x2e, 0x2e]);
  });

  it('hashes a column row by row into one hex buffer, skipping invalid rows, as createHmac does value by value', () => {
    const random = uniformStream(12);
    const key = Buffer.from('column-key');
    // Every length class: empty, one byte, the padding edges of one and two blocks, several blocks, and multi-byte UTF-8.
    const texts = [0, 1, 55, 56, 63, 64, 119, 120, 1000].map((length) => Buffer.from(bytesOf(length, random)));
    texts.push(Buffer.from('Zoë Ñúñez-Øyvind 李小龍 🙂', 'utf8'));
    const rows = [...texts, ...texts.slice().reverse()];
    const valid = Uint8Array.from(rows, (_, i) => (i % 4 === 3 ? 0 : 1));
    const from = new Int32Array(rows.length + 1);
    rows.forEach((row, i) => (from[i + 1] = from[i] + row.length));
    const values = Buffer.concat(rows);
    const { hex, offsets } = hexColumn(new HmacSha256(key), values, from, valid, rows.length);
    const expected = rows.map((row, i) => (valid[i] ? createHmac('sha256', key).update(row).digest('hex') : ''));
    const actual = rows.map((_, i) => Buffer.from(hex.subarray(offsets[i], offsets[i + 1])).toString('latin1'));
    expect(actual).toEqual(expected);
    expect(hex.length).toBe(64 * expected.filter((h) => h !== '').length);
  });
});
