/**
 * The benchmark dataset with outcomes of every task appended, so one file times a binary, a
 * regression and a multiclass audit side by side (`npm run bench -- --tasks …`): the bench rows as
 * they are (same seed, same columns), then
 *
 * - `stay_days`, `stay_days_pred`: integer-valued label and prediction (a length of stay, 1–365
 *   days, a few hundred distinct values);
 * - `amount`, `amount_pred`: continuous label and prediction (a credit amount, log-normal, nearly
 *   every row a distinct value: the worst case of an exact histogram);
 * - `tier`, `tier_pred`: a three-class label and prediction (low, medium, high).
 *
 * Each prediction is shifted by race and sex so the audits have differences to find. The new
 * columns draw from their own seeded stream, in row order, so the rows do not depend on batching.
 */
import { Float64 as Float64Type, Int32 as Int32Type, type RecordBatch, type Data } from 'apache-arrow';
import { Categorical, float64Data, int32Data, recordBatchOf, schemaOf } from './columns.js';
import { generateBatches } from './generate.js';
import { SeededRandom } from './random.js';

/** The appended columns, by task. */
export const BENCH_OUTCOMES = {
  integer: { label: 'stay_days', prediction: 'stay_days_pred' },
  continuous: { label: 'amount', prediction: 'amount_pred' },
  multiclass: { label: 'tier', prediction: 'tier_pred' },
} as const;

const TIERS = ['low', 'medium', 'high'];
const tier = new Categorical(TIERS, 20);
const tierPred = new Categorical(TIERS, 21);

/** Shift of the log prediction by race code (White, Black, Hispanic, Asian, Native American). */
const RACE_SHIFT = [0, -0.08, -0.05, 0.02, -0.12];

/**
 * Yields `rows` bench rows with the outcome columns appended, batch by batch (memory bounded by
 * the batch size).
 */
export function* benchOutcomeBatches(rows: number, seed: number): Generator<RecordBatch> {
  const rng = new SeededRandom(seed ^ 0x5eed0);
  for (const batch of generateBatches('bench', rows, { seed })) {
    const n = batch.numRows;
    const race = batch.getChild('race')!.data[0].values as Int32Array;
    const sex = batch.getChild('sex')!.data[0].values as Int32Array;
    const stay = new Int32Array(n);
    const stayPred = new Int32Array(n);
    const amount = new Float64Array(n);
    const amountPred = new Float64Array(n);
    const tiers = new Int32Array(n);
    const tierPreds = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const shift = RACE_SHIFT[race[i]] + (sex[i] === 1 ? 0.04 : 0);
      const need = rng.normal();
      stay[i] = Math.min(365, Math.max(1, Math.round(Math.exp(1.8 + 0.7 * need))));
      stayPred[i] = Math.min(365, Math.max(1, Math.round(Math.exp(1.8 + 0.6 * need + 0.3 * rng.normal() + shift))));
      const wealth = rng.normal();
      amount[i] = Math.exp(9 + 0.8 * wealth);
      amountPred[i] = Math.exp(9 + 0.7 * wealth + 0.3 * rng.normal() + shift);
      const risk = rng.normal();
      tiers[i] = risk < -0.5 ? 0 : risk < 0.8 ? 1 : 2;
      const seen = risk + 0.6 * rng.normal() - 2 * shift;
      tierPreds[i] = seen < -0.5 ? 0 : seen < 0.8 ? 1 : 2;
    }
    const children: Data[] = batch.schema.fields.map((f) => batch.getChild(f.name)!.data[0]);
    children.push(int32Data(stay), int32Data(stayPred), float64Data(amount), float64Data(amountPred), tier.data(tiers), tierPred.data(tierPreds));
    yield recordBatchOf(schema(batch), children);
  }
}

let cached: ReturnType<typeof schemaOf> | undefined;

function schema(batch: RecordBatch): ReturnType<typeof schemaOf> {
  cached ??= schemaOf([
    ...batch.schema.fields.map((f) => ({ name: f.name, type: f.type })),
    { name: BENCH_OUTCOMES.integer.label, type: new Int32Type() },
    { name: BENCH_OUTCOMES.integer.prediction, type: new Int32Type() },
    { name: BENCH_OUTCOMES.continuous.label, type: new Float64Type() },
    { name: BENCH_OUTCOMES.continuous.prediction, type: new Float64Type() },
    { name: BENCH_OUTCOMES.multiclass.label, type: tier.type },
    { name: BENCH_OUTCOMES.multiclass.prediction, type: tierPred.type },
  ]);
  return cached;
}
