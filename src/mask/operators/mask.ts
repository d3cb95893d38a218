/** `mask`: keep the last n characters of each value, `*` for the rest (`****5678`). */
import type { Data, DataType } from 'apache-arrow';
import { textOf } from '../../arrow/cells.js';
import { rewriteDistinct, rewrittenType, type ColumnOperator, type ColumnOutput } from './column.js';

const SURROGATE = /[\uD800-\uDFFF]/;

/** Trailing characters `mask` leaves visible unless the rule sets `keep`. */
export const DEFAULT_MASK_KEEP = 4;

/**
 * `text` with all but its last `keep` characters (code points) replaced by `*`. A value no longer
 * than `keep` is masked whole: showing all of it would mask nothing.
 *
 * @example
 * maskText('4111111111111111', 4) // '************1111'
 */
export function maskText(text: string, keep: number): string {
  // Without surrogate pairs every UTF-16 unit is one code point, so plain slicing counts right.
  if (!SURROGATE.test(text)) {
    if (text.length <= keep) return '*'.repeat(text.length);
    return '*'.repeat(text.length - keep) + text.slice(text.length - keep);
  }
  const chars = Array.from(text);
  if (chars.length <= keep) return '*'.repeat(chars.length);
  return '*'.repeat(chars.length - keep) + chars.slice(chars.length - keep).join('');
}

/** An operator that applies {@link maskText} to each distinct value (default keep 4). */
export function maskOperator(inputType: DataType, keep: number = DEFAULT_MASK_KEEP, dictionaryId?: number): ColumnOperator {
  const outputType = rewrittenType(inputType, dictionaryId);
  const cache = new WeakMap();
  return {
    op: 'mask',
    outputType,
    needsPrePass: false,
    observe: () => undefined,
    apply: (data: Data): ColumnOutput =>
      rewriteDistinct(data, outputType, (value) => maskText(textOf(value, data.type), keep), cache),
  };
}
