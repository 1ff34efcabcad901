import type { IrExpr, IrParam, IrStmt, IrTarget } from '../../ir/nodes';
import { childExprs, childStmts, someNode, stmtExprs } from '../../ir/walk';

/**
 * Whether a Python number is an int or a float, read from the source (the interpreter's numbers are
 * float64s, so `1.0` and `1` are one value). numpy makes an int64 or a float64 array by it
 * (`np.array([v, 2])` with `v = 1.0` holds floats), so the places where a number meets numpy ask.
 *
 * `int` and `float` are certain; `undefined` is "not known from the source" (a parameter, an element
 * read back from an array, a global): the value decides then, and an array that took a whole number
 * of unknown type as int says so where it matters (array/dtypes.ts).
 */
export type ScalarKind = 'int' | 'float' | 'bool' | undefined;

/** The kinds of a function's local names: a name is a float only when every binding of it is. */
export function nameKinds(params: readonly IrParam[], body: readonly IrStmt[]): Map<string, ScalarKind> {
  const assigned = new Map<string, IrExpr[]>();
  const unknown = new Set<string>(params.map((p) => p.name));
  const augmented = new Map<string, { op: string; value: IrExpr }[]>();
  const target = (t: IrTarget, value: IrExpr | undefined): void => {
    if (t.kind === 'name') {
      if (value === undefined) unknown.add(t.name);
      else assigned.set(t.name, [...(assigned.get(t.name) ?? []), value]);
    } else if (t.kind === 'tuple') t.elements.forEach((e) => target(e, undefined));
  };
  const visitExpr = (e: IrExpr): void => {
    // `:=` and anything a nested function binds: not followed, so not known
    if (e.kind === 'effect') {
      visit(e.stmts, true);
      visitExpr(e.value);
    } else childExprs(e).forEach(visitExpr);
  };
  const visit = (stmts: readonly IrStmt[], hidden = false): void => {
    for (const s of stmts) {
      if (s.kind === 'assign') target(s.target, hidden ? undefined : s.value);
      else if (s.kind === 'augAssign') {
        if (s.target.kind === 'name') augmented.set(s.target.name, [...(augmented.get(s.target.name) ?? []), { op: s.op, value: s.value }]);
      } else if (s.kind === 'for') {
        // `range` is an intrinsic, or Python's builtin called by its name where the function does not bind it
        const callee = s.iterable.kind === 'call' ? s.iterable.callee : undefined;
        const overRange = callee !== undefined && (callee.kind === 'intrinsic' || (callee.kind === 'name' && !params.some((p) => p.name === 'range'))) && callee.name === 'range';
        if (overRange && s.target.kind === 'name') assigned.set(s.target.name, [...(assigned.get(s.target.name) ?? []), INT_MARK]);
        else target(s.target, undefined);
      } else if (s.kind === 'def') unknown.add(s.fn.name);
      else if (s.kind === 'try') {
        for (const h of s.handlers) if (h.name) unknown.add(h.name);
      } else if (s.kind === 'with') {
        for (const item of s.items) if (item.target) target(item.target, undefined);
      } else if (s.kind === 'scope') s.names.forEach((n) => unknown.add(n));
      stmtExprs(s).forEach(visitExpr);
      visit(childStmts(s), hidden);
    }
  };
  visit(body);
  if (hasNonlocalWrites(body)) return new Map();
  const kinds = new Map<string, ScalarKind>();
  const settle = (name: string, values: readonly IrExpr[]): ScalarKind => {
    let k = joinKinds(values.map((v) => scalarKind(v, kinds)));
    for (const a of augmented.get(name) ?? []) k = binaryKind(a.op, k, scalarKind(a.value, kinds));
    return k;
  };
  // Names of names (`v = 1.0; w = v * 2`, `v = 2.0; v = v + 1`): each starts from its first
  // assignment and is settled in passes; a name still changing after them is not known.
  for (const [name, values] of assigned) if (!unknown.has(name)) kinds.set(name, scalarKind(values[0]!, new Map()));
  for (let pass = 0; pass < 4; pass++) for (const [name, values] of assigned) if (!unknown.has(name)) kinds.set(name, settle(name, values));
  for (const [name, values] of assigned) if (!unknown.has(name) && settle(name, values) !== kinds.get(name)) kinds.set(name, undefined);
  for (const name of augmented.keys()) if (!assigned.has(name)) kinds.set(name, undefined);
  return kinds;
}

/** What a `for` over `range(...)` binds: an int. */
const INT_MARK = { kind: 'number', value: 0 } as unknown as IrExpr;

