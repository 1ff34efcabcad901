import type { IrClass, IrExpr, IrFunction, IrStmt, IrTarget } from './nodes';
import { assignedNames, childExprs, childStmts, stmtExprs } from './walk';

/**
 * What code does with names it does not bind itself — a function's module-level names, or everything
 * module-level code touches — read from the IR without running it, for the front ends' reading of
 * module-level code in program order (frontends/python/globals.ts). Over-approximated on purpose: a
 * name counted that is not touched costs a refusal, one missed costs a silently wrong number.
 */
export interface NameUse {
  /** Names read (called included), nested functions' and lambdas' free names counted. */
  readonly reads: Set<string>;
  /**
   * Names whose value may change: rebound (`N = …`, a `for` target, a `global` assignment), or changed
   * in place (`N[i] = v`, `N.x = v`, `N[i] += v`, `N.append(v)`, `rs.shuffle(N)`, `rs.randn(3)`:
   * a generator's state is its value).
   */
  readonly changes: Set<string>;
  /**
   * Bare names passed to a call, and the receivers of method calls (`model.fit(X)`): the program's
   * own callee may change them in place (`fill(W)`).
   */
  readonly passed: Set<string>;
  /** Of `changes`, those changed in place rather than rebound (`N[i] = v`, `N += v`, `N.append(v)`): what a caller's object sees. */
  readonly inPlace: Set<string>;
  /** A function's: it changes a parameter in place (`W[0] = 1`, `self.n += 1`, `xs.append(1)`); rebinding one (`x = x / 2`) is not. */
  changesArguments?: boolean;
  /**
   * A function's: what it returns may be a function, so calling the value it made runs code (a
   * factory's `return loss`, `return f, n`, `return make(…)`); false when every `return` gives a
   * computed value (`[(rs.randn(m, n), rs.randn(n)) for …]`, `x * 2`).
   */
  mayReturnCode?: boolean;
}

const emptyUse = (): NameUse => ({ reads: new Set(), changes: new Set(), passed: new Set(), inPlace: new Set() });

/** `name` changed in place: a change its holders see. */
function changedInPlace(use: NameUse, name: string): void {
  use.changes.add(name);
  use.inPlace.add(name);
}

/**
 * Methods that change their receiver (lists, dicts, sets, arrays) or a generator's state, and numpy
 * functions that write into their first argument (`np.random.shuffle(x)`, `np.copyto(a, b)`).
 */
const CHANGING_METHODS = new Set([
  'append', 'extend', 'insert', 'pop', 'remove', 'clear', 'sort', 'reverse', 'update', 'setdefault', 'popitem', 'add', 'discard',
  'fill', 'resize', 'put', 'itemset', 'setfield', 'partition', 'shuffle', 'copyto', 'place', 'putmask', 'fill_diagonal', 'at',
  'seed', 'rand', 'randn', 'randint', 'random', 'random_sample', 'standard_normal', 'normal', 'uniform', 'choice', 'permutation',
  'integers', 'binomial', 'poisson', 'exponential', 'gamma', 'beta', 'multivariate_normal', 'gauss', 'sample', 'set_state',
]);

/** Of those, the ones that write into their first argument (`rs.shuffle(idx)`, `np.add.at(a, i, v)`); a draw's first argument is a size. */
const ARGUMENT_CHANGING = new Set(['shuffle', 'copyto', 'place', 'putmask', 'fill_diagonal', 'at', 'put']);

/** Whether a method of this name may change its receiver or first argument, or draw (`xs.pop()`, `rs.randn(3)`). */
export const isChangingMethod = (name: string): boolean => CHANGING_METHODS.has(name);

/**
 * numpy's and Python's global generators, as names a statement changes when it draws from them
 * (`np.random.randn(3)`, `random.random()`): no program can spell them.
 */
export const NUMPY_STREAM = '%numpy global generator';
export const PYTHON_STREAM = '%python global generator';

/** The intrinsics that draw from (or seed) a global generator; `random_state` makes a new one. */
function streamOf(intrinsic: string): string | undefined {
  if (intrinsic.startsWith('random_') && intrinsic !== 'random_state') return NUMPY_STREAM;
  if (['py_random', 'py_uniform', 'py_gauss', 'py_randint', 'py_choice', 'py_seed'].includes(intrinsic)) return PYTHON_STREAM;
  return undefined;
}

/** Free names of a function: what it reads and changes of the names its caller's scope binds. */
export function functionNames(fn: IrFunction): NameUse {
  const use = statementNames(fn.body);
  const own = new Set([...fn.params.map((p) => p.name), ...assignedNames(fn.body), ...definedNames(fn.body)]);
  const globals = declaredGlobals(fn.body);
  use.changesArguments = fn.params.some((p) => use.inPlace.has(p.name) && !globals.has(p.name));
  use.mayReturnCode = returnsMayBeCode(fn.body);
  for (const n of own) {
    if (globals.has(n)) continue;
    use.reads.delete(n);
    use.changes.delete(n);
    use.passed.delete(n);
    use.inPlace.delete(n);
  }
  for (const p of fn.params) if (p.default) addAll(use, exprNames(p.default));
  return use;
}

/**
 * A class's free names: what its methods read and change, together (a call of the class may run any
 * of them). `passed` stays empty: only module-level statements' own `passed` is read
 * (frontends/python/globals.ts `changedBy`), never the called code's.
 */
export function classNames(cls: IrClass): NameUse {
  const use = emptyUse();
  for (const m of cls.methods) {
    const u = functionNames(m.fn);
    for (const n of u.reads) use.reads.add(n);
    for (const n of u.changes) use.changes.add(n);
    if (u.changesArguments) use.changesArguments = true;
  }
  return use;
}

