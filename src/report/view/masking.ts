/**
 * The masking section, from the mask manifest: each column's operator and rule, and the re-
 * identification risk measured. Pure.
 */
import type { MaskManifest } from '../../results/index.js';
import { formatCount, formatNumber, formatPercent, notApplicable } from '../format.js';
import type { MaskingView } from './types.js';

/**
 * The masking manifest, column by column (each rule's parameters, then what the operator changed)
 * and figure by figure (output, key fingerprint, k-anonymity and l-diversity).
 */
export function maskingView(manifest: MaskManifest): MaskingView {
  const columns = manifest.columns.map((c) => {
    // The rule's parameters first, then the manifest's counts, as `{ ...rule, ...column }` orders them.
    const params: Record<string, unknown> = { ...c.rule, ...c };
    const detail = Object.entries(params)
      .flatMap(([k, v]) => (!['op', 'operator', 'column', 'rule'].includes(k) && isPlain(v) ? [`${humanize(k)}: ${plain(v)}`] : []))
      .join('; ');
    return { column: c.column, operator: c.operator, detail };
  });
  return { columns, figures: manifestFigures(manifest) };
}

function manifestFigures(manifest: MaskManifest): MaskingView['figures'] {
  const { risk, output } = manifest;
  const figures: MaskingView['figures'] = [
    { label: 'Profile', value: manifest.profile },
    { label: 'Masked output', value: output.path },
    { label: 'Masked output SHA-256', value: output.sha256 },
    { label: 'Rows written', value: plain(output.rows) },
    { label: 'HMAC key fingerprint', value: manifest.key_fingerprint ?? 'no key used' },
    { label: 'Quasi-identifiers', value: risk.quasi_identifiers.join(', ') || '—' },
    { label: 'Equivalence classes', value: plain(risk.classes) },
    {
      label: 'k achieved (smallest equivalence class)',
      value:
        risk.k_achieved !== null
          ? formatCount(risk.k_achieved) + (risk.k_target !== null && risk.k_achieved < risk.k_target ? ` — below the required k of ${risk.k_target}` : '')
          : notApplicable(risk.k_reason),
    },
  ];
  if (risk.k_target !== null) {
    figures.push(
      { label: 'k required', value: plain(risk.k_target) },
      { label: 'Records in classes smaller than k', value: `${plain(risk.records_below_k)}${risk.share_below_k !== null ? ` (${formatPercent(risk.share_below_k)})` : ''}` },
      { label: 'Cells suppressed to reach k', value: plain(manifest.suppressed_cells) },
    );
  }
  if (risk.l_diversity_column !== null) {
    figures.push({ label: `l-diversity of ${risk.l_diversity_column}`, value: risk.l_diversity !== null ? formatCount(risk.l_diversity) : notApplicable(risk.l_reason) });
  }
  return figures;
}

function isPlain(v: unknown): v is string | number | boolean | null {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function plain(v: string | number | boolean | null): string {
  if (v === null) return 'n/a';
  if (typeof v === 'number') return Number.isInteger(v) ? formatCount(v) : formatNumber(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return v;
}

/** A manifest key as a label: `values_changed` reads "Values changed"; suppress-rare's `k` stays `k`. */
function humanize(key: string): string {
  if (key === 'k') return 'k';
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
