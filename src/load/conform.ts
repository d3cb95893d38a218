/**
 * One table from many files: their schemas unified (hive partition columns included), and each
 * file's batches conformed to the unified schema (column order, numeric widening, partition
 * values as dictionary columns).
 */
import { Data, DataType, Dictionary, Field, Float64, Int32, Precision, Schema, Utf8, makeData, type RecordBatch } from 'apache-arrow';
import { UserError } from '../errors.js';
import { makeBatch } from './batch.js';
import type { ScanContext } from './file-reader.js';

/** A file's own schema and its partition values, as the unification sees it. */
export interface SchemaOf {
  path: string;
  schema: Schema;
  partitions: Record<string, string | null>;
}

let nextPartitionId = 2_000_000;
const partitionTypes = new Map<string, Dictionary<Utf8, Int32>>();

/** The type of a hive partition column: dictionary-encoded strings. */
function partitionType(key: string): Dictionary<Utf8, Int32> {
  let type = partitionTypes.get(key);
  if (!type) partitionTypes.set(key, (type = new Dictionary(new Utf8(), new Int32(), nextPartitionId++)));
  return type;
}

/** A file's schema with its partition columns appended. Throws when a partition key is also a column. */
export function withPartitions(file: SchemaOf): Schema {
  const keys = Object.keys(file.partitions);
  for (const key of keys) {
    if (file.schema.fields.some((f) => f.name === key)) {
      throw new UserError(`column "${key}" is both in the file and in its folder name "${key}=…"`, {
        file: file.path,
        column: key,
        hint: 'rename the folder or the column',
      });
    }
  }
  return new Schema([...file.schema.fields, ...keys.map((key) => new Field(key, partitionType(key), true))]);
}

/**
 * The schema of all files read as one table: the first file's column order; every file must have
 * the same columns (in any order) with the same types, except that integer and floating-point
 * columns widen to Float64. Throws {@link UserError} naming both files and the first differing
 * column.
 */
export function unifySchemas(files: readonly { path: string; schema: Schema }[]): Schema {
  const [first, ...rest] = files;
  let fields = first.schema.fields;
  for (const other of rest) {
    const theirs = new Map(other.schema.fields.map((f) => [f.name, f]));
    const ours = new Set(fields.map((f) => f.name));
    const missing = fields.find((f) => !theirs.has(f.name));
    const extra = other.schema.fields.find((f) => !ours.has(f.name));
    if (missing || extra) {
      const [column, has, lacks] = missing ? [missing.name, first.path, other.path] : [extra!.name, other.path, first.path];
      throw new UserError(`files disagree on their columns: "${column}" is in ${has} but not in ${lacks}`, {
        file: other.path,
        column,
        hint: 'read files with the same columns together, or audit them separately',
      });
    }
    fields = fields.map((field) => {
      const their = theirs.get(field.name)!;
      const type = commonType(field.type, their.type);
      if (!type) {
        throw new UserError(`files disagree on the type of column "${field.name}": ${field.type} in ${first.path} but ${their.type} in ${other.path}`, {
          file: other.path,
          column: field.name,
          hint: 'write the column with the same type in every file, or audit the files separately',
        });
      }
      return type === field.type && (field.nullable || !their.nullable) ? field : new Field(field.name, type, field.nullable || their.nullable);
    });
  }
  return new Schema(fields);
}

function isWidenable(type: DataType): boolean {
  return DataType.isInt(type) || (DataType.isFloat(type) && type.precision !== Precision.HALF);
}

function commonType(a: DataType, b: DataType): DataType | undefined {
  if (String(a) === String(b)) return a;
  if (isWidenable(a) && isWidenable(b)) return new Float64();
  return undefined;
}

/**
 * A file's batch as the unified table has it: the `target` columns in order, partition columns
 * filled with the file's values (coded in the scan's shared dictionaries), numbers widened to
 * Float64 where the unified type says so.
 */
export function conformBatch(batch: RecordBatch, target: readonly Field[], partitions: Record<string, string | null>, context: ScanContext): RecordBatch {
  const length = batch.numRows;
  const children = target.map((field): Data => {
    if (Object.hasOwn(partitions, field.name)) return constantColumn(field.name, partitions[field.name], length, context);
    const index = batch.schema.fields.findIndex((f) => f.name === field.name);
    const data = batch.data.children[index];
    return String(data.type) === String(field.type) || !(field.type instanceof Float64) ? data : toFloat64(data);
  });
  return makeBatch(target, children, length);
}

function constantColumn(name: string, value: string | null, length: number, context: ScanContext): Data {
  const dictionary = context.dictionary(name);
  const codes = new Int32Array(length);
  if (value !== null) codes.fill(dictionary.code(value));
  return makeData({
    type: partitionType(name),
    length,
    nullCount: value === null ? length : 0,
    nullBitmap: value === null ? new Uint8Array((length + 7) >> 3) : undefined,
    data: codes,
    dictionary: dictionary.vector(),
  });
}

function toFloat64(data: Data): Data {
  const source = data.values as ArrayLike<number | bigint>;
  const end = data.offset + data.length;
  const values = new Float64Array(end);
  for (let i = data.offset; i < end; i++) values[i] = Number(source[i]);
  return makeData({ type: new Float64(), offset: data.offset, length: data.length, nullCount: data.nullCount, nullBitmap: data.nullBitmap, data: values });
}
