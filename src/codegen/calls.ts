import type { IrBinary, IrCall, IrExpr, IrFunction } from '../ir/nodes';
import { assignedNames } from '../ir/walk';
import { PRIMITIVES } from '../engine/primitives/registry';
import type { ScalarPrimitive } from '../engine/primitives/types';
import { num } from './expressions';
import type { Lowering } from './lowering';
import { namesIn } from './names';
import { refuse, RESULT, type Env, type Operand, type Step } from './steps';

/**
 * Calls in generated code that are not one primitive: `min`/`max` of several values (a chain of the
 * registry's minimum/maximum, as the engine computes them), and calls of the file's own functions,
 * whose bodies are written out in place (inlined), their names given fresh versions so nothing
 * collides with the caller's.
 */

/** How deep helpers may call helpers before the generator gives up (recursion is refused outright). */
const MAX_INLINE_DEPTH = 8;

/** `min(a, b, c)` → minimum(minimum(a, b), c), each step printed as the user's own call of two. */
export function lowerExtremum(t: Lowering, which: 'min' | 'max', e: IrCall, env: Env, out: Step[], hint: string | undefined): Operand {
  return extremumOf(t, which, e.args.map((a) => t.value(a, env, out)), e, out, hint);
}

/** The chain of two-argument steps over operands already lowered (a list's items, lists.ts). */
export function extremumOf(t: Lowering, which: 'min' | 'max', operands: readonly Operand[], e: IrCall, out: Step[], hint: string | undefined): Operand {
  const p = which === 'min' ? PRIMITIVES.minimum : PRIMITIVES.maximum;
  let acc = operands[0]!;
  for (let i = 1; i < operands.length; i++) {
    const last = i === operands.length - 1;
    const pair: IrCall = { ...e, args: [acc.expr, operands[i]!.expr] };
    acc = t.opOn(p, [acc, operands[i]!], pair, out, last ? hint : undefined);
  }
  return acc;
}

/**
 * A call of one of the file's functions with a differentiated argument: its body lowered in place,
 * its parameters bound to the arguments' values (defaults as written, evaluated where the function is
 * defined). The value it returns is named after the caller's variable, or after the function.
 */
export function inlineCall(
  t: Lowering,
  callee: IrFunction,
  e: IrCall,
  env: Env,
  out: Step[],
  hint: string | undefined,
  stack: string[],
  outerParams: ReadonlySet<string>,
  scope?: Env,
  receiver?: Operand,
  /** Names the arguments' values `<argumentHint>_<parameter>` (a constructor's: `res_val`). */
  argumentHint?: string,
): Operand {
  if (stack.includes(callee.name)) refuse(`${callee.name} calls itself: GradLens does not write derivatives of recursive functions yet`, e.range);
  if (stack.length >= MAX_INLINE_DEPTH) refuse(`calls nested more than ${MAX_INLINE_DEPTH} deep are not written yet`, e.range);
  if (e.args.some((a) => a.kind === 'spread') || e.keywordSpreads?.length) refuse(`a call of ${callee.name} with * or ** arguments is not written yet`, e.range);
  const params = callee.params;
  if (params.some((p) => p.kind === 'varargs' || p.kind === 'varkw')) refuse(`${callee.name} collects extra arguments, which is not written yet`, e.range);
  const given = e.args.length + (receiver ? 1 : 0);
  if (given > params.length) refuse(`${callee.name} takes ${params.length} arguments, not ${given}`, e.range);
  // The callee's own free names (globals) are printed as they are: a caller's parameter of the same name would shadow them.
  const bound = new Set([...params.map((p) => p.name), ...assignedNames(callee.body), ...(scope?.keys() ?? [])]);
  const clash = [...namesIn(callee)].find((n) => !bound.has(n) && outerParams.has(n));
  if (clash) refuse(`${callee.name} reads the global ${clash}, which a parameter of the same name hides here`, e.range);
  // A function passed on (`twice(inner, x)`) keeps the names it closes over: those of the caller.
  const argument = (a: IrExpr, param: string | undefined): Operand => {
    const v = t.value(a, env, out, argumentHint && param ? `${argumentHint}_${param}` : undefined);
    return v.fn && !v.fn.scope ? { ...v, fn: { ...v.fn, scope: env } } : v;
  };
  // A method's receiver (objects.ts) is its first parameter, `self` or `this`.
  const offset = receiver ? 1 : 0;
  const positional = [...(receiver ? [receiver] : []), ...e.args.map((a, i) => argument(a, params[i + offset]?.name))];
  const keywords = new Map(e.keywords.map((k) => [k.name, argument(k.value, k.name)] as const));
  // A closure starts from the names it closes over (closures.ts); a module function from none.
  const inner: Env = new Map(scope);
  if (scope) [...inner.keys()].filter((k) => k.startsWith(RESULT)).forEach((k) => inner.delete(k));
  params.forEach((p, i) => {
    const given = i < positional.length ? positional[i] : keywords.get(p.name);
    if (i < positional.length && keywords.has(p.name)) refuse(`${p.name} is given twice in this call of ${callee.name}`, e.range);
    keywords.delete(p.name);
    if (given) inner.set(p.name, given);
    else if (p.default) inner.set(p.name, t.value(p.default, new Map(scope), out));
    else refuse(`this call of ${callee.name} gives no ${p.name}`, e.range);
  });
  if (keywords.size > 0) refuse(`${callee.name} has no parameter ${[...keywords.keys()][0]}`, e.range);
  stack.push(callee.name);
  const own = callee.name.replace(/^_+/, '');
  const ends = t.withReturnHint(hint ?? (/^[A-Za-z]\w*$/.test(own) ? own : 'out'), () => t.inFunction(callee, () => t.block(callee.body, inner, out)));
  stack.pop();
  // A method may end without a return (a constructor, a setter): its value is None, which only a statement discards.
  if (!ends && !receiver) refuse(`${callee.name} can end without returning a value`, callee.nameRange);
  const result = ends ? inner.get(RESULT)! : { expr: { kind: 'none', range: e.range } as const, active: false };
  // A function it returns (a factory's closure) keeps the names it closes over as they are now.
  return result.fn && !result.fn.scope ? { ...result, fn: { ...result.fn, scope: inner } } : result;
}

