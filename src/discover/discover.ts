/**
 * Sensitive-attribute discovery (DESIGN §8): a seeded sample of the data, name and value rules
 * per column, then proxies against the protected attributes found.
 */
import type { DataSource } from '../load/source.js';
import { protectedAttributes } from './attributes.js';
import { classifyColumn, type Classification } from './classify.js';
import { maskValue, maskWords } from './examples.js';
import { parseDate } from './patterns.js';
import { isCommonName } from './person-names.js';
import { normalizeValue } from './values.js';
import { isIdLike, isNearUnique, profileColumn, type ColumnProfile } from './profile.js';
import { findProxies, type ProxyInput } from './proxies.js';
import { sampleSource } from './sample.js';
import type { ColumnFinding, DiscoveryResult, IdentifierKind } from '../results/index.js';

export { protectedAttributes, suggestRoles } from './attributes.js';

/** Options of {@link discover}. */
export interface DiscoverOptions {
  /** Rows sampled (default 100 000; every row when there are fewer). */
  sampleSize?: number;
  /** Seed of the sample (default 42). */
  seed?: number;
  /** Look at these columns only (default: all). */
  columns?: string[];
  /** Columns never tested as proxies nor as protected targets: the label, prediction, score. */
  exclude?: string[];
  /** The date ages are computed at, epoch ms (default: now). */
  now?: number;
  /**
   * Most columns looked at when `columns` is not given (default {@link DISCOVERY_MAX_COLUMNS}):
   * a table wider than this is discovered on its first columns, and the result says how many
   * were skipped (`skipped_columns`).
   */
  maxColumns?: number;
}

/**
 * Columns discovery looks at by default. Its sample holds a value per row and column, and proxy
 * search pairs columns: past a few hundred columns a table (10,000 columns of a wide export)
 * costs gigabytes and minutes for findings nobody reads. Raise it with `--max-columns`.
 */
export const DISCOVERY_MAX_COLUMNS = 500;

/** Age bands of DESIGN §6 (<25, 25–44, 45–64, 65+) used when age is the protected side of a proxy. */
const AGE_CUTS = [25, 45, 65];

/** Whether any word of `text` is a common given name or surname. */
function holdsCommonName(text: string): boolean {
  return normalizeValue(text).split(' ').some((word) => isCommonName(word));
}

/** Examples shown per column. */
const EXAMPLES = 3;

/**
 * Finds the protected attributes, identifiers, quasi-identifiers and proxies of a data source,
 * from a seeded reservoir sample of `sampleSize` rows read in one pass.
 *
 * @example
 * const result = await discover(await openData(['loans.parquet']));
 * result.columns.filter((c) => c.categories.includes('protected')).map((c) => c.column);
 */
export async function discover(source: DataSource, options: DiscoverOptions = {}): Promise<DiscoveryResult> {
  const seed = options.seed ?? 42;
  const now = options.now ?? Date.now();
  const cap = options.maxColumns ?? DISCOVERY_MAX_COLUMNS;
  const width = source.schema.fields.length;
  // The excluded roles (label, prediction) never need discovering; the cap counts the others.
  const looked = options.columns ?? (width > cap ? source.schema.fields.map((f) => f.name).filter((name) => !(options.exclude ?? []).includes(name)).slice(0, cap) : undefined);
  const skipped = options.columns === undefined && looked !== undefined ? width - looked.length - (options.exclude ?? []).filter((n) => source.schema.fields.some((f) => f.name === n)).length : 0;
  const sample = await sampleSource(source, { sampleSize: options.sampleSize ?? 100_000, seed, columns: looked });
  const profiles = sample.columns.map(profileColumn);
  const classes = profiles.map((p) => classifyColumn(p, now));
  const columns = profiles.map((p, i) => finding(p, classes[i]));
  const result: DiscoveryResult = { sample_rows: sample.rows, rows_seen: sample.rowsSeen, seed, columns, ...(skipped > 0 ? { skipped_columns: skipped, max_columns: cap } : {}) };
  addProxies(result, profiles, classes, new Set(options.exclude ?? []));
  for (const f of columns) f.action = action(f);
  return result;
}

function finding(p: ColumnProfile, c: Classification): ColumnFinding {
  const f: ColumnFinding = {
    column: p.name,
    type: p.type,
    categories: [...c.categories],
    ...(c.protected_kind ? { protected_kind: c.protected_kind } : {}),
    ...(c.identifier_kind ? { identifier_kind: c.identifier_kind } : {}),
    confidence: c.confidence,
    confidence_lower: c.confidence_lower,
    evidence: c.evidence,
    action: '',
    examples: [],
    ...(c.matched_by && c.categories.length ? { matched_by: c.matched_by } : {}),
    ...(c.contains_some_pii ? { contains_some_pii: true } : {}),
    ...(c.free_text ? { free_text: true } : {}),
    non_null: p.nonNull,
    distinct: p.counts.size,
  };
  f.examples = examples(p, f);
  return f;
}

