/**
 * The contract's basic words, which the metric registry names too: the per-group rates and the
 * direction in which a metric gets worse. Their own file, importing nothing, so the registry can
 * use them without reaching the config types the rest of the contract echoes.
 */

/** Per-group rates (DESIGN §4). */
export type RateName =
  | 'base_rate' | 'selection_rate' | 'favorable_rate'
  | 'tpr' | 'fnr' | 'fpr' | 'tnr' | 'ppv' | 'fdr' | 'npv' | 'for'
  | 'accuracy' | 'treatment_equality';

/** Which way a metric moves when fairness gets worse (drift judges `either` on the absolute change). */
export type HarmfulDirection = 'up' | 'down' | 'either';
