import { fail } from '../../core/diagnostic';
import { INTRINSICS, isIntrinsicName, type IntrinsicName } from '../../ir/intrinsics';
import { callValue } from './calls';
import type { Runtime } from './runtime';
import { BoundFunction, BoundMethod, FunctionValue, IntrinsicValue, typeName, type Value } from './values';

/**
 * A user's callback called over a sequence: Python's `map`/`filter`/`reduce`/`sorted(key=…)` and
 * JavaScript's array methods (`seq_*`) share these loops. The callback is called through the
 * interpreter, so each call counts against the budget and the tape sees what it computes; each
 * element also costs a step. What differs between the languages is only how a callback is called,
 * the `Convention`:
 * - `python`: with exactly the arguments given (the element; one per iterable for `map`), so a
 *   callback of the wrong arity is an arity error, as in Python;
 * - `javascript`: with (element, index, sequence) — (accumulator, element, index, sequence) for
 *   `reduce` — cut to the parameters a function declares; a library function of one argument gets
 *   the element, one of several is refused (`xs.map(Math.max)` would see the index as an argument).
 */
export type Convention = 'python' | 'javascript';

export type Callback = (args: Value[]) => Value;

/** `fn` as a callback of `convention`; `what` names the caller in errors (`map()`, `.reduce()`). */
export function callbackOf(rt: Runtime, fn: Value, convention: Convention, site: number, what: string): Callback {
  if (convention === 'python') {
    if (fn instanceof FunctionValue || fn instanceof IntrinsicValue || fn instanceof BoundMethod || fn instanceof BoundFunction) return (args) => callValue(rt, fn, args, [], site);
    return fail('type', `${what} needs a function, got ${typeName(fn)}`, rt.sites[site]!);
  }
  if (fn instanceof FunctionValue) {
    const n = fn.fn.params.length;
    return (args) => callValue(rt, fn, args.length > n && !fn.fn.paramKinds ? args.slice(0, n) : args, [], site);
  }
  if (fn instanceof IntrinsicValue || fn instanceof BoundMethod) {
    const sig = fn instanceof IntrinsicValue && isIntrinsicName(fn.name) ? INTRINSICS[fn.name as IntrinsicName] : undefined;
    if (sig && sig.maxArgs === 1) return (args) => callValue(rt, fn, [args[0]!], [], site);
    return fail('type', `${what} with a library function that takes several arguments is ambiguous; pass an arrow function ((v) => …)`, rt.sites[site]!);
  }
  return fail('type', `${what} needs a function, got ${typeName(fn)}`, rt.sites[site]!);
}

/**
 * Visits positions 0 … n−1 (or n−1 … 0), a step each, stopping when `visit` returns true. `n` is
 * read once, as JavaScript reads an array's length once: elements a callback appends are not visited.
 */
export function visitPositions(rt: Runtime, n: number, fromEnd: boolean, site: number, visit: (i: number) => boolean | void): void {
  for (let k = 0; k < n; k++) {
    rt.step(site, 'a callback over a sequence');
    if (visit(fromEnd ? n - 1 - k : k) === true) return;
  }
}

/** One value per position (`map`): `make(i)` in order, the result's memory charged first. */
export function mapPositions(rt: Runtime, n: number, site: number, make: (i: number) => Value): Value[] {
  rt.allocate(8 * n, site);
  const out: Value[] = [];
  visitPositions(rt, n, false, site, (i) => void out.push(make(i)));
  return out;
}

/**
 * `reduce`: folds `items` (from the end for `reduceRight`) with `step(accumulator, element, index)`,
 * from `initial` or else the first element visited; `empty` is the error for no element and no
 * initial value.
 */
export function foldPositions(
  rt: Runtime,
  items: readonly Value[],
  initial: Value | undefined,
  fromEnd: boolean,
  site: number,
  empty: string,
  step: (acc: Value, v: Value, i: number) => Value,
): Value {
  const n = items.length;
  if (n === 0 && initial === undefined) return fail('type', empty, rt.sites[site]!);
  let acc: Value | undefined = initial;
  visitPositions(rt, n, fromEnd, site, (i) => {
    acc = acc === undefined ? items[i]! : step(acc, items[i]!, i);
  });
  return acc!;
}