function addProxies(result: DiscoveryResult, profiles: ColumnProfile[], classes: Classification[], exclude: ReadonlySet<string>): void {
  const targets = new Set(protectedAttributes(result).filter((c) => !exclude.has(c)));
  if (targets.size === 0) return;
  const attributes: (ProxyInput & { bins?: number[] })[] = [];
  const candidates: ProxyInput[] = [];
  profiles.forEach((p, i) => {
    const f = result.columns[i];
    if (targets.has(p.name)) {
      const dates = f.identifier_kind === 'date_of_birth' && p.kind === 'string';
      const values = dates ? p.values.map((v) => (typeof v === 'string' ? parseDate(v.trim()) : null)) : p.values;
      const numeric = dates || p.kind === 'number' || p.kind === 'date';
      attributes.push({ name: p.name, values, numeric, bins: f.protected_kind === 'age' && p.kind === 'number' ? AGE_CUTS : undefined });
      return;
    }
    const skip = exclude.has(p.name) || f.categories.includes('protected') || classes[i].row_number || isIdLike(p) || p.counts.size < 2;
    // A ZIP or an account number stored as an integer is a code, not a quantity: deciles would merge
    // unrelated codes (58101–58104 in one bin) and hide the very association looked for.
    const code = f.identifier_kind !== undefined && f.identifier_kind !== 'date' && f.identifier_kind !== 'date_of_birth';
    if (!skip) candidates.push({ name: p.name, values: p.values, numeric: !code && (p.kind === 'number' || p.kind === 'date'), counts: p.counts });
  });
  for (const proxy of findProxies(attributes, candidates)) {
    const f = result.columns.find((c) => c.column === proxy.column);
    if (!f) continue;
    (f.proxy_for ??= []).push({ attribute: proxy.attribute, cramers_v: proxy.cramers_v, strength: proxy.strength });
    if (!f.categories.includes('proxy')) f.categories.push('proxy');
    f.evidence.push(`bias-corrected Cramér's V = ${proxy.cramers_v.toFixed(2)} with ${proxy.attribute} (${proxy.strength === 'strong' ? 'strong' : 'moderate'})`);
  }
}

/** Mask operators suggested per identifier kind. */
const MASK_ACTION: Partial<Record<IdentifierKind, string>> = {
  zip: 'generalize (ZIP to 3 digits)',
  postcode: 'generalize (first 3 characters)',
  date_of_birth: 'generalize (date to year)',
};

/** The suggested action text: what to do with the column, one clause per category. */
function action(f: ColumnFinding): string {
  const parts: string[] = [];
  if (f.categories.includes('protected')) {
    parts.push(f.identifier_kind === 'date_of_birth' ? 'audit as age (derive age bands)' : 'audit as a sensitive attribute');
    if (f.protected_kind === 'age' && f.identifier_kind !== 'date_of_birth') parts.push('generalize (age bands) when sharing');
  }
  if (f.categories.includes('identifier')) parts.push(MASK_ACTION[f.identifier_kind!] ?? 'mask: hmac');
  if (f.categories.includes('quasi-identifier') && f.identifier_kind) parts.push(MASK_ACTION[f.identifier_kind] ?? 'generalize');
  for (const link of f.proxy_for ?? []) parts.push(`review: proxy for ${link.attribute} (V = ${link.cramers_v.toFixed(2)})`);
  if (f.free_text) parts.push('mask: replace identifiers inside the text (scrub)');
  else if (f.contains_some_pii) parts.push('review: free text holds some PII; redact or drop');
  return parts.length ? parts.join('; ') : 'none';
}

/**
 * Up to three example values. Identifying columns, and any column holding some PII or too many
 * distinct strings to be categories, show masked values only.
 */
function examples(p: ColumnProfile, f: ColumnFinding): string[] {
  const identifying = f.identifier_kind !== undefined || f.contains_some_pii === true || f.free_text === true;
  const categorical = p.counts.size <= 100 && !isNearUnique(p);
  const out: string[] = [];
  for (const value of p.counts.keys()) {
    if (out.length >= EXAMPLES) break;
    const text = p.kind === 'date' && typeof value === 'number' ? new Date(value).toISOString().slice(0, 10) : String(value);
    // Long digit runs (an unrecognized account or card number stored as a number) are never shown raw.
    const measurement = typeof value === 'number' && Math.abs(value) < 1e6;
    // A category that holds a common given name or surname (an undetected manager's name) is masked too.
    const plain = (categorical && (f.categories.includes('protected') || !holdsCommonName(text))) || measurement || typeof value === 'boolean';
    out.push(identifying ? maskValue(text, f.identifier_kind) : plain ? text : maskWords(text));
  }
  return out;
}

/**
 * The warning for a table wider than discovery looks: how many columns were skipped, and the
 * flag that looks at more. Undefined when none was skipped.
 */
export function skippedColumnsWarning(result: DiscoveryResult): string | undefined {
  if (!result.skipped_columns) return undefined;
  return `discovery looked at the first ${result.max_columns} columns and skipped ${result.skipped_columns.toLocaleString('en-US')}: nothing is known of them (not masked, not audited as sensitive). Pass --max-columns N to look at more, or --sensitive to name the attributes.`;
}
