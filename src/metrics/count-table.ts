/**
 * The count table (DESIGN §2): for each group of a cross product of features, nine cells (label ∈
 * {0, 1, missing} × prediction ∈ {0, 1, missing}) holding counts or sums of weights. Group g of a
 * table over features f₀ … f_k has ids i₀ … i_k with g = Σ i_j · stride_j, stride₀ = 1,
 * stride_j = stride_{j−1} · size_{j−1}. Tables are plain typed arrays and numbers, so they cross
 * worker threads as they are, and two tables over the same layout merge by addition.
 */

/** Cells per group: index = 3 · label + prediction, each 0, 1 or 2 (missing). */
export const CELLS = 9;

/**
 * The index of each cell within a group's nine (3 · label + prediction): `cells[at + CELL.tp]`
 * rather than `cells[at + 4]`.
 */
export const CELL = {
  tn: 0,
  fp: 1,
  labelNegativePredictionMissing: 2,
  fn: 3,
  tp: 4,
  labelPositivePredictionMissing: 5,
  labelMissingPredictedNegative: 6,
  labelMissingPredictedPositive: 7,
  bothMissing: 8,
} as const;

export interface CountTable {
  /** Indices into the statistics' feature list. */
  features: number[];
  /** Ids per feature this layout has room for (at least the feature's domain size). */
  sizes: number[];
  /** groups × {@link CELLS}; counts, or sums of weights when weighted. */
  cells: Float64Array;
  /** Unweighted rows per group, kept only when rows are weighted (eligibility counts rows). */
  rows: Float64Array | null;
}

/** Number of groups a layout holds: the product of its sizes. */
export function groupCount(sizes: readonly number[]): number {
  let product = 1;
  for (const size of sizes) product *= size;
  return product;
}

/** Stride of each feature in the group index. */
export function strides(sizes: readonly number[]): number[] {
  const out: number[] = [];
  let stride = 1;
  for (const size of sizes) {
    out.push(stride);
    stride *= size;
  }
  return out;
}

/** An empty table. */
export function emptyTable(features: number[], sizes: number[], weighted: boolean): CountTable {
  const groups = groupCount(sizes);
  return { features, sizes, cells: new Float64Array(groups * CELLS), rows: weighted ? new Float64Array(groups) : null };
}

/**
 * The same counts under a new layout: `remaps[j]` maps feature j's old ids to new ids (identity
 * when null); `sizes` is the new layout. Used to grow a table when new values appear, to put ids
 * in canonical order, and to align two tables before merging them.
 */
export function relayout(table: CountTable, sizes: number[], remaps: readonly (Int32Array | null)[]): CountTable {
  const out = emptyTable(table.features, sizes, table.rows !== null);
  addRemapped(out, table, remaps);
  return out;
}

/** Adds `source` into `target` (same features), mapping source ids through `remaps`. */
function addRemapped(target: CountTable, source: CountTable, remaps: readonly (Int32Array | null)[]): void {
  const oldSizes = source.sizes;
  const newStrides = strides(target.sizes);
  const groups = groupCount(oldSizes);
  const k = oldSizes.length;
  for (let g = 0; g < groups; g++) {
    const from = g * CELLS;
    if (!hasRows(source, g)) continue;
    let rest = g;
    let to = 0;
    for (let j = 0; j < k; j++) {
      const id = rest % oldSizes[j];
      rest = (rest - id) / oldSizes[j];
      const remap = remaps[j];
      to += (remap ? remap[id] : id) * newStrides[j];
    }
    for (let c = 0; c < CELLS; c++) target.cells[to * CELLS + c] += source.cells[from + c];
    if (target.rows && source.rows) target.rows[to] += source.rows[g];
  }
}

/**
 * The table summed over every feature not in `keep` (feature indices, in the order wanted);
 * `sizes` are the kept features' sizes in the result.
 */
export function marginalize(table: CountTable, keep: readonly number[], sizes: readonly number[]): CountTable {
  const positions = keep.map((f) => {
    const at = table.features.indexOf(f);
    if (at < 0) throw new Error(`marginalize: feature ${f} is not in the table`);
    return at;
  });
  const out = emptyTable([...keep], [...sizes], table.rows !== null);
  const outStrides = strides(sizes);
  const groups = groupCount(table.sizes);
  const k = table.sizes.length;
  const ids = new Array<number>(k);
  for (let g = 0; g < groups; g++) {
    if (!hasRows(table, g)) continue;
    let rest = g;
    for (let j = 0; j < k; j++) {
      ids[j] = rest % table.sizes[j];
      rest = (rest - ids[j]) / table.sizes[j];
    }
    let to = 0;
    for (let j = 0; j < positions.length; j++) to += ids[positions[j]] * outStrides[j];
    for (let c = 0; c < CELLS; c++) out.cells[to * CELLS + c] += table.cells[g * CELLS + c];
    if (out.rows && table.rows) out.rows[to] += table.rows[g];
  }
  return out;
}

function hasRows(table: CountTable, g: number): boolean {
  if (table.rows && table.rows[g] > 0) return true;
  const cells = table.cells;
  const at = g * CELLS;
  for (let c = 0; c < CELLS; c++) if (cells[at + c] !== 0) return true;
  return false;
}

/**
 * The counting kernel: adds each row i < n into its group (from the per-feature group ids `ids`,
 * one typed array per table feature: global ids, or a batch's own dictionary codes) and cell (3 · label[i] + prediction[i]). `weight` null counts
 * rows. `joint` is scratch space of at least n entries.
 */
export function countRows(
  table: CountTable,
  ids: readonly ArrayLike<number>[],
  label: Int8Array,
  prediction: Int8Array,
  weight: Float64Array | null,
  n: number,
  joint: Int32Array,
): void {
  const cells = table.cells;
  const s = strides(table.sizes).map((x) => x * CELLS);
  const k = ids.length;
  if (weight === null && k === 3) {
    // The common shape gets a fused loop: one read of each array per row.
    const [a, b, c] = ids;
    const sb = s[1];
    const sc = s[2];
    for (let i = 0; i < n; i++) cells[a[i] * CELLS + b[i] * sb + c[i] * sc + label[i] * 3 + prediction[i]] += 1;
    return;
  }
  if (weight === null && k === 2) {
    const [a, b] = ids;
    const sb = s[1];
    for (let i = 0; i < n; i++) cells[a[i] * CELLS + b[i] * sb + label[i] * 3 + prediction[i]] += 1;
    return;
  }
  if (weight === null && k === 1) {
    const a = ids[0];
    for (let i = 0; i < n; i++) cells[a[i] * CELLS + label[i] * 3 + prediction[i]] += 1;
    return;
  }
  for (let i = 0; i < n; i++) joint[i] = 0;
  for (let j = 0; j < k; j++) {
    const g = ids[j];
    const stride = s[j];
    for (let i = 0; i < n; i++) joint[i] += g[i] * stride;
  }
  if (weight === null) {
    for (let i = 0; i < n; i++) cells[joint[i] + label[i] * 3 + prediction[i]] += 1;
    return;
  }
  const rows = table.rows!;
  for (let i = 0; i < n; i++) {
    const at = joint[i];
    cells[at + label[i] * 3 + prediction[i]] += weight[i];
    rows[at / CELLS] += 1;
  }
}
