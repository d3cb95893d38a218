/**
 * The contract between the dataset writer (./writer.ts) and each format's encoder (./arrow.ts,
 * ./csv.ts, ./jsonl.ts, ./parquet.ts): the writer picks an encoder, the encoders know nothing of
 * the writer, so neither file imports the other's module.
 */
import type { RecordBatch } from 'apache-arrow';

/**
 * Where an encoder puts bytes; resolves once they are written or copied, so the encoder may then
 * reuse their memory (the CSV encoder writes every batch into one buffer).
 */
export interface ByteSink {
  write(bytes: Uint8Array): Promise<void>;
}

/** One format's encoding of a batch stream: `start`, `write` per batch, `finish`. */
export interface BatchEncoder {
  start(sink: ByteSink): Promise<void>;
  write(batch: RecordBatch, sink: ByteSink): Promise<void>;
  finish(sink: ByteSink): Promise<void>;
  /** Releases what the encoder holds after a failure. */
  abort?(): Promise<void>;
  /**
   * True when `write` has copied everything it needs of a batch before its first `await`, so the
   * batch's memory may be reused as soon as `write` is called (see `ScanOptions.transient`).
   */
  readonly copiesOnWrite?: boolean;
}
