import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HmacSha256 } from '../../src/mask/operators/hmac-kernel.js';
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
});
