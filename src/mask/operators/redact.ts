/** `redact`: every non-null value becomes one constant; nulls stay null. */
import { DataType, makeData, type Data, type Dictionary, type Int32, type Utf8 } from 'apache-arrow';
import { isValidAt } from '../../arrow/cells.js';
import { rebuildValidity, rewriteDistinct, rewrittenType, utf8Vector, type ColumnOperator, type ColumnOutput } from './column.js';

/** The constant written by `redact` unless the rule sets `value`. */
export const DEFAULT_REDACTION = '[REDACTED]';

/**
 * An operator that replaces each non-null value with `value` (default `[REDACTED]`), written as a
 * one-entry dictionary column.
 *
 * @example
 * redactOperator(field.type).apply(chunk) // every value "[REDACTED]"
 */
export function redactOperator(inputType: DataType, value: string = DEFAULT_REDACTION, dictionaryId?: number): ColumnOperator {
  const outputType = rewrittenType(inputType, dictionaryId);
  const cache = new WeakMap();
  const constant = Buffer.from(value, 'utf8');
  const dictionary = utf8Vector([value]);
  return {
    op: 'redact',
    outputType,
    needsPrePass: false,
    observe: () => undefined,
    apply: (data: Data): ColumnOutput => {
      if (DataType.isUtf8(data.type)) return redactText(data, outputType as Dictionary<Utf8, Int32>, constant, dictionary);
      return rewriteDistinct(data, outputType, () => value, cache);
    },
  };
}

/**
 * Plain text input: every row gets code 0 of the one-entry dictionary, with no decoding; only
 * values as long as the constant are compared with it, to count the values that change.
 */
function redactText(data: Data, outputType: Dictionary<Utf8, Int32>, constant: Uint8Array, dictionary: ReturnType<typeof utf8Vector>): ColumnOutput {
  const n = data.length;
  const offsets = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  const length = constant.length;
  let valid = 0;
  let same = 0;
  for (let i = 0; i < n; i++) {
    if (!isValidAt(data, i)) continue;
    valid++;
    const start = offsets[i];
    if (offsets[i + 1] - start !== length) continue;
    let j = 0;
    while (j < length && bytes[start + j] === constant[j]) j++;
    if (j === length) same++;
  }
  let nullBitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
  let nullCount = Math.max(0, data.nullCount);
  if (nullBitmap && data.offset !== 0) {
    const rebuilt = rebuildValidity(data, () => true);
    nullBitmap = rebuilt.bitmap;
    nullCount = rebuilt.nullCount;
  }
  const out = makeData({ type: outputType, offset: 0, length: n, nullCount, nullBitmap, data: new Int32Array(n), dictionary });
  return { data: out, changed: valid - same };
}
