/**
 * Bounds of an Arrow IPC file's metadata, checked before Apache Arrow decodes it. The footer and
 * the schema are FlatBuffers whose vector lengths and offsets are read from the file as they are;
 * Apache Arrow trusts them, so a few flipped bits that claim a billion fields or children make
 * its decoder build objects until memory runs out (a fuzzed 9 KB file reached out-of-memory in
 * under a second). Every offset and vector declared in the footer and in the schema is checked
 * here against the bytes that hold it, so decoding costs at most what the file's size allows.
 *
 * Pure: takes bytes, returns the first problem found or undefined.
 */

/** Most fields (at any depth) a schema may declare: far above any real table, far below what exhausts memory. */
const MAX_SCHEMA_FIELDS = 1_000_000;
/** Deepest nesting of fields (list of struct of list …) accepted. */
const MAX_FIELD_DEPTH = 64;

/** Bytes of one `Block` struct of the footer (offset: long, metaDataLength: int + pad, bodyLength: long). */
const BLOCK_BYTES = 24;

/** A problem in the metadata: what is wrong, in the terms of the Arrow format. */
class IpcBoundsError extends Error {}

/** Reads a FlatBuffer's tables with every position checked against the buffer's length. */
class CheckedFlatBuffer {
  private readonly view: DataView;
  fields = 0;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(position: number, length: number, what: string): void {
    if (!Number.isSafeInteger(position) || position < 0 || length < 0 || position + length > this.bytes.length) {
      throw new IpcBoundsError(`${what} at byte ${position} (${length} bytes) lies outside the ${this.bytes.length} bytes of its metadata`);
    }
  }

  uint32(position: number, what: string): number {
    this.need(position, 4, what);
    return this.view.getUint32(position, true);
  }

  /** The table the root offset points to. */
  root(): number {
    return this.target(0, 'the root table');
  }

  /** The position an offset stored at `position` points to. */
  target(position: number, what: string): number {
    const to = position + this.uint32(position, what);
    this.need(to, 4, what);
    return to;
  }

  /** The position of field `index` of the table at `table`, or undefined when absent. */
  field(table: number, index: number, what: string): number | undefined {
    this.need(table, 4, what);
    const vtable = table - this.view.getInt32(table, true);
    this.need(vtable, 4, `${what}'s vtable`);
    const vtableLength = this.view.getUint16(vtable, true);
    const tableLength = this.view.getUint16(vtable + 2, true);
    this.need(vtable, vtableLength, `${what}'s vtable`);
    this.need(table, tableLength, what);
    const slot = 4 + 2 * index;
    if (slot + 2 > vtableLength) return undefined;
    const offset = this.view.getUint16(vtable + slot, true);
    if (offset === 0) return undefined;
    if (offset + 4 > tableLength) throw new IpcBoundsError(`${what}: field ${index} lies outside its table`);
    return table + offset;
  }

  /** The start and length of the vector in field `index` of `table`, checked to fit `elementBytes` each. */
  vector(table: number, index: number, elementBytes: number, what: string): { start: number; length: number } | undefined {
    const at = this.field(table, index, what);
    if (at === undefined) return undefined;
    const vector = this.target(at, what);
    const length = this.uint32(vector, what);
    this.need(vector + 4, length * elementBytes, `${what} (${length} declared)`);
    return { start: vector + 4, length };
  }

  /** The table an offset in field `index` of `table` points to, or undefined when absent. */
  table(table: number, index: number, what: string): number | undefined {
    const at = this.field(table, index, what);
    return at === undefined ? undefined : this.target(at, what);
  }
}

/**
 * Checks the footer of an Arrow IPC file (its FlatBuffer bytes) and returns what is out of bounds,
 * or undefined. `fileBytes` is the file's size, which every record batch and dictionary block must
 * lie within.
 *
 * @example
 * footerProblem(footerBytes, stat.size); // 'the schema declares 1,073,741,824 fields …' or undefined
 */
