// An array parameter in TypeScript: entries read by index in a C-style loop and outside it; its
// gradient is an array of the same length (the code is written for the point's length).
// @at xs=[0.4, 1.2, -0.7], t=0.35
export function weightedSquares(xs: number[], t: number): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) {
    s += xs[i]! * xs[i]! * t;
  }
  return s + Math.sin(xs[0]! * xs[2]!);
}
