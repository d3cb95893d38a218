/**
 * What discovery says of each column (DESIGN §8). Shared by `fairaudit discover`, `init`, the
 * audit (which attributes to audit when none are named) and masking (which columns to mask).
 */

/** What a column is for a fairness audit and for privacy. A column may be several at once. */
export type ColumnCategory = 'protected' | 'identifier' | 'quasi-identifier' | 'proxy';

/** The protected characteristics discovery looks for. */
export type ProtectedKind =
  | 'sex' | 'race' | 'age' | 'religion' | 'nationality' | 'disability' | 'marital_status'
  | 'pregnancy' | 'sexual_orientation' | 'veteran_status' | 'language';

/** The identifier kinds discovery recognizes. */
export type IdentifierKind =
  | 'name' | 'email' | 'phone' | 'national_id' | 'passport' | 'account' | 'payment_card' | 'iban'
  | 'ip' | 'address' | 'zip' | 'postcode' | 'date_of_birth' | 'date' | 'record_id' | 'url';

/** A proxy link between this column and a protected attribute. */
export interface ProxyLink {
  attribute: string;
  /** Bias-corrected Cramér's V. */
  cramers_v: number;
  strength: 'warn' | 'strong';
}

/** Discovery's finding for one column. */
export interface ColumnFinding {
  column: string;
  /** Arrow type as text (`Utf8`, `Int32`, `Dictionary<Int32, Utf8>`, …). */
  type: string;
  categories: ColumnCategory[];
  protected_kind?: ProtectedKind;
  identifier_kind?: IdentifierKind;
  /** Share of matching non-null sampled values (1 for a name-only match with no value evidence). */
  confidence: number;
  /** Wilson lower bound of that share. */
  confidence_lower: number;
  /** Human-readable reasons: "name matches 'sexo' (Spanish for sex)", "97% of values are emails (Luhn-valid)". */
  evidence: string[];
  /** What to do: audit as a sensitive attribute, mask (hmac), generalize, review as a proxy, … */
  action: string;
  /** Masked example values, never raw identifiers (`j***@e*****.com`). */
  examples: string[];
  proxy_for?: ProxyLink[];
  /** Which rules decided the category: the column's name, its values, or both. */
  matched_by?: ('name' | 'values')[];
  /** A few values look like PII but too few to call it a PII column. */
  contains_some_pii?: boolean;
  /** Free text (notes, comments): masking replaces the identifiers inside it, span by span. */
  free_text?: boolean;
  non_null: number;
  distinct: number;
}

/** Discovery over one data source. */
export interface DiscoveryResult {
  /** Rows in the sample the rules ran on (reservoir sample over the stream). */
  sample_rows: number;
  /** Rows streamed to draw the sample. */
  rows_seen: number;
  seed: number;
  columns: ColumnFinding[];
  /** Columns of a table wider than `max_columns` that discovery did not look at. */
  skipped_columns?: number;
  /** The cap on columns looked at, when it skipped some. */
  max_columns?: number;
}
