import { describe, expect, it } from 'vitest';
import { JointGroups } from '../../src/metrics/joint-groups.js';
import { testRandom } from './fixtures.js';

/** Slots the plain way: a Map from the ids joined as text to the order first seen. */
function plainSlots(ids: Int32Array[], n: number): number[] {
  const seen = new Map<string, number>();
  return Array.from({ length: n }, (_, i) => {
    const key = ids.map((a) => a[i]).join(',');
    if (!seen.has(key)) seen.set(key, seen.size);
    return seen.get(key)!;
  });
}

describe('joint groups', () => {
  it('number each combination of ids in the order first seen, with a direct table or (at wide radixes) a hash table', () => {
    const random = testRandom(4);
    const n = 20_000;
    // Three features: 2, 7 and 150 values, so some 2,000 combinations make the hash table grow.
    const ids = [2, 7, 150].map((levels) => Int32Array.from({ length: n }, () => Math.floor(random() * levels)));
    const expected = plainSlots(ids, n);
    for (const radix of [152, 202, 5000]) {
      const joint = new JointGroups(3, radix);
      const out = new Int32Array(n);
      // In two batches: slots carry over.
      joint.slots(ids.map((a) => a.subarray(0, 7000)), 7000, out);
      const first = Array.from(out.subarray(0, 7000));
      joint.slots(ids.map((a) => a.subarray(7000)), n - 7000, out);
      expect([...first, ...Array.from(out.subarray(0, n - 7000))]).toEqual(expected);
      expect(joint.ids.length).toBe(Math.max(...expected) + 1);
      expect(joint.ids[expected[123]]).toEqual(ids.map((a) => a[123]));
    }
  });

  it('number the combinations of one, two, four or two wide features in the order first seen, batch after batch', () => {
    const random = testRandom(5);
    const n = 5_000;
    // The last: ids too wide for a table of slots by ids (2048 × 2048 entries), met part-way.
    for (const levels of [[9], [3, 11], [2, 3, 4, 5], [2000, 1500]]) {
      const ids = levels.map((l) => Int32Array.from({ length: n }, (_, i) => Math.floor(random() * (i < 3000 ? 5 : l))));
      const joint = new JointGroups(levels.length, Math.max(13, ...levels) + 2);
      const out = new Int32Array(n);
      joint.slots(ids.map((a) => a.subarray(0, 1000)), 1000, out);
      const first = Array.from(out.subarray(0, 1000));
      joint.slots(ids.map((a) => a.subarray(1000)), n - 1000, out);
      expect([...first, ...Array.from(out.subarray(0, n - 1000))]).toEqual(plainSlots(ids, n));
    }
  });
});
