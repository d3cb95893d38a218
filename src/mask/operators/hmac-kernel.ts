/**
 * HMAC-SHA-256 over bytes already in an Arrow buffer, written as hex straight into an output
 * buffer. `createHmac` per value costs a key schedule, two hash objects and a hex string each
 * time; here the key's inner and outer SHA-256 states are computed once (RFC 2104: H((K ⊕ opad) ‖
 * H((K ⊕ ipad) ‖ m)) starts from the state after one block of K ⊕ pad), and each value costs the
 * compressions of its own bytes plus one for the outer hash, with no allocation.
 */
import { createHash } from 'node:crypto';

const BLOCK = 64;

/** SHA-256 round constants (FIPS 180-4 §4.2.2). */
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 initial hash value (FIPS 180-4 §5.3.3). */
const H0 = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

/** Lowercase hex digits as ASCII codes. */
const HEX = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * A keyed HMAC-SHA-256 whose output equals `createHmac('sha256', key)` for every message.
 *
 * @example
 * const mac = new HmacSha256(Buffer.from('secret'));
 * mac.hexInto(bytes, 0, bytes.length, out, 0); // 64 hex characters written at out[0..64)
 */
export class HmacSha256 {
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly state = new Int32Array(8);
  private readonly w = new Int32Array(64);
  private readonly block = new Uint8Array(BLOCK);

  constructor(key: Uint8Array) {
    // Keys longer than a block are hashed first (RFC 2104 §2); shorter ones are zero-padded.
    const k = new Uint8Array(BLOCK);
    k.set(key.length > BLOCK ? createHash('sha256').update(key).digest() : key);
    const pad = new Uint8Array(BLOCK);
    for (let i = 0; i < BLOCK; i++) pad[i] = k[i] ^ 0x36;
    this.inner.set(H0);
    this.compress(this.inner, pad, 0);
    for (let i = 0; i < BLOCK; i++) pad[i] = k[i] ^ 0x5c;
    this.outer.set(H0);
    this.compress(this.outer, pad, 0);
  }

  /** Writes the 64 hex characters of the HMAC of `message[start, end)` at `out[at]`. */
  hexInto(message: Uint8Array, start: number, end: number, out: Uint8Array, at: number): void {
    const state = this.state;
    state.set(this.inner);
    // The inner hash has already consumed one block (the padded key).
    this.finish(state, message, start, end, BLOCK);
    // Outer message: the 32-byte inner digest, padded in one block (total length 64 + 32 bytes).
    const block = this.block;
    for (let i = 0; i < 8; i++) {
      const v = state[i];
      block[4 * i] = v >>> 24;
      block[4 * i + 1] = (v >>> 16) & 0xff;
      block[4 * i + 2] = (v >>> 8) & 0xff;
      block[4 * i + 3] = v & 0xff;
    }
    block[32] = 0x80;
    block.fill(0, 33, 62);
    block[62] = ((BLOCK + 32) * 8) >>> 8;
    block[63] = ((BLOCK + 32) * 8) & 0xff;
    state.set(this.outer);
    this.compress(state, block, 0);
    for (let i = 0; i < 8; i++) {
      const v = state[i];
      for (let shift = 28, j = at + 8 * i; shift >= 0; shift -= 4, j++) out[j] = HEX[(v >>> shift) & 15];
    }
  }

  /** Hashes `message[start, end)` into `state`, `prefix` bytes having been hashed before it. */
  private finish(state: Int32Array, message: Uint8Array, start: number, end: number, prefix: number): void {
    let p = start;
    while (end - p >= BLOCK) {
      this.compress(state, message, p);
      p += BLOCK;
    }
    const block = this.block;
    const rest = end - p;
    for (let i = 0; i < rest; i++) block[i] = message[p + i];
    block[rest] = 0x80;
    if (rest >= 56) {
      block.fill(0, rest + 1, BLOCK);
      this.compress(state, block, 0);
      block.fill(0, 0, 56);
    } else {
      block.fill(0, rest + 1, 56);
    }
    // Message length in bits, big-endian in the last 8 bytes (lengths here stay far below 2^53).
    const bits = (prefix + end - start) * 8;
    const high = Math.floor(bits / 0x100000000);
    const low = bits >>> 0;
    block[56] = high >>> 24;
    block[57] = (high >>> 16) & 0xff;
    block[58] = (high >>> 8) & 0xff;
    block[59] = high & 0xff;
    block[60] = low >>> 24;
    block[61] = (low >>> 16) & 0xff;
    block[62] = (low >>> 8) & 0xff;
    block[63] = low & 0xff;
    this.compress(state, block, 0);
  }

  /** The SHA-256 compression function on the 64 bytes at `bytes[at]` (FIPS 180-4 §6.2.2). */
  private compress(state: Int32Array, bytes: Uint8Array, at: number): void {
    const w = this.w;
    for (let i = 0; i < 16; i++) {
      const j = at + 4 * i;
      w[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15];
      const y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = state[0];
    let b = state[1];
    let c = state[2];
    let d = state[3];
    let e = state[4];
    let f = state[5];
    let g = state[6];
    let h = state[7];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    state[0] = (state[0] + a) | 0;
    state[1] = (state[1] + b) | 0;
    state[2] = (state[2] + c) | 0;
    state[3] = (state[3] + d) | 0;
    state[4] = (state[4] + e) | 0;
    state[5] = (state[5] + f) | 0;
    state[6] = (state[6] + g) | 0;
    state[7] = (state[7] + h) | 0;
  }
}

/** Hex HMACs of a column's values: `hex` holds 64 bytes per valid row, row i at `offsets[i]`. */
export interface HexColumn {
  hex: Uint8Array;
  offsets: Int32Array;
}

/**
 * The hex HMAC of every valid row of a string column, laid out as an Arrow Utf8 buffer: row `i`
 * is `values[from[i], from[i + 1])`, valid when `valid` is null or `valid[i]` is 1; an invalid
 * row gets no bytes. The one loop both the main thread and the hashing threads run.
 */
export function hexColumn(mac: HmacSha256, values: Uint8Array, from: Int32Array, valid: Uint8Array | null, n: number): HexColumn {
  const offsets = new Int32Array(n + 1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (valid === null || valid[i] === 1) count++;
    offsets[i + 1] = count * HEX_LENGTH;
  }
  const hex = new Uint8Array(count * HEX_LENGTH);
  for (let i = 0, at = 0; i < n; i++) {
    if (valid !== null && valid[i] !== 1) continue;
    mac.hexInto(values, from[i], from[i + 1], hex, at);
    at += HEX_LENGTH;
  }
  return { hex, offsets };
}

const HEX_LENGTH = 64;
