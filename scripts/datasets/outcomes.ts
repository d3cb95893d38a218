/**
 * The two small bundled datasets of the outcome-type examples: `grades.csv` (a four-band risk
 * tier and a model's tier: multiclass) and `salaries.csv` (a salary and a model's predicted
 * salary: regression), each with a planted, documented bias (datasets/README.md). Drawn from the
 * datasets' one seeded generator (./random.ts), so the same seed gives the same files.
 */
import { SeededRandom } from './random.js';

const SEXES = ['female', 'male'];
const RACES = ['Asian', 'Black', 'Hispanic', 'White'];
const TIERS = ['low', 'medium', 'high', 'very high'];

const pick = (random: SeededRandom, items: readonly string[]) => items[random.below(items.length)];
const tierWithin = (tier: number) => Math.min(3, Math.max(0, tier));

/** `rows` applicants as CSV. Planted: the model moves Black applicants one tier up 20% of the time. */
export function gradesCsv(rows: number, seed: number): string {
  const random = new SeededRandom(seed);
  const lines = ['applicant_id,sex,race,risk_tier,predicted_tier'];
  for (let i = 1; i <= rows; i++) {
    const sex = pick(random, SEXES);
    const race = pick(random, RACES);
    const tier = tierWithin(Math.round(1.4 + random.normal()));
    let predicted = random.chance(0.75) ? tier : tierWithin(tier + (random.chance(0.5) ? -1 : 1));
    if (race === 'Black' && random.chance(0.2)) predicted = tierWithin(predicted + 1);
    lines.push(`G-${String(i).padStart(5, '0')},${sex},${race},${TIERS[tier]},${TIERS[predicted]}`);
  }
  return lines.join('\n') + '\n';
}

/** `rows` employees as CSV. Planted: the model predicts women 4% below their salary; men unbiased. */
export function salariesCsv(rows: number, seed: number): string {
  const random = new SeededRandom(seed);
  const lines = ['employee_id,sex,race,years_experience,salary,predicted_salary'];
  for (let i = 1; i <= rows; i++) {
    const sex = pick(random, SEXES);
    const race = pick(random, RACES);
    const years = random.below(25);
    const salary = Math.round(42000 + 1800 * years + 6000 * random.normal());
    const predicted = Math.round(salary * (sex === 'female' ? 0.96 : 1) + 3500 * random.normal());
    lines.push(`E-${String(i).padStart(5, '0')},${sex},${race},${years},${salary},${predicted}`);
  }
  return lines.join('\n') + '\n';
}
