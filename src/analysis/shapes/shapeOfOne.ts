import type { IrExpr, IrFunction } from '../../ir/nodes';
import { someNode } from '../../ir/walk';
import { calleeName } from './facts';

const isReceiver = (e: IrExpr): boolean => e.kind === 'name' && (e.name === 'self' || e.name === 'this');

/**
 * The one name in `e` when `e` is arithmetic of that name with number literals only (`1 + (x - 1) / 4`,
 * `-x`, `2 * x ** 2`), ufuncs of it (`np.exp(x)`) and whole reductions (`x / x.sum()`), `numbers`
 * standing for numbers too: an array of its shape. Undefined otherwise.
 */
export function shapeOfOne(e: IrExpr, numbers: ReadonlySet<string> = new Set()): IrExpr | undefined {
  let found: IrExpr | undefined;
  const walk = (x: IrExpr): boolean => {
    // `z = x - self.shift` (a pymoo problem's offset): a setting kept on the instance, taken as a number.
    if (x.kind === 'number' || (x.kind === 'attribute' && !x.property && isReceiver(x.object))) return true;
    if (x.kind === 'name' && numbers.has(x.name)) return true;
    if (x.kind === 'name') {
      if (found && (found as { name: string }).name !== x.name) return false;
      found = x;
      return true;
    }
    if (x.kind === 'unary') return x.op === '-' && walk(x.operand);
    if (x.kind === 'binary') return ['+', '-', '*', '/', '**'].includes(x.op) && walk(x.left) && walk(x.right);
    // `pi = np.exp(theta)` (a policy's unnormalised probabilities): a ufunc of it keeps its shape.
    if (x.kind === 'call' && x.args.length === 1 && x.keywords.length === 0 && UNARY_UFUNCS.has(calleeName(x.callee) ?? '')) return walk(x.args[0]!);
    // `z / np.sum(z)`, `z - z.max()`: a whole reduction is a number, as a constant is.
    if (x.kind === 'call' && x.keywords.length === 0) {
      const whole = (x.args.length === 1 && WHOLE_REDUCTIONS.has(calleeName(x.callee) ?? '')) || (x.args.length === 0 && x.callee.kind === 'attribute' && WHOLE_REDUCTIONS.has(x.callee.name));
      if (whole) return true;
    }
    return false;
  };
  return e.kind !== 'name' && e.kind !== 'number' && walk(e) ? found : undefined;
}

/** Reductions of a whole array to one number, as a function (`np.sum(z)`) or a method (`z.max()`). */
const WHOLE_REDUCTIONS = new Set(['sum', 'max', 'min', 'mean', 'prod', 'amax', 'amin', 'reduce_sum', 'reduce_max', 'reduce_min']);

/** numpy's one-argument ufuncs: the result has the argument's shape. */
const UNARY_UFUNCS = new Set(['exp', 'expm1', 'exp2', 'log', 'log1p', 'log2', 'log10', 'sqrt', 'cbrt', 'square', 'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'arcsinh', 'arctanh', 'abs', 'absolute', 'fabs', 'negative', 'reciprocal', 'sign']);

/**
 * The position of the parameter whose shape `fn` returns, when every `return` gives one parameter
 * under elementwise arithmetic, ufuncs and whole reductions (`z = np.exp(theta); return z / z.sum()`),
 * through locals assigned once: a call of it has its argument's shape (calls.ts userCall).
 */
export function returnsShapeOf(fn: IrFunction, passed = Infinity): number | undefined {
  const assigned = new Map<string, IrExpr | null>();
  const returns: IrExpr[] = [];
  someNode(fn.body, {
    stmt: (s) => {
      if (s.kind === 'assign' && s.target.kind === 'name') assigned.set(s.target.name, assigned.has(s.target.name) ? null : s.value);
      else if ('target' in s && s.target?.kind === 'name') assigned.set(s.target.name, null);
      if (s.kind === 'return' && s.value) returns.push(s.value);
      return false;
    },
    expr: (e) => e.kind === 'function' || e.kind === 'lambda',
  });
  const params = fn.params.filter((p) => p.name !== 'self');
  // A parameter the call leaves at its number default (`temperature=1.0`) is that number.
  const numbers = new Set(params.filter((p, i) => i >= passed && p.default?.kind === 'number' && !assigned.has(p.name)).map((p) => p.name));
  const through = (e: IrExpr, depth: number): number | undefined => {
    const one = e.kind === 'name' ? e : shapeOfOne(e, numbers);
    if (one?.kind !== 'name' || depth > 4) return undefined;
    const at = params.findIndex((p) => p.name === one.name && p.kind === undefined);
    if (at >= 0) return assigned.has(one.name) ? undefined : at;
    const value = assigned.get(one.name);
    return value ? through(value, depth + 1) : undefined;
  };
  const found = new Set(returns.map((e) => through(e, 0)));
  return found.size === 1 ? [...found][0] : undefined;
}
