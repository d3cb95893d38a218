/**
 * Joining Parquet files written one row group each into the one file a single writer would have
 * written: the row groups' bytes one after the other, then every column index, then every offset
 * index, then the footer. A row group's bytes do not depend on where it sits in the file; only the
 * absolute offsets in the footer and in the offset indexes do, so those are shifted, and the
 * Thrift structures around them are re-encoded with their fields in the order they came. A file
 * comes in the parts its writer handed out (row groups, then indexes and footer), never joined.
 * Pure: bytes in, bytes out.
 */
import { ThriftReader, ThriftWriter, type ThriftField, type ThriftList } from '../parquet-format/thrift.js';

const MAGIC = Uint8Array.from([0x50, 0x41, 0x52, 0x31]); // "PAR1"

type ThriftStruct = ThriftField[];

function field(fields: ThriftStruct, id: number): ThriftField | undefined {
  return fields.find((f) => f.id === id);
}

function shift(fields: ThriftStruct, id: number, by: bigint): void {
  const f = field(fields, id);
  if (f) f.value = (f.value as bigint) + by;
}

function set(fields: ThriftStruct, id: number, value: bigint): void {
  const f = field(fields, id);
  if (!f) throw new Error(`Parquet footer: field ${id} missing`);
  f.value = value;
}

// Field ids of parquet.thrift.
const FILE_NUM_ROWS = 3;
const FILE_ROW_GROUPS = 4;
const GROUP_COLUMNS = 1;
const GROUP_FILE_OFFSET = 5;
const GROUP_ORDINAL = 7;
const CHUNK_FILE_OFFSET = 2;
const CHUNK_META = 3;
const CHUNK_OFFSET_INDEX_OFFSET = 4;
const CHUNK_OFFSET_INDEX_LENGTH = 5;
const CHUNK_COLUMN_INDEX_OFFSET = 6;
const CHUNK_COLUMN_INDEX_LENGTH = 7;
const META_TOTAL_COMPRESSED = 7;
const META_DATA_PAGE_OFFSET = 9;
const META_INDEX_PAGE_OFFSET = 10;
const META_DICTIONARY_PAGE_OFFSET = 11;
const META_BLOOM_FILTER_OFFSET = 14;
const OFFSET_INDEX_PAGES = 1;
const PAGE_LOCATION_OFFSET = 1;

/** One column chunk's page indexes, kept until the end of the file. */
interface PendingIndex {
  chunk: ThriftStruct;
  columnIndex: Uint8Array | null;
  offsetIndex: ThriftStruct | null;
}

/**
 * Takes the files of consecutive row groups in order ({@link ParquetJoiner.add} returns the bytes
 * to write now) and ends the joined file ({@link ParquetJoiner.finish} returns the bytes after the
 * last row group). Memory: the page indexes and footers, not the data.
 */
export class ParquetJoiner {
  private written = 0;
  private footer: ThriftStruct | null = null;
  private readonly groups: ThriftStruct[] = [];
  private readonly indexes: PendingIndex[] = [];
  private rows = 0n;

  /** Adds the file of the next row group(s), in parts; returns the bytes that follow in the joined file. */
  add(parts: readonly Uint8Array[]): Uint8Array[] {
    const file = new FileParts(parts);
    const { footer, dataEnd } = readFile(file);
    const out: Uint8Array[] = [];
    if (this.written === 0) {
      out.push(MAGIC);
      this.written = MAGIC.length;
      this.footer = footer;
    }
    const by = BigInt(this.written - MAGIC.length);
    const groups = (field(footer, FILE_ROW_GROUPS)!.value as ThriftList).items as ThriftStruct[];
    for (const group of groups) {
      for (const chunk of (field(group, GROUP_COLUMNS)!.value as ThriftList).items as ThriftStruct[]) {
        const meta = field(chunk, CHUNK_META)?.value as ThriftStruct | undefined;
        if (!meta) throw new Error('Parquet footer: a column chunk without metadata');
        if (field(meta, META_BLOOM_FILTER_OFFSET)) throw new Error('Parquet footer: bloom filters are not handled');
        shift(meta, META_DATA_PAGE_OFFSET, by);
        shift(meta, META_INDEX_PAGE_OFFSET, by);
        shift(meta, META_DICTIONARY_PAGE_OFFSET, by);
        const fileOffset = field(chunk, CHUNK_FILE_OFFSET);
        if (fileOffset && fileOffset.value !== 0n) fileOffset.value = (fileOffset.value as bigint) + by;
        this.indexes.push({ chunk, columnIndex: indexBytes(file, chunk, CHUNK_COLUMN_INDEX_OFFSET, CHUNK_COLUMN_INDEX_LENGTH), offsetIndex: offsetIndex(file, chunk, by) });
      }
      shift(group, GROUP_FILE_OFFSET, by);
      const ordinal = field(group, GROUP_ORDINAL);
      if (ordinal) ordinal.value = BigInt(this.groups.length);
      this.groups.push(group);
    }
    this.rows += field(footer, FILE_NUM_ROWS)!.value as bigint;
    out.push(...file.views(MAGIC.length, dataEnd));
    this.written += dataEnd - MAGIC.length;
    return out;
  }

