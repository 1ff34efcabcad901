// Seed 001 in TypeScript.

// @at v_1=1.5, v0=0.5
function seed001(v_1: number, v0: number): number {
  const v1 = v_1 / v0;
  const v2 = Math.sin(v1);
  const v3 = Math.exp(v0);
  const v4 = v1 - v3;
  const v5 = v2 + v4;
  const v6 = v5 * v4;
  return v6;
}
