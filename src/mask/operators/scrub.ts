/**
 * `scrub`: free text with the identifiers inside it replaced (`[EMAIL]`, `[PHONE]`, … or a keyed
 * hash of each), the rest of the words kept, so a notes column stays readable and shareable.
 */
import { DataType, Vector, makeData, type Data, type Dictionary, type Int32, type Utf8 } from 'apache-arrow';
import { scrubText, tagOf, type SpanOptions, type SpanReplacer } from '../spans.js';
import { hmacHex } from './hmac.js';
import { isValidAt, textOf } from '../../arrow/cells.js';
import { rebuildValidity, rewriteDistinct, rewrittenType, type ColumnOperator, type ColumnOutput } from './column.js';

/** Options of {@link scrubOperator}. */
export interface ScrubOptions extends SpanOptions {
  /** Write each span as `[KIND:<first 12 hex of its HMAC>]` (joins on a person survive) instead of its tag. Needs `key`. */
  key?: Buffer;
}

/**
 * An operator replacing the identifiers inside each text value; values with nothing found are
 * written as they are. Dictionary input scans each distinct value once; plain text (where notes
 * are nearly all distinct) is scanned row by row without a map of distinct values, which at a
 * million notes costs more than the scan itself.
 */
export function scrubOperator(inputType: DataType, options: ScrubOptions = {}, dictionaryId?: number): ColumnOperator {
  const outputType = rewrittenType(inputType, dictionaryId);
  const cache = new WeakMap();
  const key = options.key;
  const replace: SpanReplacer = key ? (span, raw) => `[${span.kind}:${hmacHex(key, raw).slice(0, 12)}]` : tagOf;
  const spanOptions: SpanOptions = { dates: options.dates };
  const scrub = (text: string) => scrubText(text, spanOptions, replace);
  return {
    op: 'scrub',
    outputType,
    needsPrePass: false,
    observe: () => undefined,
    apply: (data: Data): ColumnOutput => {
      if (DataType.isUtf8(data.type) && data.valueOffsets instanceof Int32Array) return scrubRows(data, outputType as Dictionary<Utf8, Int32>, scrub);
      return rewriteDistinct(data, outputType, (value) => scrub(textOf(value, inputType)), cache);
    },
  };
}

/**
 * Plain text, row by row: each row's text is its own dictionary entry (code i for row i); a row
 * with nothing to replace has its bytes copied as they are.
 */
function scrubRows(data: Data, outputType: Dictionary<Utf8, Int32>, scrub: (text: string) => string): ColumnOutput {
  const n = data.length;
  const offsets = data.valueOffsets as Int32Array;
  const values = data.values as Uint8Array;
  const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  let out = Buffer.allocUnsafe(Math.max(64, offsets[n] - offsets[0] + 1024));
  const outOffsets = new Int32Array(n + 1);
  const codes = new Int32Array(n);
  let at = 0;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    codes[i] = i;
    if (isValidAt(data, i)) {
      const start = offsets[i];
      const end = offsets[i + 1];
      const text = bytes.toString('utf8', start, end);
      const scrubbed = scrub(text);
      const need = scrubbed === text ? end - start : scrubbed.length * 3;
      if (at + need > out.length) {
        const grown = Buffer.allocUnsafe(Math.max(out.length * 2, at + need));
        out.copy(grown, 0, 0, at);
        out = grown;
      }
      if (scrubbed === text) at += bytes.copy(out, at, start, end);
      else {
        at += out.write(scrubbed, at, 'utf8');
        changed++;
      }
    }
    outOffsets[i + 1] = at;
  }
  const dictionary = new Vector([makeData({ type: outputType.dictionary, length: n, nullCount: 0, valueOffsets: outOffsets, data: out.subarray(0, at) })]);
  let nullBitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
  let nullCount = Math.max(0, data.nullCount);
  if (nullBitmap && data.offset !== 0) {
    const rebuilt = rebuildValidity(data, () => true);
    nullBitmap = rebuilt.bitmap;
    nullCount = rebuilt.nullCount;
  }
  return { data: makeData({ type: outputType, offset: 0, length: n, nullCount, nullBitmap, data: codes, dictionary }), changed };
}
