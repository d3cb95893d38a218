/**
 * Thrift's compact protocol, for Parquet's footer and page headers: the Parquet format shared by
 * the reader (src/load/parquet/) and the writer's joiner (src/write/parquet-join.ts), so neither
 * imports the other. Pure (bytes in, values or bytes out). A struct reads two ways:
 * {@link ThriftReader.fields} keeps it as written (field order, types, 64-bit integers exact,
 * doubles as their bytes), so that {@link ThriftWriter} writes the same bytes back (the Parquet
 * joiner shifts offsets this way); {@link ThriftReader.struct} gives plain values by field id, for
 * the readers (src/load/parquet/metadata.ts), which name the fields they use and skip the rest.
 */

/** The compact protocol's type ids. */
const ThriftType = { stop: 0, true: 1, false: 2, byte: 3, i16: 4, i32: 5, i64: 6, double: 7, binary: 8, list: 9, set: 10, map: 11, struct: 12 } as const;

/** A field as written. */
export interface ThriftField {
  id: number;
  type: number;
  value: ThriftRaw;
}
export interface ThriftList {
  elementType: number;
  items: ThriftRaw[];
}
export interface ThriftMap {
  keyType: number;
  valueType: number;
  entries: [ThriftRaw, ThriftRaw][];
}
/** A value as written: integers as bigint, a boolean inside a list as its byte, a double as its 8 bytes. */
export type ThriftRaw = bigint | boolean | Uint8Array | ThriftList | ThriftMap | ThriftField[];

/** A plain value: integers as numbers (exact within ±2^53, as Parquet's offsets and counts are). */
export type ThriftValue = number | boolean | Uint8Array | ThriftValue[] | ThriftStruct;

/** A plain struct: field id → value. */
export type ThriftStruct = Map<number, ThriftValue>;

/** Thrown for bytes that are not a well-formed compact-protocol struct. */
export class ThriftError extends Error {}

const MAX_DEPTH = 32;

/** Reads compact-protocol structs from `bytes`, starting at `offset`. */
export class ThriftReader {
  constructor(
    private readonly bytes: Uint8Array,
    public offset = 0,
  ) {}

  /** One struct as plain values, up to and including its stop byte. */
  struct(): ThriftStruct {
    return plainStruct(this.fields());
  }

  /** One struct as written, up to and including its stop byte. */
  fields(depth = 0): ThriftField[] {
    if (depth > MAX_DEPTH) throw new ThriftError('structs nested too deep');
    const fields: ThriftField[] = [];
    let id = 0;
    for (;;) {
      const header = this.byte();
      const type = header & 0x0f;
      if (type === ThriftType.stop) return fields;
      const delta = header >> 4;
      id = delta === 0 ? Number(unzigzag(this.varint())) : id + delta;
      const value = type === ThriftType.true || type === ThriftType.false ? type === ThriftType.true : this.value(type, depth);
      fields.push({ id, type, value });
    }
  }

  private value(type: number, depth: number): ThriftRaw {
    if (depth > MAX_DEPTH) throw new ThriftError('values nested too deep');
    switch (type) {
      case ThriftType.true:
      case ThriftType.false:
        // Inside a list a boolean is a byte of its own (1 true, 2 false), kept as that byte.
        return BigInt(this.byte());
      case ThriftType.byte:
        return BigInt((this.byte() << 24) >> 24);
      case ThriftType.i16:
      case ThriftType.i32:
      case ThriftType.i64:
        return unzigzag(this.varint());
      case ThriftType.double:
        return this.take(8);
      case ThriftType.binary:
        return this.take(Number(this.varint()));
      case ThriftType.list:
      case ThriftType.set: {
        const header = this.byte();
        const elementType = header & 0x0f;
        const size = header >> 4 === 15 ? Number(this.varint()) : header >> 4;
        const items: ThriftRaw[] = [];
        for (let i = 0; i < size; i++) items.push(this.value(elementType, depth + 1));
        return { elementType, items };
      }
      case ThriftType.map: {
        const size = Number(this.varint());
        const types = size > 0 ? this.byte() : 0;
        const entries: [ThriftRaw, ThriftRaw][] = [];
        for (let i = 0; i < size; i++) entries.push([this.value(types >> 4, depth + 1), this.value(types & 0x0f, depth + 1)]);
        return { keyType: types >> 4, valueType: types & 0x0f, entries };
      }
      case ThriftType.struct:
        return this.fields(depth + 1);
      default:
        throw new ThriftError(`unknown field type ${type}`);
    }
  }

  private byte(): number {
    if (this.offset >= this.bytes.length) throw new ThriftError('the bytes end inside a struct');
    return this.bytes[this.offset++];
  }

