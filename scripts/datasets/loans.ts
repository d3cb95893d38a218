/**
 * The synthetic loans dataset: applicants with direct identifiers (name, e-mail, phone, street
 * address), quasi-identifiers (ZIP, date of birth), protected attributes (sex, race, age, marital
 * status), credit features, the repayment label, a model score and the approval decision.
 *
 * Planted: approval rates that differ by race and sex by the exact amounts of
 * {@link LOANS_PLANTED}, while creditworthiness, and so the repayment rate, has the same
 * distribution in every group; and a neighbourhood (from the ZIP) chosen mostly by race, so it
 * proxies for race. Every person is fictitious.
 */
import { Int32 as Int32Type, Int8 as Int8Type, Float64 as Float64Type, DateDay, Utf8 } from 'apache-arrow';
import { Categorical, Utf8Column, dateDayData, daysFromCivil, civilFromDays, float64Data, int32Data, int8Data, recordBatchOf, schemaOf } from './columns.js';
import type { DatasetDefinition } from './definition.js';
import { MISSING_GROUP, attributeSampler, logistic, meritRank, plantedScore, type PlantedDesign } from './planted.js';
import { cumulativeWeights, type SeededRandom } from './random.js';

/**
 * Expected approval rates (`approved` = 1) by race and by sex, exact before sampling error. Race
 * and sex are drawn independently and the rate of a race × sex cell is
 * `race rate + sex rate − 0.53`, e.g. Black female 0.42 + 0.45 − 0.53 = 0.34.
 */
export const LOANS_PLANTED = {
  outcome: 'approved',
  overall: 0.53,
  attributes: {
    race: {
      shares: { White: 0.5, Black: 0.2, Hispanic: 0.2, Asian: 0.09, 'Native American': 0.01 },
      rates: { White: 0.6, Black: 0.42, Hispanic: 0.45, Asian: 0.58, 'Native American': 0.38 },
    },
    sex: {
      shares: { female: 0.495, male: 0.495, [MISSING_GROUP]: 0.01 },
      rates: { female: 0.45, male: 0.61, [MISSING_GROUP]: 0.53 },
    },
  },
} as const satisfies PlantedDesign;

/** The date ages are measured at: `age` is the age in whole years on this day. */
export const LOANS_REFERENCE_DATE = '2026-01-01';

/** Share of applicants who live in one of their race's home neighbourhoods (the rest: any ZIP). */
export const LOANS_SEGREGATION = 0.8;

const RACES = ['White', 'Black', 'Hispanic', 'Asian', 'Native American'] as const;
const SEXES = ['female', 'male'] as const;

/** Neighbourhood → its ZIP codes and the race it is the home of (invented names and numbers). */
const NEIGHBOURHOODS: readonly { name: string; home: (typeof RACES)[number]; zips: string[] }[] = [
  { name: 'Northgate', home: 'White', zips: ['58101', '58102', '58103', '58104', '58105', '58106'] },
  { name: 'Lakeview', home: 'White', zips: ['58107', '58108', '58109', '58110', '58111'] },
  { name: 'Hillcrest', home: 'White', zips: ['58112', '58113', '58114', '58115', '58116'] },
  { name: 'Eastside', home: 'Black', zips: ['58117', '58118', '58119', '58120', '58121'] },
  { name: 'Riverbend', home: 'Black', zips: ['58122', '58123', '58124', '58125'] },
  { name: 'Southport', home: 'Hispanic', zips: ['58126', '58127', '58128', '58129', '58130'] },
  { name: 'Mission Flats', home: 'Hispanic', zips: ['58131', '58132', '58133', '58134'] },
  { name: 'Harbor Point', home: 'Asian', zips: ['58135', '58136', '58137', '58138'] },
  { name: 'Cedar Ridge', home: 'Native American', zips: ['58139', '58140'] },
];