export function footerProblem(footer: Uint8Array, fileBytes: number): string | undefined {
  return checked(() => {
    const fb = new CheckedFlatBuffer(footer);
    const root = fb.root();
    const schema = fb.table(root, 1, 'the footer schema');
    if (schema !== undefined) checkSchema(fb, schema);
    for (const [index, what] of [[2, 'dictionary blocks'], [3, 'record batch blocks']] as const) {
      const blocks = fb.vector(root, index, BLOCK_BYTES, `the footer's ${what}`);
      if (!blocks) continue;
      const view = new DataView(footer.buffer, footer.byteOffset, footer.byteLength);
      for (let i = 0; i < blocks.length; i++) {
        const at = blocks.start + i * BLOCK_BYTES;
        const offset = Number(view.getBigInt64(at, true));
        const metadata = view.getInt32(at + 8, true);
        const body = Number(view.getBigInt64(at + 16, true));
        if (offset < 0 || metadata < 0 || body < 0 || offset + metadata + body > fileBytes) {
          throw new IpcBoundsError(`${what.replace(/s$/, '')} ${i} claims bytes ${offset}…${offset + metadata + body} of a ${fileBytes}-byte file`);
        }
      }
    }
  });
}

/**
 * Checks a `Message` FlatBuffer (a stream's first message) whose header is a schema, and returns
 * what is out of bounds, or undefined.
 */
export function schemaMessageProblem(message: Uint8Array): string | undefined {
  return checked(() => {
    const fb = new CheckedFlatBuffer(message);
    const root = fb.root();
    const schema = fb.table(root, 2, 'the message header');
    if (schema !== undefined) checkSchema(fb, schema);
  });
}

function checked(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof IpcBoundsError) return error.message;
    throw error;
  }
}

function checkSchema(fb: CheckedFlatBuffer, schema: number): void {
  const fields = fb.vector(schema, 1, 4, "the schema's fields");
  if (fields) checkFields(fb, fields, 1);
  checkMetadata(fb, schema, 2, "the schema's metadata");
}

function checkFields(fb: CheckedFlatBuffer, fields: { start: number; length: number }, depth: number): void {
  if (depth > MAX_FIELD_DEPTH) throw new IpcBoundsError(`fields nest deeper than ${MAX_FIELD_DEPTH} levels`);
  fb.fields += fields.length;
  if (fb.fields > MAX_SCHEMA_FIELDS) throw new IpcBoundsError(`the schema declares more than ${MAX_SCHEMA_FIELDS.toLocaleString('en-US')} fields`);
  for (let i = 0; i < fields.length; i++) {
    const field = fb.target(fields.start + 4 * i, 'a field');
    const name = fb.table(field, 0, "a field's name");
    if (name !== undefined) {
      const length = fb.uint32(name, "a field's name");
      if (name + 4 + length > fb.bytes.length) throw new IpcBoundsError(`a field's name declares ${length} bytes beyond its metadata`);
    }
    fb.table(field, 3, "a field's type");
    const dictionary = fb.table(field, 4, "a field's dictionary");
    if (dictionary !== undefined) fb.table(dictionary, 1, "a dictionary's index type");
    const children = fb.vector(field, 5, 4, "a field's children");
    if (children) checkFields(fb, children, depth + 1);
    checkMetadata(fb, field, 6, "a field's metadata");
  }
}

function checkMetadata(fb: CheckedFlatBuffer, table: number, index: number, what: string): void {
  const pairs = fb.vector(table, index, 4, what);
  if (!pairs) return;
  for (let i = 0; i < pairs.length; i++) {
    const pair = fb.target(pairs.start + 4 * i, what);
    for (const slot of [0, 1]) {
      const text = fb.table(pair, slot, what);
      if (text === undefined) continue;
      const length = fb.uint32(text, what);
      if (text + 4 + length > fb.bytes.length) throw new IpcBoundsError(`${what} declares a ${length}-byte string beyond its metadata`);
    }
  }
}
