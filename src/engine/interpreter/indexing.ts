import type { IrExpr } from '../../ir/nodes';
import { ArrayValue } from '../array/ndarray';
import { element } from '../array/record';
import type { ExprFn } from './compiled';
import type { CompilerParts } from './constructs';
import type { Scope } from './scope';
import { getItem } from './sequences';
import { EllipsisValue, None, SequenceValue, SliceValue, Tracked, type Value } from './values';
import { notePastEnd } from './pastEnd';
import { fail } from '../../core/diagnostic';

/** What index compilation needs of the compiler besides `CompilerParts`: bracket contents (slices, `...`). */
export interface IndexCompiler extends Pick<CompilerParts, 'expr' | 'site' | 'language'> {
  indexExpr(e: IrExpr, scope: Scope): ExprFn;
}

/**
 * `a[i]` and `a[i][j]` as scalar loops write them. A list's element by an in-range integer is read
 * without getItem's dispatch; `W[i][j]` of a 2-D array is read as the element (i, j) without making
 * the row `W[i]` at all. Everything else, and every error, is getItem's, in Python's order of
 * evaluation: W, i, W[i] (which cannot fail when the fast path is taken), j, then [j].
 */
export function compileIndex(c: IndexCompiler, e: IrExpr & { kind: 'index' }, scope: Scope): ExprFn {
  const site = c.site(e.range);
  const index = c.indexExpr(e.index, scope);
  if (e.object.kind === 'index') {
    const inner = e.object;
    const object = c.expr(inner.object, scope);
    const first = c.indexExpr(inner.index, scope);
    const innerSite = c.site(inner.range);
    return (f) => {
      const o = object(f);
      const i = first(f);
      if (o instanceof ArrayValue && o.shape.length === 2 && typeof i === 'number') {
        const rows = o.shape[0]!;
        const r = i < 0 ? i + rows : i;
        if (r >= 0 && r < rows && Number.isInteger(r)) {
          const j = index(f);
          const cols = o.shape[1]!;
          const k = typeof j === 'number' ? (j < 0 ? j + cols : j) : -1;
          if (k >= 0 && k < cols && Number.isInteger(k)) return element(f.rt, o, r * cols + k, site);
          return getItem(f.rt, getItem(f.rt, o, i, innerSite), j, site);
        }
      }
      return itemOf(f.rt, itemOf(f.rt, o, i, innerSite), index(f), site);
    };
  }
  const object = c.expr(e.object, scope);
  if (c.language === 'typescript') {
    // JavaScript reads past an array's end as undefined (pastEnd.ts says so where it is used).
    return (f) => {
      const o = object(f);
      const i = index(f);
      const n = typeof i === 'number' ? i : i instanceof Tracked ? i.value : undefined;
      if (o instanceof SequenceValue && !o.isTuple && n !== undefined && Number.isInteger(n) && n >= o.items.length) {
        notePastEnd(f.rt, site, n, o.items.length);
        return None;
      }
      return itemOf(f.rt, o, i, site);
    };
  }
  return (f) => itemOf(f.rt, object(f), index(f), site);
}

/** getItem, with a list's element by an in-range integer read directly. */
function itemOf(rt: Parameters<typeof getItem>[0], o: Value, i: Value, site: number): Value {
  if (o instanceof SequenceValue && typeof i === 'number' && i >= 0 && i < o.items.length && Number.isInteger(i)) return o.items[i]!;
  return getItem(rt, o, i, site);
}

/** What stands inside brackets: slices and `...` (also inside a tuple, `A[1:, :2]`) become their values. */
export function compileIndexValue(c: Pick<CompilerParts, 'expr' | 'site' | 'language'> & { indexExpr(e: IrExpr, scope: Scope): ExprFn }, e: IrExpr, scope: Scope): ExprFn {
  if (e.kind === 'slice') {
    const lo = e.lower ? c.expr(e.lower, scope) : undefined;
    const hi = e.upper ? c.expr(e.upper, scope) : undefined;
    const st = e.step ? c.expr(e.step, scope) : undefined;
    return (f) => new SliceValue(lo?.(f), hi?.(f), st?.(f));
  }
  if (e.kind === 'ellipsis') return () => EllipsisValue.instance;
  if (e.kind === 'tuple' && e.elements.some((x) => x.kind === 'slice' || x.kind === 'ellipsis')) {
    const parts = e.elements.map((x) => c.indexExpr(x, scope));
    return (f) => new SequenceValue(parts.map((p) => p(f)), true);
  }
  const index = c.expr(e, scope);
  if (c.language !== 'typescript') return index;
  // JavaScript reads `a[-1]` as the property "-1" (undefined), not Python's last element: refused,
  // never the wrong element.
  const site = c.site(e.range);
  return (f) => {
    const i = index(f);
    const n = typeof i === 'number' ? i : i instanceof Tracked ? i.value : 0;
    if (n < 0) fail('index', 'a negative index: JavaScript reads `a[-1]` as undefined, not the last element (write `a[a.length - 1]`)', f.rt.sites[site]!);
    return i;
  };
}
