/** One rule → its column operator. */
import type { DataType } from 'apache-arrow';
import type { MaskRule } from '../../config/types.js';
import { UserError } from '../../errors.js';
import { requireMaskKey } from '../key.js';
import type { ColumnOperator } from './column.js';
import { dropOperator } from './drop.js';
import { generalizeOperator } from './generalize.js';
import { hmacOperator } from './hmac.js';
import { keepOperator } from './keep.js';
import { maskOperator } from './mask.js';
import { redactOperator } from './redact.js';
import { scrubOperator } from './scrub.js';
import { suppressRareOperator } from './suppress-rare.js';

/**
 * The operator for `rule` on a column of `inputType`. `dictionaryId` is the id its output
 * dictionary takes in the output schema (default: Arrow's next id). An hmac rule without a key, or
 * a rule with a bad parameter, is a UserError naming the column.
 */
export function createOperator(column: string, rule: MaskRule, inputType: DataType, key?: Buffer, dictionaryId?: number): ColumnOperator {
  switch (rule.op) {
    case 'keep':
      return keepOperator(inputType);
    case 'drop':
      return dropOperator();
    case 'redact':
      return redactOperator(inputType, rule.value, dictionaryId);
    case 'hmac':
      return hmacOperator(inputType, requireMaskKey(key), dictionaryId);
    case 'mask':
      return maskOperator(inputType, wholeNumber(rule.keep, column, 'keep', 0), dictionaryId);
    case 'generalize':
      return generalizeOperator(inputType, rule, column, dictionaryId);
    case 'suppress-rare':
      return suppressRareOperator(inputType, wholeNumber(rule.k, column, 'k', 1), dictionaryId);
    case 'scrub':
      return scrubOperator(inputType, { dates: rule.dates, key: rule.spans === 'hmac' ? requireMaskKey(key) : undefined }, dictionaryId);
    default:
      throw new UserError(`invalid mask operator: ${String((rule as MaskRule).op)}`, {
        column,
        hint: 'use keep, drop, redact, hmac, mask, generalize, suppress-rare or scrub',
      });
  }
}

function wholeNumber(value: number | undefined, column: string, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min) {
    throw new UserError(`${name} must be a whole number ≥ ${min}, got ${value}`, { column, hint: `fix mask.columns.${column}.${name}` });
  }
  return value;
}