const FEMALE_NAMES = ['Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Maria', 'Susan', 'Jessica', 'Sarah', 'Karen', 'Lisa', 'Nancy', 'Aisha', 'Emily', 'Grace', 'Mei', 'Rosa', 'Keisha', 'Ana', 'Priya', 'Fatima', 'Olivia', 'Sofia', 'Hannah'];
const MALE_NAMES = ['James', 'Robert', 'John', 'Michael', 'David', 'William', 'Richard', 'Joseph', 'Thomas', 'Carlos', 'Daniel', 'Matthew', 'Anthony', 'Jamal', 'Wei', 'Luis', 'Andre', 'Raj', 'Omar', 'Kevin', 'Brian', 'Jose', 'Ethan', 'Noah'];
const LAST_NAMES = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Nguyen', 'Chen', 'Patel', 'Kim', 'Begay', 'Yazzie', 'Scott', 'Green', 'Baker', 'Adams'];
const FIRST_NAMES = [...FEMALE_NAMES, ...MALE_NAMES];
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];
const AREA_CODES = ['212', '312', '415', '617', '713', '206', '303', '404'];
const STREETS = ['Maple', 'Oak', 'Cedar', 'Elm', 'Pine', 'Walnut', 'Chestnut', 'Willow', 'Birch', 'Spruce', 'Park', 'Lake', 'Hill', 'River', 'Church', 'Mill', 'Main', 'Washington', 'Lincoln', 'Jefferson'];
const STREET_SUFFIXES = ['St', 'Ave', 'Rd', 'Blvd', 'Ln', 'Dr', 'Ct', 'Way'];
const MARITAL = ['single', 'married', 'divorced', 'widowed'];
/** Marital status shares for ages under 30, 30–59 and 60+. */
const MARITAL_BY_AGE = [cumulativeWeights([0.7, 0.25, 0.04, 0.01]), cumulativeWeights([0.25, 0.55, 0.17, 0.03]), cumulativeWeights([0.1, 0.55, 0.15, 0.2])];

const ZIPS = NEIGHBOURHOODS.flatMap((n) => n.zips);
const ZIP_NEIGHBOURHOOD = Int32Array.from(NEIGHBOURHOODS.flatMap((n, i) => n.zips.map(() => i)));
/** For each race (in RACES order), the indexes into ZIPS of its home neighbourhoods. */
const HOME_ZIPS = RACES.map((race) => ZIPS.map((_, z) => z).filter((z) => NEIGHBOURHOODS[ZIP_NEIGHBOURHOOD[z]].home === race));

const race = new Categorical(RACES, 0);
const sex = new Categorical(SEXES, 1);
const name = new Categorical(FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => `${first} ${last}`)), 2);
const zip = new Categorical(ZIPS, 3);
const neighbourhood = new Categorical(NEIGHBOURHOODS.map((n) => n.name), 4);
const marital = new Categorical(MARITAL, 5);

const schema = schemaOf([
  { name: 'applicant_id', type: new Utf8() },
  { name: 'name', type: name.type },
  { name: 'email', type: new Utf8() },
  { name: 'phone', type: new Utf8() },
  { name: 'street_address', type: new Utf8() },
  { name: 'zip', type: zip.type },
  { name: 'neighbourhood', type: neighbourhood.type },
  { name: 'date_of_birth', type: new DateDay() },
  { name: 'age', type: new Int32Type() },
  { name: 'sex', type: sex.type, nullable: true },
  { name: 'race', type: race.type },
  { name: 'marital_status', type: marital.type },
  { name: 'income', type: new Int32Type() },
  { name: 'debt_ratio', type: new Float64Type() },
  { name: 'credit_history_years', type: new Int32Type() },
  { name: 'repaid', type: new Int8Type() },
  { name: 'score', type: new Float64Type() },
  { name: 'approved', type: new Int8Type() },
]);

const raceSampler = attributeSampler(LOANS_PLANTED, 'race', RACES);
const sexSampler = attributeSampler(LOANS_PLANTED, 'sex', SEXES);
const REFERENCE_DAY = daysFromCivil(2026, 1, 1);

