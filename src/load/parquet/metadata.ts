/**
 * Parquet's footer and page headers (parquet.thrift), decoded into the few fields the native
 * reader needs. Field ids are those of the format's Thrift definition.
 */
import { ThriftReader, type ThriftStruct, type ThriftValue } from '../../parquet-format/thrift.js';

/** Physical types. */
export const PhysicalType = { boolean: 0, int32: 1, int64: 2, int96: 3, float: 4, double: 5, byteArray: 6, fixedLenByteArray: 7 } as const;

/** Value encodings. */
export const Encoding = { plain: 0, plainDictionary: 2, rle: 3, bitPacked: 4, rleDictionary: 8 } as const;

/** Compression codecs. */
export const Codec = { uncompressed: 0, snappy: 1, gzip: 2, lzo: 3, brotli: 4, lz4: 5, zstd: 6, lz4Raw: 7 } as const;

/** Page types. */
export const PageType = { data: 0, index: 1, dictionary: 2, dataV2: 3 } as const;

/** Field repetition. */
export const Repetition = { required: 0, optional: 1, repeated: 2 } as const;

/** One element of the flattened schema tree. */
export interface SchemaElement {
  name: string;
  type?: number;
  repetition?: number;
  numChildren: number;
  convertedType?: number;
  /** The LogicalType union's member id (1 STRING, 2 MAP, 3 LIST, 4 ENUM, 5 DECIMAL, 6 DATE, 7 TIME, 8 TIMESTAMP, 10 INTEGER, …). */
  logicalType?: number;
  /** For an INTEGER logical type: its width in bits and signedness. */
  integer?: { bitWidth: number; signed: boolean };
}

/** Where one column's values of one row group are. */
export interface ColumnChunk {
  type: number;
  codec: number;
  numValues: number;
  /** Byte range of the chunk's pages, dictionary page first. */
  start: number;
  length: number;
}

export interface RowGroup {
  numRows: number;
  /** One per leaf column, in schema order. */
  columns: ColumnChunk[];
}

export interface FileMetadata {
  schema: SchemaElement[];
  numRows: number;
  rowGroups: RowGroup[];
  keyValues: Map<string, string>;
}

export interface PageHeader {
  type: number;
  uncompressedSize: number;
  compressedSize: number;
  /** Values in the page, nulls included. */
  numValues: number;
  encoding: number;
  /** Data page v1: the encoding of its definition levels (RLE; old writers may use BIT_PACKED). */
  levelEncoding?: number;
  /** Data page v2: its levels are stored uncompressed ahead of the values. */
  v2?: { definitionBytes: number; repetitionBytes: number; compressed: boolean };
}

const decoder = new TextDecoder();

/** Decodes the FileMetaData struct. Throws ThriftError on malformed bytes. */
export function decodeFileMetadata(bytes: Uint8Array): FileMetadata {
  const meta = new ThriftReader(bytes).struct();
  const schema = list(meta.get(2)).map((value) => schemaElement(struct(value)));
  const rowGroups = list(meta.get(4)).map((value): RowGroup => {
    const group = struct(value);
    return { numRows: int(group.get(3)), columns: list(group.get(1)).map((chunk) => columnChunk(struct(chunk))) };
  });
  const keyValues = new Map<string, string>();
  for (const value of list(meta.get(5))) {
    const pair = struct(value);
    keyValues.set(text(pair.get(1)), pair.has(2) ? text(pair.get(2)) : '');
  }
  return { schema, numRows: int(meta.get(3)), rowGroups, keyValues };
}

/** Decodes the page header at `offset`; returns it with the offset just past it. */
export function decodePageHeader(bytes: Uint8Array, offset: number): { header: PageHeader; end: number } {
  const reader = new ThriftReader(bytes, offset);
  const page = reader.struct();
  const type = int(page.get(1));
  const header: PageHeader = { type, uncompressedSize: int(page.get(2)), compressedSize: int(page.get(3)), numValues: 0, encoding: Encoding.plain };
  if (type === PageType.data) {
    const data = struct(page.get(5));
    header.numValues = int(data.get(1));
    header.encoding = int(data.get(2));
    header.levelEncoding = optionalInt(data.get(3));
  } else if (type === PageType.dictionary) {
    const dictionary = struct(page.get(7));
    header.numValues = int(dictionary.get(1));
    header.encoding = int(dictionary.get(2));
  } else if (type === PageType.dataV2) {
    const data = struct(page.get(8));
    header.numValues = int(data.get(1));
    header.encoding = int(data.get(4));
    header.v2 = { definitionBytes: int(data.get(5)), repetitionBytes: int(data.get(6)), compressed: data.get(7) !== false };
  }
  return { header, end: reader.offset };
}

function schemaElement(element: ThriftStruct): SchemaElement {
  const logical = element.get(10);
  const result: SchemaElement = {
    name: text(element.get(4)),
    type: optionalInt(element.get(1)),
    repetition: optionalInt(element.get(3)),
    numChildren: optionalInt(element.get(5)) ?? 0,
    convertedType: optionalInt(element.get(6)),
  };
  if (logical instanceof Map) {
    const [id, value] = [...logical.entries()][0] ?? [];
    result.logicalType = id;
    if (id === 10 && value instanceof Map) result.integer = { bitWidth: int(value.get(1)), signed: value.get(2) === true };
  }
  return result;
}

function columnChunk(chunk: ThriftStruct): ColumnChunk {
  const meta = struct(chunk.get(3));
  const dataOffset = int(meta.get(9));
  const dictionaryOffset = optionalInt(meta.get(11));
  // Some writers record a dictionary offset of 0 when there is none.
  const start = dictionaryOffset !== undefined && dictionaryOffset > 0 && dictionaryOffset < dataOffset ? dictionaryOffset : dataOffset;
  return { type: int(meta.get(1)), codec: int(meta.get(4)), numValues: int(meta.get(5)), start, length: int(meta.get(7)) };
}

function struct(value: ThriftValue | undefined): ThriftStruct {
  if (value instanceof Map) return value;
  throw new Error('a required struct is missing');
}

function list(value: ThriftValue | undefined): ThriftValue[] {
  return Array.isArray(value) ? value : [];
}

function int(value: ThriftValue | undefined): number {
  if (typeof value === 'number') return value;
  throw new Error('a required number is missing');
}

function optionalInt(value: ThriftValue | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function text(value: ThriftValue | undefined): string {
  return value instanceof Uint8Array ? decoder.decode(value) : '';
}
