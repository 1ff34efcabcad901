/** Rounds half to even, as Python's `round` and numpy's `round` do (2.5 → 2, 3.5 → 4). */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
