/**
 * Sensitive (and strata) columns as group ids. Each feature has one global domain of values; every
 * batch's values are mapped into it: dictionary codes through a per-dictionary map built lazily
 * (Parquet batches can carry different dictionaries, CSV batches share one growing dictionary),
 * numbers through their bins, nulls to the `(missing)` group.
 */
import { DataType, makeVector, type Data, type Vector } from 'apache-arrow';
import type { BinSpec } from '../results/index.js';
import { UserError } from '../errors.js';
import { isNumericType, isValid, readBool, readNumbers, readUtf8, validity, valueText } from './arrow-data.js';
import { binIndex } from './bins.js';

/** The group of rows whose value is null (or NaN, or empty text). */
export const MISSING_GROUP = '(missing)';

/** One feature's values: group id → value as shown. */
export interface FeatureDomain {
  name: string;
  role: 'sensitive' | 'strata';
  values: string[];
  /** The bins, when the column is numeric and binned. */
  bins?: BinSpec;
  /**
   * Distinct values that had surrounding whitespace, as read (the first {@link MAX_TRIMMED_KEPT}
   * in sort order): trimming joined them to the group without it, and the audit says so.
   */
  trimmed?: string[];
}

/** Untrimmed values kept per feature for the warning that names them. */
export const MAX_TRIMMED_KEPT = 5;

/** How a {@link FeatureEncoder} reads text values. */
export interface FeatureOptions {
  /** Trim surrounding whitespace from text values (default true): `' Male'` is `Male`. */
  trim?: boolean;
}

/**
 * Orders group values for people and for reproducible output: bins in bin order, numbers
 * numerically, text by code point, `(missing)` last.
 */
export function compareGroupValues(domain: FeatureDomain, a: string, b: string): number {
  if (a === b) return 0;
  if (a === MISSING_GROUP) return 1;
  if (b === MISSING_GROUP) return -1;
  if (domain.bins) return domain.bins.labels.indexOf(a) - domain.bins.labels.indexOf(b);
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
  return a < b ? -1 : 1;
}

/** Maps one feature's values to global group ids, batch by batch. */
export class FeatureEncoder {
  readonly domain: FeatureDomain;
  private readonly ids = new Map<string, number>();
  private readonly maxGroups: number;
  private readonly edges: Float64Array | null;
  private dictionary: Vector | null = null;
  private dictionaryMap = new Int32Array(0);
  private numbers = new Float64Array(0);

  private readonly trim: boolean;

  constructor(name: string, role: 'sensitive' | 'strata', maxGroups: number, bins?: BinSpec, options: FeatureOptions = {}) {
    this.domain = { name, role, values: [], ...(bins ? { bins } : {}) };
    this.trim = options.trim !== false;
    this.maxGroups = maxGroups;
    this.edges = bins ? Float64Array.from(bins.edges) : null;
    // Bins exist before any row does, so bin i is group i and the order is the bins' order.
    if (bins) for (const label of bins.labels) this.idOf(label);
  }

  /** Throws a UserError unless the column's type can be grouped. */
  static checkType(name: string, type: DataType): void {
    if (DataType.isList(type) || DataType.isStruct(type) || DataType.isMap(type) || DataType.isBinary(type) || DataType.isUnion(type)) {
      throw new UserError(`the column has type ${String(type)}, which cannot form groups`, {
        column: name,
        hint: 'choose a column of text, numbers or booleans for --sensitive',
      });
    }
  }

  /** The id of a shown value, adding it to the domain when new. */
  idOf(text: string): number {
    let id = this.ids.get(text);
    if (id !== undefined) return id;
    id = this.domain.values.length;
    const distinct = id + 1 - (this.ids.has(MISSING_GROUP) || text === MISSING_GROUP ? 1 : 0);
    if (distinct > this.maxGroups && !this.domain.bins) throw this.tooManyGroups();
    this.ids.set(text, id);
    this.domain.values.push(text);
    return id;
  }

  /** The group id of one value of any type. */
  idOfValue(value: unknown): number {
    if (value === null || value === undefined) return this.idOf(MISSING_GROUP);
    if (typeof value === 'bigint') value = Number(value);
    if (typeof value === 'number') {
      if (Number.isNaN(value)) return this.idOf(MISSING_GROUP);
      if (this.edges) return binIndex(this.edges, value);
    }
    const text = valueText(value);
    const trimmed = text.trim();
    if (trimmed === '') return this.idOf(MISSING_GROUP);
    if (!this.trim || trimmed.length === text.length) return this.idOf(text);
    this.noteTrimmed(text);
    return this.idOf(trimmed);
  }

