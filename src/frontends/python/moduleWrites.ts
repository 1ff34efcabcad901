import type { IrExpr } from '../../ir/nodes';
import { childExprs } from '../../ir/walk';

/**
 * What module-level code's in-place changes (`X[:, 0] = v`, `X[1] += v`, `N += v`) may reach, read
 * from the IR without running it, for globals.ts, which follows such a change as a new binding of
 * the changed name (a copy of its value, changed). That is Python's meaning only when nothing else
 * holds the object: these say when a value is a new object (`isFresh`), when it is immutable, so
 * that `+=` rebinds (`isImmutable`), and where a value may keep the object a name holds rather than
 * something computed from it (`mayHold`). Each answers "not known" with the refusal's side.
 */

/** numpy's and Python's functions that return a new array or list, never one of their arguments. */
const NEW_OBJECT_CALLS = new Set([
  'zeros', 'ones', 'empty', 'full', 'zeros_like', 'ones_like', 'empty_like', 'full_like', 'eye', 'identity', 'arange', 'linspace',
  'logspace', 'geomspace', 'copy', 'concatenate', 'stack', 'hstack', 'vstack', 'column_stack', 'row_stack', 'dstack', 'tile', 'repeat',
  'outer', 'random_rand', 'random_randn', 'random_sample', 'random_uniform', 'random_standard_normal', 'random_randint', 'random_normal',
  'list', 'dict', 'set', 'sorted',
]);

/** Methods that return a new array or list (a generator's draws, `.copy()`). */
const NEW_OBJECT_METHODS = new Set([
  'copy', 'astype', 'tolist', 'rand', 'randn', 'normal', 'uniform', 'standard_normal', 'random', 'random_sample', 'randint', 'integers',
  'permutation', 'multivariate_normal', 'exponential', 'poisson', 'binomial', 'gamma', 'beta',
]);

/** Whether `e` evaluates to an object no other value holds: a display, a comprehension, arithmetic, a creating call. */
export function isFresh(e: IrExpr): boolean {
  switch (e.kind) {
    case 'list':
    case 'dict':
    case 'set':
    case 'binary':
    case 'sum':
      return true;
    case 'unary':
      return e.op === '-' || e.op === '+';
    case 'comprehension':
      return e.result !== 'generator';
    case 'call':
      if (e.callee.kind === 'intrinsic') return NEW_OBJECT_CALLS.has(e.callee.name) && !e.keywords.some((k) => k.name === 'copy');
      return e.callee.kind === 'attribute' && NEW_OBJECT_METHODS.has(e.callee.name);
    case 'effect':
      // A change followed before (`X[:, 0] = v`): a copy of the value, changed.
      return isFresh(e.value) || (e.value.kind === 'name' && e.value.name.startsWith(WRITTEN));
    default:
      return false;
  }
}

/** The start of the local name that holds the changed copy inside a followed change's value. */
export const WRITTEN = 'written value@';

/** Calls that give a number, a string or a tuple, never an object one could change. */
const IMMUTABLE_CALLS = new Set(['len', 'float', 'int', 'abs', 'round', 'str', 'bool', 'pow']);

/** Whether `e` is certainly a number, a string or a tuple (`n += 1` then rebinds n, as Python's `+=` does). */
export function isImmutable(e: IrExpr): boolean {
  switch (e.kind) {
    case 'number':
    case 'string':
    case 'bool':
    case 'none':
    case 'template':
      return true;
    case 'tuple':
      return true;
    case 'unary':
      return isImmutable(e.operand);
    case 'binary':
      return isImmutable(e.left) && isImmutable(e.right);
    case 'sum':
      return e.terms.every(isImmutable);
    case 'call':
      return e.callee.kind === 'intrinsic' && IMMUTABLE_CALLS.has(e.callee.name);
    case 'attribute':
      return e.name === 'size' || e.name === 'ndim' || e.name === 'shape';
    case 'index':
      // `X.shape[0]`: an element of a shape.
      return e.object.kind === 'attribute' && e.object.name === 'shape';
    default:
      return false;
  }
}

