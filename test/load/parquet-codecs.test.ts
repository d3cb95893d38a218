import { describe, expect, it } from 'vitest';
import { ZSTDDecoder } from 'zstddec';
import { loadCodec, PageDecompressor } from '../../src/load/parquet/codecs.js';
import { Codec } from '../../src/load/parquet/metadata.js';

/** A Zstandard frame written by hand: single segment, 1-byte content size, the given blocks. */
function zstdFrame(size: number, blocks: { type: 'raw' | 'rle'; bytes: number[]; repeat?: number }[]): Uint8Array {
  const out = [0x28, 0xb5, 0x2f, 0xfd, 0x20, size];
  blocks.forEach((b, i) => {
    const length = b.type === 'raw' ? b.bytes.length : b.repeat!;
    const header = (length << 3) | ((b.type === 'raw' ? 0 : 1) << 1) | (i === blocks.length - 1 ? 1 : 0);
    out.push(header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff, ...b.bytes);
  });
  return Uint8Array.from(out);
}

describe('Zstandard pages', () => {
  it('decompress to the bytes the frame holds, page after page of any size, as zstddec decodes them', async () => {
    await loadCodec(Codec.zstd);
    const pages = new PageDecompressor(Codec.zstd);
    const reference = new ZSTDDecoder();
    await reference.init();
    for (const n of [5, 200, 17]) {
      const raw = Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const frame = zstdFrame(n + 9, [
        { type: 'raw', bytes: raw },
        { type: 'rle', bytes: [0xab], repeat: 9 },
      ]);
      const want = [...raw, ...Array(9).fill(0xab)];
      expect(Array.from(pages.decompress(frame, n + 9))).toEqual(want);
      expect(Array.from(reference.decode(frame, n + 9))).toEqual(want);
    }
  });

  it('refuses a damaged frame, or a size other than the page header gives', async () => {
    await loadCodec(Codec.zstd);
    const pages = new PageDecompressor(Codec.zstd);
    const frame = zstdFrame(4, [{ type: 'raw', bytes: [1, 2, 3, 4] }]);
    expect(() => pages.decompress(frame.subarray(0, frame.length - 2), 4)).toThrow(/decompressed to 0 bytes, its header says 4/);
    expect(() => pages.decompress(frame, 6)).toThrow(/its header says 6/);
    // Still whole after the errors.
    expect(Array.from(pages.decompress(frame, 4))).toEqual([1, 2, 3, 4]);
  });
});
