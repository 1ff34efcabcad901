import type { IrClass, IrExpr, IrStmt } from '../../ir/nodes';
import { childStmts, someExpr } from '../../ir/walk';

/**
 * Library calls that only make or measure containers (`new Array(n)`, `new glMatrix.ARRAY_TYPE(3)`,
 * `x.length`, `np.zeros(n)`): gl-matrix's `fromValues(x, y, z)` computes nothing worth a lens.
 */
const STRUCTURAL = new Set([
  'seq_empty', 'js_array', 'construct', 'float64_array', 'float32_array', 'int8_array', 'uint8_array', 'int16_array', 'uint16_array',
  'int32_array', 'uint32_array', 'length_of', 'type_of', 'is_list', 'zeros', 'ones', 'empty',
]);

/**
 * numpy's array methods that compute (`X.dot(self.w)`, ML-From-Scratch's `predict`; `y.sum()`): a
 * call of one on any object is arithmetic, as the library function of the same name is.
 */
const COMPUTING_ARRAY_METHODS = new Set(['dot', 'sum', 'mean', 'prod', 'std', 'var', 'cumsum', 'cumprod', 'clip', 'trace']);

/** The names a method's receiver goes by: Python's `self` and `cls`, JavaScript's `this`. */
const RECEIVERS = new Set(['self', 'cls', 'this']);

/**
 * `self.loss(y, y_pred)`: a method of the instance's class, which GradLens reads as it reads any
 * function of the file (numpy-ml's `__call__` only hands its arguments on to `loss`).
 */
export function callsOwnMethod(callee: IrExpr): boolean {
  return callee.kind === 'attribute' && callee.object.kind === 'name' && RECEIVERS.has(callee.object.name);
}

/**
 * The names of the instance and static methods of `classes` whose own bodies compute (`add`, `dot`,
 * `distanceTo`; not `copy` or `set`): a call of one on any object (`this.center.add(offset)`,
 * `_vector.subVectors(point, this.origin)`, three.js's style), or on its class (`Gaussian.fct(x,
 * this.fwhm)` in the instance method `fct` that hands over to the static one), is arithmetic too.
 */
export function computingMethods(classes: readonly IrClass[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const c of classes) for (const m of c.methods) if ((m.binding === 'instance' || m.binding === 'static') && m.role?.kind !== 'constructor' && doesArithmetic(m.fn.body)) out.add(m.fn.name);
  return out;
}

/** An arithmetic operator or a library call (or a call of the module's own function). */
function computes(e: IrExpr, methods?: ReadonlySet<string>): boolean {
  switch (e.kind) {
    case 'binary':
    case 'sum':
      return true;
    case 'unary':
      return e.op === '-';
    case 'call':
      return (e.callee.kind === 'intrinsic' && !STRUCTURAL.has(e.callee.name)) || e.callee.kind === 'name' || callsOwnMethod(e.callee) || (e.callee.kind === 'attribute' && (methods?.has(e.callee.name) === true || COMPUTING_ARRAY_METHODS.has(e.callee.name)));
    case 'effect':
      // `(t *= 2)`; its other statements' expressions are the effect's children, which `someExpr`
      // visits anyway (walking them here too would double the work per level of nesting).
      return e.stmts.some((s) => s.kind === 'augAssign');
    default:
      return false;
  }
}

/**
 * Whether a body computes anything: an arithmetic operator or a library call anywhere in what it
 * assigns, returns or tests — also inside a conditional expression (`t === 0 ? 0 : 2 ** t`) or an
 * expression with effects (`(t *= 2) < 1 ? …`). Only those get a sample point.
 */
export function doesArithmetic(stmts: readonly IrStmt[], methods?: ReadonlySet<string>): boolean {
  const expr = (e: IrExpr | undefined): boolean => e !== undefined && someExpr(e, (x) => computes(x, methods));
  return stmts.some((s) => {
    // A counter's step (`i += 1`, a C-style loop's `i++`) computes nothing of the parameters.
    if (s.kind === 'augAssign') return !(s.target.kind === 'name' && s.value.kind === 'number');
    if (s.kind === 'assign' || s.kind === 'expr' || s.kind === 'return') return expr(s.value);
    if ((s.kind === 'if' || s.kind === 'while') && expr(s.test)) return true;
    if (s.kind === 'match' && expr(s.subject)) return true;
    return doesArithmetic(childStmts(s), methods);
  });
}
