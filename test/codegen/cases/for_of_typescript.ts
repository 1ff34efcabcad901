// A weighted log-sum-exp over an array, read item by item with for-of.
/** @at xs=[0.3, -1.2, 2.0], t=0.8 */
export function smoothMax(xs: number[], t: number): number {
  let total = 0;
  for (const x of xs) {
    total += Math.exp(x / t);
  }
  return t * Math.log(total);
}
