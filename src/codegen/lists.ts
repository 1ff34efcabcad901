import type { SourceRange } from '../core/sourceRange';
import type { IrCall, IrComprehension, IrExpr, IrStmt, IrTarget } from '../ir/nodes';
import { PRIMITIVES } from '../engine/primitives/registry';
import { num, ref } from './expressions';
import { extremumOf } from './calls';
import type { Lowering } from './lowering';
import { assign, mapChildren, mentionsActive, notAFunction, otherNameFor, refuse, SIMPLE_KINDS, type Env, type Operand, type Step } from './steps';

/**
 * Python lists of differentiated numbers in generated code (`x = [x0, x1, x2]`, then `x[i]`,
 * `for z in x`, `sum(x)`, `max(x)`, `len(x)`). A list is made once and never changed, so its length
 * and items are known where it is made: `len(x)` is that number, `sum` and `max` are written over its
 * items, and `for z in x` becomes a loop over its positions. Its adjoint is a list of the same length
 * (`dx = [0, 0, 0]`), each read `x[i]` adding to its entry (`dx[i] += dz`), and the list's making
 * handing each entry to its item.
 */

/** A list of differentiated numbers: its items, as lowered. */
export const listItems = (o: Operand | undefined): readonly Operand[] | undefined => o?.items;

/** The items of a list an expression is: a name bound to one, or a list written out with a differentiated item. */
function itemsOf(t: Lowering, e: IrExpr, env: Env, out: Step[]): readonly Operand[] | undefined {
  if (e.kind === 'name') return listItems(env.get(e.name));
  if (e.kind === 'list' || e.kind === 'tuple') {
    if (e.elements.some((x) => x.kind === 'spread')) return undefined;
    const items = e.elements.map((x) => t.value(x, env, out));
    return items.some((i) => i.active || i.items) ? items : undefined;
  }
  return undefined;
}

/** `[a, b, c]` with a differentiated item: one step making the list, printed as written. */
export function lowerList(t: Lowering, e: IrExpr & { kind: 'list' | 'tuple' }, env: Env, out: Step[], hint: string | undefined): Operand {
  if (e.elements.some((x) => x.kind === 'spread')) refuse('a list with * or ... of differentiated values is not written yet', e.range);
  const items = e.elements.map((x) => t.value(x, env, out));
  return packList(t, items, e.range, out, hint);
}

/** Items made into a list of differentiated numbers: one step, printed `[a, b, c]`. */
export function packList(t: Lowering, items: readonly Operand[], range: SourceRange, out: Step[], hint: string | undefined): Operand {
  if (items.some((i) => i.items)) refuse('a list of lists of differentiated values is not written yet', range);
  items.forEach((i) => notAFunction(i, range));
  const target = hint ? t.names.fresh(hint) : t.names.temp();
  const stmt = assign(target, { kind: 'list', elements: items.map((i) => i.expr), range }, range);
  out.push({ kind: 'pack', target, items, stmt });
  return { expr: ref(target, range), active: true, items };
}

/**
 * `xs[1] = v` into a list of differentiated numbers, at an index written as a number: the list is
 * made again with that item replaced (`xs_2 = [a, v, c]`), so it is still made once and never
 * changed. False when this is not such a write. A list another name holds too is refused (the write
 * would show through it).
 */
export function lowerListWrite(t: Lowering, target: IrTarget & { kind: 'index' }, value: IrExpr, env: Env, out: Step[], range: SourceRange): boolean {
  if (target.object.kind !== 'name') return false;
  const name = target.object.name;
  const list = env.get(name);
  if (!list?.items || list.expr.kind !== 'name') return false;
  const shared = otherNameFor(env, name);
  if (shared) refuse(`${name} is also ${shared}: a write into a list two names hold is not written yet`, range);
  const i = target.index;
  const k = i.kind === 'number' ? i.value : i.kind === 'unary' && i.op === '-' && i.operand.kind === 'number' ? -i.operand.value : undefined;
  const n = list.items.length;
  if (k === undefined || !Number.isInteger(k) || k >= n || k < -n) refuse('a write into a list of differentiated values at an index that is not a number in range is not written yet', i.range);
  const items = [...list.items];
  items[(k! + n) % n] = t.value(value, env, out);
  env.set(name, packList(t, items, range, out, name));
  return true;
}

