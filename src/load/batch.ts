/** Assembling a record batch from column data. */
import { Field, RecordBatch, Schema, Struct, makeData, type Data } from 'apache-arrow';

/**
 * A record batch of `length` rows with one column per field; each field takes the type of its
 * data (a dictionary column keeps the id its data carries).
 */
export function makeBatch(fields: readonly Field[], children: readonly Data[], length: number): RecordBatch {
  const typed = fields.map((field, i) => (field.type === children[i].type ? field : new Field(field.name, children[i].type, field.nullable, field.metadata)));
  const schema = new Schema(typed);
  return new RecordBatch(schema, makeData({ type: new Struct(typed), length, nullCount: 0, children: children as Data[] }));
}

/**
 * The columns `names` of a batch, in that order. (Arrow's `RecordBatch.select` keeps the schema's
 * column order for the data while naming the fields in the requested order.)
 */
export function selectColumns(batch: RecordBatch, names: readonly string[]): RecordBatch {
  const all = batch.schema.fields;
  const indices = names.map((name) => all.findIndex((f) => f.name === name));
  if (indices.length === all.length && indices.every((index, i) => index === i)) return batch;
  return makeBatch(
    indices.map((i) => all[i]),
    indices.map((i) => batch.data.children[i]),
    batch.numRows,
  );
}
