/**
 * The native Parquet reader of counting scans (and of discover's block samples): it reads the byte
 * ranges of the wanted column chunks and decodes their pages in TypeScript (./column.ts) straight
 * into the arrays the counting kernels read. Dictionary-encoded strings stay codes into the chunk's
 * dictionary, as in the file: no string is built per row, and no WebAssembly module loads. What it
 * does not decode parquet-wasm reads (./wasm.ts): nested columns, unusual types, LZ4 and LZO by
 * whole scan (./plan.ts), a page in a rare encoding (seen in the page headers, read first) by row
 * group.
 */
import { Bool, DataType, Dictionary, Int32, Utf8, makeData, type Data, type Field, type RecordBatch } from 'apache-arrow';
import { open, type FileHandle } from 'node:fs/promises';
import { UserError } from '../../errors.js';
import { makeBatch } from '../batch.js';
import { loadCodec } from './codecs.js';
import { ColumnReader, UnsupportedPage, type DecodedChunk } from './column.js';
import type { FileMetadata } from './metadata.js';
import type { NativeColumn } from './plan.js';

/**
 * The rows of `rowGroups` (all when omitted), `batchSize` at most per batch, holding the planned
 * columns in order. A transient scan: each batch views buffers the next row group reuses. A row
 * group with a page the decoder does not know is read by `fallback` instead.
 */
export async function* scanNative(
  path: string,
  metadata: FileMetadata,
  columns: readonly NativeColumn[],
  batchSize: number,
  rowGroups: readonly number[] | undefined,
  fallback: (rowGroup: number) => AsyncIterable<RecordBatch>,
): AsyncGenerator<RecordBatch> {
  const reader = await RowGroupReader.open(path, metadata, columns);
  try {
    for (const index of rowGroups ?? metadata.rowGroups.keys()) {
      try {
        await reader.start(index);
      } catch (error) {
        if (!(error instanceof UnsupportedPage)) throw corrupt(path, index, error);
        // A page this reader does not decode (a rare encoding): parquet-wasm reads the row group.
        yield* fallback(index);
        continue;
      }
      const rows = metadata.rowGroups[index].numRows;
      for (let begin = 0; begin < rows; begin += batchSize) {
        const length = Math.min(batchSize, rows - begin);
        let batch: RecordBatch;
        try {
          batch = reader.batch(length);
        } catch (error) {
          throw corrupt(path, index, error);
        }
        yield batch;
        // The caller is done with the batch: its rows may go.
        reader.consume(length);
      }
    }
  } finally {
    await reader.close();
  }
}

/** Bad bytes inside a row group: the file is damaged (parquet-wasm would stop the process on them). */
function corrupt(path: string, rowGroup: number, error: unknown): UserError {
  const reason = error instanceof Error ? error.message : String(error);
  return new UserError(`not a readable Parquet file: row group ${rowGroup} does not decode (${reason})`, {
    file: path,
    hint: 'the file may be truncated or corrupt; write it again',
  });
}

/** Reads the planned columns of one row group at a time, batch by batch, into memory reused by the next. */
export class RowGroupReader {
  private readonly readers: ColumnReader[];
  private readonly buffers: Buffer[];
  private readonly fields: Field[];
  private readonly types: OutputTypes[];

  private constructor(
    private readonly file: FileHandle,
    private readonly metadata: FileMetadata,
    private readonly columns: readonly NativeColumn[],
  ) {
    this.readers = columns.map((column) => new ColumnReader(column.physicalType, column.optional));
    this.buffers = columns.map(() => Buffer.alloc(0));
    this.fields = columns.map((column) => column.field);
    this.types = columns.map((column) => outputTypes(column.field));
  }

  static async open(path: string, metadata: FileMetadata, columns: readonly NativeColumn[]): Promise<RowGroupReader> {
    return new RowGroupReader(await open(path, 'r'), metadata, columns);
  }

  /**
   * Reads the column chunks of row group `index` and their page headers. Throws
   * {@link UnsupportedPage} when a page is one the native reader does not decode, else Error on bad bytes.
   */
  async start(index: number): Promise<void> {
    const group = this.metadata.rowGroups[index];
    const chunks = this.columns.map((column) => group.columns[column.leaf]);
    // The chunks are read side by side (libuv reads on its own threads), then their headers in turn.
    const read = chunks.map(async (chunk, c) => {
      await loadCodec(chunk.codec);
      if (this.buffers[c].length < chunk.length) this.buffers[c] = Buffer.allocUnsafe(Math.max(chunk.length, this.buffers[c].length * 2));
      const bytes = this.buffers[c].subarray(0, chunk.length);
      const { bytesRead } = await this.file.read(bytes, 0, chunk.length, chunk.start);
      if (bytesRead !== chunk.length) throw new Error('the file ends inside a column chunk');
      return bytes;
    });
    const bytes = await Promise.all(read);
    chunks.forEach((chunk, c) => this.readers[c].start(bytes[c], chunk, group.numRows));
  }

