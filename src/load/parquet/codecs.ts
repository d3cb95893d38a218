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

/**
 * The decoder's WebAssembly exports (the zstd C API and its allocator), caught as zstddec starts
 * it: decoding through them into regions kept from page to page saves zstddec's allocation of a
 * fresh array per page, which with a float column's thousand pages of incompressible bytes cost
 * as much again as the decoding, mostly in garbage collection. Undefined (zstddec's own decode
 * is used) if the module turns out not to have them.
 */
interface ZstdExports {
  memory: { readonly buffer: ArrayBuffer };
  malloc(bytes: number): number;
  free(pointer: number): void;
  ZSTD_decompress(destination: number, capacity: number, source: number, size: number): number;
}
let zstdExports: ZstdExports | undefined;

/** Prepares the decoder of `codec` (Zstandard's WebAssembly module loads on first use). */
export async function loadCodec(codec: number): Promise<void> {
  if (codec !== Codec.zstd || zstdDecoder) return;
  zstdLoading ??= import('zstddec').then(async ({ ZSTDDecoder }) => {
    const decoder = new ZSTDDecoder();
    // zstddec's init() hands the instantiated module to this._init, a public method.
    const init = decoder._init.bind(decoder);
    decoder._init = (result: Parameters<ZSTDDecoder['_init']>[0]) => {
      zstdExports = zstdExportsOf(result.instance);
      init(result);
    };
    await decoder.init();
    return decoder;
  });
  zstdDecoder = await zstdLoading;
}

function zstdExportsOf(instance: { exports: object }): ZstdExports | undefined {
  const e = instance.exports as Partial<Record<keyof ZstdExports, unknown>>;
  const memory = e.memory as { buffer?: unknown } | undefined;
  const ok = memory?.buffer instanceof ArrayBuffer && typeof e.malloc === 'function' && typeof e.free === 'function' && typeof e.ZSTD_decompress === 'function';
  return ok ? (e as ZstdExports) : undefined;
}

/** The compressed input and decompressed output regions in the decoder's memory, shared by every page. */
const zstdRegions = { input: 0, inputBytes: 0, output: 0, outputBytes: 0 };

/** A region of at least `bytes` in the decoder's memory, in place of `pointer` (of `had` bytes) when larger. */
function zstdRegion(z: ZstdExports, pointer: number, had: number, bytes: number): number {
  if (had >= bytes && pointer !== 0) return pointer;
  if (pointer !== 0) z.free(pointer);
  const fresh = z.malloc(Math.max(bytes, 1));
  if (fresh === 0) throw new Error(`the Zstandard decoder could not allocate ${bytes} bytes`);
  return fresh;
}

/**
 * `input` decompressed into `output` (exactly `output.length` bytes) through the decoder's
 * exports; the output is copied out before returning, so pages of any column may follow.
 */
function zstdDecompressInto(z: ZstdExports, input: Uint8Array, output: Uint8Array): Uint8Array {
  const r = zstdRegions;
  r.input = zstdRegion(z, r.input, r.inputBytes, input.length);
  r.inputBytes = Math.max(r.inputBytes, input.length);
  r.output = zstdRegion(z, r.output, r.outputBytes, output.length);
  r.outputBytes = Math.max(r.outputBytes, output.length);
  // The memory's buffer is read after each allocation: growing the memory replaces it.
  new Uint8Array(z.memory.buffer).set(input, r.input);
  const written = z.ZSTD_decompress(r.output, output.length, r.input, input.length);
  // An error comes back as a negative size (zstd's error codes near 2^32, as a signed i32).
  if (written !== output.length) throw new Error(`a page decompressed to ${written < 0 ? 0 : written} bytes, its header says ${output.length}`);
  output.set(new Uint8Array(z.memory.buffer, r.output, output.length));
  return output;
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
        if (!zstdExports) return exactly(zstdDecoder.decode(input, size), size);
        if (size > this.buffer.length) this.buffer = new Uint8Array(Math.max(size, this.buffer.length * 2));
        return zstdDecompressInto(zstdExports, input, this.buffer.subarray(0, size));
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
