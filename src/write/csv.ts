/** CSV and TSV writers: a header line (unless the dialect has none), then one line per row, batch by batch. */
import type { RecordBatch, Schema } from 'apache-arrow';
import type { TextDialect } from './dialect.js';
import { ByteBuffer, byteDelimiter, delimitedBytes } from './csv-bytes.js';
import { byteOrderMark, encodeText } from './encoding.js';
import { cellFormatter, delimitedStyle } from './text.js';
import type { ByteSink, BatchEncoder } from './encoder.js';

/**
 * An encoder of delimited text (`,` for CSV, tab for TSV) with RFC 4180 quoting; lines end with
 * CRLF as RFC 4180 says. A `dialect` (the input's, for a masked copy) sets the delimiter, line
 * ending, byte-order mark, quoting, encoding and whether a header line is written instead.
 */
export function delimitedEncoder(schema: Schema, delimiter: string, dialect?: Partial<TextDialect>): BatchEncoder {
  const style = delimitedStyle(delimiter, { quoteAll: dialect?.quoteAll ?? false, guardFormulas: dialect?.guardFormulas ?? false });
  const eol = dialect?.eol ?? '\r\n';
  const encoding = dialect?.encoding ?? 'utf-8';
  const bom = dialect?.bom ? byteOrderMark(encoding) : Buffer.alloc(0);
  const header = dialect?.header === false ? '' : schema.fields.map((f) => style.value(f.name, f.type)).join(delimiter) + eol;
  // UTF-8 output is written as bytes, with no string per line (the same bytes either way), into
  // one buffer reused batch after batch: the sink is done with a batch's bytes once it resolves.
  const out = new ByteBuffer();
  const layout = encoding === 'utf-8' && byteDelimiter(delimiter) ? { delimiter, eol, quoteAll: dialect?.quoteAll ?? false, guardFormulas: dialect?.guardFormulas ?? false } : null;
  return {
    async start(sink: ByteSink) {
      const head = Buffer.concat([bom, encodeText(header, encoding)]);
      if (head.length > 0) await sink.write(head);
    },
    async write(batch: RecordBatch, sink: ByteSink) {
      if (layout) {
        if (batch.numRows === 0) return;
        await sink.write(delimitedBytes(batch, style, layout, out));
        return;
      }
      const cells = batch.data.children.map((child) => cellFormatter(child, style));
      const width = cells.length;
      const lines: string[] = new Array(batch.numRows);
      for (let i = 0; i < batch.numRows; i++) {
        let line = width > 0 ? cells[0](i) : '';
        for (let j = 1; j < width; j++) line += delimiter + cells[j](i);
        lines[i] = line;
      }
      if (lines.length > 0) await sink.write(encodeText(lines.join(eol) + eol, encoding));
    },
    async finish() {},
  };
}