/** Attributes that read about an object without keeping it. */
const READ_ATTRIBUTES = new Set(['shape', 'ndim', 'size', 'dtype']);

/** Calls whose result is computed from their arguments, never one of them or a view of one. */
const COMPUTING_CALLS = new Set([
  'len', 'float', 'int', 'abs', 'round', 'sum', 'reduce_sum', 'mean', 'average', 'std', 'var', 'prod', 'reduce_max', 'reduce_min', 'argmax',
  'argmin', 'norm', 'dot', 'matmul', 'inner', 'outer', 'vdot', 'trace', 'exp', 'log', 'sqrt', 'sin', 'cos', 'tan', 'tanh', 'square', 'maximum',
  'minimum', 'clip', 'where', 'copy', 'zeros_like', 'ones_like', 'full_like', 'empty_like', 'shape', 'size', 'ndim', 'cumsum', 'cumprod',
  'diff', 'concatenate', 'stack', 'hstack', 'vstack', 'sort', 'argsort', 'any', 'all', 'isnan', 'isfinite', 'nothing', 'tile', 'repeat',
]);

/** Methods computed from their receiver and arguments, never giving back either. */
const COMPUTING_METHODS = new Set([
  'sum', 'mean', 'std', 'var', 'max', 'min', 'prod', 'dot', 'copy', 'argmax', 'argmin', 'all', 'any', 'cumsum', 'cumprod', 'round', 'clip',
  'astype', 'tolist', 'item', 'trace', ...NEW_OBJECT_METHODS,
]);

/**
 * Whether `e` may keep the object `name` holds, itself or a view of it (`B = A`, `[A, 1]`, `A.T`,
 * `A[0]`, `f(A)`), rather than only compute from it (`A * 2`, `A.sum()`, `A.shape[0]`). A lambda's or
 * nested function's body reads the name when called, after the module has run: only its defaults count.
 */
export function mayHold(e: IrExpr, name: string, computed = false): boolean {
  switch (e.kind) {
    case 'name':
      return !computed && e.name === name;
    case 'binary':
      return mayHold(e.left, name, true) || mayHold(e.right, name, true);
    case 'sum':
      return e.terms.some((t) => mayHold(t, name, true));
    case 'unary':
      return mayHold(e.operand, name, true);
    case 'compare':
      return e.operands.some((o) => mayHold(o, name, true));
    case 'attribute':
      return mayHold(e.object, name, READ_ATTRIBUTES.has(e.name));
    case 'call': {
      const computes =
        (e.callee.kind === 'intrinsic' && COMPUTING_CALLS.has(e.callee.name) && !e.keywords.some((k) => k.name === 'copy')) ||
        (e.callee.kind === 'attribute' && COMPUTING_METHODS.has(e.callee.name));
      const callee = e.callee.kind === 'attribute' ? mayHold(e.callee.object, name, computes) : mayHold(e.callee, name);
      return callee || e.args.some((a) => mayHold(a, name, computes)) || e.keywords.some((k) => mayHold(k.value, name, computes)) || (e.keywordSpreads ?? []).some((k) => mayHold(k, name));
    }
    case 'lambda':
      return e.params.some((p) => p.default !== undefined && mayHold(p.default, name));
    case 'function':
      return e.fn.params.some((p) => p.default !== undefined && mayHold(p.default, name));
    case 'effect':
      // A followed change's copy (`tmp = X.copy()`) and its write, whose value may be kept (`L[0] = A`).
      return e.stmts.some((s) => (s.kind === 'assign' || s.kind === 'augAssign' || s.kind === 'expr') && mayHold(s.value, name)) || mayHold(e.value, name);
    default:
      return childExprs(e).some((c) => mayHold(c, name));
  }
}
