import type { SourceRange } from '../core/sourceRange';
import type { IrExpr, IrFor, IrStmt, IrTarget } from '../ir/nodes';
import { num, ref } from './expressions';
import type { Env } from './steps';

/**
 * Loops over differentiated sequences written as loops over positions: `for z in xs` becomes
 * `for k in range(3): z = xs[k]` (a list of differentiated numbers, whose length is known where it
 * is made, lists.ts), `for row in X` over a differentiated numpy array `for k in range(len(X)): row =
 * X[k]`, `for i, row in enumerate(X)` uses i as the position, and `for a, b in zip(X, y)` reads each
 * sequence at the position (the shortest's length). Each read is then an element read whose adjoint
 * the reverse loop adds back at that position.
 */
export function overPositions(s: IrFor, env: Env, arrays: boolean, unused: (base: string) => string): IrFor | undefined {
  const r: SourceRange = s.iterable.range;
  const it = s.iterable;
  // Python's builtins by name (or as intrinsics), unless the function binds that name itself.
  const builtin = it.kind === 'call' && (it.callee.kind === 'intrinsic' || (it.callee.kind === 'name' && !env.has(it.callee.name))) && it.keywords.length === 0 && !it.args.some((a) => a.kind === 'spread') ? (it.callee as { name: string }).name : undefined;
  const args = it.kind === 'call' ? it.args : [];
  let sequences: readonly IrExpr[];
  let targets: readonly IrTarget[];
  let counter: IrTarget & { kind: 'name' };
  if (builtin === 'enumerate' && args.length === 1) {
    if (s.target.kind !== 'tuple' || s.target.elements.length !== 2 || s.target.elements[0]!.kind !== 'name') return undefined;
    sequences = args;
    targets = [s.target.elements[1]!];
    counter = s.target.elements[0] as IrTarget & { kind: 'name' };
  } else {
    if (builtin === 'zip') {
      if (s.target.kind !== 'tuple' || s.target.elements.length !== args.length) return undefined;
      sequences = args;
      targets = s.target.elements;
    } else {
      sequences = [it];
      targets = [s.target];
    }
    counter = { kind: 'name', name: unused('k'), range: r };
  }
  const lengths = sequences.map((x) => lengthOf(x, env, arrays));
  // Only a loop over something differentiated is rewritten; every sequence must be readable by position.
  if (lengths.some((n) => n === undefined) || !sequences.some((x) => x.kind === 'name' && env.get(x.name)?.active)) return undefined;
  const known = lengths.filter((n): n is IrExpr => n!.kind === 'number');
  const length: IrExpr =
    lengths.length === 1 ? lengths[0]! : known.length === lengths.length ? num(Math.min(...known.map((n) => (n as { value: number }).value)), r) : { kind: 'call', callee: { kind: 'intrinsic', name: 'min', range: r }, args: lengths as IrExpr[], keywords: [], range: r };
  const reads: IrStmt[] = sequences.map((x, i) => ({ kind: 'assign', target: targets[i]!, value: { kind: 'index', object: x, index: ref(counter.name, r), range: r }, range: targets[i]!.range }));
  const range: IrExpr = { kind: 'call', callee: { kind: 'intrinsic', name: 'range', range: r }, args: [length], keywords: [], range: r };
  return { ...s, target: counter, iterable: range, body: [...reads, ...s.body] };
}

/** How many positions a sequence has: a list's known length, `len(X)` of an array; undefined for anything else. */
function lengthOf(e: IrExpr, env: Env, arrays: boolean): IrExpr | undefined {
  if (e.kind !== 'name') return undefined;
  const bound = env.get(e.name);
  if (bound?.items) return num(bound.items.length, e.range);
  if (!arrays) return undefined;
  return { kind: 'call', callee: { kind: 'intrinsic', name: 'len', range: e.range }, args: [e], keywords: [], range: e.range };
}
