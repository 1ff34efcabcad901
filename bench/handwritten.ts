/**
 * The floor: each function and its reverse-mode gradient written out by hand in plain JavaScript,
 * float64, no tape, no allocation beyond the gradient it returns. Also the reference the other
 * implementations' gradients are checked against.
 */

export function seed001Primal(a: number, b: number): number {
  const v1 = a / b;
  const v2 = Math.sin(v1);
  const v3 = Math.exp(b);
  const v4 = v1 - v3;
  const v5 = v2 + v4;
  return v5 * v4;
}

/** [value, ∂f/∂v_1, ∂f/∂v0], by the adjoints of the Wengert list. */
export function seed001ValueAndGradient(a: number, b: number): [number, number, number] {
  const v1 = a / b;
  const v2 = Math.sin(v1);
  const v3 = Math.exp(b);
  const v4 = v1 - v3;
  const v5 = v2 + v4;
  const v6 = v5 * v4;
  // v6̄ = 1
  const v5b = v4;
  const v4b = v5 + v5b; // through v6 = v5·v4 and v5 = v2 + v4
  const v2b = v5b;
  const v3b = -v4b;
  const v1b = v4b + v2b * Math.cos(v1);
  const ab = v1b / b;
  const bb = -v1b * (v1 / b) + v3b * v3;
  return [v6, ab, bb];
}

export function rosenPrimal(x: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < x.length - 1; i++) {
    const t = x[i + 1]! - x[i]! * x[i]!;
    const u = 1 - x[i]!;
    s += 100 * t * t + u * u;
  }
  return s;
}

export function rosenValueAndGradient(x: readonly number[]): { value: number; gradient: Float64Array } {
  const n = x.length;
  const g = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i]!;
    const t = x[i + 1]! - xi * xi;
    const u = 1 - xi;
    s += 100 * t * t + u * u;
    g[i] = g[i]! - 400 * xi * t - 2 * u;
    g[i + 1] = g[i + 1]! + 200 * t;
  }
  return { value: s, gradient: g };
}
