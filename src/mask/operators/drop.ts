/** `drop`: the column is left out of the output. */
import type { Data } from 'apache-arrow';
import { nonNullCount } from '../../arrow/cells.js';
import { type ColumnOperator, type ColumnOutput } from './column.js';

/** An operator that removes the column; every non-null value counts as changed. */
export function dropOperator(): ColumnOperator {
  return {
    op: 'drop',
    outputType: null,
    needsPrePass: false,
    observe: () => undefined,
    apply: (data: Data): ColumnOutput => ({ data: null, changed: nonNullCount(data) }),
  };
}
