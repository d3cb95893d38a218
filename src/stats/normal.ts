/**
 * The standard normal upper tail Q(z) = P(Z > z) = 1 − Φ(z), accurate to about 1e-15 relative
 * across the whole range (so small p-values keep their digits). For |z| < 3 it uses Marsaglia's
 * series Φ(z) = ½ + φ(z)(z + z³/3 + z⁵/(3·5) + …) (Marsaglia 2004); for z ≥ 3 the Laplace continued
 * fraction Q(z) = φ(z) / (z + 1/(z + 2/(z + 3/(z + …)))), evaluated by the modified Lentz method.
 *
 * @example
 * normalUpperTail(1.959963984540054); // 0.025
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z < 0) return 1 - normalUpperTail(-z);
  if (z === Infinity) return 0;
  const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  if (z < 3) {
    let term = z;
    let sum = z;
    const z2 = z * z;
    for (let i = 3; sum + term !== sum; i += 2) {
      term *= z2 / i;
      sum += term;
    }
    return 0.5 - density * sum;
  }
  return density * millsContinuedFraction(z);
}

/** 1/(z + 1/(z + 2/(z + 3/(z + …)))) by the modified Lentz method; converges fast for z ≥ 3. */
function millsContinuedFraction(z: number): number {
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    d = z + k * d;
    d = d === 0 ? 1 / tiny : 1 / d;
    c = z + k / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}

/**
 * Two-sided p-value of a standard normal statistic: 2·Q(|z|).
 *
 * @example
 * twoSidedNormalP(1.959963984540054); // 0.05
 */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, 2 * normalUpperTail(Math.abs(z)));
}

/**
 * The standard normal CDF Φ(x) = ½ erfc(−x/√2), with erfc from Numerical Recipes' Chebyshev fit
 * (fractional error below 1.2e-7 everywhere). Less exact than `1 − normalUpperTail(x)`, and kept
 * apart on purpose: the synthetic datasets turn normal latents into uniform ranks with it, and
 * the bundled files (and every audit of them) depend on its exact digits: with the exact tail
 * instead, the regenerated loans and bench files no longer match the committed ones.
 *
 * @example
 * normalCdf(1.959964); // 0.975 to 7 decimals
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}
