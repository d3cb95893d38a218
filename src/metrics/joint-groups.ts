/**
 * Joint groups of the sensitive features for the outcome-type statistics: each row's per-feature
 * group ids become one slot, numbered in order first seen. A slot's key is its value per feature,
 * so statistics keyed by slot keys merge across passes by the values themselves, whatever order
 * each pass met them in.
 */
import { UserError } from '../errors.js';

/** Joint ids held in a direct lookup table up to this many; a hash table beyond. */
const DIRECT_LIMIT = 1 << 22;

/** Most entries of the table of slots by the ids seen (see {@link JointGroups.slots}). */
const COMPACT_LIMIT = 1 << 20;

/** Slots of the joint groups of `features` features, each with ids below `radix`. */
export class JointGroups {
  /** Per slot, the id in each feature. */
  readonly ids: number[][] = [];
  private readonly direct: Int32Array | null;
  /** Beyond the direct table: joint ids (-1 empty) and their slots. */
  private hashKeys = new Float64Array(64).fill(-1);
  private hashSlots = new Int32Array(64);
  private readonly strides: number[];
  /** Ids of the missing features of {@link compactSlots}: all 0. */
  private zeros = new Int32Array(0);
  /** Slots by ids within {@link dims} (-1: not yet looked up); null once too wide. */
  private compact: Int32Array | null = new Int32Array(8 * 8 * 8).fill(-1);
  private dims = [8, 8, 8];

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
    if (this.compact !== null && ids.length >= 1 && ids.length <= 3) {
      this.compactSlots(ids, n, out);
      return;
    }
    for (let i = 0; i < n; i++) out[i] = this.slotOfRow(ids, i);
  }

  /** The slot of row i, numbered now if its joint group is new. */
  private slotOfRow(ids: readonly Int32Array[], i: number): number {
    let joint = 0;
    for (let f = 0; f < ids.length; f++) joint += ids[f][i] * this.strides[f];
    const slot = this.direct ? this.direct[joint] : this.lookup(joint);
    if (slot >= 0) return slot;
    const added = this.ids.length;
    this.ids.push(ids.map((a) => a[i]));
    if (this.direct) this.direct[joint] = added;
    else this.insert(joint, added);
    return added;
  }

  /**
   * {@link slots} for up to three features through a table sized by the ids seen so far (a power
   * of two per feature), in front of the joint-id table: three features at the default max_groups
   * need the hash table, and hashing every row cost about as much as the rest of a regression
   * row's counting. A miss asks the joint-id table, so slots are numbered as before. Missing
   * features read as id 0.
   */
  private compactSlots(ids: readonly Int32Array[], n: number, out: Int32Array): void {
    if (ids.length < 3 && this.zeros.length < n) this.zeros = new Int32Array(n);
    const [a, b = this.zeros, c = this.zeros] = ids;
    let table = this.compact!;
    let [da, db, dc] = this.dims;
    for (let i = 0; i < n; i++) {
      const x = a[i];
      const y = b[i];
      const z = c[i];
      // Unsigned, so that no id outside the table reads it.
      if (x >>> 0 >= da || y >>> 0 >= db || z >>> 0 >= dc) {
        if (!this.widen(x, y, z)) {
          // Too wide for a table: the joint-id table for the rest of the audit.
          for (; i < n; i++) out[i] = this.slotOfRow(ids, i);
          return;
        }
        table = this.compact!;
        [da, db, dc] = this.dims;
      }
      const at = x + da * (y + db * z);
      let slot = table[at];
      if (slot < 0) slot = table[at] = this.slotOfRow(ids, i);
      out[i] = slot;
    }
  }

  /**
   * Widens the compact table to hold ids (x, y, z), refilled from the slots' ids; false (and the
   * table dropped) when it would pass {@link COMPACT_LIMIT} entries.
   */
  private widen(x: number, y: number, z: number): boolean {
    const dims = this.dims.map((d, f) => {
      const id = [x, y, z][f];
      while (d <= id) d *= 2;
      return d;
    });
    if (dims[0] * dims[1] * dims[2] > COMPACT_LIMIT) {
      this.compact = null;
      return false;
    }
    const table = new Int32Array(dims[0] * dims[1] * dims[2]).fill(-1);
    this.ids.forEach((key, slot) => {
      table[key[0] + dims[0] * ((key[1] ?? 0) + dims[1] * (key[2] ?? 0))] = slot;
    });
    this.compact = table;
    this.dims = dims;
    return true;
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
