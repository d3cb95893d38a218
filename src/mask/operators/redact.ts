/** `redact`: every non-null value becomes one constant; nulls stay null. */
import type { Data, DataType } from 'apache-arrow';
import { rewriteDistinct, rewrittenType, type ColumnOperator, type ColumnOutput } from './column.js';

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
  return {
    op: 'redact',
    outputType,
    needsPrePass: false,
    observe: () => undefined,
    apply: (data: Data): ColumnOutput => rewriteDistinct(data, outputType, () => value, cache),
  };
}
