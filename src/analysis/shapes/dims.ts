/** Sizes nothing in the code fixes: small and different from each other, so a transposed product fails. */
export const FREE_SIZES = [3, 2, 4, 5, 6, 7];

/**
 * A size the code computes from others: `n_features + 1` (a docstring's intercept), the product of
 * an array's axes (`X.ravel()`), or at least another's (`w[:n_features]` needs that many).
 */
type Relation =
  | { readonly kind: 'plus'; readonly of: number; readonly plus: number }
  | { readonly kind: 'product'; readonly of: readonly number[] }
  | { readonly kind: 'sum'; readonly of: readonly number[] }
  | { readonly kind: 'atLeast'; readonly of: number; readonly plus: number };

/** Union-find over dimensions, each with the least size the code needs and an exact size if it says one. */
export class Dims {
  private readonly parent: number[] = [];
  private readonly min: number[] = [];
  private readonly exact: (number | undefined)[] = [];
  /** By root: how its size follows from other dimensions' (one relation per dimension, the first said). */
  private readonly relations = new Map<number, Relation>();
  /** Roots whose size is being worked out: a relation that leads back to one is ignored, not followed. */
  private readonly sizing = new Set<number>();
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
    const carried = this.relations.get(drop);
    if (carried && !this.relations.has(keep)) this.relations.set(keep, carried);
  }

  /** A fresh dimension of `d`'s size plus `n` (`n_features + 1`). */
  plus(d: number, n: number): number {
    const c = this.fresh();
    this.relations.set(c, { kind: 'plus', of: d, plus: n });
    return c;
  }

  /** The size of an array of these axes flattened (`X.ravel()`): the one axis not exactly 1, else a fresh product. */
  product(ds: readonly number[]): number {
    const left = ds.filter((d) => this.exact[this.find(d)] !== 1);
    if (left.length === 1) return left[0]!;
    const c = this.fresh();
    if (left.length === 0) this.setExact(c, 1);
    else this.relations.set(c, { kind: 'product', of: left });
    return c;
  }

  /** The size of arrays joined along an axis (`np.hstack((x, h, ones))`): their sizes there added. */
  sum(ds: readonly number[]): number {
    if (ds.length === 1) return ds[0]!;
    const c = this.fresh();
    this.relations.set(c, { kind: 'sum', of: ds });
    return c;
  }

  /**
   * `d` holds at least `of`'s size plus `plus` (`w[:n_features]`: 0; `params[D]`: 1), unless
   * something else says how it relates; a read further along the same size raises the bound.
   */
  atLeastOf(d: number, of: number, plus = 0): void {
    const r = this.find(d);
    if (r === this.find(of)) {
      if (plus > 0) this.atLeast(r, this.min[this.find(of)]! + plus);
      return;
    }
    const known = this.relations.get(r);
    if (!known || (known.kind === 'atLeast' && this.same(known.of, of) && known.plus < plus)) this.relations.set(r, { kind: 'atLeast', of, plus });
  }

  /** One dimension, or two of one exact size (a name read again gives a dimension of its own). */
  private same(a: number, b: number): boolean {
    const [ra, rb] = [this.find(a), this.find(b)];
    return ra === rb || (this.exact[ra] !== undefined && this.exact[ra] === this.exact[rb]);
  }

  /**
   * What is left of `d` after its first `lo` entries (`params[D:]`): a dimension `rest` with d = lo +
   * rest, so `mean, log_std = params[:D], params[D:]` makes params as long as both. It replaces a
   * bound `params[:D]` said (the sum says more); read again, the same rest.
   */
  rest(d: number, lo: number): number {
    const r = this.find(d);
    const known = this.relations.get(r);
    if (known?.kind === 'sum' && known.of.length === 2 && this.same(known.of[0]!, lo)) return known.of[1]!;
    const rest = this.fresh();
    if (r !== this.find(lo) && (!known || known.kind === 'atLeast')) this.relations.set(r, { kind: 'sum', of: [lo, rest] });
    return rest;
  }
  /**
   * A copy of `d`'s relation to other dimensions for `copy`, those mapped by `map` (a callee's sizes
   * instantiated at a call: rows = input + state + 1 there are the caller's input + state + 1).
   */
  copyRelation(d: number, into: number, map: (d: number) => number): void {
    const relation = this.relations.get(this.find(d));
    const r = this.find(into);
    if (!relation || this.relations.has(r)) return;
    if (relation.kind === 'product' || relation.kind === 'sum') this.relations.set(r, { kind: relation.kind, of: relation.of.map(map) });
    else this.relations.set(r, { ...relation, of: map(relation.of) });
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
  /** A new dimension of exactly 1 (an axis `x[:, None]` adds). */
  one(): number {
    const d = this.fresh();
    this.setExact(d, 1);
    return d;
  }
  /** Exactly 1 (`reshape(-1, 1)`'s second axis): broadcasts against any size, so it ties to none. */
  isOne(d: number): boolean {
    return this.exact[this.find(d)] === 1;
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
    const relation = this.relations.get(r);
    if (relation && !this.sizing.has(r)) {
      this.sizing.add(r);
      try {
        const derived = this.derived(relation, chosen, start);
        if (derived) {
          chosen.set(r, Math.max(derived.size, this.min[r]!));
          return { size: chosen.get(r)!, free: derived.free };
        }
      } finally {
        this.sizing.delete(r);
      }
    }
    let size = chosen.get(r);
    if (size === undefined) {
      size = Math.max(FREE_SIZES[(start + chosen.size) % FREE_SIZES.length]!, this.min[r]!);
      chosen.set(r, size);
    }
    return { size, free: true };
  }

  /** A related dimension's size from its operands' (undefined when one of them leads back to it). */
  private derived(relation: Relation, chosen: Map<number, number>, start: number): { size: number; free: boolean } | undefined {
    const of = relation.kind === 'product' || relation.kind === 'sum' ? relation.of : [relation.of];
    if (of.some((d) => this.sizing.has(this.find(d)))) return undefined;
    const sizes = of.map((d) => this.size(d, chosen, start));
    const free = sizes.some((s) => s.free);
    if (relation.kind === 'plus') return { size: sizes[0]!.size + relation.plus, free };
    if (relation.kind === 'product') return { size: sizes.reduce((a, s) => a * s.size, 1), free };
    if (relation.kind === 'sum') return { size: sizes.reduce((a, s) => a + s.size, 0), free };
    // At least the other's (and `plus`): exactly that, the least that runs (`w[:n]` then takes all of w).
    return { size: sizes[0]!.size + relation.plus, free: true };
  }
}