/** `x[i]` of a list of differentiated numbers: one step reading the entry. */
export function lowerElement(t: Lowering, list: Operand, e: IrExpr & { kind: 'index' }, env: Env, out: Step[], hint: string | undefined): Operand {
  if (e.index.kind === 'slice') refuse('a slice of a list of differentiated values is not written yet', e.range);
  const index = t.inactive(e.index, env, false);
  const target = hint ? t.names.fresh(hint) : t.names.temp();
  const name = (list.expr as { name: string }).name;
  const stmt = assign(target, { kind: 'index', object: list.expr, index, range: e.range }, e.range);
  out.push({ kind: 'element', target, list: name, length: list.items!.length, index, stmt });
  return { expr: ref(target, e.range), active: true };
}

/** `sum`, `max`, `min` of a list of differentiated numbers, over its items; undefined for any other call. */
export function lowerListCall(t: Lowering, intrinsic: string, e: IrCall, env: Env, out: Step[], hint: string | undefined): Operand | undefined {
  if ((intrinsic === 'seq_reduce' || intrinsic === 'seq_map') && e.keywords.length === 0) return lowerCallback(t, intrinsic, e, env, out, hint);
  if (e.keywords.length > 0 || e.args.length === 0 || !['sum', 'max', 'min'].includes(intrinsic)) return undefined;
  const [first, ...rest] = e.args;
  if (intrinsic !== 'sum' && rest.length > 0) return undefined;
  if (rest.length > 1) return undefined;
  if (first!.kind === 'comprehension' && intrinsic === 'sum') return mentionsActive(first!, env) ? sumOfComprehension(t, first!, rest[0], env, out, hint) : undefined;
  const items = itemsOf(t, first!, env, out);
  if (!items) return undefined;
  if (items.some((i) => i.items)) refuse(`${intrinsic} of a list of lists is not written yet`, e.range);
  if (intrinsic !== 'sum') {
    if (items.length === 0) refuse(`${intrinsic} of an empty list has no value`, e.range);
    return items.length === 1 ? items[0]! : extremumOf(t, intrinsic as 'max' | 'min', items, e, out, hint);
  }
  // sum(xs, start): start + xs[0] + xs[1] + …, each addition one step.
  let acc: Operand = rest.length ? t.value(rest[0]!, env, out) : { expr: num(0, e.range), active: false };
  items.forEach((item, k) => {
    const last = k === items.length - 1;
    const printed: IrExpr = { kind: 'binary', op: '+', left: acc.expr, right: item.expr, range: e.range };
    acc = t.opOn(PRIMITIVES.add, [acc, item], printed, out, last ? hint : undefined, printed);
  });
  return acc;
}

/**
 * `sum(f(v) for v in xs if c)` (or of a list comprehension): the loop it stands for, written out —
 * `total = 0.0; for v in xs: if c: total += f(v)` — its variables renamed to names the function does
 * not use (a comprehension's variables are its own). Undefined when the comprehension holds
 * something generated code cannot carry (a nested comprehension, a lambda).
 */
function sumOfComprehension(t: Lowering, c: IrComprehension, start: IrExpr | undefined, env: Env, out: Step[], hint: string | undefined): Operand | undefined {
  if ((c.result !== 'generator' && c.result !== 'list') || c.key) return undefined;
  const renames = new Map<string, string>();
  const renamed = (e: IrExpr): IrExpr | undefined => {
    let ok = true;
    const walk = (x: IrExpr): IrExpr => {
      if (x.kind === 'name') return renames.has(x.name) ? ref(renames.get(x.name)!, x.range) : x;
      if (!SIMPLE_KINDS.has(x.kind) || (x.kind === 'call' && x.keywordSpreads?.length)) ok = false;
      return ok ? mapChildren(x, walk) : x;
    };
    const result = walk(e);
    return ok ? result : undefined;
  };
  const claimed = new Set<string>();
  const fresh = (name: string): string => {
    let candidate = t.names.unused(name);
    for (let k = 2; claimed.has(candidate); k++) candidate = t.names.unused(`${name}_${k}`);
    claimed.add(candidate);
    return candidate;
  };
  const target = (x: IrTarget): IrTarget | undefined => {
    if (x.kind === 'name') {
      const name = fresh(x.name);
      renames.set(x.name, name);
      return { ...x, name };
    }
    if (x.kind !== 'tuple') return undefined;
    const parts = x.elements.map(target);
    return parts.every((p) => p) ? { ...x, elements: parts as IrTarget[] } : undefined;
  };
  // Clauses in order: each for's iterable reads the names of the clauses before it.
  const heads: ({ kind: 'for'; target: IrTarget; iterable: IrExpr } | { kind: 'if'; test: IrExpr })[] = [];
  for (const clause of c.clauses) {
    if (clause.kind === 'for') {
      const iterable = renamed(clause.iterable);
      const bound = iterable && target(clause.target);
      if (!iterable || !bound) return undefined;
      heads.push({ kind: 'for', target: bound, iterable });
    } else {
      const test = renamed(clause.test);
      if (!test) return undefined;
      heads.push({ kind: 'if', test });
    }
  }
  const element = renamed(c.element);
  if (!element) return undefined;
  const r = c.range;
  const total = fresh(hint ?? 'total');
  let body: IrStmt[] = [{ kind: 'augAssign', target: { kind: 'name', name: total, range: r }, op: '+', value: element, range: r }];
  for (const h of [...heads].reverse()) {
    body = h.kind === 'for' ? [{ kind: 'for', target: h.target, iterable: h.iterable, body, range: r }] : [{ kind: 'if', test: h.test, then: body, else: [], range: r }];
  }
  t.block([{ kind: 'assign', target: { kind: 'name', name: total, range: r }, value: start ?? num(0, r), range: r }, ...body], env, out);
  return env.get(total);
}

