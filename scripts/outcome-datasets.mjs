/**
 * Writes the two small bundled datasets of the outcome-type examples (seed 42):
 * `datasets/grades.csv` (a four-band risk tier predicted by a model: multiclass) and
 * `datasets/salaries.csv` (an offered salary against a predicted one: regression), each with a
 * planted, documented bias (datasets/README.md). Plain Node, no dependency:
 *
 *   node scripts/outcome-datasets.mjs [--out datasets]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'datasets' } } });

/** mulberry32: a small seeded generator, so the files are the same on every machine. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(next) {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

const pick = (next, items) => items[Math.floor(next() * items.length)];
const SEXES = ['female', 'male'];
const RACES = ['Asian', 'Black', 'Hispanic', 'White'];
const TIERS = ['low', 'medium', 'high', 'very high'];

function grades(rows) {
  const next = random(42);
  const lines = ['applicant_id,sex,race,risk_tier,predicted_tier'];
  for (let i = 1; i <= rows; i++) {
    const sex = pick(next, SEXES);
    const race = pick(next, RACES);
    const tier = Math.min(3, Math.max(0, Math.round(1.4 + normal(next))));
    // Planted: the model moves Black applicants one tier up 20% of the time.
    let predicted = next() < 0.75 ? tier : Math.min(3, Math.max(0, tier + (next() < 0.5 ? -1 : 1)));
    if (race === 'Black' && next() < 0.2) predicted = Math.min(3, predicted + 1);
    lines.push(`G-${String(i).padStart(5, '0')},${sex},${race},${TIERS[tier]},${TIERS[predicted]}`);
  }
  return lines.join('\n') + '\n';
}

function salaries(rows) {
  const next = random(43);
  const lines = ['employee_id,sex,race,years_experience,salary,predicted_salary'];
  for (let i = 1; i <= rows; i++) {
    const sex = pick(next, SEXES);
    const race = pick(next, RACES);
    const years = Math.floor(next() * 25);
    const salary = Math.round(42000 + 1800 * years + 6000 * normal(next));
    // Planted: the model predicts women 4% less than their salary, everyone else unbiased.
    const predicted = Math.round(salary * (sex === 'female' ? 0.96 : 1) + 3500 * normal(next));
    lines.push(`E-${String(i).padStart(5, '0')},${sex},${race},${years},${salary},${predicted}`);
  }
  return lines.join('\n') + '\n';
}

writeFileSync(join(values.out, 'grades.csv'), grades(4000));
writeFileSync(join(values.out, 'salaries.csv'), salaries(4000));