  /**
   * Keeps a few of the values trimming changed, for the warning that names them: the first in
   * sort order, so that parts read in parallel and merged keep the same ones as one pass.
   */
  private noteTrimmed(text: string): void {
    const kept = (this.domain.trimmed ??= []);
    if (kept.includes(text)) return;
    kept.push(text);
    kept.sort();
    if (kept.length > MAX_TRIMMED_KEPT) kept.pop();
  }

  /** Writes the group id of each row of `data` into `out[0 … data.length)`. */
  encode(data: Data, out: Int32Array): void {
    const n = data.length;
    const type = data.type;
    if (DataType.isDictionary(type)) {
      this.encodeDictionary(data, out);
      return;
    }
    const valid = validity(data);
    if (isNumericType(type)) {
      if (this.numbers.length < n) this.numbers = new Float64Array(n);
      const numbers = this.numbers;
      readNumbers(data, numbers);
      const edges = this.edges;
      if (edges !== null) {
        const k = edges.length;
        let missing = -1;
        for (let i = 0; i < n; i++) {
          const x = numbers[i];
          if (x !== x) {
            if (missing < 0) missing = this.idOf(MISSING_GROUP);
            out[i] = missing;
            continue;
          }
          let b = 0;
          while (b < k && x >= edges[b]) b++;
          out[i] = b;
        }
      } else {
        for (let i = 0; i < n; i++) out[i] = this.idOfValue(numbers[i]);
      }
      return;
    }
    if (DataType.isBool(type)) {
      const no = this.idOf('false');
      const yes = this.idOf('true');
      for (let i = 0; i < n; i++) out[i] = isValid(valid, i) ? (readBool(data, i) ? yes : no) : this.idOf(MISSING_GROUP);
      return;
    }
    if (DataType.isUtf8(type)) {
      // Plain text columns (no dictionary): each distinct text is trimmed and looked up once.
      const cache = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        if (!isValid(valid, i)) {
          out[i] = this.idOf(MISSING_GROUP);
          continue;
        }
        const text = readUtf8(data, i);
        let id = cache.get(text);
        if (id === undefined) cache.set(text, (id = this.idOfValue(text)));
        out[i] = id;
      }
      return;
    }
    // Types loaders rarely produce (dates, large strings, decimals): read value by value.
    const vector = makeVector(data);
    for (let i = 0; i < n; i++) out[i] = this.idOfValue(vector.get(i));
  }

  /** The code → id map of `dictionary` (ids filled in lazily, −1 until a code is first used). */
  private mapFor(dictionary: Vector): Int32Array {
    if (dictionary !== this.dictionary) {
      this.dictionary = dictionary;
      this.dictionaryMap = new Int32Array(dictionary.length).fill(-1);
    }
    return this.dictionaryMap;
  }

  /** The group id of dictionary entry `code` (a code some row of the batch used). */
  idOfCode(dictionary: Vector, code: number): number {
    const map = this.mapFor(dictionary);
    let id = map[code];
    if (id < 0) map[code] = id = this.idOfValue(dictionary.get(code));
    return id;
  }

  private encodeDictionary(data: Data, out: Int32Array): void {
    const n = data.length;
    const dictionary = data.dictionary as Vector;
    const map = this.mapFor(dictionary);
    const codes = data.values as ArrayLike<number>;
    const valid = validity(data);
    if (valid === null) {
      for (let i = 0; i < n; i++) {
        const code = codes[i];
        let id = map[code];
        if (id < 0) map[code] = id = this.idOfValue(dictionary.get(code));
        out[i] = id;
      }
      return;
    }
    const missing = this.idOf(MISSING_GROUP);
    for (let i = 0; i < n; i++) {
      if (!isValid(valid, i)) {
        out[i] = missing;
        continue;
      }
      const code = codes[i];
      let id = map[code];
      if (id < 0) map[code] = id = this.idOfValue(dictionary.get(code));
      out[i] = id;
    }
  }

  private tooManyGroups(): UserError {
    const role = this.domain.role === 'strata' ? 'strata column' : 'sensitive column';
    return new UserError(`the ${role} has more than ${this.maxGroups} distinct values; groups that small cannot be judged`, {
      column: this.domain.name,
      hint: 'is it an identifier? leave it out of sensitive; if it is numeric, give cut points under bins:; or raise max_groups',
    });
  }
}
