/**
 * Identifiers in paths: a hive partition folder (`email=alice@corp.example/`) carries a value of
 * its column in the file's path, and a folder or file can be named after a person
 * (`bob@corp.example/alice.smith@corp.example.csv`), so wherever fairaudit records input paths
 * (the mask manifest, audit.json's `input.files`, the report, the summary, errors and warnings)
 * an identifying partition value, folder name or file name is shown as {@link MASKED_PARTITION}
 * instead (a file keeps its extensions: `(masked).csv.gz`). A partition column is identifying
 * when masking rewrites it, when discovery calls it an identifier, when its name names an
 * identifier kind (`email`, `ssn`, `customer_name`), or when one of its values looks like one (an
 * e-mail, phone number, SSN, card or IBAN, IP address, URL); a folder or file name is identifying
 * when its text, without extensions, looks like one: names are scanned like data.
 *
 * Pure: provenance records in, provenance records out.
 */
import type { DiscoveryResult, IdentifierKind } from '../results/index.js';
import { nameMatch } from '../discover/names.js';
import { isFullPersonName } from '../discover/person-names.js';
import { normalizeValue } from '../discover/values.js';
import { embeddedPii, isEmail, isIp, isPhone, isSsn, isUrl, ibanValid, isPaymentCard } from '../discover/patterns.js';
import type { FileProvenance } from '../load/source.js';

/** What a masked hive partition value, folder name or file name (before its extensions) is written as in recorded paths and `partitions`. */
export const MASKED_PARTITION = '(masked)';

/**
 * The dataset name fairaudit derives, in place of a file or folder name that looks like an
 * identifier: it names `reports/<dataset>/`, the masked copy and every report.
 */
export const MASKED_DATASET = 'masked-dataset';

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

/**
 * Whether one partition value (decoded from the folder name) or file name stem looks like a direct
 * identifier: an e-mail, IP address, URL, IBAN, payment card, SSN (`555-12-3456`), phone number
 * with separators (`(555) 123-4567`), text with one of those inside, or a person's full name and
 * nothing else (`alice-smith`, `Smith_Alice_2024`: see {@link personNamed}). Dates and timestamps
 * (`2024-05-01`, `20240501-120008`) are left out before the digit patterns run: a timestamp's 14
 * digits pass the card checksum one time in ten and have a phone's shape, but name no one. Part
 * numbers and other bare numbers (`0001`) are not phones: the phone pattern wants separators, and
 * a zero-padded counter (`00000-00017`) is not one either.
 *
 * @example
 * identifyingValue('alice@corp.example'); // true
 * identifyingValue('20240501-120008'); // false
 */
export function identifyingValue(value: string): boolean {
  const text = value.trim();
  if (text === '' || text === MASKED_PARTITION) return false;
  if (isEmail(text) || isIp(text) || isUrl(text) || ibanValid(text) || embeddedPii(text) === 'email' || personNamed(text)) return true;
  const undated = text.replace(TIMESTAMP, ' ').trim();
  // A zero-padded counter (`00000-00017`) has a phone's shape; no phone number starts with 000.
  const phone = isPhone(undated) && !/^\D*000/.test(undated);
  return undated !== '' && (isPaymentCard(undated) || isSsn(undated) || phone || embeddedPii(undated) !== undefined);
}

/**
 * Whether `text` is a person's full name, words split at spaces, `-`, `_`, `.` and `,`, with
 * numbers (a date, a counter) left out: `alice-smith`, `alice.m.smith`, `smith, alice`,
 * `Alice_Smith_2024-05-01`. A file named after one person is as identifying as an e-mail.
 */
