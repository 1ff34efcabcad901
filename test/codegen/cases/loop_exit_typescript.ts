// Newton's method for a cube root with an early return once the step is small, and odd powers
// summed with `continue`: a C-style loop's update still runs after a continue, not after a return.

/** @at a=2.5 */
function cubeRootSeries(a: number): number {
  let r = a;
  let s = 0;
  for (let i = 1; i < 40; i++) {
    const step = (r * r * r - a) / (3 * r * r);
    r = r - step;
    if (i % 2 === 0) continue;
    s += r / i;
    if (Math.abs(step) < 1e-9) return s + r;
  }
  return s;
}