/** Names statements read and change, every name counted (module-level code binds all of its names). */
export function statementNames(body: readonly IrStmt[]): NameUse {
  const use = emptyUse();
  for (const s of body) {
    if (s.kind === 'def') {
      use.changes.add(s.fn.name);
      addAll(use, functionNames(s.fn));
      continue;
    }
    if (s.kind === 'assign' || s.kind === 'augAssign' || s.kind === 'for') changedTarget(s.target, use);
    // `a += 1` on an array or a list changes it in place.
    if (s.kind === 'augAssign' && s.target.kind === 'name') use.inPlace.add(s.target.name);
    if (s.kind === 'with') for (const i of s.items) if (i.target) changedTarget(i.target, use);
    if (s.kind === 'try') for (const h of s.handlers) if (h.name) use.changes.add(h.name);
    for (const e of stmtExprs(s)) addAll(use, exprNames(e));
    addAll(use, statementNames(childStmts(s)));
  }
  return use;
}

function exprNames(e: IrExpr): NameUse {
  const use = emptyUse();
  const walk = (x: IrExpr): void => {
    switch (x.kind) {
      case 'name':
        use.reads.add(x.name);
        return;
      case 'lambda': {
        const inner = exprNames(x.body);
        for (const p of x.params) {
          inner.reads.delete(p.name);
          inner.changes.delete(p.name);
          inner.passed.delete(p.name);
        }
        addAll(use, inner);
        break;
      }
      case 'function':
        addAll(use, functionNames(x.fn));
        break;
      case 'effect':
        addAll(use, statementNames(x.stmts));
        break;
      case 'call': {
        const stream = x.callee.kind === 'intrinsic' ? streamOf(x.callee.name) : undefined;
        if (stream) use.changes.add(stream);
        if (x.callee.kind === 'unsupported') {
          // A library function GradLens does not model (`np.random.shuffle(idx)`, `random.shuffle(xs)`).
          const construct = x.callee.construct;
          if (/^(np|numpy|npr)\.random\.|^npr\./.test(construct)) use.changes.add(NUMPY_STREAM);
          if (/^random\./.test(construct)) use.changes.add(PYTHON_STREAM);
          const first = x.args[0] && rootName(x.args[0]);
          if (first && CHANGING_METHODS.has(construct.slice(construct.lastIndexOf('.') + 1))) changedInPlace(use, first);
        }
        if (x.callee.kind === 'attribute') {
          const root = rootName(x.callee.object);
          if (root) use.passed.add(root);
        }
        if (x.callee.kind === 'attribute' && CHANGING_METHODS.has(x.callee.name)) {
          const root = rootName(x.callee.object);
          if (root) changedInPlace(use, root);
          const first = ARGUMENT_CHANGING.has(x.callee.name) && x.args[0] && rootName(x.args[0]);
          if (first) changedInPlace(use, first);
        }
        for (const a of x.args) {
          const v = a.kind === 'spread' ? a.value : a;
          if (v.kind === 'name') use.passed.add(v.name);
        }
        for (const k of x.keywords) if (k.value.kind === 'name') use.passed.add(k.value.name);
        break;
      }
    }
    childExprs(x).forEach(walk);
  };
  walk(e);
  return use;
}

function changedTarget(t: IrTarget, use: NameUse): void {
  if (t.kind === 'name') use.changes.add(t.name);
  else if (t.kind === 'tuple') t.elements.forEach((x) => changedTarget(x, use));
  else {
    const root = rootName(t.object);
    if (root) changedInPlace(use, root);
  }
}

/** `W` of `W`, `W[0]`, `W.T`, `self.layers[1].b`. */
export function rootName(e: IrExpr): string | undefined {
  if (e.kind === 'name') return e.name;
  if (e.kind === 'index') return rootName(e.object);
  if (e.kind === 'attribute') return rootName(e.object);
  return undefined;
}

/** The names the `def`s of `body` bind (a factory's `def loss(w)`): locals of the function, as assignments are. */
function definedNames(body: readonly IrStmt[]): string[] {
  return body.flatMap((s) => (s.kind === 'def' ? [s.fn.name] : definedNames(childStmts(s))));
}

/** Whether a `return` of `body` (not of a nested def) may give a function. */
function returnsMayBeCode(body: readonly IrStmt[]): boolean {
  return body.some((s) => (s.kind === 'return' && s.value !== undefined && mayBeCode(s.value)) || (s.kind !== 'def' && returnsMayBeCode(childStmts(s))));
}

/** Whether a value may be a function: a name, a call's result, a lambda; a display or comprehension holding one. */
function mayBeCode(e: IrExpr): boolean {
  switch (e.kind) {
    case 'list':
    case 'tuple':
    case 'set':
      return e.elements.some(mayBeCode);
    case 'dict':
      return e.entries.some((x) => ('spread' in x ? true : mayBeCode(x.value)));
    case 'comprehension':
      return mayBeCode(e.element);
    case 'binary':
    case 'sum':
    case 'unary':
    case 'compare':
    case 'number':
    case 'string':
    case 'bool':
    case 'none':
    case 'template':
      return false;
    default:
      return true;
  }
}

function declaredGlobals(body: readonly IrStmt[]): Set<string> {
  const out = new Set<string>();
  const visit = (list: readonly IrStmt[]): void => {
    for (const s of list) {
      if (s.kind === 'scope' && s.scope === 'global') s.names.forEach((n) => out.add(n));
      visit(childStmts(s));
    }
  };
  visit(body);
  return out;
}

function addAll(into: NameUse, from: NameUse): void {
  for (const n of from.reads) into.reads.add(n);
  for (const n of from.changes) into.changes.add(n);
  for (const n of from.inPlace) into.inPlace.add(n);
  for (const n of from.passed) into.passed.add(n);
}
