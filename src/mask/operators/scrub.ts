/**
 * `scrub`: free text with the identifiers inside it replaced (`[EMAIL]`, `[PHONE]`, … or a keyed
 * hash of each), the rest of the words kept, so a notes column stays readable and shareable.
 */
import type { Data, DataType } from 'apache-arrow';
import { scrubText, tagOf, type SpanOptions, type SpanReplacer } from '../spans.js';
import { hmacHex } from './hmac.js';
import { rewriteDistinct, rewrittenType, textOf, type ColumnOperator, type ColumnOutput } from './column.js';

/** Options of {@link scrubOperator}. */
export interface ScrubOptions extends SpanOptions {
  /** Write each span as `[KIND:<first 12 hex of its HMAC>]` (joins on a person survive) instead of its tag. Needs `key`. */
  key?: Buffer;
}

/**
 * An operator replacing the identifiers inside each text value. Each distinct value is scanned
 * once; values with nothing found are written as they are.
 */
export function scrubOperator(inputType: DataType, options: ScrubOptions = {}, dictionaryId?: number): ColumnOperator {
  const outputType = rewrittenType(inputType, dictionaryId);
  const cache = new WeakMap();
  const key = options.key;
  const replace: SpanReplacer = key ? (span, raw) => `[${span.kind}:${hmacHex(key, raw).slice(0, 12)}]` : tagOf;
  const spanOptions: SpanOptions = { dates: options.dates };
  return {
    op: 'scrub',
    outputType,
    needsPrePass: false,
    observe: () => undefined,
    apply: (data: Data): ColumnOutput => rewriteDistinct(data, outputType, (value) => scrubText(textOf(value, inputType), spanOptions, replace), cache),
  };
}