function personNamed(text: string): boolean {
  const words = normalizeValue(text)
    .split(/[\s.,']+/)
    .filter((w) => w !== '' && !/^\d+$/.test(w));
  return words.every((w) => /^\p{L}+$/u.test(w)) && isFullPersonName(words);
}

/**
 * A calendar date (19xx or 20xx), with a time of day after it or not, that starts a run of digits:
 * `2024-05-01`, `20240501-120008`, `2024-05-01T12:00:00`.
 */
const TIMESTAMP = /(?<!\d)(?:19|20)\d\d([-./]?)(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])(?:[-T_ ]?[0-2]\d(?:[-:.]?[0-5]\d){1,2}(?:\.\d+)?)?(?!\d)/g;

/**
 * The extensions of a data file, compression and fairaudit's own suffixes included, that a file
 * name keeps when its stem is masked: they say what the file is, never who.
 */
const FILE_EXTENSIONS = /(?:\.(?:csv|tsv|tab|txt|jsonl|ndjson|json|parquet|pq|arrow|arrows|feather|ipc|snappy|zstd|zst|gz|gzip|bz2|xz|masked|manifest))+$/i;

/** `segment` split into its stem and its data-file extensions (`x.csv.gz` → `x`, `.csv.gz`). */
function splitExtensions(segment: string): { stem: string; extensions: string } {
  const match = FILE_EXTENSIONS.exec(segment);
  if (!match || match.index === 0) return { stem: segment, extensions: '' };
  return { stem: segment.slice(0, match.index), extensions: match[0] };
}

/**
 * Whether one folder or file name of a path looks like a direct identifier: its text without the
 * data-file extensions (as written, and percent-decoded) is scanned by {@link identifyingValue}.
 *
 * @example
 * identifyingSegment('alice.smith@corp.example.csv'); // true
 * identifyingSegment('part-0001.parquet'); // false
 */
export function identifyingSegment(segment: string): boolean {
  const { stem } = splitExtensions(segment);
  return identifyingValue(stem) || identifyingValue(safeDecode(stem));
}

/** `segment` as a path shows it: `(masked)` and its extensions when it identifies someone, else as it is. */
function maskSegment(segment: string): string {
  return identifyingSegment(segment) ? MASKED_PARTITION + splitExtensions(segment).extensions : segment;
}

/**
 * The dataset name fairaudit derives from a file or folder name, without the identifier it may
 * be: {@link MASKED_DATASET} when `name` looks like one, else `name`. A name the user gives
 * (`dataset:` in the config) is theirs and does not pass through here.
 *
 * @example
 * derivedDatasetName('alice.smith@corp.example'); // 'masked-dataset'
 * derivedDatasetName('loans'); // 'loans'
 */
export function derivedDatasetName(name: string): string {
  return identifyingSegment(name) ? MASKED_DATASET : name;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * `files` with the values of the partition columns in `keys` replaced by {@link MASKED_PARTITION},
 * in the folder names of `path` and in `partitions`, and every other folder or file name of `path`
 * that looks like an identifier masked as {@link maskPath} does. Files with nothing to mask are
 * returned as they are.
 *
 * @example
 * maskPartitionPaths([{ path: 'bob@corp.example/a.csv', … }], new Set())[0].path; // '(masked)/a.csv'
 */
export function maskPartitionPaths(files: readonly FileProvenance[], keys: ReadonlySet<string>): FileProvenance[] {
  return files.map((file) => {
    const hit = Object.keys(file.partitions ?? {}).filter((key) => keys.has(key));
    const path = maskPath(file.path, keys);
    if (hit.length === 0 && path === file.path) return file;
    const partitions = hit.length === 0 ? file.partitions : { ...file.partitions };
    for (const key of hit) partitions![key] = MASKED_PARTITION;
    return { ...file, path, ...(partitions ? { partitions } : {}) };
  });
}

/**
 * `path` as fairaudit records it: a hive folder of a column in `keys`, or whose column name or
 * value looks identifying, as `key=(masked)`; any other folder or file name that looks like an
 * identifier as `(masked)` plus its extensions.
 *
 * @example
 * maskPath('d/email=a@b.org/bob@corp.example.csv', new Set()); // 'd/email=(masked)/(masked).csv'
 */
export function maskPath(path: string, keys: ReadonlySet<string>): string {
  return path
    .split(/([\\/])/)
    .map((segment) => (segment === '/' || segment === '\\' ? segment : maskName(segment, keys)))
    .join('');
}

/** One folder or file name of a path, masked as {@link maskPath} says. */
function maskName(segment: string, keys: ReadonlySet<string>): string {
  const hive = /^([A-Za-z_][\w.-]*)=(.*)$/.exec(segment);
  if (hive) {
    const [, key, value] = hive;
    return keys.has(key) || identifyingName(key) || identifyingValue(safeDecode(value)) ? `${key}=${MASKED_PARTITION}` : segment;
  }
  return maskSegment(segment);
}

/** A hive folder inside a path in running text: `key=value` between a path separator (or the text's start, a space, a quote) and the next separator. */
const PARTITION_IN_TEXT = /(^|[\\/\s"'(])([A-Za-z_][\w.-]*)=([^\\/"'\n]+?)(?=[\\/])/g;

/**
 * A path in running text: a run of characters that are not white space, quotes or brackets, split
 * below into its folder and file names. Only a run with a path separator or a data-file extension
 * is read as a path: other words of a message are not names of files.
 */
const PATH_IN_TEXT = /[^\s"'`()<>,;]+/g;

/** The end of a path's last name that is not part of it: `:3:` (a line number), `:`, `.`. */
const AFTER_NAME = /(?::\d+)*[:.]*$/;

/**
 * `text` (an error message, a warning) with every hive folder of a path whose column looks
 * identifying by name or whose value looks like an identifier shown as `key=(masked)`, and every
 * other folder or file name that looks like an identifier as `(masked)` plus its extensions:
 * messages that name an input file must not carry the identifier its path holds.
 *
 * @example
 * maskPartitionText('data/email=a@b.org/part.csv: bad row'); // 'data/email=(masked)/part.csv: bad row'
 * maskPartitionText('bob@corp.example/x.csv:3: bad row'); // '(masked)/x.csv:3: bad row'
 */
export function maskPartitionText(text: string): string {
  const partitioned = !text.includes('=')
    ? text
    : text.replace(PARTITION_IN_TEXT, (whole, before: string, key: string, value: string) =>
        identifyingName(key) || identifyingValue(value) ? `${before}${key}=${MASKED_PARTITION}` : whole,
      );
  return partitioned.replace(PATH_IN_TEXT, (token) => {
    if (!/[\\/]/.test(token) && !FILE_EXTENSIONS.test(token.replace(AFTER_NAME, ''))) return token;
    return token
      .split(/([\\/])/)
      .map((segment, i, all) => {
        if (segment === '/' || segment === '\\' || /^[A-Za-z_][\w.-]*=/.test(segment)) return segment;
        // Only the last name can carry a line number after it (`x.csv:3:`).
        const tail = i === all.length - 1 ? (AFTER_NAME.exec(segment)?.[0] ?? '') : '';
        return maskSegment(segment.slice(0, segment.length - tail.length)) + tail;
      })
      .join('');
  });
}
