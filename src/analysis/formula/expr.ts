import { PRIMITIVES } from '../../engine/primitives/registry';
import type { ScalarPrimitiveName } from '../../engine/primitives/types';

/**
 * A formula as a small tree over the registry's own primitives: what the tape's operations and the
 * registry's partial rules build symbolically (symbolic.ts), what mathjs simplifies (simplify.ts) and
 * what the printers write (notation.ts). Evaluating it uses each primitive's own `value`, so a formula
 * is checked with the very functions the engine runs.
 */
export type Expr =
  | { readonly kind: 'number'; readonly value: number }
  /** A parameter of the function, by its index in the formula's parameter list. */
  | { readonly kind: 'parameter'; readonly index: number }
  /** π or e. */
  | { readonly kind: 'constant'; readonly name: 'pi' | 'e' }
  | { readonly kind: 'call'; readonly op: ScalarPrimitiveName; readonly args: readonly Expr[] };

export const num = (value: number): Expr => ({ kind: 'number', value });
export const call = (op: ScalarPrimitiveName, ...args: Expr[]): Expr => ({ kind: 'call', op, args });

const isNumber = (e: Expr, v: number): boolean => e.kind === 'number' && e.value === v;

/**
 * `op(args)` with the folds that keep a chain rule's product small before mathjs sees it (× 1, + 0,
 * × 0, −(−a), numbers with numbers). Each fold gives the value the call would give at every point
 * where the call's own value is finite, which is where a formula is ever shown.
 */
export function apply(op: ScalarPrimitiveName, a: Expr, b: Expr = a): Expr {
  const arity = PRIMITIVES[op].arity;
  if (arity === 1) b = a;
  if (a.kind === 'number' && b.kind === 'number') {
    // (For a unary op `b` is `a`.)
    const v = PRIMITIVES[op].value(a.value, b.value);
    if (Number.isFinite(v) && Number.isInteger(v)) return num(v);
  }
  switch (op) {
    case 'add':
      if (isNumber(a, 0)) return b;
      if (isNumber(b, 0)) return a;
      break;
    case 'sub':
      if (isNumber(b, 0)) return a;
      if (isNumber(a, 0)) return apply('neg', b);
      break;
    case 'mul':
      if (isNumber(a, 1)) return b;
      if (isNumber(b, 1)) return a;
      if (isNumber(a, -1)) return apply('neg', b);
      if (isNumber(b, -1)) return apply('neg', a);
      if (isNumber(a, 0) || isNumber(b, 0)) return num(0);
      break;
    case 'div':
      if (isNumber(b, 1)) return a;
      break;
    case 'neg':
      if (a.kind === 'call' && a.op === 'neg') return a.args[0]!;
      if (a.kind === 'number') return num(-a.value);
      return call('neg', a);
    case 'pow':
      if (isNumber(b, 1)) return a;
      break;
    default:
      break;
  }
  return arity === 1 ? call(op, a) : call(op, a, b);
}

/** The formula's value with `values` for its parameters, through the registry's own functions. */
export function evaluate(e: Expr, values: readonly number[]): number {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'parameter':
      return values[e.index]!;
    case 'constant':
      return e.name === 'pi' ? Math.PI : Math.E;
    case 'call': {
      const a = evaluate(e.args[0]!, values);
      return PRIMITIVES[e.op].value(a, e.args.length > 1 ? evaluate(e.args[1]!, values) : a);
    }
  }
}

/** How many nodes the tree has: formulas past a size are not worth reading (nor simplifying). */
export function size(e: Expr): number {
  return e.kind === 'call' ? 1 + e.args.reduce((n, a) => n + size(a), 0) : 1;
}

/**
 * Constants that the registry's rules and the user's code produce as float64 numbers, written as
 * what they are (`2/√π` in d erf, `√(2π)` in the normal density, `np.pi`). Matched bit for bit:
 * each expression evaluates to exactly that number.
 */
const NAMED: readonly Expr[] = [
  { kind: 'constant', name: 'pi' },
  { kind: 'constant', name: 'e' },
  call('sqrt', call('mul', num(2), { kind: 'constant', name: 'pi' })),
  call('div', num(2), call('sqrt', { kind: 'constant', name: 'pi' })),
  call('div', call('sqrt', { kind: 'constant', name: 'pi' }), num(2)),
  call('log', num(2)),
  call('log', num(10)),
  call('sqrt', num(2)),
];

const NAMED_VALUES = new Map<number, Expr>();
for (const e of NAMED) {
  NAMED_VALUES.set(evaluate(e, []), e);
  NAMED_VALUES.set(-evaluate(e, []), call('neg', e));
}

/** A number as a formula: a named constant where it is one, else the number itself. */
export function constantExpr(value: number): Expr {
  return NAMED_VALUES.get(value) ?? num(value);
}
