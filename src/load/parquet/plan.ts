/**
 * Which scans the native reader takes: flat columns whose Arrow type it builds from their physical
 * type, in row groups compressed with a codec it decompresses. Everything else goes to parquet-wasm.
 */
import type { Field, Schema } from 'apache-arrow';
import { isSupportedCodec } from './codecs.js';
import { isSupportedPhysicalType } from './column.js';
import { readFooter } from './footer.js';
import { Repetition, type FileMetadata } from './metadata.js';
import { arrowSchema, readsAs } from './schema.js';
import { wasmSchema } from './wasm.js';

/** A wanted column as the native reader reads it. */
export interface NativeColumn {
  field: Field;
  /** Index of its leaf among the row groups' column chunks. */
  leaf: number;
  physicalType: number;
  optional: boolean;
}

/** How a scan of `columns` would go: natively (with the columns' leaves), or not, and why. */
export type NativePlan = { native: true; columns: NativeColumn[] } | { native: false; reason: string };

/** Plans a scan of `columns` (fields of `schema`) over `rowGroups` of the file (all when omitted). */
export function planNative(metadata: FileMetadata, schema: Schema, columns: readonly string[], rowGroups?: readonly number[]): NativePlan {
  const leaves = flatLeaves(metadata);
  const planned: NativeColumn[] = [];
  for (const name of columns) {
    const leaf = leaves.get(name);
    const field = schema.fields.find((f) => f.name === name);
    if (!leaf || !field) return { native: false, reason: `column "${name}" is nested or repeated` };
    if (!isSupportedPhysicalType(leaf.physicalType) || !readsAs(field.type, leaf.physicalType)) {
      return { native: false, reason: `column "${name}" has type ${String(field.type)}, which only parquet-wasm reads` };
    }
    planned.push({ field, ...leaf });
  }
  for (const index of rowGroups ?? metadata.rowGroups.keys()) {
    for (const column of planned) {
      const chunk = metadata.rowGroups[index]?.columns[column.leaf];
      if (!chunk) return { native: false, reason: `row group ${index} has no chunk for column "${column.field.name}"` };
      if (!isSupportedCodec(chunk.codec)) return { native: false, reason: `column "${column.field.name}" uses compression codec ${chunk.codec}` };
      if (chunk.type !== column.physicalType) return { native: false, reason: `column "${column.field.name}" changes physical type between row groups` };
    }
  }
  return { native: true, columns: planned };
}

/** Top-level leaf columns by name: their chunk index, physical type and whether they may be null. */
function flatLeaves(metadata: FileMetadata): Map<string, Omit<NativeColumn, 'field'>> {
  const leaves = new Map<string, Omit<NativeColumn, 'field'>>();
  const elements = metadata.schema;
  let leaf = 0;
  let at = 1;
  const roots = elements[0]?.numChildren ?? 0;
  for (let child = 0; child < roots && at < elements.length; child++) {
    const element = elements[at];
    const count = leafCount(elements, at);
    if (element.numChildren === 0 && element.repetition !== Repetition.repeated && element.type !== undefined) {
      leaves.set(element.name, { leaf, physicalType: element.type, optional: element.repetition === Repetition.optional });
    }
    leaf += count.leaves;
    at = count.next;
  }
  return leaves;
}

/** The number of leaves below schema element `at`, and the index of the element after its subtree. */
function leafCount(elements: FileMetadata['schema'], at: number): { leaves: number; next: number } {
  // The tree is flattened depth first: walk it counting the elements still owed to the subtree.
  let owed = 1;
  let leaves = 0;
  let next = at;
  while (owed > 0 && next < elements.length) {
    const children = elements[next++].numChildren;
    owed += children - 1;
    if (children === 0) leaves++;
  }
  return { leaves, next };
}

/** Whether a transient scan of `columns` of the file at `path` would be read natively, and if not, why. */
export async function nativeScanPlan(path: string, columns: readonly string[]): Promise<{ native: boolean; reason?: string }> {
  const metadata = await readFooter(path);
  const schema = arrowSchema(metadata) ?? (await wasmSchema(path));
  const plan = planNative(metadata, schema, columns);
  return plan.native ? { native: true } : plan;
}