function loansBatch(rng: SeededRandom, firstRow: number, rows: number) {
  const ids = new Utf8Column(rows, 8);
  const emails = new Utf8Column(rows, 28);
  const phones = new Utf8Column(rows, 15);
  const streets = new Utf8Column(rows, 18);
  const nameCodes = new Int32Array(rows);
  const zipCodes = new Int32Array(rows);
  const neighbourhoodCodes = new Int32Array(rows);
  const births = new Int32Array(rows);
  const ages = new Int32Array(rows);
  const sexCodes = new Int32Array(rows);
  const raceCodes = new Int32Array(rows);
  const maritalCodes = new Int32Array(rows);
  const incomes = new Int32Array(rows);
  const debtRatios = new Float64Array(rows);
  const histories = new Int32Array(rows);
  const repaid = new Int8Array(rows);
  const scores = new Float64Array(rows);
  const approved = new Int8Array(rows);

  for (let i = 0; i < rows; i++) {
    const r = rng.pick(raceSampler.cumulative);
    const s = rng.pick(sexSampler.cumulative);
    raceCodes[i] = r;
    // The missing-sex group sits after the dictionary values; it is written as a null.
    sexCodes[i] = s < SEXES.length ? s : -1;

    const firstList = s === 0 ? 0 : s === 1 ? 1 : rng.below(2);
    const first = firstList * FEMALE_NAMES.length + rng.below(FEMALE_NAMES.length);
    const last = rng.below(LAST_NAMES.length);
    nameCodes[i] = first * LAST_NAMES.length + last;

    const z = rng.chance(LOANS_SEGREGATION) ? HOME_ZIPS[r][rng.below(HOME_ZIPS[r].length)] : rng.below(ZIPS.length);
    zipCodes[i] = z;
    neighbourhoodCodes[i] = ZIP_NEIGHBOURHOOD[z];

    let years = 41 + 14 * rng.normal();
    while (years < 18 || years >= 90) years = 41 + 14 * rng.normal();
    const birth = REFERENCE_DAY - Math.floor(years * 365.2425) - 1;
    births[i] = birth;
    const ageNow = wholeYearsOn(birth, REFERENCE_DAY);
    ages[i] = ageNow;
    maritalCodes[i] = rng.pick(MARITAL_BY_AGE[ageNow < 30 ? 0 : ageNow < 60 ? 1 : 2]);

    // Creditworthiness has one distribution for every group: the bias lives in the decision only.
    const merit = rng.normal();
    incomes[i] = Math.round(Math.exp(10.9 + 0.25 * merit + 0.35 * rng.normal()) / 100) * 100;
    debtRatios[i] = Math.round(Math.min(0.95, Math.max(0.01, 0.36 - 0.07 * merit + 0.09 * rng.normal())) * 1000) / 1000;
    histories[i] = Math.max(0, Math.min(ageNow - 18, Math.round(0.45 * (ageNow - 18) + 2 * merit + 2 * rng.normal())));
    repaid[i] = rng.chance(logistic(1.0 + 1.6 * merit)) ? 1 : 0;

    const p = LOANS_PLANTED.overall + raceSampler.offsets[r] + sexSampler.offsets[s];
    const q = meritRank(rng, merit, 0.8);
    scores[i] = plantedScore(q, p, 4);
    approved[i] = q < p ? 1 : 0;

    const row = firstRow + i + 1;
    ids.push(`A-${String(row).padStart(6, '0')}`);
    emails.push(`${FIRST_NAMES[first].toLowerCase()}.${LAST_NAMES[last].toLowerCase()}${rng.below(100)}@${EMAIL_DOMAINS[rng.below(EMAIL_DOMAINS.length)]}`);
    // 555-0100 to 555-0199 are reserved for fiction in every North American area code.
    phones.push(`+1 ${AREA_CODES[rng.below(AREA_CODES.length)]}-555-01${String(rng.below(100)).padStart(2, '0')}`);
    streets.push(`${1 + rng.below(9999)} ${STREETS[rng.below(STREETS.length)]} ${STREET_SUFFIXES[rng.below(STREET_SUFFIXES.length)]}`);
  }

  return recordBatchOf(schema, [
    ids.data(),
    name.data(nameCodes),
    emails.data(),
    phones.data(),
    streets.data(),
    zip.data(zipCodes),
    neighbourhood.data(neighbourhoodCodes),
    dateDayData(births),
    int32Data(ages),
    sex.data(sexCodes),
    race.data(raceCodes),
    marital.data(maritalCodes),
    int32Data(incomes),
    float64Data(debtRatios),
    int32Data(histories),
    int8Data(repaid),
    float64Data(scores),
    int8Data(approved),
  ]);
}

/** Whole years from the day `birth` to the day `on` (both days since 1970-01-01). */
function wholeYearsOn(birth: number, on: number): number {
  const b = civilFromDays(birth);
  const t = civilFromDays(on);
  const birthdayPassed = t.month > b.month || (t.month === b.month && t.day >= b.day);
  return t.year - b.year - (birthdayPassed ? 0 : 1);
}

/** The loans dataset. */
export const LOANS: DatasetDefinition = { kind: 'loans', schema, planted: LOANS_PLANTED, batch: loansBatch };

/** The neighbourhood each ZIP code belongs to (for documentation and tests). */
export const LOANS_ZIP_NEIGHBOURHOODS: Readonly<Record<string, string>> = Object.fromEntries(ZIPS.map((z, i) => [z, NEIGHBOURHOODS[ZIP_NEIGHBOURHOOD[i]].name]));
