/** `keep`: the column passes through untouched (the label, the prediction, protected attributes). */
import type { Data, DataType } from 'apache-arrow';
import type { ColumnOperator, ColumnOutput } from './column.js';

/** An operator that returns every chunk as it came. */
export function keepOperator(inputType: DataType): ColumnOperator {
  return {
    op: 'keep',
    outputType: inputType,
    needsPrePass: false,
    observe: () => undefined,
    apply: (data: Data): ColumnOutput => ({ data, changed: 0 }),
  };
}
