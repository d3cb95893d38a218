/**
 * Arrow column building for the synthetic datasets: typed arrays filled row by row, wrapped as
 * Arrow `Data` without copying. Categorical columns share one fixed dictionary (and one
 * dictionary id) across every batch, so an IPC file writes each dictionary once.
 */
import {
  DateDay,
  Dictionary,
  Field,
  Float64,
  Int32,
  Int8,
  RecordBatch,
  Schema,
  Struct,
  Utf8,
  makeData,
  vectorFromArray,
  type Data,
  type DataType,
  type Vector,
} from 'apache-arrow';

/** A string column with a fixed set of values, stored as Int32 codes into one dictionary. */
export class Categorical {
  readonly type: Dictionary<Utf8, Int32>;
  readonly values: readonly string[];
  private readonly dictionary: Vector<Utf8>;

  /**
   * `id` is the dictionary id written to IPC files; it is given, not drawn from Arrow's global
   * counter, so the bytes of a file do not depend on what else the process created.
   */
  constructor(values: readonly string[], id: number) {
    this.values = values;
    this.type = new Dictionary(new Utf8(), new Int32(), id);
    this.dictionary = vectorFromArray(values as string[], new Utf8());
  }

  /** The column for `codes`; a negative code is a null. */
  data(codes: Int32Array): Data<Dictionary<Utf8, Int32>> {
    const validity = validityOf(codes);
    if (validity) for (let i = 0; i < codes.length; i++) if (codes[i] < 0) codes[i] = 0;
    return makeData({
      type: this.type,
      length: codes.length,
      data: codes,
      dictionary: this.dictionary,
      nullBitmap: validity?.bitmap,
      nullCount: validity?.nullCount ?? 0,
    });
  }
}

function validityOf(codes: Int32Array): { bitmap: Uint8Array; nullCount: number } | null {
  let nullCount = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] < 0) nullCount++;
  if (nullCount === 0) return null;
  const bitmap = new Uint8Array((codes.length + 7) >> 3);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) bitmap[i >> 3] |= 1 << (i & 7);
  return { bitmap, nullCount };
}

/** A column of free-form ASCII strings (identifiers, e-mail addresses), appended in row order. */
export class Utf8Column {
  private bytes: Uint8Array;
  private readonly offsets: Int32Array;
  private rows = 0;

  /** Room for `rows` strings; the byte buffer starts at `rows × averageLength` and grows. */
  constructor(rows: number, averageLength = 16) {
    this.offsets = new Int32Array(rows + 1);
    this.bytes = new Uint8Array(Math.max(64, rows * averageLength));
  }

  /** Appends one string; only ASCII is expected (the generators' lists are ASCII). */
  push(text: string): void {
    let end = this.offsets[this.rows];
    if (end + text.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, end + text.length));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    for (let i = 0; i < text.length; i++) this.bytes[end++] = text.charCodeAt(i);
    this.offsets[++this.rows] = end;
  }

  /** The finished column. */
  data(): Data<Utf8> {
    const end = this.offsets[this.rows];
    return makeData({ type: new Utf8(), length: this.rows, valueOffsets: this.offsets.subarray(0, this.rows + 1), data: this.bytes.subarray(0, end) });
  }
}

/** A Float64 column over `values` (no copy). */
export function float64Data(values: Float64Array): Data<Float64> {
  return makeData({ type: new Float64(), length: values.length, data: values });
}

/** An Int32 column over `values` (no copy). */
export function int32Data(values: Int32Array): Data<Int32> {
  return makeData({ type: new Int32(), length: values.length, data: values });
}

/** An Int8 column over `values` (no copy): the 0/1 labels and decisions. */
export function int8Data(values: Int8Array): Data<Int8> {
  return makeData({ type: new Int8(), length: values.length, data: values });
}

/** A Date32 column: days since 1970-01-01 (no copy). */
export function dateDayData(days: Int32Array): Data<DateDay> {
  return makeData({ type: new DateDay(), length: days.length, data: days });
}

/** One named column of a dataset: its Arrow type and whether it can hold nulls. */
export interface ColumnSpec {
  name: string;
  type: DataType;
  nullable?: boolean;
}

/** The Arrow schema of `columns`, in order. */
export function schemaOf(columns: readonly ColumnSpec[]): Schema {
  return new Schema(columns.map((c) => new Field(c.name, c.type, c.nullable ?? false)));
}

/** A record batch of `schema` from one `Data` per field, in schema order. */
export function recordBatchOf(schema: Schema, children: Data[]): RecordBatch {
  const length = children[0]?.length ?? 0;
  for (const [i, child] of children.entries()) {
    if (child.length !== length) throw new Error(`internal: column "${schema.fields[i].name}" has ${child.length} rows, expected ${length}`);
  }
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length, children, nullCount: 0 }));
}

/** Days from 1970-01-01 to the given civil date (proleptic Gregorian; Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day count from 1970-01-01 (Hinnant's civil_from_days). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}
