/** The footer of a Parquet file: its magic bytes, length and FileMetaData. */
import { open } from 'node:fs/promises';
import { UserError } from '../../errors.js';
import { decodeFileMetadata, type FileMetadata } from './metadata.js';

const MAGIC = 'PAR1';

/** Reads and decodes the footer of a Parquet file. Throws {@link UserError} when the file is not one. */
export async function readFooter(path: string): Promise<FileMetadata> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size < 12) throw notParquet('the file is too short to be Parquet');
    const tail = Buffer.alloc(8);
    await file.read(tail, 0, 8, size - 8);
    const magic = tail.toString('latin1', 4, 8);
    if (magic === 'PARE') throw notParquet('the footer is encrypted, which fairaudit does not read');
    if (magic !== MAGIC) throw notParquet('the file does not end in the Parquet magic bytes');
    const length = tail.readUInt32LE(0);
    if (length + 12 > size) throw notParquet('its footer length points before the start of the file');
    const footer = Buffer.alloc(length);
    await file.read(footer, 0, length, size - 8 - length);
    try {
      return decodeFileMetadata(footer);
    } catch (error) {
      throw notParquet(`its footer does not decode (${(error as Error).message})`);
    }
  } finally {
    await file.close();
  }
}

function notParquet(message: string): UserError {
  return new UserError(`not a readable Parquet file: ${message}`, { hint: 'the file may be truncated or corrupt; write it again' });
}

