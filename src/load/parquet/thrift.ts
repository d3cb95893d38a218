/**
 * Thrift's compact protocol, read only: enough to decode Parquet's footer and page headers. A
 * struct decodes to a map from field id to value, so the callers (./metadata.ts) name the fields
 * they use and skip the rest, including fields added by later Parquet versions.
 */

/** A decoded value: integers as numbers (Parquet's i64 offsets and counts stay below 2^53). */
export type ThriftValue = number | boolean | Uint8Array | ThriftValue[] | ThriftStruct;

/** A decoded struct: field id → value. */
export type ThriftStruct = Map<number, ThriftValue>;

/** Thrown for bytes that are not a well-formed compact-protocol struct. */
export class ThriftError extends Error {}

const enum Kind {
  Stop = 0,
  True = 1,
  False = 2,
  Byte = 3,
  I16 = 4,
  I32 = 5,
  I64 = 6,
  Double = 7,
  Binary = 8,
  List = 9,
  Set = 10,
  Map = 11,
  Struct = 12,
}

/** Reads compact-protocol values from `bytes`, starting at `offset`. */
export class ThriftReader {
  constructor(
    private readonly bytes: Uint8Array,
    public offset = 0,
  ) {}

  /** One struct, up to and including its stop byte. */
  struct(depth = 0): ThriftStruct {
    if (depth > 32) throw new ThriftError('structs nested too deep');
    const fields: ThriftStruct = new Map();
    let id = 0;
    for (;;) {
      const header = this.byte();
      const kind = header & 0x0f;
      if (kind === Kind.Stop) return fields;
      const delta = header >> 4;
      id = delta === 0 ? this.zigzag() : id + delta;
      fields.set(id, kind === Kind.True ? true : kind === Kind.False ? false : this.value(kind, depth));
    }
  }

  private value(kind: number, depth: number): ThriftValue {
    if (depth > 32) throw new ThriftError('values nested too deep');
    switch (kind) {
      case Kind.True:
      case Kind.False:
        // Inside lists a boolean takes a byte of its own.
        return this.byte() === Kind.True;
      case Kind.Byte:
        return (this.byte() << 24) >> 24;
      case Kind.I16:
      case Kind.I32:
      case Kind.I64:
        return this.zigzag();
      case Kind.Double: {
        const start = this.offset;
        this.advance(8);
        return new DataView(this.bytes.buffer, this.bytes.byteOffset + start, 8).getFloat64(0, true);
      }
      case Kind.Binary: {
        const length = this.varint();
        const start = this.offset;
        this.advance(length);
        return this.bytes.subarray(start, start + length);
      }
      case Kind.List:
      case Kind.Set: {
        const header = this.byte();
        const size = header >> 4 === 15 ? this.varint() : header >> 4;
        const items: ThriftValue[] = [];
        for (let i = 0; i < size; i++) items.push(this.value(header & 0x0f, depth + 1));
        return items;
      }
      case Kind.Map: {
        const size = this.varint();
        const types = size > 0 ? this.byte() : 0;
        const entries: ThriftValue[] = [];
        for (let i = 0; i < size; i++) entries.push([this.value(types >> 4, depth + 1), this.value(types & 0x0f, depth + 1)]);
        return entries;
      }
      case Kind.Struct:
        return this.struct(depth + 1);
      default:
        throw new ThriftError(`unknown field type ${kind}`);
    }
  }

  private byte(): number {
    if (this.offset >= this.bytes.length) throw new ThriftError('the bytes end inside a struct');
    return this.bytes[this.offset++];
  }

  private advance(length: number): void {
    if (this.offset + length > this.bytes.length) throw new ThriftError('the bytes end inside a value');
    this.offset += length;
  }

  /** An unsigned LEB128 varint, exact up to 2^53. */
  private varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
    throw new ThriftError('a varint runs past 10 bytes');
  }

  /** A zigzag varint (n ↦ n/2 or −(n+1)/2), exact for every value within ±2^53. */
  private zigzag(): number {
    const start = this.offset;
    const n = this.varint();
    if (n < 2 ** 53) return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
    // Past 2^53 the double lost the low bits: decode those few again, exactly.
    let exact = 0n;
    for (let i = this.offset - 1; i >= start; i--) exact = (exact << 7n) | BigInt(this.bytes[i] & 0x7f);
    return Number((exact & 1n) === 0n ? exact >> 1n : -((exact + 1n) >> 1n));
  }
}
