/** JSON Lines writer: one JSON object per row, keys in schema order. */
import type { RecordBatch, Schema } from 'apache-arrow';
import { JSON_STYLE, cellFormatter } from './text.js';
import type { ByteSink, BatchEncoder } from './encoder.js';

/** An encoder of JSON Lines (`{"a":1,"b":"x"}\n` per row). */
export function jsonLinesEncoder(schema: Schema): BatchEncoder {
  const keys = schema.fields.map((f, j) => (j === 0 ? '{' : ',') + JSON.stringify(f.name) + ':');
  return {
    async start() {},
    async write(batch: RecordBatch, sink: ByteSink) {
      const cells = batch.data.children.map((child) => cellFormatter(child, JSON_STYLE));
      const width = cells.length;
      const lines: string[] = new Array(batch.numRows);
      for (let i = 0; i < batch.numRows; i++) {
        let line = width === 0 ? '{' : '';
        for (let j = 0; j < width; j++) line += keys[j] + cells[j](i);
        lines[i] = line + '}';
      }
      if (lines.length > 0) await sink.write(Buffer.from(lines.join('\n') + '\n', 'utf8'));
    },
    async finish() {},
  };
}
