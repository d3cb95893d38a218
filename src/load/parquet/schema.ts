/**
 * The Arrow schema of a flat Parquet file of plain types, read from its footer without loading
 * parquet-wasm: each column's type from its physical and logical type, refined by the Arrow schema
 * Arrow writers embed (the `ARROW:schema` key: a dictionary-encoded column stays one). For anything
 * else (nested columns, dates, decimals, binary…) it gives up, and parquet-wasm's conversion
 * stands, so both readers always agree on the schema.
 */
import { Bool, DataType, Field, Float32, Float64, Int16, Int32, Int64, Int8, MessageReader, Schema, Uint16, Uint32, Uint64, Uint8, Utf8 } from 'apache-arrow';
import { PhysicalType, Repetition, type FileMetadata, type SchemaElement } from './metadata.js';

const LOGICAL_STRING = 1;
const LOGICAL_INTEGER = 10;
const CONVERTED_UTF8 = 0;
/** ConvertedType UINT_8 … INT_64, in order, as (bit width, signed). */
const CONVERTED_INTEGERS: Record<number, [number, boolean]> = { 11: [8, false], 12: [16, false], 13: [32, false], 14: [64, false], 15: [8, true], 16: [16, true], 17: [32, true], 18: [64, true] };

/** The schema, or undefined when some column is not a flat column of a plain type. */
export function arrowSchema(metadata: FileMetadata): Schema | undefined {
  const elements = metadata.schema;
  const count = elements[0]?.numChildren ?? 0;
  if (elements.length !== count + 1) return undefined;
  const embedded = embeddedSchema(metadata);
  const fields: Field[] = [];
  for (let i = 0; i < count; i++) {
    const element = elements[i + 1];
    if (element.numChildren > 0 || element.repetition === Repetition.repeated || element.type === undefined) return undefined;
    const plain = plainType(element);
    if (!plain) return undefined;
    let type: DataType = plain;
    const hint = embedded?.fields[i];
    if (embedded && hint?.name !== element.name) return undefined;
    if (hint && String(hint.type) !== String(type)) {
      if (!readsAs(hint.type, element.type)) return undefined;
      type = hint.type;
    }
    fields.push(new Field(element.name, type, element.repetition !== Repetition.required));
  }
  return new Schema(fields);
}

/** Whether values of a physical type make a column of Arrow type `type` (as the native reader builds it). */
export function readsAs(type: DataType, physical: number): boolean {
  if (DataType.isDictionary(type)) return DataType.isUtf8(type.dictionary) && DataType.isInt(type.indices) && physical === PhysicalType.byteArray;
  if (DataType.isUtf8(type)) return physical === PhysicalType.byteArray;
  if (DataType.isBool(type)) return physical === PhysicalType.boolean;
  if (DataType.isInt(type)) return physical === (type.bitWidth === 64 ? PhysicalType.int64 : PhysicalType.int32);
  if (DataType.isFloat(type)) return physical === (type.precision === 1 ? PhysicalType.float : type.precision === 2 ? PhysicalType.double : -1);
  return false;
}

/** The Arrow type of a leaf from its Parquet types alone, for the plain types only. */
function plainType(element: SchemaElement): DataType | undefined {
  const { type, logicalType, convertedType } = element;
  const annotated = logicalType !== undefined || convertedType !== undefined;
  switch (type) {
    case PhysicalType.boolean:
      return annotated ? undefined : new Bool();
    case PhysicalType.float:
      return annotated ? undefined : new Float32();
    case PhysicalType.double:
      return annotated ? undefined : new Float64();
    case PhysicalType.byteArray:
      return logicalType === LOGICAL_STRING || (logicalType === undefined && convertedType === CONVERTED_UTF8) ? new Utf8() : undefined;
    case PhysicalType.int32:
    case PhysicalType.int64: {
      const wide = type === PhysicalType.int64;
      if (!annotated) return wide ? new Int64() : new Int32();
      const integer = logicalType === LOGICAL_INTEGER ? element.integer : undefined;
      const [bits, signed] = integer ? [integer.bitWidth, integer.signed] : logicalType === undefined ? (CONVERTED_INTEGERS[convertedType!] ?? [0, false]) : [0, false];
      if ((bits === 64) !== wide) return undefined;
      return integerType(bits, signed);
    }
    default:
      return undefined;
  }
}

function integerType(bits: number, signed: boolean): DataType | undefined {
  switch (bits) {
    case 8:
      return signed ? new Int8() : new Uint8();
    case 16:
      return signed ? new Int16() : new Uint16();
    case 32:
      return signed ? new Int32() : new Uint32();
    case 64:
      return signed ? new Int64() : new Uint64();
    default:
      return undefined;
  }
}

/** The Arrow schema an Arrow writer stored in the footer (base64 of an IPC schema message), if any. */
function embeddedSchema(metadata: FileMetadata): Schema | undefined {
  const encoded = metadata.keyValues.get('ARROW:schema');
  if (!encoded) return undefined;
  try {
    return new MessageReader(Buffer.from(encoded, 'base64')).readSchema() ?? undefined;
  } catch {
    return undefined;
  }
}
