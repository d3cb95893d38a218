/**
 * Re-identification risk over the quasi-identifiers: k-anonymity (every record shares its
 * quasi-identifier values with at least k−1 others) and distinct l-diversity (every such class
 * holds at least l distinct values of a sensitive column). One count per distinct combination,
 * keyed by the values' codes joined into one string; memory grows with the number of classes,
 * not with rows, and a batch's rows are grouped in typed arrays before any key is built.
 */
import { DataType, type Data, type Vector } from 'apache-arrow';
import { isValidAt, valueReader, type CellValue } from '../arrow/cells.js';

import type { RiskSummary } from '../results/masking.js';

/** k-anonymity and l-diversity as measured: a results contract type. */
export type { RiskSummary } from '../results/masking.js';

const NULL_CODE = 0;

/**
 * A batch's rows grouped by class: `ids[i]` is row i's class within the batch (0, 1, …) and
 * `keys[c]` / `sizes[c]` that class's key and row count.
 */
interface BatchClasses {
  ids: Int32Array;
  keys: string[];
  sizes: number[];
}

/**
 * Counts equivalence classes batch by batch. Codes are global per column (value → code), so the
 * same value gets the same code whatever batch or dictionary it comes from; null is its own code.
 * A class's key is its codes joined by commas.
 */
export class ClassCounter {
  private readonly codes: Map<CellValue, number>[];
  private readonly counts = new Map<string, number>();
  private readonly sensitiveValues = new Map<string, Set<number>>();
  private readonly sensitiveCodes = new Map<CellValue, number>();
  private rows = 0;
  /** Per radix slot, rows seen in the current batch (all zero between batches). */
  private histogram = new Int32Array(0);
  /** Per radix slot, the class id it got in the current batch. */
  private slotIds = new Int32Array(0);

  constructor(readonly quasiIdentifiers: readonly string[], readonly sensitive: string | null = null) {
    this.codes = quasiIdentifiers.map(() => new Map());
  }

  /** The class key of every row of one batch, given its quasi-identifier chunks in order. */
  keys(chunks: readonly Data[], length: number): string[] {
    const { ids, keys } = this.classes(chunks, length);
    const out: string[] = new Array(length);
    for (let i = 0; i < length; i++) out[i] = keys[ids[i]];
    return out;
  }

  /** Adds one batch. */
  add(chunks: readonly Data[], length: number, sensitive?: Data): void {
    const { ids, keys, sizes } = this.classes(chunks, length);
    for (let c = 0; c < keys.length; c++) this.counts.set(keys[c], (this.counts.get(keys[c]) ?? 0) + sizes[c]);
    if (sensitive) {
      const codes = rowCodes(sensitive, this.sensitiveCodes);
      const sets = keys.map((key) => {
        let set = this.sensitiveValues.get(key);
        if (!set) this.sensitiveValues.set(key, (set = new Set()));
        return set;
      });
      for (let i = 0; i < length; i++) if (codes[i] !== NULL_CODE) sets[ids[i]].add(codes[i]);
    }
    this.rows += length;
  }