/** The file's function a call names, when it is a plain function (not a method, not a local name). */
export function calledFunction(callee: IrExpr, env: Env, functions: ReadonlyMap<string, IrFunction>): IrFunction | undefined {
  if (callee.kind !== 'name' || env.has(callee.name)) return undefined;
  return functions.get(callee.name);
}

/**
 * logaddexp as one step: the engine computes it as the larger plus log1p(exp(smaller − larger)), whose
 * partials come to exp(a − out) and exp(b − out) (each operand's softmax weight), written with
 * the registry's own exp and sub. Only the rules are new; value and domain are add's (never called).
 */
const LOGADDEXP: ScalarPrimitive = {
  ...PRIMITIVES.add,
  name: 'logaddexp' as ScalarPrimitive['name'],
  notation: { kind: 'call' },
  partials: [(k, a, _b, out) => k.exp(k.sub(a, out)), (k, _a, b, out) => k.exp(k.sub(b, out))],
};

/**
 * `a % b` (Python's: a − b·floor(a/b), as the engine computes it) as one step printed as written:
 * floor's derivative is zero, so ∂/∂a = 1 and ∂/∂b = −floor(a/b), the registry's floor and div.
 */
const MODULO: ScalarPrimitive = {
  ...PRIMITIVES.sub,
  name: 'mod' as ScalarPrimitive['name'],
  notation: { kind: 'infix', symbol: '%' },
  partials: [(k) => k.constant(1), (k, a, b) => k.neg(k.floor(k.div(a, b)))],
};

export function lowerModulo(t: Lowering, e: IrBinary, env: Env, out: Step[], hint: string | undefined): Operand {
  return t.opOn(MODULO, [t.value(e.left, env, out), t.value(e.right, env, out)], e, out, hint);
}

type Composite = (args: readonly Operand[], range: IrCall['range']) => { readonly p: ScalarPrimitive; readonly operands: readonly Operand[] };

const constant = (value: number, range: IrCall['range']): Operand => ({ expr: num(value, range), active: false });

/**
 * numpy functions the engine computes as one primitive on their arguments (intrinsics.ts: square is
 * x·x, relu is maximum(x, 0)): the step keeps the user's call, its partials are that primitive's.
 */
const COMPOSITES: Readonly<Record<string, Composite>> = {
  logaddexp: ([x, y]) => ({ p: LOGADDEXP, operands: [x!, y!] }),
  square: ([x]) => ({ p: PRIMITIVES.mul, operands: [x!, x!] }),
  reciprocal: ([x], r) => ({ p: PRIMITIVES.div, operands: [constant(1, r), x!] }),
  negative: ([x]) => ({ p: PRIMITIVES.neg, operands: [x!] }),
  exp2: ([x], r) => ({ p: PRIMITIVES.pow, operands: [constant(2, r), x!] }),
  relu: ([x], r) => ({ p: PRIMITIVES.maximum, operands: [x!, constant(0, r)] }),
  deg2rad: ([x], r) => ({ p: PRIMITIVES.mul, operands: [x!, constant(Math.PI / 180, r)] }),
  rad2deg: ([x], r) => ({ p: PRIMITIVES.mul, operands: [x!, constant(180 / Math.PI, r)] }),
};
const COMPOSITE_ARITY: Readonly<Record<string, number>> = { logaddexp: 2, square: 1, reciprocal: 1, negative: 1, exp2: 1, relu: 1, deg2rad: 1, rad2deg: 1 };

/** A composite call (`np.square(d)`) as its primitive step, printed as the user wrote it; undefined for other intrinsics. */
export function lowerComposite(t: Lowering, name: string, e: IrCall, env: Env, out: Step[], hint: string | undefined): Operand | undefined {
  const composite = Object.prototype.hasOwnProperty.call(COMPOSITES, name) ? COMPOSITES[name] : undefined;
  if (!composite || e.args.length !== COMPOSITE_ARITY[name] || e.keywords.length > 0) return undefined;
  const args = e.args.map((a) => t.value(a, env, out));
  const { p, operands } = composite(args, e.range);
  return t.opOn(p, operands, e, out, hint, { ...e, args: args.map((a) => a.expr) });
}