  /** The next `rows` rows of every column, decoded (views valid until {@link consume}). */
  next(rows: number): DecodedChunk[] {
    return this.readers.map((reader) => {
      if (reader.fill(rows) < rows) throw new Error('a column chunk ends before its rows');
      return reader.peek(rows);
    });
  }

  /** The next `rows` rows as one Arrow batch (views valid until {@link consume}). */
  batch(rows: number): RecordBatch {
    const decoded = this.next(rows);
    return makeBatch(this.fields, decoded.map((chunk, c) => columnData(this.types[c], chunk, rows)), rows);
  }

  /** Passes over the next `rows` rows, decoding only the pages they share with the rows after. */
  skipRows(rows: number): void {
    for (const reader of this.readers) reader.skipRows(rows);
  }

  /** Drops the rows {@link next} gave, once the caller is done with them. */
  consume(rows: number): void {
    for (const reader of this.readers) reader.consume(rows);
  }

  /** Every row of row group `index`, decoded at once (for tests and small row groups). */
  async read(index: number): Promise<DecodedChunk[]> {
    await this.start(index);
    return this.next(this.metadata.rowGroups[index].numRows);
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

/** The Arrow types a column's batches take: its own, and the dictionary type of coded strings. */
interface OutputTypes {
  type: DataType;
  coded: Dictionary<Utf8>;
  /** Reused for values narrower than the 32 bits they are stored in (Int8, Int16…); transient scans only. */
  narrow?: Int8Array | Int16Array | Uint8Array | Uint16Array;
}

let nextDictionaryId = 3_000_000;

function outputTypes(field: Field): OutputTypes {
  const type = field.type as DataType;
  // A plain string column whose pages hold dictionary indices is handed out as the dictionary it is.
  const coded = DataType.isDictionary(type) ? (type as Dictionary<Utf8>) : new Dictionary(new Utf8(), new Int32(), nextDictionaryId++);
  return { type, coded };
}

/** The first `length` decoded rows as Arrow data. */
function columnData(output: OutputTypes, chunk: DecodedChunk, length: number): Data {
  const { type, coded } = output;
  const validity = chunk.defined ? bitmap(chunk.defined, length) : undefined;
  const nulls = validity ? { nullBitmap: validity.bits, nullCount: length - validity.set } : { nullCount: 0 };
  if (chunk.codes) {
    const codes = chunk.codes.subarray(0, length);
    const { bitWidth, isSigned, ArrayType } = coded.indices;
    // Int32 indices view the codes; other widths (from an embedded Arrow schema) are converted.
    const indices = bitWidth === 32 && isSigned ? codes : (new ArrayType(codes) as unknown as Int32Array);
    return makeData({ type: coded, length, ...nulls, data: indices, dictionary: chunk.dictionary });
  }
  if (chunk.strings) {
    return makeData({ type: new Utf8(), length, ...nulls, valueOffsets: chunk.strings.offsets.subarray(0, length + 1), data: chunk.strings.bytes });
  }
  if (chunk.booleans) return makeData({ type: type as Bool, length, ...nulls, data: bitmap(chunk.booleans, length).bits });
  const words = chunk.words!;
  const buffer = words.buffer;
  if (DataType.isFloat(type)) {
    const data = type.precision === 1 ? new Float32Array(buffer, words.byteOffset, length) : new Float64Array(buffer, words.byteOffset, length);
    return makeData({ type, length, ...nulls, data });
  }
  if (DataType.isInt(type) && type.bitWidth === 64) {
    const data = type.isSigned ? new BigInt64Array(buffer, words.byteOffset, length) : new BigUint64Array(buffer, words.byteOffset, length);
    return makeData({ type, length, ...nulls, data });
  }
  const int32 = words.subarray(0, length);
  const IntArray = (type as DataType & { ArrayType: new (length: number) => NonNullable<OutputTypes['narrow']> | Int32Array | Uint32Array }).ArrayType;
  // 32-bit values reinterpret in place; narrower ones are converted (writers store them as INT32).
  if (IntArray === Int32Array) return makeData({ type: type as Int32, length, ...nulls, data: int32 });
  if (IntArray === Uint32Array) return makeData({ type: type as Int32, length, ...nulls, data: new Uint32Array(buffer, int32.byteOffset, length) as unknown as Int32Array });
  if (!output.narrow || output.narrow.length < length) output.narrow = new IntArray(length) as NonNullable<OutputTypes['narrow']>;
  const narrow = output.narrow.subarray(0, length);
  narrow.set(int32);
  return makeData({ type: type as Int32, length, ...nulls, data: narrow as unknown as Int32Array });
}

/** Packs 0/1 flags `flags[0 … length)` into an Arrow bitmap, counting the ones. */
function bitmap(flags: Int32Array | Uint8Array, length: number): { bits: Uint8Array; set: number } {
  const bits = new Uint8Array((length + 7) >> 3);
  let set = 0;
  for (let i = 0; i < length; i++) {
    const flag = flags[i];
    bits[i >> 3] |= flag << (i & 7);
    set += flag;
  }
  return { bits, set };
}