  /** Records counted so far in the class `key`. */
  classSize(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** Per row of one batch, 1 when its class holds fewer than `k` of the records counted so far. */
  smallRows(chunks: readonly Data[], length: number, k: number): Uint8Array {
    const { ids, keys } = this.classes(chunks, length);
    const small = keys.map((key) => (this.classSize(key) < k ? 1 : 0));
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = small[ids[i]];
    return out;
  }

  /**
   * The rows of one batch grouped by class. When the batch's codes span few combinations (the
   * usual case: a few generalized columns), each row's combination is one mixed-radix number and
   * rows are counted in a typed array; otherwise each row's key is built as text.
   */
  private classes(chunks: readonly Data[], length: number): BatchClasses {
    const columns = chunks.map((chunk, j) => rowCodes(chunk, this.codes[j]));
    const radices = columns.map((codes) => {
      let max = 0;
      for (let i = 0; i < length; i++) max = Math.max(max, codes[i]);
      return max + 1;
    });
    const limit = Math.max(4096, 4 * length);
    let slots = 1;
    for (const radix of radices) slots = slots <= limit ? slots * radix : slots;
    return slots <= limit ? this.radixClasses(columns, radices, slots, length) : textClasses(columns, length);
  }

  private radixClasses(columns: Int32Array[], radices: number[], slots: number, length: number): BatchClasses {
    if (this.histogram.length < slots) {
      this.histogram = new Int32Array(slots);
      this.slotIds = new Int32Array(slots);
    }
    const histogram = this.histogram;
    const slotIds = this.slotIds;
    // Column 0 varies fastest: slot = c0 + r0·(c1 + r1·(c2 + …)).
    const slot = new Int32Array(length);
    for (let j = columns.length - 1; j >= 0; j--) {
      const codes = columns[j];
      const radix = radices[j];
      for (let i = 0; i < length; i++) slot[i] = slot[i] * radix + codes[i];
    }
    for (let i = 0; i < length; i++) histogram[slot[i]]++;
    const keys: string[] = [];
    const sizes: number[] = [];
    for (let s = 0; s < slots; s++) {
      if (histogram[s] === 0) continue;
      slotIds[s] = keys.length;
      sizes.push(histogram[s]);
      histogram[s] = 0;
      let key = '';
      for (let j = 0, rest = s; j < radices.length; j++) {
        key += (j === 0 ? '' : ',') + (rest % radices[j]);
        rest = Math.floor(rest / radices[j]);
      }
      keys.push(key);
    }
    const ids = slot;
    for (let i = 0; i < length; i++) ids[i] = slotIds[ids[i]];
    return { ids, keys, sizes };
  }

/** The measures: smallest class, records below `kTarget`, l-diversity. */
  summary(kTarget: number | null = null): RiskSummary {
    let smallest = Infinity;
    let below = 0;
    for (const size of this.counts.values()) {
      if (size < smallest) smallest = size;
      if (kTarget !== null && size < kTarget) below += size;
    }
    const summary: RiskSummary = {
      quasi_identifiers: [...this.quasiIdentifiers],
      classes: this.counts.size,
      rows: this.rows,
      k_achieved: null,
      k_target: kTarget,
      records_below_k: below,
      share_below_k: this.rows > 0 ? below / this.rows : null,
      l_diversity: null,
      l_diversity_column: this.sensitive,
    };
    if (this.quasiIdentifiers.length === 0) summary.k_reason = 'no quasi-identifiers to measure';
    else if (this.rows === 0) summary.k_reason = 'no rows';
    else summary.k_achieved = smallest;
    if (this.sensitive !== null) {
      if (this.rows === 0 || this.quasiIdentifiers.length === 0) summary.l_reason = summary.k_reason;
      else {
        let l = Infinity;
        for (const set of this.sensitiveValues.values()) if (set.size < l) l = set.size;
        summary.l_diversity = l;
      }
    }
    return summary;
  }
}

/** The rows of one batch grouped by class through each row's key as text (any number of combinations). */
function textClasses(columns: Int32Array[], length: number): BatchClasses {
  const ids = new Int32Array(length);
  const idOf = new Map<string, number>();
  const keys: string[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < length; i++) {
    let key = '';
    for (let j = 0; j < columns.length; j++) key += (j === 0 ? '' : ',') + columns[j][i];
    let id = idOf.get(key);
    if (id === undefined) {
      idOf.set(key, (id = keys.length));
      keys.push(key);
      sizes.push(0);
    }
    sizes[id]++;
    ids[i] = id;
  }
  return { ids, keys, sizes };
}

/** Per row, the global code of its value in `codes` (null → 0, values from 1). */
function rowCodes(data: Data, codes: Map<CellValue, number>): Int32Array {
  const n = data.length;
  const out = new Int32Array(n);
  const codeOf = (value: CellValue) => {
    let code = codes.get(value);
    if (code === undefined) codes.set(value, (code = codes.size + 1));
    return code;
  };
  if (DataType.isDictionary(data.type)) {
    const dictionary = data.dictionary as Vector;
    const entryCodes = new Int32Array(dictionary.length);
    let at = 0;
    for (const chunk of dictionary.data) {
      const read = valueReader(chunk);
      for (let e = 0; e < chunk.length; e++, at++) entryCodes[at] = isValidAt(chunk, e) ? codeOf(read(e)) : NULL_CODE;
    }
    const indices = data.values as ArrayLike<number>;
    if (data.nullCount === 0) for (let i = 0; i < n; i++) out[i] = entryCodes[indices[i]];
    else for (let i = 0; i < n; i++) out[i] = isValidAt(data, i) ? entryCodes[indices[i]] : NULL_CODE;
    return out;
  }
  const read = valueReader(data);
  for (let i = 0; i < n; i++) out[i] = isValidAt(data, i) ? codeOf(read(i)) : NULL_CODE;
  return out;
}

/**
 * `data` with the rows flagged in `suppress` set to null (validity bits cleared, values kept in
 * place under them). Returns the new chunk and how many non-null cells it cleared.
 */
export function suppressRows(data: Data, suppress: Uint8Array): { data: Data; suppressed: number } {
  const n = data.length;
  const offset = data.offset;
  // The bitmap keeps the chunk's offset, so every buffer (Bool values too) stays as it was.
  const bitmap = new Uint8Array((offset + n + 7) >> 3);
  let nullCount = 0;
  let suppressed = 0;
  for (let i = 0; i < n; i++) {
    const valid = isValidAt(data, i);
    if (valid && !suppress[i]) {
      const bit = offset + i;
      bitmap[bit >> 3] |= 1 << (bit & 7);
    } else {
      nullCount++;
      if (valid) suppressed++;
    }
  }
  if (suppressed === 0) return { data, suppressed: 0 };
  const buffers = [data.valueOffsets, data.values, bitmap, data.typeIds] as never;
  return { data: data.clone(data.type, offset, n, nullCount, buffers), suppressed };
}
