/** Sizes nothing in the code fixes: small and different from each other, so a transposed product fails. */
export const FREE_SIZES = [3, 2, 4, 5, 6, 7];

/** Union-find over dimensions, each with the least size the code needs and an exact size if it says one. */
export class Dims {
  private readonly parent: number[] = [];
  private readonly min: number[] = [];
  private readonly exact: (number | undefined)[] = [];
  fresh(): number {
    this.parent.push(this.parent.length);
    this.min.push(1);
    this.exact.push(undefined);
    return this.parent.length - 1;
  }
  find(d: number): number {
    while (this.parent[d] !== d) d = this.parent[d] = this.parent[this.parent[d]!]!;
    return d;
  }
  unify(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent[drop] = keep;
    this.min[keep] = Math.max(this.min[keep]!, this.min[drop]!);
    this.exact[keep] ??= this.exact[drop];
  }
  /** A fresh dimension with what the code says of `d` (its least and exact size), not tied to it. */
  copy(d: number): number {
    const r = this.find(d);
    const c = this.fresh();
    this.min[c] = this.min[r]!;
    this.exact[c] = this.exact[r];
    return c;
  }
  atLeast(d: number, n: number): void {
    const r = this.find(d);
    this.min[r] = Math.max(this.min[r]!, n);
  }
  least(d: number): number {
    return this.min[this.find(d)]!;
  }
  setExact(d: number, n: number): void {
    const r = this.find(d);
    this.exact[r] ??= n;
  }
  /**
   * Sizes for free dimensions: the next of 3, 2, 4, … at or above what the code needs; `start` skips
   * into that list (a retry after the first choice failed on shapes the code fixes at run time).
   */
  size(d: number, chosen: Map<number, number>, start = 0): { size: number; free: boolean } {
    const r = this.find(d);
    const exact = this.exact[r];
    if (exact !== undefined) return { size: Math.max(exact, this.min[r]!), free: false };
    let size = chosen.get(r);
    if (size === undefined) {
      size = Math.max(FREE_SIZES[(start + chosen.size) % FREE_SIZES.length]!, this.min[r]!);
      chosen.set(r, size);
    }
    return { size, free: true };
  }
}
