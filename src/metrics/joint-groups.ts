/**
 * Joint groups of the sensitive features for the outcome-type statistics: each row's per-feature
 * group ids become one slot, numbered in order first seen. A slot's key is its value per feature,
 * so statistics keyed by slot keys merge across passes by the values themselves, whatever order
 * each pass met them in.
 */
import { UserError } from '../errors.js';

/** Joint ids held in a direct lookup table up to this many; a Map beyond. */
const DIRECT_LIMIT = 1 << 22;

/** Slots of the joint groups of `features` features, each with ids below `radix`. */
export class JointGroups {
  /** Per slot, the id in each feature. */
  readonly ids: number[][] = [];
  private readonly direct: Int32Array | null;
  private readonly map = new Map<number, number>();
  private readonly strides: number[];

  constructor(features: number, private readonly radix: number) {
    const size = radix ** features;
    if (size > Number.MAX_SAFE_INTEGER) {
      throw new UserError(`${features} sensitive attributes with up to ${radix - 1} values each are too many to audit a multiclass or regression outcome`, {
        hint: 'audit fewer sensitive attributes at once, or lower max_groups',
      });
    }
    this.direct = size <= DIRECT_LIMIT ? new Int32Array(size).fill(-1) : null;
    this.strides = Array.from({ length: features }, (_, f) => radix ** f);
  }

  /** Writes the slot of each row i < n (from one id array per feature) into `out`. */
  slots(ids: readonly Int32Array[], n: number, out: Int32Array): void {
    const k = ids.length;
    const strides = this.strides;
    for (let i = 0; i < n; i++) {
      let joint = 0;
      for (let f = 0; f < k; f++) joint += ids[f][i] * strides[f];
      let slot = this.direct ? this.direct[joint] : (this.map.get(joint) ?? -1);
      if (slot < 0) {
        slot = this.ids.length;
        this.ids.push(ids.map((a) => a[i]));
        if (this.direct) this.direct[joint] = slot;
        else this.map.set(joint, slot);
      }
      out[i] = slot;
    }
  }
}

/** The text key of a joint group from its values (one per sensitive feature). */
export function jointKey(values: readonly string[]): string {
  return JSON.stringify(values);
}
