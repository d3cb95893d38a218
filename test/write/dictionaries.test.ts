/**
 * One dictionary per column for an Arrow IPC file: the unifier that looks text up by its bytes
 * writes the very file that a plain unifier (text as JavaScript strings in a Map, written here)
 * writes, with repeated, null, non-ASCII and invalid UTF-8 entries, and dictionaries that extend.
 */
import { Dictionary, Field, Int32, Int8, RecordBatch, RecordBatchFileWriter, Schema, Struct, Utf8, Vector, makeData, tableFromIPC, vectorFromArray, type Data } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DictionaryUnifier } from '../../src/write/dictionaries.js';

const TYPE = new Dictionary(new Utf8(), new Int32(), 0);
const SCHEMA = new Schema([new Field('d', TYPE, true)]);

function utf8(values: (string | null)[]): Data<Utf8> {
  return vectorFromArray(values, new Utf8()).data[0];
}

/** Utf8 entries straight from bytes (for bytes that are not valid UTF-8). */
function rawUtf8(entries: Uint8Array[]): Data<Utf8> {
  const offsets = new Int32Array(entries.length + 1);
  entries.forEach((e, i) => (offsets[i + 1] = offsets[i] + e.length));
  const values = new Uint8Array(offsets[entries.length]);
  entries.forEach((e, i) => values.set(e, offsets[i]));
  return makeData({ type: new Utf8(), length: entries.length, nullCount: 0, valueOffsets: offsets, data: values });
}

function batch(chunks: Data<Utf8>[], codes: number[], nullAt = -1): RecordBatch {
  const validity = new Uint8Array((codes.length + 7) >> 3).fill(255);
  if (nullAt >= 0) validity[nullAt >> 3] &= ~(1 << (nullAt & 7));
  const column = makeData({ type: TYPE, length: codes.length, nullCount: nullAt >= 0 ? 1 : 0, nullBitmap: nullAt >= 0 ? validity : undefined, data: Int32Array.from(codes), dictionary: new Vector(chunks) });
  return new RecordBatch(SCHEMA, makeData({ type: new Struct(SCHEMA.fields), length: codes.length, nullCount: 0, children: [column] }));
}

/** The plain way: every entry read as text, looked up in a Map; new ones appended as a chunk built from their text. */
function plainUnifier() {
  const schema = new Schema([new Field('d', new Dictionary(new Utf8(), new Int32(), 0), true)]);
  let chunks: Data[] = [];
  let index: Map<string, number> | null = null;
  let size = 0;
  return {
    schema,
    unify(b: RecordBatch): RecordBatch {
      const data = b.data.children[0];
      const incoming = (data.dictionary as Vector).data;
      let codes: Int32Array;
      if (incoming.length >= chunks.length && chunks.every((c, k) => incoming[k] === c)) {
        for (const chunk of incoming.slice(chunks.length)) {
          if (index) [...new Vector([chunk])].forEach((v, e) => v !== null && !index!.has(v as string) && index!.set(v as string, size + e));
          chunks = [...chunks, chunk];
          size += chunk.length;
        }
        codes = Int32Array.from(data.values as ArrayLike<number>);
      } else {
        if (!index) {
          index = new Map();
          let at = 0;
          for (const chunk of chunks) {
            for (const v of new Vector([chunk])) {
              if (v !== null && !index.has(v as string)) index.set(v as string, at);
              at++;
            }
          }
        }
        const fresh: string[] = [];
        const remap: number[] = [];
        for (const v of new Vector(incoming)) {
          if (v === null) remap.push(0);
          else {
            if (!index.has(v as string)) {
              index.set(v as string, size + fresh.length);
              fresh.push(v as string);
            }
            remap.push(index.get(v as string)!);
          }
        }
        if (fresh.length > 0) {
          chunks = [...chunks, utf8(fresh)];
          size += fresh.length;
        }
        codes = Int32Array.from(data.values as ArrayLike<number>, (c) => remap[c]);
      }
      const column = makeData({ type: schema.fields[0].type as Dictionary<Utf8, Int32>, length: data.length, nullCount: data.nullCount, nullBitmap: data.nullBitmap, data: codes, dictionary: new Vector(chunks) as Vector<Utf8> });
      return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: data.length, nullCount: 0, children: [column] }));
    },
  };
}

function fileOf(batches: RecordBatch[], unify: (b: RecordBatch) => RecordBatch, schema: Schema): Buffer {
  const writer = new RecordBatchFileWriter();
  writer.reset(undefined, schema);
  for (const b of batches) writer.write(unify(b));
  writer.finish();
  return Buffer.from(writer.toUint8Array(true));
}

describe('one dictionary per column for an Arrow file', () => {
  const shared = utf8(['a', 'b', null, 'é']);
  const cases: [string, () => RecordBatch[]][] = [
    [
      'fresh dictionaries, repeated and null entries',
      () => [
        batch([utf8(['x', 'y', 'x', null, '日本'])], [0, 1, 2, 3, 4, 0], 5),
        batch([utf8(['y', 'z', '', 'z'])], [3, 2, 1, 0]),
        batch([utf8(['', '日本', 'w'])], [2, 1, 0], 1),
      ],
    ],
    ['a dictionary that extends, then a fresh one', () => [batch([shared], [0, 1, 3]), batch([shared, utf8(['c', 'a'])], [4, 5, 0]), batch([utf8(['c', 'q', 'a'])], [0, 1, 2])]],
    [
      'bytes that are not valid UTF-8, first and later',
      () => [
        batch([utf8(['ok', 'fine'])], [0, 1]),
        batch([utf8(['fine', 'new'])], [0, 1]),
        batch([rawUtf8([Uint8Array.from([0xff, 0x41]), Uint8Array.from([0xfe, 0x41]), Buffer.from('ok')])], [0, 1, 2]),
        batch([utf8(['new', 'later'])], [1, 0]),
      ],
    ],
    ['hashed ids: a fresh dictionary per batch, each entry once', () => [0, 1, 2].map((k) => batch([utf8(Array.from({ length: 3000 }, (_, i) => `${(k * 2000 + i).toString(16).padStart(64, '0')}`))], Array.from({ length: 3000 }, (_, i) => i)))],
  ];
  for (const [name, batches] of cases) {
    it(`writes the file a plain unifier writes: ${name}`, () => {
      const unifier = new DictionaryUnifier(SCHEMA);
      const plain = plainUnifier();
      const ours = fileOf(batches(), (b) => unifier.unify(b), unifier.schema);
      expect(ours.equals(fileOf(batches(), plain.unify, plain.schema))).toBe(true);
      const expected = batches().flatMap((b) => [...b.getChildAt(0)!]);
      expect([...tableFromIPC(ours).getChildAt(0)!]).toEqual(expected);
    });
  }

  it('leaves other dictionaries to the plain path', () => {
    const numbers = new Schema([new Field('n', new Dictionary(new Int32(), new Int8(), 1), true)]);
    const unifier = new DictionaryUnifier(numbers);
    const column = (values: number[], codes: number[]) =>
      makeData({ type: numbers.fields[0].type as Dictionary<Int32, Int8>, length: codes.length, nullCount: 0, data: Int8Array.from(codes), dictionary: vectorFromArray(values, new Int32()) });
    const out = [column([5, 6], [1, 0]), column([6, 7], [1, 0])].map((c) => unifier.unify(new RecordBatch(numbers, makeData({ type: new Struct(numbers.fields), length: c.length, nullCount: 0, children: [c] }))));
    expect(out.flatMap((b) => [...b.getChildAt(0)!])).toEqual([6, 5, 7, 6]);
  });
});
