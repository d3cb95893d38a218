/**
 * The synthetic hiring dataset in the shape of a NYC Local Law 144 bias audit of an automated
 * employment decision tool: sex and race/ethnicity in the law's categories, a screening score
 * (0 to 100) and the selection decision, plus a `qualified` label.
 *
 * Planted: selection rates that differ by race/ethnicity and sex by the exact amounts of
 * {@link HIRING_PLANTED}; two race/ethnicity categories hold under 2% of candidates, so LL144's
 * small-category rule shows. Qualification has the same distribution in every group.
 */
import { Float64 as Float64Type, Int8 as Int8Type, Utf8 } from 'apache-arrow';
import { Categorical, Utf8Column, float64Data, int8Data, recordBatchOf, schemaOf } from './columns.js';
import type { DatasetDefinition } from './definition.js';
import { MISSING_GROUP, attributeSampler, logistic, meritRank, plantedScore, type PlantedDesign } from './planted.js';
import type { SeededRandom } from './random.js';

/**
 * Expected selection rates (`selected` = 1) by race/ethnicity and by sex, exact before sampling
 * error; a race × sex cell has `race rate + sex rate − 0.26`. A candidate is selected exactly
 * when the screening score is 50 or more.
 */
export const HIRING_PLANTED = {
  outcome: 'selected',
  overall: 0.26,
  attributes: {
    race_ethnicity: {
      shares: {
        White: 0.5,
        'Hispanic or Latino': 0.18,
        'Black or African American': 0.15,
        Asian: 0.12,
        'Two or More Races': 0.032,
        'Native American or Alaska Native': 0.01,
        'Native Hawaiian or Pacific Islander': 0.008,
      },
      rates: {
        White: 0.3,
        'Hispanic or Latino': 0.2,
        'Black or African American': 0.2,
        Asian: 0.27,
        'Two or More Races': 0.25,
        'Native American or Alaska Native': 0.2,
        'Native Hawaiian or Pacific Islander': 0.2,
      },
    },
    sex: {
      shares: { Female: 0.495, Male: 0.495, [MISSING_GROUP]: 0.01 },
      rates: { Female: 0.22, Male: 0.3, [MISSING_GROUP]: 0.26 },
    },
  },
} as const satisfies PlantedDesign;

/** The score at or above which a candidate is selected. */
export const HIRING_CUTOFF = 50;

/**
 * The expected LL144 scoring rate of a group (share scoring above the whole sample's median)
 * given its selection rate `p` and the overall selection rate `overall` (< 0.5). Scores fall
 * uniformly inside the unselected band [0, 50), so the median is M = 50·(1 − (0.5 − P)/(1 − P))
 * and a group's scoring rate is p + (1 − p)·(0.5 − P)/(1 − P); exact up to the 0.1 rounding of
 * scores.
 *
 * @example
 * hiringScoringRate(0.3, 0.26); // 0.3 + 0.7 × 0.24/0.74 ≈ 0.5270
 */
export function hiringScoringRate(p: number, overall: number = HIRING_PLANTED.overall): number {
  return p + (1 - p) * ((0.5 - overall) / (1 - overall));
}

const RACE_ETHNICITIES = Object.keys(HIRING_PLANTED.attributes.race_ethnicity.shares);
const SEXES = ['Female', 'Male'] as const;

const raceEthnicity = new Categorical(RACE_ETHNICITIES, 0);
const sex = new Categorical(SEXES, 1);

const schema = schemaOf([
  { name: 'candidate_id', type: new Utf8() },
  { name: 'sex', type: sex.type, nullable: true },
  { name: 'race_ethnicity', type: raceEthnicity.type },
  { name: 'score', type: new Float64Type() },
  { name: 'selected', type: new Int8Type() },
  { name: 'qualified', type: new Int8Type() },
]);

const raceSampler = attributeSampler(HIRING_PLANTED, 'race_ethnicity', RACE_ETHNICITIES);
const sexSampler = attributeSampler(HIRING_PLANTED, 'sex', SEXES);

function hiringBatch(rng: SeededRandom, firstRow: number, rows: number) {
  const ids = new Utf8Column(rows, 8);
  const sexCodes = new Int32Array(rows);
  const raceCodes = new Int32Array(rows);
  const scores = new Float64Array(rows);
  const selected = new Int8Array(rows);
  const qualified = new Int8Array(rows);
  for (let i = 0; i < rows; i++) {
    const r = rng.pick(raceSampler.cumulative);
    const s = rng.pick(sexSampler.cumulative);
    raceCodes[i] = r;
    sexCodes[i] = s < SEXES.length ? s : -1;
    const merit = rng.normal();
    qualified[i] = rng.chance(logistic(-0.3 + 1.5 * merit)) ? 1 : 0;
    const p = HIRING_PLANTED.overall + raceSampler.offsets[r] + sexSampler.offsets[s];
    const q = meritRank(rng, merit, 0.75);
    // plantedScore keeps the decision exact through rounding; ×1000 then /10 gives one decimal.
    scores[i] = Math.round(plantedScore(q, p, 3) * 1000) / 10;
    selected[i] = q < p ? 1 : 0;
    ids.push(`C-${String(firstRow + i + 1).padStart(6, '0')}`);
  }
  return recordBatchOf(schema, [ids.data(), sex.data(sexCodes), raceEthnicity.data(raceCodes), float64Data(scores), int8Data(selected), int8Data(qualified)]);
}

/** The hiring dataset. */
export const HIRING: DatasetDefinition = { kind: 'hiring', schema, planted: HIRING_PLANTED, batch: hiringBatch };
