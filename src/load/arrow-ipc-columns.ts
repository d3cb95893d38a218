/**
 * Reading only the columns a scan needs from an Arrow IPC file, into memory that is reused from
 * one record batch to the next. Apache Arrow's reader copies each batch's whole body into a fresh
 * buffer; on this kind of machine a fresh buffer costs a page fault per 4 KB, which measured
 * 2 s per 500 MB against 0.1 s for reads into reused memory. A count that needs five of twelve
 * columns and is done with each batch before it asks for the next reads a quarter of the bytes
 * and allocates nothing per batch.
 *
 * Only files of flat columns (numbers, booleans, dates and times, strings and binary, and
 * dictionaries of those) with uncompressed bodies are read this way; {@link planColumnReads}
 * says no to anything else, and the caller reads with Apache Arrow's reader as before.
 *
 * `BufferRegion` and `VectorLoader` are Apache Arrow internals (deep imports, no semver promise),
 * which is why package.json pins apache-arrow to one exact version: move the pin only together
 * with a run of test/load.
 */
import {
  Field,
  Message,
  MessageHeader,
  RecordBatch,
  Schema,
  Struct,
  Type,
  makeData,
  type DataType,
  type Vector,
} from 'apache-arrow';
import { BufferRegion, type FieldNode, type RecordBatch as RecordBatchHeader } from 'apache-arrow/ipc/metadata/message';
import { VectorLoader } from 'apache-arrow/visitor/vectorloader';
import type { FileHandle } from 'node:fs/promises';

/** Where one record batch's message sits in the file (a block of the IPC footer). */
export interface BatchBlock {
  offset: number;
  metaDataLength: number;
}

/** Per column of the file: how many buffers its data has in a record batch body. */
export type ColumnPlan = readonly number[];

/**
 * The buffer count of each column of `schema` in a record batch body, or undefined when a column
 * is not flat (lists, structs, unions, maps, views), which only Apache Arrow's reader handles.
 */
export function planColumnReads(schema: Schema): ColumnPlan | undefined {
  const counts: number[] = [];
  for (const field of schema.fields) {
    const count = flatBufferCount(field.type);
    if (count === undefined) return undefined;
    counts.push(count);
  }
  return counts;
}

function flatBufferCount(type: DataType): number | undefined {
  switch (type.typeId) {
    case Type.Null:
      return 0;
    case Type.Int:
    case Type.Float:
    case Type.Bool:
    case Type.Decimal:
    case Type.Date:
    case Type.Time:
    case Type.Timestamp:
    case Type.Interval:
    case Type.Duration:
    case Type.FixedSizeBinary:
    case Type.Dictionary:
      return 2;
    case Type.Utf8:
    case Type.Binary:
    case Type.LargeUtf8:
    case Type.LargeBinary:
      return 3;
    default:
      return undefined;
  }
}

/** Thrown when a batch turns out not to be readable here (a compressed body): read it the usual way. */
export class NotPlainBatch extends Error {}

/**
 * Reads record batches of the columns `wanted` (indices into `schema.fields`, in schema order)
 * from an open IPC file. Each batch's buffers live in memory that the next call overwrites, so a
 * caller must be done with a batch before it asks for the next.
 */
export class ColumnBatchReader {
  private meta = new Uint8Array(1 << 16);
  private body = new Uint8Array(1 << 20);
  private readonly fields: Field[];
  private readonly schemaOut: Schema;

  constructor(
    private readonly handle: FileHandle,
    private readonly schema: Schema,
    private readonly plan: ColumnPlan,
    private readonly wanted: readonly number[],
    private readonly dictionaries: Map<number, Vector>,
  ) {
    this.fields = wanted.map((i) => schema.fields[i]);
    this.schemaOut = new Schema(this.fields, schema.metadata);
  }

  /** The batch whose message starts at `block`; throws {@link NotPlainBatch} for a compressed body. */
  async read(block: BatchBlock): Promise<RecordBatch> {
    const header = await this.readHeader(block);
    if (header.compression != null) throw new NotPlainBatch('compressed record batch body');
    const bodyStart = block.offset + block.metaDataLength;
    const nodes: FieldNode[] = [];
    const regions: BufferRegion[] = [];
    const reads: [from: number, to: number, length: number][] = [];
    let size = 0;
    let node = 0;
    let buffer = 0;
    let next = 0;
    for (let column = 0; column < this.plan.length; column++) {
      const count = this.plan[column];
      if (column === this.wanted[next]) {
        next++;
        nodes.push(header.nodes[node]);
        for (let k = 0; k < count; k++) {
          const { offset, length } = header.buffers[buffer + k];
          // 8-byte alignment keeps typed-array views over the body valid without copies.
          const at = (size + 7) & ~7;
          regions.push(new BufferRegion(at, length));
          if (length > 0) reads.push([bodyStart + Number(offset), at, Number(length)]);
          size = at + Number(length);
        }
      }
      node++;
      buffer += count;
    }
    if (this.body.length < size) this.body = new Uint8Array(Math.ceil(size * 1.25));
    const body = this.body;
    await Promise.all(
      reads.map(async ([from, to, length]) => {
        const { bytesRead } = await this.handle.read(body, to, length, from);
        if (bytesRead !== length) throw new Error(`expected ${length} bytes of a record batch at byte ${from}, read ${bytesRead}`);
      }),
    );
    const loader = new VectorLoader(body.subarray(0, size), nodes, regions, this.dictionaries, this.schema.metadataVersion);
    const children = loader.visitMany(this.fields.map((f) => f.type));
    const length = Number(header.length);
    return new RecordBatch(this.schemaOut, makeData({ type: new Struct(this.fields), length, nullCount: 0, children }));
  }

  private async readHeader(block: BatchBlock): Promise<RecordBatchHeader> {
    if (this.meta.length < block.metaDataLength) this.meta = new Uint8Array(block.metaDataLength);
    const { bytesRead } = await this.handle.read(this.meta, 0, block.metaDataLength, block.offset);
    if (bytesRead !== block.metaDataLength) throw new Error(`expected ${block.metaDataLength} bytes of batch metadata at byte ${block.offset}, read ${bytesRead}`);
    const view = new DataView(this.meta.buffer, this.meta.byteOffset, bytesRead);
    // Since Arrow 0.15 a message starts with 0xFFFFFFFF, then its metadata length.
    const continued = view.getInt32(0, true) === -1;
    const start = continued ? 8 : 4;
    const length = view.getInt32(continued ? 4 : 0, true);
    if (length <= 0 || start + length > bytesRead) throw new Error(`record batch metadata of ${length} bytes does not fit its block of ${bytesRead}`);
    const message = Message.decode(this.meta.subarray(start, start + length));
    if (message.headerType !== MessageHeader.RecordBatch) throw new Error('a footer block points at a message that is not a record batch');
    return message.header() as RecordBatchHeader;
  }
}
