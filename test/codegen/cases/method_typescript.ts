// A spring of stiffness k, resting at length rest: its energy at stretch x, a method reading this.
export class Spring {
  k: number;
  rest = 1.0;

  constructor(k: number) {
    this.k = k;
  }

  damping(x: number): number {
    return Math.exp(-this.k * x);
  }

  /** @at x=1.5; this: k=3 */
  energy(x: number): number {
    const d = x - this.rest;
    return 0.5 * this.k * d * d + this.damping(x);
  }
}
