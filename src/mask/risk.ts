/**
 * Re-identification risk over the quasi-identifiers: k-anonymity (every record shares its
 * quasi-identifier values with at least k−1 others) and distinct l-diversity (every such class
 * holds at least l distinct values of a sensitive column). One count per distinct combination,
 * keyed by the values' codes joined into one string; memory grows with the number of classes,
 * not with rows.
 */
import { DataType, type Data, type Vector } from 'apache-arrow';
import { isValidAt, valueReader, type CellValue } from './operators/column.js';

/** k-anonymity and l-diversity as measured. */
export interface RiskSummary {
  quasi_identifiers: string[];
  /** Distinct quasi-identifier combinations (equivalence classes). */
  classes: number;
  rows: number;
  /** The smallest class size: the k the data achieves. Null with a reason when there is nothing to measure. */
  k_achieved: number | null;
  k_reason?: string;
  /** The k measured against (the enforced k, or none). */
  k_target: number | null;
  /** Records in classes smaller than `k_target` (0 without a target). */
  records_below_k: number;
  /** records_below_k ÷ rows; null without rows. */
  share_below_k: number | null;
  /** Distinct l-diversity of `l_diversity_column`: the fewest distinct non-null sensitive values in any class. */
  l_diversity: number | null;
  l_diversity_column: string | null;
  l_reason?: string;
}

const NULL_CODE = 0;

/**
 * Counts equivalence classes batch by batch. Codes are global per column (value → code), so the
 * same value gets the same code whatever batch or dictionary it comes from; null is its own code.
 */
export class ClassCounter {
  private readonly codes: Map<CellValue, number>[];
  private readonly counts = new Map<string, number>();
  private readonly sensitiveValues = new Map<string, Set<number>>();
  private readonly sensitiveCodes = new Map<CellValue, number>();
  private rows = 0;

  constructor(readonly quasiIdentifiers: readonly string[], readonly sensitive: string | null = null) {
    this.codes = quasiIdentifiers.map(() => new Map());
  }

  /** The class key of every row of one batch, given its quasi-identifier chunks in order. */
  keys(chunks: readonly Data[], length: number): string[] {
    const keys: string[] = new Array(length).fill('');
    chunks.forEach((chunk, j) => {
      const codes = rowCodes(chunk, this.codes[j]);
      if (j === 0) for (let i = 0; i < length; i++) keys[i] = String(codes[i]);
      else for (let i = 0; i < length; i++) keys[i] += ',' + codes[i];
    });
    return keys;
  }

  /** Adds one batch; returns its rows' class keys. */
  add(chunks: readonly Data[], length: number, sensitive?: Data): string[] {
    const keys = this.keys(chunks, length);
    for (let i = 0; i < length; i++) this.counts.set(keys[i], (this.counts.get(keys[i]) ?? 0) + 1);
    if (sensitive) {
      const codes = rowCodes(sensitive, this.sensitiveCodes);
      for (let i = 0; i < length; i++) {
        let set = this.sensitiveValues.get(keys[i]);
        if (!set) this.sensitiveValues.set(keys[i], (set = new Set()));
        if (codes[i] !== NULL_CODE) set.add(codes[i]);
      }
    }
    this.rows += length;
    return keys;
  }

  /** Records counted so far in the class `key`. */
  classSize(key: string): number {
    return this.counts.get(key) ?? 0;
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
    for (let i = 0; i < n; i++) out[i] = isValidAt(data, i) ? entryCodes[indices[i]] : NULL_CODE;
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
