/** CSV and TSV writers: a header line, then one line per row, batch by batch. */
import type { RecordBatch, Schema } from 'apache-arrow';
import { cellFormatter, delimitedStyle } from './text.js';
import type { ByteSink, BatchEncoder } from './writer.js';

/**
 * An encoder of delimited text (`,` for CSV, tab for TSV) with RFC 4180 quoting; lines end with
 * CRLF as RFC 4180 says.
 */
export function delimitedEncoder(schema: Schema, delimiter: ',' | '\t'): BatchEncoder {
  const style = delimitedStyle(delimiter);
  const eol = '\r\n';
  const header = schema.fields.map((f) => style.value(f.name, f.type)).join(delimiter) + eol;
  return {
    async start(sink: ByteSink) {
      await sink.write(Buffer.from(header, 'utf8'));
    },
    async write(batch: RecordBatch, sink: ByteSink) {
      const cells = batch.data.children.map((child) => cellFormatter(child, style));
      const width = cells.length;
      const lines: string[] = new Array(batch.numRows);
      for (let i = 0; i < batch.numRows; i++) {
        let line = width > 0 ? cells[0](i) : '';
        for (let j = 1; j < width; j++) line += delimiter + cells[j](i);
        lines[i] = line;
      }
      if (lines.length > 0) await sink.write(Buffer.from(lines.join(eol) + eol, 'utf8'));
    },
    async finish() {},
  };
}
