/**
 * Snappy's raw block format, decompression only (github.com/google/snappy, format_description.txt):
 * a varint of the decompressed length, then literals and back-references to bytes already written.
 */

/** Decompresses `input` into `output`, which must be exactly the decompressed length; returns `output`. */
export function snappyDecompress(input: Uint8Array, output: Uint8Array): Uint8Array {
  let pos = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= input.length || shift > 28) throw new Error('snappy: bad length header');
    const b = input[pos++];
    // The fifth byte may add 4 bits at most: a block holds less than 2^32 bytes.
    if (shift === 28 && b > 0x0f) throw new Error('snappy: bad length header');
    length |= (b & 0x7f) << shift;
    if (b < 0x80) break;
  }
  if (length >>> 0 !== output.length) throw new Error(`snappy: the block holds ${length >>> 0} bytes, the page header says ${output.length}`);
  let out = 0;
  while (pos < input.length) {
    const tag = input[pos++];
    const kind = tag & 3;
    if (kind === 0) {
      // A literal: its length - 1 in the tag's upper bits, or in the 1–4 bytes after it.
      let size = tag >>> 2;
      if (size >= 60) {
        const extra = size - 59;
        if (pos + extra > input.length) throw new Error('snappy: truncated literal length');
        size = 0;
        for (let i = 0; i < extra; i++) size |= input[pos + i] << (8 * i);
        size >>>= 0;
        pos += extra;
      }
      size += 1;
      if (pos + size > input.length || out + size > output.length) throw new Error('snappy: a literal runs past the block');
      if (size > 32) {
        output.set(input.subarray(pos, pos + size), out);
        pos += size;
        out += size;
      } else {
        for (let i = 0; i < size; i++) output[out++] = input[pos++];
      }
      continue;
    }
    let size: number;
    let offset: number;
    if (kind === 1) {
      if (pos >= input.length) throw new Error('snappy: truncated copy');
      size = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | input[pos++];
    } else if (kind === 2) {
      if (pos + 2 > input.length) throw new Error('snappy: truncated copy');
      size = (tag >>> 2) + 1;
      offset = input[pos] | (input[pos + 1] << 8);
      pos += 2;
    } else {
      if (pos + 4 > input.length) throw new Error('snappy: truncated copy');
      size = (tag >>> 2) + 1;
      offset = (input[pos] | (input[pos + 1] << 8) | (input[pos + 2] << 16) | (input[pos + 3] << 24)) >>> 0;
      pos += 4;
    }
    if (offset === 0 || offset > out || out + size > output.length) throw new Error('snappy: a copy points outside the block');
    if (offset >= size && size > 32) {
      output.copyWithin(out, out - offset, out - offset + size);
      out += size;
    } else {
      // Byte by byte, so an overlapping copy repeats the last `offset` bytes as it should.
      for (let i = 0; i < size; i++, out++) output[out] = output[out - offset];
    }
  }
  if (out !== output.length) throw new Error('snappy: the block ends early');
  return output;
}
