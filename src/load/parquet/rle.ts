/**
 * Parquet's RLE / bit-packing hybrid (Encoding.md): runs of one repeated value, and groups of eight
 * values packed `bitWidth` bits each, least significant bit first. Dictionary indices, definition
 * levels and RLE booleans use it.
 */

/** The widest values the format has (dictionary indices and levels are 32-bit integers). */
export const MAX_BIT_WIDTH = 32;

/**
 * Decodes `count` values of `bitWidth` bits from `bytes[start … end)` into `out[at …]`. Returns
 * the offset after the last run read. Throws when the runs end before `count` values.
 */
export function decodeHybrid(bytes: Uint8Array, start: number, end: number, bitWidth: number, out: Int32Array, at: number, count: number): number {
  if (bitWidth > MAX_BIT_WIDTH) throw new Error(`bit width ${bitWidth} is wider than ${MAX_BIT_WIDTH}`);
  const mask = bitWidth === 32 ? -1 : (1 << bitWidth) - 1;
  const valueBytes = (bitWidth + 7) >> 3;
  let pos = start;
  const stop = at + count;
  while (at < stop) {
    if (pos >= end) throw new Error('RLE runs end before the page’s values');
    // The run header: a ULEB128 varint.
    let header = 0;
    let scale = 1;
    let b: number;
    do {
      b = bytes[pos++];
      header += (b & 0x7f) * scale;
      scale *= 128;
    } while (b >= 0x80 && pos < end);
    if (b >= 0x80) throw new Error('a run header is cut off');
    if (header % 2 === 0) {
      const runLength = Math.min(header / 2, stop - at);
      if (pos + valueBytes > end) throw new Error('an RLE run’s value runs past the page');
      let value = 0;
      for (let i = 0; i < valueBytes; i++) value |= bytes[pos + i] << (8 * i);
      pos += valueBytes;
      out.fill(value, at, at + runLength);
      at += runLength;
      continue;
    }
    const groups = (header - 1) / 2;
    const runEnd = pos + groups * bitWidth;
    if (runEnd > end) throw new Error('a bit-packed run ends past the page');
    const n = Math.min(groups * 8, stop - at);
    let i = 0;
    if (bitWidth >= 1 && bitWidth <= 4) {
      // A group of eight values fits one 32-bit word.
      for (let p = pos; i + 8 <= n; i += 8, p += bitWidth) {
        let word = bytes[p];
        if (bitWidth > 1) word |= bytes[p + 1] << 8;
        if (bitWidth > 2) word |= bytes[p + 2] << 16;
        if (bitWidth > 3) word |= bytes[p + 3] << 24;
        const o = at + i;
        out[o] = word & mask;
        out[o + 1] = (word >>> bitWidth) & mask;
        out[o + 2] = (word >>> (2 * bitWidth)) & mask;
        out[o + 3] = (word >>> (3 * bitWidth)) & mask;
        out[o + 4] = (word >>> (4 * bitWidth)) & mask;
        out[o + 5] = (word >>> (5 * bitWidth)) & mask;
        out[o + 6] = (word >>> (6 * bitWidth)) & mask;
        out[o + 7] = word >>> (7 * bitWidth);
      }
    }
    // The rest (wider values, a last part-group): rarer, kept out of this loop so it compiles small.
    if (i < n) unpackRest(bytes, pos, runEnd, bitWidth, out, at, i, n);
    at += n;
    pos = runEnd;
  }
  return pos;
}

/**
 * Values `i … n` of a bit-packed run starting at `bytes[pos]` (ending at `runEnd`), `i` a multiple
 * of eight, into `out[at + i …]`.
 */
function unpackRest(bytes: Uint8Array, pos: number, runEnd: number, bitWidth: number, out: Int32Array, at: number, i: number, n: number): void {
  if (bitWidth > 24) {
    // A value spans up to five bytes: read them as a double, exact below 2^53.
    for (let bit = i * bitWidth; i < n; i++, bit += bitWidth) {
      let word = 0;
      for (let k = 4; k >= 0; k--) word = word * 256 + (pos + (bit >> 3) + k < runEnd ? bytes[pos + (bit >> 3) + k] : 0);
      out[at + i] = Math.floor(word / 2 ** (bit & 7)) % 2 ** bitWidth;
    }
    return;
  }
  const mask = (1 << bitWidth) - 1;
  if (bitWidth > 4) {
    // Each value lies within the four bytes from the one it starts in (width ≤ 24, shift ≤ 7):
    // read them as one word while all four are inside the run.
    const last = runEnd - pos - 4;
    for (let bit = i * bitWidth; i < n && bit >> 3 <= last; i++, bit += bitWidth) {
      const p = pos + (bit >> 3);
      const word = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24);
      out[at + i] = (word >>> (bit & 7)) & mask;
    }
    i -= i % 8;
  }
  let buffer = 0;
  let bits = 0;
  let p = pos + (i / 8) * bitWidth;
  for (; i < n; i++) {
    while (bits < bitWidth) {
      buffer |= bytes[p++] << bits;
      bits += 8;
    }
    out[at + i] = buffer & mask;
    buffer >>>= bitWidth;
    bits -= bitWidth;
  }
}