  /** The bytes after the last row group: column indexes, offset indexes, footer, its length, "PAR1". */
  finish(): Uint8Array {
    if (!this.footer) throw new Error('Parquet join: no file added');
    const parts: Uint8Array[] = [];
    let at = this.written;
    for (const index of this.indexes) {
      if (!index.columnIndex) continue;
      set(index.chunk, CHUNK_COLUMN_INDEX_OFFSET, BigInt(at));
      parts.push(index.columnIndex);
      at += index.columnIndex.length;
    }
    for (const index of this.indexes) {
      if (!index.offsetIndex) continue;
      const writer = new ThriftWriter();
      writer.struct(index.offsetIndex);
      const bytes = writer.bytes();
      set(index.chunk, CHUNK_OFFSET_INDEX_OFFSET, BigInt(at));
      set(index.chunk, CHUNK_OFFSET_INDEX_LENGTH, BigInt(bytes.length));
      parts.push(bytes);
      at += bytes.length;
    }
    set(this.footer, FILE_NUM_ROWS, this.rows);
    (field(this.footer, FILE_ROW_GROUPS)!.value as ThriftList).items = this.groups;
    const writer = new ThriftWriter();
    writer.struct(this.footer);
    const footer = writer.bytes();
    const length = Buffer.alloc(4);
    length.writeUInt32LE(footer.length);
    parts.push(footer, length, MAGIC);
    return Buffer.concat(parts);
  }
}

/** A file as consecutive parts, read without joining them. */
class FileParts {
  readonly length: number;

  constructor(private readonly parts: readonly Uint8Array[]) {
    this.length = parts.reduce((n, part) => n + part.byteLength, 0);
  }

  /** Bytes `[start, end)` as views of the parts. */
  views(start: number, end: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    let at = 0;
    for (const part of this.parts) {
      const from = Math.max(start, at);
      const to = Math.min(end, at + part.byteLength);
      if (from < to) out.push(part.subarray(from - at, to - at));
      at += part.byteLength;
    }
    return out;
  }

  /** Bytes `[start, end)` copied into an array of their own. */
  slice(start: number, end: number): Uint8Array {
    const out = new Uint8Array(Math.max(0, end - start));
    let at = 0;
    for (const view of this.views(start, end)) {
      out.set(view, at);
      at += view.byteLength;
    }
    return out;
  }
}

/** A file's footer and where its row groups' bytes end (where the page indexes begin). */
function readFile(file: FileParts): { footer: ThriftStruct; dataEnd: number } {
  const n = file.length;
  if (n < 12 || !startsWith(file, 0) || !startsWith(file, n - 4)) throw new Error(`Parquet join: not a Parquet file (${n} bytes)`);
  const length = new DataView(file.slice(n - 8, n - 4).buffer).getUint32(0, true);
  // Parsed from a copy, so the values read (statistics, names) do not hold on to the whole file.
  const footer = new ThriftReader(file.slice(n - 8 - length, n - 8), 0).fields();
  let dataEnd = MAGIC.length;
  for (const group of (field(footer, FILE_ROW_GROUPS)!.value as ThriftList).items as ThriftStruct[]) {
    for (const chunk of (field(group, GROUP_COLUMNS)!.value as ThriftList).items as ThriftStruct[]) {
      const meta = field(chunk, CHUNK_META)!.value as ThriftStruct;
      const first = Number((field(meta, META_DICTIONARY_PAGE_OFFSET) ?? field(meta, META_DATA_PAGE_OFFSET))!.value as bigint);
      dataEnd = Math.max(dataEnd, first + Number(field(meta, META_TOTAL_COMPRESSED)!.value as bigint));
    }
  }
  return { footer, dataEnd };
}

function startsWith(file: FileParts, at: number): boolean {
  const bytes = file.slice(at, at + MAGIC.length);
  return MAGIC.every((b, i) => bytes[i] === b);
}

function indexBytes(file: FileParts, chunk: ThriftStruct, offsetId: number, lengthId: number): Uint8Array | null {
  const offset = field(chunk, offsetId);
  const length = field(chunk, lengthId);
  if (!offset || !length) return null;
  const start = Number(offset.value as bigint);
  // Copied: the file it came from is let go once its row groups are written.
  return file.slice(start, start + Number(length.value as bigint));
}

/** The chunk's offset index with its page offsets shifted by `by`. */
function offsetIndex(file: FileParts, chunk: ThriftStruct, by: bigint): ThriftStruct | null {
  const bytes = indexBytes(file, chunk, CHUNK_OFFSET_INDEX_OFFSET, CHUNK_OFFSET_INDEX_LENGTH);
  if (!bytes) return null;
  const index = new ThriftReader(bytes, 0).fields();
  for (const page of (field(index, OFFSET_INDEX_PAGES)!.value as ThriftList).items as ThriftStruct[]) shift(page, PAGE_LOCATION_OFFSET, by);
  return index;
}
