// Seed functions for GradLens in TypeScript: open this file with the extension to see values and
// gradients above each function. GradLens reads them; it never runs them.

// @at x1=2, x2=5
function seed000(x1: number, x2: number): number {
  return Math.log(x1) + x1 * x2 - Math.sin(x2);
}

/** The primal trace (Wengert list) v1..v6 of the classic example; its point is the call below. */
function seed001(v_1: number, v0: number): number {
  const v1 = v_1 / v0;
  const v2 = Math.sin(v1);
  const v3 = Math.exp(v0);
  const v4 = v1 - v3;
  const v5 = v2 + v4;
  const v6 = v5 * v4;
  return v6;
}

console.log(seed001(1.5, 0.5));
