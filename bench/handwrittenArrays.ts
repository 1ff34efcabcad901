/**
 * Floors for the vectorized Rosenbrock, `sum(100·(x[1:] − x[:-1]²)² + (1 − x[:-1])²)`, written out
 * by hand in float64 JavaScript, to tell what GradLens's way of running it costs from what the
 * machine costs:
 *
 * - `opByOp`: the way numpy, PyTorch and GradLens run it — a new array for each operation's result,
 *   one loop per operation, and a reverse sweep that is again one loop per operation (the partials
 *   used where they are needed). No tape, no checks, nothing kept for hovers: the floor for
 *   running a numpy expression an operation at a time.
 * - `fused`: one loop for the value and the gradient together, no arrays. What a compiler that sees
 *   the whole expression (JAX's XLA, a generated kernel) can reach; GradLens does not generate code.
 */

/** The forward operations, one array each; what the reverse sweep reads. */
function forward(x: Float64Array): { value: number; lo: Float64Array; d: Float64Array; u: Float64Array } {
  const n = x.length - 1;
  const hi = x.subarray(1);
  const lo = x.subarray(0, n);
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) sq[i] = lo[i]! * lo[i]!;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = hi[i]! - sq[i]!;
  const d2 = new Float64Array(n);
  for (let i = 0; i < n; i++) d2[i] = d[i]! * d[i]!;
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = 100 * d2[i]!;
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = 1 - lo[i]!;
  const u2 = new Float64Array(n);
  for (let i = 0; i < n; i++) u2[i] = u[i]! * u[i]!;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = t[i]! + u2[i]!;
  let value = 0;
  for (let i = 0; i < n; i++) value += s[i]!;
  return { value, lo, d, u };
}

/** The value alone, an operation at a time. */
export function rosenVecOpByOpPrimal(x: Float64Array): number {
  return forward(x).value;
}

/** Value and gradient, an operation at a time: [value, gradient]. */
export function rosenVecOpByOp(x: Float64Array): [number, Float64Array] {
  const { value, lo, d, u } = forward(x);
  const n = d.length;
  // Reverse: s̄ = 1, so t̄ = ū2 = 1; d̄2 = 100; d̄ = 2d·d̄2; ū = 2u·ū2; the slices scatter back.
  const dBar = new Float64Array(n);
  for (let i = 0; i < n; i++) dBar[i] = 2 * d[i]! * 100;
  const uBar = new Float64Array(n);
  for (let i = 0; i < n; i++) uBar[i] = 2 * u[i]!;
  const gradient = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) gradient[i + 1] = gradient[i + 1]! + dBar[i]!;
  for (let i = 0; i < n; i++) gradient[i] = gradient[i]! - 2 * lo[i]! * dBar[i]!;
  for (let i = 0; i < n; i++) gradient[i] = gradient[i]! - uBar[i]!;
  return [value, gradient];
}

/** Value and gradient in one loop. */
export function rosenVecFused(x: Float64Array): [number, Float64Array] {
  const n = x.length - 1;
  const gradient = new Float64Array(n + 1);
  let value = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i + 1]! - x[i]! * x[i]!;
    const u = 1 - x[i]!;
    value += 100 * d * d + u * u;
    gradient[i + 1] = gradient[i + 1]! + 200 * d;
    gradient[i] = gradient[i]! - 400 * d * x[i]! - 2 * u;
  }
  return [value, gradient];
}

export function rosenVecFusedPrimal(x: Float64Array): number {
  const n = x.length - 1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i + 1]! - x[i]! * x[i]!;
    const u = 1 - x[i]!;
    value += 100 * d * d + u * u;
  }
  return value;
}
