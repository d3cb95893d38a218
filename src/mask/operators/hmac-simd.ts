/**
 * HMAC-SHA-256 of a column's values four at a time, one value per lane of WebAssembly SIMD
 * (./hmac-simd.wat, assembled into ./hmac-simd-module.ts). JavaScript and WebAssembly cannot reach
 * the CPU's SHA instructions; four lanes of 32-bit vector arithmetic are the next best thing: per
 * value about a third of the time of the JavaScript kernel (./hmac-kernel.ts), which remains the
 * fallback where WebAssembly SIMD is missing.
 */
import { HMAC_SIMD_MODULE } from './hmac-simd-module.js';

/** Where the module's own memory ends and the rows of a call begin (see hmac-simd.wat). */
const BASE = 4096;
/** Where the module reads the key's inner and outer states. */
const INNER_AT = 512;
const OUTER_AT = 544;
/**
 * Chunks this module leaves to the JavaScript kernel: a value longer than LONGEST_VALUE bytes
 * (each of the four lanes pads into scratch space as long as the longest value), or a call that
 * would need more than MAX_BYTES of module memory. Module memory never shrinks, so these bound
 * what a thread keeps: typical chunks (65,536 e-mail addresses) need about 7 MB.
 */
const LONGEST_VALUE = 16_384;
const MAX_BYTES = 64 << 20;
const PAGE = 65536;

/** The part of the WebAssembly API used here (the project's TypeScript libraries do not declare it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

interface HmacExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  hex_rows(values: number, from: number, valid: number, n: number, out: number, scratch: number, stride: number): void;
}

let compiled: { wasm: WasmApi; module: object } | null | undefined;
let instance: HmacExports | undefined;

/** The compiled module, or null where WebAssembly SIMD is missing (compiled once per thread). */
function simdModule(): { wasm: WasmApi; module: object } | null {
  if (compiled === undefined) {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    const bytes = Buffer.from(HMAC_SIMD_MODULE, 'base64');
    compiled = wasm && wasm.validate(bytes) ? { wasm, module: new wasm.Module(bytes) } : null;
  }
  return compiled;
}

/**
 * The one instance of the module on this thread, made on first use: every key and column shares
 * it (a mask of 10,000 hashed columns must not reserve 10,000 WebAssembly memories).
 */
function sharedInstance(): HmacExports {
  const { wasm, module } = simdModule()!;
  instance ??= new wasm.Instance(module, {}).exports as HmacExports;
  return instance;
}

/**
 * The four-lane hasher of one key, given its inner and outer SHA-256 states (RFC 2104: the states
 * after one block of the padded key xor ipad and opad).
 *
 * @example
 * const lanes = HmacLanes.create(inner, outer); // null without WebAssembly SIMD
 * lanes?.hexRows(values, from, null, n, hex);
 */
export class HmacLanes {
  private constructor(
    private readonly inner: Int32Array,
    private readonly outer: Int32Array,
  ) {}

  /** A hasher for the key whose states these are, or null where WebAssembly SIMD is missing. */
  static create(inner: Int32Array, outer: Int32Array): HmacLanes | null {
    return simdModule() === null ? null : new HmacLanes(inner, outer);
  }

  /**
   * Writes the hex HMAC of each valid row `i` (`values[from[i], from[i + 1])`, valid when `valid`
   * is null or `valid[i]` is 1) into `hex`, 64 bytes per valid row in row order. Returns false,
   * writing nothing, for a chunk left to the JavaScript kernel (a value over 16 KB, or over 64 MB
   * of memory needed).
   */
  hexRows(values: Uint8Array, from: Int32Array, valid: Uint8Array | null, n: number, hex: Uint8Array): boolean {
    const first = from[0];
    let longest = 0;
    for (let i = 0; i < n; i++) longest = Math.max(longest, from[i + 1] - from[i]);
    if (longest > LONGEST_VALUE) return false;
    // Each lane pads its value into a scratch space of whole blocks: the bytes, 0x80 and the length.
    const stride = ((longest + 72) >>> 6) << 6;
    const valuesAt = BASE;
    const fromAt = align(valuesAt + from[n] - first);
    const validAt = fromAt + 4 * (n + 1);
    const outAt = align(validAt + (valid === null ? 0 : n));
    const scratchAt = align(outAt + hex.length);
    const end = scratchAt + 4 * stride;
    if (end > MAX_BYTES) return false;
    const exports = sharedInstance();
    const memory = exports.memory;
    if (memory.buffer.byteLength < end) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
    const bytes = new Uint8Array(memory.buffer);
    // The instance is shared: this key's states go in with every call.
    const words = new Int32Array(memory.buffer, 0, BASE / 4);
    words.set(this.inner, INNER_AT / 4);
    words.set(this.outer, OUTER_AT / 4);
    bytes.set(values.subarray(first, from[n]), valuesAt);
    new Int32Array(memory.buffer, fromAt, n + 1).set(from.subarray(0, n + 1));
    if (valid !== null) bytes.set(valid.subarray(0, n), validAt);
    // The offsets are used as they are, so the values' start is moved back by the first of them.
    exports.hex_rows(valuesAt - first, fromAt, valid === null ? 0 : validAt, n, outAt, scratchAt, stride);
    hex.set(bytes.subarray(outAt, outAt + hex.length));
    return true;
  }
}

/** `at` rounded up to a multiple of 16 (the module's vector loads need no more). */
function align(at: number): number {
  return (at + 15) & ~15;
}
