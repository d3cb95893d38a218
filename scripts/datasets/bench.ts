/**
 * The benchmark dataset: three sensitive attributes with 2, 5 and 4 levels, a label, a
 * prediction, a score, and six other columns (three strings, three numbers). No identifiers and
 * no nulls, so its size depends on the row count alone. The prediction carries planted rates
 * ({@link BENCH_PLANTED}) so a benchmark run can also check its numbers.
 */
import { Float64 as Float64Type, Int32 as Int32Type, Int8 as Int8Type } from 'apache-arrow';
import { Categorical, float64Data, int32Data, int8Data, recordBatchOf, schemaOf } from './columns.js';
import type { DatasetDefinition } from './definition.js';
import { attributeSampler, logistic, meritRank, plantedScore, type PlantedDesign } from './planted.js';
import { cumulativeWeights, type SeededRandom } from './random.js';

/**
 * Expected prediction rates (`prediction` = 1) by sex, race and age group, exact before sampling
 * error; a cell of an intersection has the sum of its groups' offsets from 0.53.
 */
export const BENCH_PLANTED = {
  outcome: 'prediction',
  overall: 0.53,
  attributes: {
    sex: {
      shares: { female: 0.5, male: 0.5 },
      rates: { female: 0.48, male: 0.58 },
    },
    race: {
      shares: { White: 0.5, Black: 0.2, Hispanic: 0.2, Asian: 0.09, 'Native American': 0.01 },
      rates: { White: 0.6, Black: 0.42, Hispanic: 0.45, Asian: 0.58, 'Native American': 0.38 },
    },
    age_group: {
      shares: { '<25': 0.15, '25-44': 0.4, '45-64': 0.3, '65+': 0.15 },
      rates: { '<25': 0.47, '25-44': 0.56, '45-64': 0.54, '65+': 0.49 },
    },
  },
} as const satisfies PlantedDesign;

const SEXES = Object.keys(BENCH_PLANTED.attributes.sex.shares);
const RACES = Object.keys(BENCH_PLANTED.attributes.race.shares);
const AGE_GROUPS = Object.keys(BENCH_PLANTED.attributes.age_group.shares);
const REGIONS = ['North', 'North-East', 'East', 'South-East', 'South', 'South-West', 'West', 'North-West', 'Central', 'Coastal', 'Highlands', 'Islands'];
const PRODUCTS = ['personal loan', 'auto loan', 'mortgage', 'credit card', 'student loan', 'business loan'];
const CHANNELS = ['branch', 'online', 'broker'];
const PRODUCT_SHARES = cumulativeWeights([0.3, 0.2, 0.15, 0.25, 0.05, 0.05]);
const CHANNEL_SHARES = cumulativeWeights([0.3, 0.55, 0.15]);

const sex = new Categorical(SEXES, 0);
const race = new Categorical(RACES, 1);
const ageGroup = new Categorical(AGE_GROUPS, 2);
const region = new Categorical(REGIONS, 3);
const product = new Categorical(PRODUCTS, 4);
const channel = new Categorical(CHANNELS, 5);

const schema = schemaOf([
  { name: 'sex', type: sex.type },
  { name: 'race', type: race.type },
  { name: 'age_group', type: ageGroup.type },
  { name: 'region', type: region.type },
  { name: 'product', type: product.type },
  { name: 'channel', type: channel.type },
  { name: 'income', type: new Int32Type() },
  { name: 'tenure_months', type: new Int32Type() },
  { name: 'balance', type: new Float64Type() },
  { name: 'label', type: new Int8Type() },
  { name: 'prediction', type: new Int8Type() },
  { name: 'score', type: new Float64Type() },
]);

const sexSampler = attributeSampler(BENCH_PLANTED, 'sex', SEXES);
const raceSampler = attributeSampler(BENCH_PLANTED, 'race', RACES);
const ageSampler = attributeSampler(BENCH_PLANTED, 'age_group', AGE_GROUPS);

function benchBatch(rng: SeededRandom, _firstRow: number, rows: number) {
  const sexCodes = new Int32Array(rows);
  const raceCodes = new Int32Array(rows);
  const ageCodes = new Int32Array(rows);
  const regionCodes = new Int32Array(rows);
  const productCodes = new Int32Array(rows);
  const channelCodes = new Int32Array(rows);
  const incomes = new Int32Array(rows);
  const tenures = new Int32Array(rows);
  const balances = new Float64Array(rows);
  const labels = new Int8Array(rows);
  const predictions = new Int8Array(rows);
  const scores = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const s = rng.pick(sexSampler.cumulative);
    const r = rng.pick(raceSampler.cumulative);
    const a = rng.pick(ageSampler.cumulative);
    sexCodes[i] = s;
    raceCodes[i] = r;
    ageCodes[i] = a;
    regionCodes[i] = rng.below(REGIONS.length);
    productCodes[i] = rng.pick(PRODUCT_SHARES);
    channelCodes[i] = rng.pick(CHANNEL_SHARES);
    const merit = rng.normal();
    incomes[i] = Math.round(Math.exp(10.9 + 0.25 * merit + 0.35 * rng.normal()) / 100) * 100;
    tenures[i] = rng.below(361);
    balances[i] = Math.round(Math.exp(8 + 1.2 * rng.normal()) * 100) / 100;
    labels[i] = rng.chance(logistic(1.0 + 1.6 * merit)) ? 1 : 0;
    const p = BENCH_PLANTED.overall + sexSampler.offsets[s] + raceSampler.offsets[r] + ageSampler.offsets[a];
    const q = meritRank(rng, merit, 0.8);
    scores[i] = plantedScore(q, p, 4);
    predictions[i] = q < p ? 1 : 0;
  }
  return recordBatchOf(schema, [
    sex.data(sexCodes),
    race.data(raceCodes),
    ageGroup.data(ageCodes),
    region.data(regionCodes),
    product.data(productCodes),
    channel.data(channelCodes),
    int32Data(incomes),
    int32Data(tenures),
    float64Data(balances),
    int8Data(labels),
    int8Data(predictions),
    float64Data(scores),
  ]);
}

/** The benchmark dataset. */
export const BENCH: DatasetDefinition = { kind: 'bench', schema, planted: BENCH_PLANTED, batch: benchBatch };
