/**
 * Identifiers in paths: a hive partition folder (`email=alice@corp.example/`) carries a value of
 * its column in the file's path, so wherever fairaudit records input paths (the mask manifest,
 * audit.json's `input.files`, the report and the summary) an identifying partition value is shown
 * as {@link MASKED_PARTITION} instead. A partition column is identifying when masking rewrites it,
 * when discovery calls it an identifier, when its name names an identifier kind (`email`,
 * `ssn`, `customer_name`), or when one of its values looks like one (an e-mail, phone number,
 * SSN, card or IBAN, IP address, URL): the values are scanned like data.
 *
 * Pure: provenance records in, provenance records out.
 */
import type { DiscoveryResult, IdentifierKind } from '../results/index.js';
import { nameMatch } from '../discover/names.js';
import { embeddedPii, isEmail, isIp, isUrl, ibanValid, isPaymentCard } from '../discover/patterns.js';
import type { FileProvenance } from '../load/source.js';

/** What a masked hive partition value is written as in recorded paths and `partitions`. */
export const MASKED_PARTITION = '(masked)';

/** The identifier kinds a partition column's name may name that make its values identifying. */
const IDENTIFYING_NAMES: ReadonlySet<IdentifierKind> = new Set<IdentifierKind>([
  'name', 'email', 'phone', 'national_id', 'passport', 'account', 'payment_card', 'iban', 'ip', 'address', 'date_of_birth', 'record_id', 'url',
]);

/**
 * The partition columns of `files` whose values must not appear in a path: those in `masked`
 * (columns a mask plan rewrites), those `discovery` calls identifiers, and those whose name or
 * any value looks identifying.
 *
 * @example
 * identifyingPartitions(source.files); // Set { 'email' } for data/email=alice@corp.example/part.csv
 */
export function identifyingPartitions(files: readonly FileProvenance[], options: { discovery?: DiscoveryResult; masked?: Iterable<string> } = {}): Set<string> {
  const keys = new Set<string>();
  const masked = new Set(options.masked ?? []);
  const identifiers = new Set((options.discovery?.columns ?? []).filter((c) => c.categories.includes('identifier')).map((c) => c.column));
  for (const file of files) {
    for (const [key, value] of Object.entries(file.partitions ?? {})) {
      if (keys.has(key)) continue;
      if (masked.has(key) || identifiers.has(key) || identifyingName(key) || identifyingValue(value)) keys.add(key);
    }
  }
  return keys;
}

function identifyingName(key: string): boolean {
  const match = nameMatch(key);
  return match !== undefined && !match.weak && IDENTIFYING_NAMES.has(match.kind as IdentifierKind);
}

/** Whether one partition value (decoded from the folder name) looks like a direct identifier. */
export function identifyingValue(value: string): boolean {
  const text = value.trim();
  if (text === '' || text === MASKED_PARTITION) return false;
  return isEmail(text) || isIp(text) || isUrl(text) || ibanValid(text) || isPaymentCard(text) || embeddedPii(text) !== undefined;
}

/**
 * `files` with the values of the partition columns in `keys` replaced by {@link MASKED_PARTITION},
 * in the folder names of `path` and in `partitions`. Files without such a partition are returned
 * as they are.
 */
export function maskPartitionPaths(files: readonly FileProvenance[], keys: ReadonlySet<string>): FileProvenance[] {
  return files.map((file) => {
    const hit = Object.keys(file.partitions ?? {}).filter((key) => keys.has(key));
    if (hit.length === 0) return file;
    const path = file.path
      .split(/([\\/])/)
      .map((segment) => {
        const key = hit.find((k) => segment.startsWith(`${k}=`));
        return key === undefined ? segment : `${key}=${MASKED_PARTITION}`;
      })
      .join('');
    const partitions = { ...file.partitions };
    for (const key of hit) partitions[key] = MASKED_PARTITION;
    return { ...file, path, partitions };
  });
}

/** A hive folder inside a path in running text: `key=value` between a path separator (or the text's start, a space, a quote) and the next separator. */
const PARTITION_IN_TEXT = /(^|[\\/\s"'(])([A-Za-z_][\w.-]*)=([^\\/"'\n]+?)(?=[\\/])/g;

/**
 * `text` (an error message, a warning) with every hive folder of a path whose column looks
 * identifying by name or whose value looks like an identifier shown as `key=(masked)`: messages
 * that name an input file must not carry the identifier its folder name holds.
 *
 * @example
 * maskPartitionText('data/email=a@b.org/part.csv: bad row'); // 'data/email=(masked)/part.csv: bad row'
 */
export function maskPartitionText(text: string): string {
  if (!text.includes('=')) return text;
  return text.replace(PARTITION_IN_TEXT, (whole, before: string, key: string, value: string) =>
    identifyingName(key) || identifyingValue(value) ? `${before}${key}=${MASKED_PARTITION}` : whole,
  );
}
