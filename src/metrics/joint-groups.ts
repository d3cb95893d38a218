/**
 * Joint groups of the sensitive features for the outcome-type statistics: each row's per-feature
 * group ids become one slot, numbered in order first seen. A slot's key is its value per feature,
 * so statistics keyed by slot keys merge across passes by the values themselves, whatever order
 * each pass met them in.
 */
import { UserError } from '../errors.js';

/** Joint ids held in a direct lookup table up to this many; a hash table beyond. */
const DIRECT_LIMIT = 1 << 22;

/** Slots of the joint groups of `features` features, each with ids below `radix`. */
export class JointGroups {
  /** Per slot, the id in each feature. */
  readonly ids: number[][] = [];
  private readonly direct: Int32Array | null;
  /** Beyond the direct table: joint ids (-1 empty) and their slots. */
  private hashKeys = new Float64Array(64).fill(-1);
  private hashSlots = new Int32Array(64);
  private readonly strides: number[];
  /** Ids of the missing features of {@link directSlots}: all 0. */
  private zeros = new Int32Array(0);

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
    const direct = this.direct;
    if (direct && ids.length >= 1 && ids.length <= 3) {
      this.directSlots(direct, ids, n, out);
      return;
    }
    const k = ids.length;
    const strides = this.strides;
    for (let i = 0; i < n; i++) {
      let joint = 0;
      for (let f = 0; f < k; f++) joint += ids[f][i] * strides[f];
      let slot = direct ? direct[joint] : this.lookup(joint);
      if (slot < 0) slot = this.added(ids, i, joint);
      out[i] = slot;
    }
  }

  /**
   * {@link slots} for up to three features in the direct table, the common case: each feature's
   * ids and stride held in locals (an inner loop over an array of arrays cost as much again as the
   * rest of a regression row's counting). Missing features read as id 0 with stride 0.
   */
  private directSlots(direct: Int32Array, ids: readonly Int32Array[], n: number, out: Int32Array): void {
    if (ids.length < 3 && this.zeros.length < n) this.zeros = new Int32Array(n);
    const [a, b = this.zeros, c = this.zeros] = ids;
    const sa = this.strides[0] ?? 0;
    const sb = this.strides[1] ?? 0;
    const sc = this.strides[2] ?? 0;
    for (let i = 0; i < n; i++) {
      const joint = a[i] * sa + b[i] * sb + c[i] * sc;
      let slot = direct[joint];
      if (slot < 0) slot = this.added(ids, i, joint);
      out[i] = slot;
    }
  }

  /** Numbers the joint group of row i (joint id `joint`) as a new slot. */
  private added(ids: readonly Int32Array[], i: number, joint: number): number {
    const slot = this.ids.length;
    this.ids.push(ids.map((a) => a[i]));
    if (this.direct) this.direct[joint] = slot;
    else this.insert(joint, slot);
    return slot;
  }

  /**
   * The slot of a joint id too large for the direct table (three features at the default
   * max_groups already are): an open-addressing table over typed arrays, where a Map lookup per
   * row cost several times the rest of the row's counting.
   */
  private lookup(joint: number): number {
    const mask = this.hashKeys.length - 1;
    for (let at = hashOf(joint) & mask; ; at = (at + 1) & mask) {
      const key = this.hashKeys[at];
      if (key === joint) return this.hashSlots[at];
      if (key < 0) return -1;
    }
  }

  private insert(joint: number, slot: number): void {
    if (2 * (this.ids.length + 1) > this.hashKeys.length) {
      const keys = this.hashKeys;
      const slots = this.hashSlots;
      this.hashKeys = new Float64Array(keys.length * 2).fill(-1);
      this.hashSlots = new Int32Array(keys.length * 2);
      for (let at = 0; at < keys.length; at++) if (keys[at] >= 0) this.insert(keys[at], slots[at]);
    }
    const mask = this.hashKeys.length - 1;
    let at = hashOf(joint) & mask;
    while (this.hashKeys[at] >= 0) at = (at + 1) & mask;
    this.hashKeys[at] = joint;
    this.hashSlots[at] = slot;
  }
}

/** Mixes a joint id (a non-negative integer below 2^53) into 32 bits. */
function hashOf(joint: number): number {
  let h = (joint | 0) ^ Math.imul((joint / 4294967296) | 0, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The text key of a joint group from its values (one per sensitive feature). */
export function jointKey(values: readonly string[]): string {
  return JSON.stringify(values);
}