  private take(length: number): Uint8Array {
    if (this.offset + length > this.bytes.length) throw new ThriftError('the bytes end inside a value');
    const start = this.offset;
    this.offset += length;
    return this.bytes.subarray(start, start + length);
  }

  /** An unsigned LEB128 varint of at most 10 bytes (64 bits). */
  private varint(): bigint {
    let value = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const b = this.byte();
      value |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return value;
    }
    throw new ThriftError('a varint runs past 10 bytes');
  }
}

/** Writes structs read by {@link ThriftReader.fields}, byte for byte as they were read. */
export class ThriftWriter {
  private pending: number[] = [];
  private readonly parts: Uint8Array[] = [];

  struct(fields: readonly ThriftField[]): void {
    let last = 0;
    for (const field of fields) {
      const boolean = field.type === ThriftType.true || field.type === ThriftType.false;
      const type = boolean ? (field.value ? ThriftType.true : ThriftType.false) : field.type;
      const delta = field.id - last;
      if (delta > 0 && delta <= 15) this.pending.push((delta << 4) | type);
      else {
        this.pending.push(type);
        this.varint(zigzag(BigInt(field.id)));
      }
      last = field.id;
      if (!boolean) this.value(type, field.value);
    }
    this.pending.push(ThriftType.stop);
  }

  /** Everything written so far. */
  bytes(): Uint8Array {
    this.flush();
    return Buffer.concat(this.parts);
  }

  private value(type: number, value: ThriftRaw): void {
    switch (type) {
      case ThriftType.true:
      case ThriftType.false:
      case ThriftType.byte:
        this.pending.push(Number(value as bigint) & 0xff);
        return;
      case ThriftType.i16:
      case ThriftType.i32:
      case ThriftType.i64:
        this.varint(zigzag(value as bigint));
        return;
      case ThriftType.double:
        this.raw(value as Uint8Array);
        return;
      case ThriftType.binary:
        this.varint(BigInt((value as Uint8Array).length));
        this.raw(value as Uint8Array);
        return;
      case ThriftType.list:
      case ThriftType.set: {
        const { elementType, items } = value as ThriftList;
        if (items.length < 15) this.pending.push((items.length << 4) | elementType);
        else {
          this.pending.push(0xf0 | elementType);
          this.varint(BigInt(items.length));
        }
        for (const item of items) this.value(elementType, item);
        return;
      }
      case ThriftType.map: {
        const { keyType, valueType, entries } = value as ThriftMap;
        this.varint(BigInt(entries.length));
        if (entries.length > 0) this.pending.push((keyType << 4) | valueType);
        for (const [k, v] of entries) {
          this.value(keyType, k);
          this.value(valueType, v);
        }
        return;
      }
      case ThriftType.struct:
        this.struct(value as ThriftField[]);
        return;
      default:
        throw new ThriftError(`unknown field type ${type}`);
    }
  }

  private raw(bytes: Uint8Array): void {
    this.flush();
    this.parts.push(bytes);
  }

  private flush(): void {
    if (this.pending.length > 0) this.parts.push(Uint8Array.from(this.pending));
    this.pending = [];
  }

  private varint(value: bigint): void {
    while (value >= 0x80n) {
      this.pending.push(Number(value & 0x7fn) | 0x80);
      value >>= 7n;
    }
    this.pending.push(Number(value));
  }
}

/** Zigzag encoding of a signed 64-bit integer: 0, -1, 1, -2 … become 0, 1, 2, 3 … */
function zigzag(value: bigint): bigint {
  return BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
}

function unzigzag(value: bigint): bigint {
  return (value >> 1n) ^ -(value & 1n);
}

function plainStruct(fields: readonly ThriftField[]): ThriftStruct {
  return new Map(fields.map((field) => [field.id, plainValue(field.type, field.value)]));
}

function plainValue(type: number, value: ThriftRaw): ThriftValue {
  switch (type) {
    case ThriftType.true:
    case ThriftType.false:
      return typeof value === 'boolean' ? value : value === 1n;
    case ThriftType.double: {
      const bytes = value as Uint8Array;
      return new DataView(bytes.buffer, bytes.byteOffset, 8).getFloat64(0, true);
    }
    case ThriftType.binary:
      return value as Uint8Array;
    case ThriftType.list:
    case ThriftType.set: {
      const { elementType, items } = value as ThriftList;
      return items.map((item) => plainValue(elementType, item));
    }
    case ThriftType.map: {
      const { keyType, valueType, entries } = value as ThriftMap;
      return entries.map(([k, v]) => [plainValue(keyType, k), plainValue(valueType, v)]);
    }
    case ThriftType.struct:
      return plainStruct(value as ThriftField[]);
    default:
      return Number(value as bigint);
  }
}
