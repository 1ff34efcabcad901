/**
 * The logistic function σ(x) = 1/(1 + e⁻ˣ) (scipy's expit), written eˣ/(1 + eˣ) for x < 0 so that
 * neither form overflows and σ keeps its relative accuracy far into the left tail (σ(−40) ≈ 4e−18,
 * where 1 − σ(40) would be 0).
 */
export function expit(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