function joinKinds(kinds: readonly ScalarKind[]): ScalarKind {
  return kinds.length > 0 && kinds.every((k) => k === kinds[0]) ? kinds[0] : undefined;
}

/** Library functions of numbers whose result is always a float (`math.sqrt(4)` is 2.0). */
const FLOAT_RESULTS = new Set([
  'float', 'float64', 'sqrt', 'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'arctan2',
  'sinh', 'cosh', 'tanh', 'hypot', 'erf', 'erfc', 'gamma', 'gammaln', 'cbrt', 'degrees', 'radians', 'fsum', 'mean',
]);
// np.int64(…) is not here: numpy's int64 scalar is no Python int (isinstance(np.int64(1), int) is False), so its kind is not known from the source
const INT_RESULTS = new Set(['int', 'len', 'factorial', 'comb']);

/** The kind of a number an expression makes, as far as the source says; `names`: the function's local names. */
export function scalarKind(e: IrExpr, names: ReadonlyMap<string, ScalarKind>): ScalarKind {
  switch (e.kind) {
    case 'number':
      return e.float === true || !Number.isInteger(e.value) ? 'float' : 'int';
    case 'bool':
      return 'bool';
    case 'name':
      return names.get(e.name);
    case 'unary':
      if (e.op === 'not') return 'bool';
      return e.op === '~' ? undefined : numeric(scalarKind(e.operand, names));
    case 'binary':
      return binaryKind(e.op, scalarKind(e.left, names), scalarKind(e.right, names), e.right);
    case 'sum':
      return e.terms.map((t) => scalarKind(t, names)).reduce((a, b) => binaryKind('+', a, b));
    case 'conditional':
      return joinKinds([scalarKind(e.then, names), scalarKind(e.else, names)]);
    case 'call': {
      // a library function, or a builtin (`float(2)`) the function does not rebind
      const callee = e.callee.kind === 'intrinsic' ? e.callee.name : e.callee.kind === 'name' && !names.has(e.callee.name) ? e.callee.name : undefined;
      if (callee === undefined) return undefined;
      if (FLOAT_RESULTS.has(callee)) return 'float';
      if (INT_RESULTS.has(callee)) return 'int';
      if (callee === 'round') return e.args.length === 1 ? 'int' : undefined;
      if (callee === 'abs' && e.args.length === 1) return numeric(scalarKind(e.args[0]!, names));
      // math.fmod is a float; np.fmod keeps its operands' kind (np.fmod(7, 3) is an int)
      if (callee === 'fmod' && e.args.length === 2) return e.callee.kind === 'intrinsic' && e.callee.raises ? 'float' : binaryKind('%', scalarKind(e.args[0]!, names), scalarKind(e.args[1]!, names));
      return undefined;
    }
    default:
      return undefined;
  }
}

const numeric = (k: ScalarKind): ScalarKind => (k === 'bool' ? 'int' : k);

/** Python's arithmetic: `/` makes a float, a float operand makes a float, two ints stay int (`**` by a non-negative literal). */
function binaryKind(op: string, a: ScalarKind, b: ScalarKind, right?: IrExpr): ScalarKind {
  if (op === '/') return 'float';
  if (!['+', '-', '*', '//', '%', '**'].includes(op)) return undefined;
  if (a === 'float' || b === 'float') return 'float';
  if (a === undefined || b === undefined) return undefined;
  if (op === '**') {
    const literal = right?.kind === 'number' ? right.value : right?.kind === 'unary' && right.op === '-' && right.operand.kind === 'number' ? -right.operand.value : undefined;
    return literal === undefined ? undefined : literal >= 0 ? 'int' : 'float';
  }
  return 'int';
}

/** The kinds of a binary expression's operands, for numpy's dtype of an array result; undefined when neither is known. */
export function operandKinds(e: IrExpr & { kind: 'binary' }, scope: { readonly kinds: ReadonlyMap<string, ScalarKind> }): readonly [ScalarKind, ScalarKind] | undefined {
  const left = scalarKind(e.left, scope.kinds);
  const right = scalarKind(e.right, scope.kinds);
  return left === undefined && right === undefined ? undefined : [left, right];
}

/** Whether a function nested in `body` rebinds an enclosing name (`nonlocal v`): then no name's kind is known from this body alone. */
function hasNonlocalWrites(body: readonly IrStmt[]): boolean {
  return someNode(body, { stmt: (s) => s.kind === 'scope' && s.scope === 'nonlocal' });
}
