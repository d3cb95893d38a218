/**
 * Page decompression for the codecs the native reader supports: none, Snappy (./snappy.ts), gzip
 * and Brotli (node:zlib) and Zstandard (zstddec: the reference C decoder as a 60 KB WebAssembly
 * module; Node 20's zlib has no zstd, and the pure-JavaScript fzstd measured 40× slower on
 * Parquet's small pages). LZO and the two LZ4 framings go through parquet-wasm instead.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { ZSTDDecoder } from 'zstddec';
import { Codec } from './metadata.js';
import { snappyDecompress } from './snappy.js';

/** Whether pages compressed with `codec` can be read here. */
export function isSupportedCodec(codec: number): boolean {
  return codec === Codec.uncompressed || codec === Codec.snappy || codec === Codec.gzip || codec === Codec.brotli || codec === Codec.zstd;
}

/** The Zstandard decoder once loaded, and its loading. */
let zstdDecoder: ZSTDDecoder | undefined;
let zstdLoading: Promise<ZSTDDecoder> | undefined;

/** Prepares the decoder of `codec` (Zstandard's WebAssembly module loads on first use). */
export async function loadCodec(codec: number): Promise<void> {
  if (codec !== Codec.zstd || zstdDecoder) return;
  zstdLoading ??= import('zstddec').then(async ({ ZSTDDecoder }) => {
    const decoder = new ZSTDDecoder();
    await decoder.init();
    return decoder;
  });
  zstdDecoder = await zstdLoading;
}

/**
 * Decompresses pages into one reused buffer: a page's bytes are decoded before the next page is
 * decompressed, so fresh memory (and its page faults) is only taken when a page is larger.
 */
export class PageDecompressor {
  private buffer = new Uint8Array(0);

  constructor(readonly codec: number) {}

  /** The `size` decompressed bytes of `input`, valid until the next call. */
  decompress(input: Uint8Array, size: number): Uint8Array {
    switch (this.codec) {
      case Codec.uncompressed:
        return input;
      case Codec.snappy:
        if (size > this.buffer.length) this.buffer = new Uint8Array(Math.max(size, this.buffer.length * 2));
        return snappyDecompress(input, this.buffer.subarray(0, size));
      case Codec.zstd:
        if (!zstdDecoder) throw new Error('the Zstandard decoder is not loaded (loadCodec)');
        return exactly(zstdDecoder.decode(input, size), size);
      case Codec.gzip:
        return exactly(gunzipSync(input), size);
      case Codec.brotli:
        return exactly(brotliDecompressSync(input), size);
      default:
        throw new Error(`codec ${this.codec} is not supported`);
    }
  }
}

function exactly(bytes: Uint8Array, size: number): Uint8Array {
  if (bytes.length !== size) throw new Error(`a page decompressed to ${bytes.length} bytes, its header says ${size}`);
  return bytes;
}
