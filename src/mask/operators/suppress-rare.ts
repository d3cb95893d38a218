/**
 * `suppress-rare`: values seen fewer than k times in the whole data become `(other)`. Rare values
 * single people out; counting needs the whole data, so this operator has a counting pre-pass.
 */
import { DataType, type Data, type Vector } from 'apache-arrow';
import { isValidAt, textOf, valueReader, type CellValue } from '../../arrow/cells.js';
import { rewriteDistinct, rewrittenType, type ColumnOperator, type ColumnOutput } from './column.js';

/** What a rare value is written as. */
export const OTHER = '(other)';

/** The default minimum count for `suppress-rare`. */
export const DEFAULT_RARE_K = 5;

/**
 * An operator that counts every value in `observe` (dictionary columns count codes in a typed
 * array, then fold the counts in by entry) and, in `apply`, writes values counted fewer than `k`
 * times (default 5) as `(other)`.
 */
export function suppressRareOperator(inputType: DataType, k: number = DEFAULT_RARE_K, dictionaryId?: number): ColumnOperator {
  const counts = new Map<CellValue, number>();
  const outputType = rewrittenType(inputType, dictionaryId);
  const cache = new WeakMap();
  return {
    op: 'suppress-rare',
    outputType,
    needsPrePass: true,
    observe: (data: Data) => countValues(data, counts),
    apply: (data: Data): ColumnOutput =>
      rewriteDistinct(data, outputType, (value) => ((counts.get(value) ?? 0) < k ? OTHER : textOf(value, data.type)), cache),
  };
}

/** Adds the non-null values of `data` into `counts`. */
export function countValues(data: Data, counts: Map<CellValue, number>): void {
  const n = data.length;
  if (DataType.isDictionary(data.type)) {
    const dictionary = data.dictionary as Vector;
    const perCode = new Float64Array(dictionary.length);
    const indices = data.values as ArrayLike<number>;
    for (let i = 0; i < n; i++) if (isValidAt(data, i)) perCode[indices[i]]++;
    let code = 0;
    for (const chunk of dictionary.data) {
      const read = valueReader(chunk);
      for (let j = 0; j < chunk.length; j++, code++) {
        if (perCode[code] === 0 || !isValidAt(chunk, j)) continue;
        const value = read(j);
        counts.set(value, (counts.get(value) ?? 0) + perCode[code]);
      }
    }
    return;
  }
  const read = valueReader(data);
  for (let i = 0; i < n; i++) {
    if (!isValidAt(data, i)) continue;
    const value = read(i);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
}
