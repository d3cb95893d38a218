/**
 * Bounded dictionaries on the way through masking. A CSV or JSON Lines loader hands each batch of
 * a string column the column's whole dictionary so far (one code space for the scan); for a
 * unique column (a customer id, an e-mail) that is every value read yet. Rewriting or writing
 * that dictionary per batch costs the square of the row count (2M unique e-mails into Parquet ran
 * for over 10 minutes at 3 GB). A batch whose dictionary is far larger than itself gets a
 * dictionary of only the entries its rows use, so what each batch costs is bounded by the batch.
 *
 * Pure: Arrow data in, Arrow data out.
 */
import { DataType, makeData, vectorFromArray, type Data, type Dictionary, type Vector } from 'apache-arrow';
import { isValidAt } from '../arrow/cells.js';

/** Dictionaries up to this many entries (or twice the batch) are left as they are. */
export const COMPACT_ABOVE = 4096;

/**
 * `data` with its dictionary cut down to the entries its rows use (in first-use order) and its
 * indices renumbered, when the dictionary holds more than {@link COMPACT_ABOVE} entries and more
 * than twice the rows; otherwise `data` itself. Only string dictionaries with 32-bit indices (what
 * the text loaders produce) are compacted, so the column's type stays the same.
 *
 * @example
 * compactDictionary(batch.getChild('email')!.data[0]).dictionary!.length; // ≤ the batch's rows
 */
export function compactDictionary(data: Data): Data {
  if (!DataType.isDictionary(data.type) || !data.dictionary) return data;
  const type = data.type as Dictionary;
  if (!DataType.isUtf8(type.dictionary) || type.indices.bitWidth !== 32) return data;
  const dictionary = data.dictionary as Vector;
  if (dictionary.length <= Math.max(COMPACT_ABOVE, 2 * data.length)) return data;
  const indices = data.values as ArrayLike<number>;
  const length = data.length;
  const renumbered = new Int32Array(length);
  const seen = new Map<number, number>();
  const used: number[] = [];
  const hasNulls = data.nullCount > 0;
  // A fresh validity bitmap starting at row 0: the input's may start at a slice offset.
  const validity = hasNulls ? new Uint8Array((length + 7) >> 3) : undefined;
  for (let i = 0; i < length; i++) {
    if (hasNulls && !isValidAt(data, i)) continue;
    if (validity) validity[i >> 3] |= 1 << (i & 7);
    const code = indices[i];
    let to = seen.get(code);
    if (to === undefined) {
      to = used.length;
      seen.set(code, to);
      used.push(code);
    }
    renumbered[i] = to;
  }
  const entries = vectorFromArray(used.map((code) => dictionary.get(code) as string), type.dictionary);
  return makeData({ type, length, nullCount: data.nullCount, nullBitmap: validity, data: renumbered, dictionary: entries });
}