/** `len(x)` of a list of differentiated numbers: its length, known where it was made. */
export function listLength(e: IrExpr, env: Env): number | undefined {
  if (e.kind !== 'call' || e.args.length !== 1) return undefined;
  const callee = e.callee;
  // Python's len(x); JavaScript's x.length (the intrinsic length_of).
  const len = (callee.kind === 'intrinsic' && callee.name === 'length_of') || ((callee.kind === 'intrinsic' || (callee.kind === 'name' && !env.has(callee.name))) && callee.name === 'len');
  if (!len) return undefined;
  const arg = e.args[0]!;
  return arg.kind === 'name' ? listItems(env.get(arg.name))?.length : undefined;
}

/** Zero in a list's shape: `[0, 0, 0]`. */
export function zeroList(length: number, range: SourceRange): IrExpr {
  return { kind: 'list', elements: Array.from({ length }, () => num(0, range)), range };
}

/**
 * JavaScript's `xs.reduce((s, v) => …, init)` and `xs.map((v, i) => …)` over a list of differentiated
 * numbers: the callback written out once per item (its length is known), with the item, its index
 * and, for reduce, the value so far; map makes a new list of the results. Undefined when the
 * receiver is not such a list or the callback not a lambda of the function.
 */
function lowerCallback(t: Lowering, which: 'seq_reduce' | 'seq_map', e: IrCall, env: Env, out: Step[], hint: string | undefined): Operand | undefined {
  const [list, callback, init, ...rest] = e.args;
  if (!list || !callback || rest.length > 0 || (which === 'seq_map' && init) || !mentionsActive(list, env)) return undefined;
  const items = itemsOf(t, list, env, out);
  if (!items) return undefined;
  const fn = t.value(callback, env, out);
  if (!fn.fn) return refuse(`a callback that is not a function written in the code is not written yet`, callback.range);
  const params = fn.fn.ir.params.length;
  const reduce = which === 'seq_reduce';
  if (params > (reduce ? 3 : 2)) refuse('a callback reading the array itself is not written yet', callback.range);
  // Values so far named after the callback's own first parameter (`s`, `s_2`, …), the last after the caller's variable.
  const own = fn.fn.ir.params[0]?.name;
  const call = (args: readonly Operand[], last: boolean): Operand => {
    // The operands are lowered already: the call passes them by names no code has, bound to them.
    const scope: Env = new Map(env);
    const names = args.slice(0, params).map((a, i) => {
      scope.set(` callback ${i}`, a);
      return { kind: 'name', name: ` callback ${i}`, range: e.range } as const;
    });
    return t.inline(fn.fn!.ir, { kind: 'call', callee: callback, args: names, keywords: [], range: e.range }, scope, out, (last ? hint : undefined) ?? own, undefined, undefined, fn.fn!.scope ?? env);
  };
  const index = (k: number): Operand => ({ expr: num(k, e.range), active: false });
  if (!reduce) return packList(t, items.map((item, k) => call([item, index(k)], false)), e.range, out, hint);
  if (!init && items.length === 0) return refuse('reduce of an empty array with no start value has no value', e.range);
  let acc = init ? t.value(init, env, out) : items[0]!;
  for (let k = init ? 0 : 1; k < items.length; k++) acc = call([acc, items[k]!, index(k)], k === items.length - 1);
  return acc;
}
