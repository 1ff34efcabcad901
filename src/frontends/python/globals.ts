import { comparePositions, sourceRange, type SourceRange } from '../../core/sourceRange';
import { NUMPY_STREAM, PYTHON_STREAM, rootName, statementNames, type NameUse } from '../../ir/moduleNames';
import type { IrClause, IrExpr, IrGlobal, IrPoint, IrStmt, IrTarget } from '../../ir/nodes';
import { ARGUMENTS, evaluatedCalls, evaluatedPoint } from './evaluatedCalls';
import { isDefinition, type TopStatement } from './document';
import { ModuleBindings } from './moduleBindings';
import { isFresh, isImmutable, mayHold, WRITTEN } from './moduleWrites';
import { BUILTIN_ALIASES, BUILTIN_INTRINSICS } from './libraryNames';
import { lowerStatement } from './lowerStatements';
import type { SyntaxNode } from '@lezer/common';
import { children, type SourceView } from './parse';
import type { Scope } from './scope';

/** Python's builtins that are intrinsics, bound first so that imports, constants and defs can shadow them. */
export function builtinGlobals(): IrGlobal[] {
  const nowhere = sourceRange(0, 0, 0, 0);
  return [
    ...BUILTIN_INTRINSICS.map((name): IrGlobal => ({ kind: 'intrinsic', name, intrinsic: name, range: nowhere })),
    ...Object.entries(BUILTIN_ALIASES).map(([name, intrinsic]): IrGlobal => ({ kind: 'intrinsic', name, intrinsic, range: nowhere })),
  ];
}

/**
 * Module-level code read in program order, as CPython runs it before any function is called: each
 * assignment (`ALPHA = 0.5`, `W = [1.0, 2.0]`, `A = B = 0`, `N += 1`) is a constant, evaluated once
 * per run in that order (engine/moduleInit.ts), so random draws happen in the program's order. A name
 * bound twice (`A = rs.rand(3, 3)`; … `A = rs.rand(4, 4)`) keeps its earlier binding under a name no
 * Python name can be (`earlier value@…`): what was bound with it reads it, draws included, and the
 * name itself is its last binding, what a function sees when it is called after the module has run.
 * A value may call the file's own functions (`train_targets = predictions(true_weights, X) > 0.5`,
 * `X, y = make_data(20)`); unpacking a value that is no tuple display binds a hidden constant to the
 * value, evaluated once, and each name to its part. `np.random.seed(0)` and `random.seed(0)` are
 * followed in their place (a hidden constant of their own).
 *
 * What it does not follow it refuses rather than guess: a name that module-level code GradLens does
 * not run may change (a loop, `W[0] = 1`, `L.append(x)`, `rs.shuffle(idx)`, a call that passes it to
 * the file's own code) is an error when read after that; a value that calls the file's code that
 * reads a name bound again after it (the call would see the binding of its time, a run sees the
 * last) is an error when read.
 */
export function moduleConstants(
  statements: readonly TopStatement[],
  scopeFor: (view: SourceView) => Scope,
  userNames: ReadonlySet<string>,
  internal: (e: unknown, s: TopStatement) => void,
  codeUse: (name: string) => NameUse | undefined = () => undefined,
  calls?: { readonly functions: ReadonlySet<string>; readonly points: IrPoint[] },
): IrGlobal[] {
  const table = new ModuleBindings();
  const constants = table.constants;
  /** Where each module name is bound (a constant, a refusal), in order: a call made before a later binding sees another value. */
  const boundAt = new Map<string, SourceRange[]>();
  /** The names whose binding now is a random generator (`rs = np.random.RandomState(0)`): what draws change. */
  const generators = new Set<string>();
  const set = (name: string, value: IrExpr, range: SourceRange): string | undefined => {
    const earlier = table.bind(name, value, range);
    addBinding(boundAt, name, range);
    if (isGeneratorCall(value)) generators.add(name);
    else generators.delete(name);
    return earlier;
  };
  const bind = (target: IrTarget, given: IrExpr, range: SourceRange): void => {
    if (target.kind === 'name') set(target.name, given, range);
    else if (target.kind === 'tuple' && (given.kind === 'tuple' || given.kind === 'list') && given.elements.length === target.elements.length) {
      target.elements.forEach((t, i) => bind(t, given.elements[i]!, range));
    } else if (target.kind === 'tuple' && target.elements.every((t) => t.kind === 'name')) {
      // `X, y = make_data(20)`, `w, V = np.linalg.eigh(A)`: one value, its parts named. A value GradLens
      // cannot make (`data_mnist.mnist()`) fails where a part is read, naming it, as the call would.
      // No Python name can hold the separator.
      const whole = table.hiddenName(UNPACKED, range);
      table.addHidden(whole, given, range);
      target.elements.forEach((t, i) => {
        const part: IrExpr = { kind: 'index', object: { kind: 'name', name: whole, range }, index: { kind: 'number', value: i, range: t.range }, range: t.range };
        bind(t, part, range);
      });
    } else refuse(statementNames([{ kind: 'assign', target, value: given, range }]).changes, range);
  };
  /** Names `changes` names, changed by code not followed at `range`: a read of them from here on is refused. */
  const refuse = (changes: Iterable<string>, range: SourceRange): void => {
    for (const name of changes) {
      if (name === NUMPY_STREAM || name === PYTHON_STREAM) {
        // Draws GradLens does not follow: from here the global generator's state is unknown, as an
        // unseeded one's is (`np.random.seed()`), and its draws are said to be so.
        const callee: IrExpr = { kind: 'intrinsic', name: name === NUMPY_STREAM ? 'random_seed' : 'py_seed', range };
        table.addHidden(table.hiddenName(SEEDED, range), { kind: 'call', callee, args: [], keywords: [], range }, range);
        continue;
      }
      if (!constants.has(name) && !boundAt.has(name)) continue;
      const message = `${name} may be changed on line ${range.start.line + 1} by module-level code GradLens does not run (a loop, an element or attribute written, a method or a call that can change it): reading it is refused rather than guessed`;
      const held = constants.get(name);
      set(name, { kind: 'unsupported', construct: 'module-level code', message, range }, range);
      // A name bound to the same object (`B = A`, `[A, c]`) sees the change too.
      const was = held && [...constants.values()].find((g) => g.kind === 'constant' && g.range === held.range && g.name !== name)?.name;
      if (!was) continue;
      for (const k of table.readers(was)) {
        if (k !== was && table.holds(k, was)) table.replace(k, { kind: 'unsupported', construct: 'module-level code', message, range });
      }
    }
  };
  /**
   * `X[:, 0] = v`, `X[1] += v`, `L += [v]`: a change in place of the object `name` holds, followed as
   * a new binding of `name` to a copy of its value, changed (`write` is the change, made on the
   * copy). What may share the object (`B = X`, `[X, 1]`, `X.T`, `make_loss(X, y)`) would see the
   * change in Python and does not here: it is refused where read.
   */
  const followChange = (name: string, write: (copy: IrExpr & { kind: 'name' }) => IrStmt, range: SourceRange): void => {
    const local = hiddenLocal(table, range);
    const copy = copiedIfMutable({ kind: 'name', name, range }, range);
    const value: IrExpr = { kind: 'effect', stmts: [{ kind: 'assign', target: local, value: copy, range }, write(local)], value: local, range };
    const earlier = set(name, value, range);
    if (!earlier) return;
    for (const k of table.readers(earlier)) {
      if (k === name || k === earlier || constants.get(k)!.value.kind === 'unsupported' || !table.holds(k, earlier, mayHold)) continue;
      const who = table.nameOf(k) ?? 'this value';
      const message = `${who} may share its value with ${name}, which line ${range.start.line + 1} changes in place: GradLens follows the change in ${name}, not in what shares its value, so reading ${who} is refused rather than guessed`;
      table.replace(k, { kind: 'unsupported', construct: 'module-level code', message, range });
    }
  };
  /** Whether a statement's changes besides `own` are only draws GradLens follows in their place. */
  const onlyDraws = (s: IrStmt, own?: string): boolean =>
    [...statementNames([s]).changes].every((c) => c === own || c === NUMPY_STREAM || c === PYTHON_STREAM || generators.has(c));
  /** `X[i] = v` or `X[i] += v` of a name whose value is a new array, list or dict: followed. */
  const followWrite = (s: IrStmt & { kind: 'assign' | 'augAssign' }, target: IrTarget & { kind: 'index' }): boolean => {
    if (target.object.kind !== 'name') return false;
    const name = target.object.name;
    const held = constants.get(name);
    if (!held || !isFresh(held.value) || callsAny(target.index, userNames) || callsAny(s.value, userNames) || !onlyDraws(s, name)) return false;
    followChange(name, (copy) => ({ ...s, target: { ...target, object: copy } }), s.range);
    return true;
  };
  /** `N += v`: a new number, string or tuple; a change in place of a new array or list; else refused with what N's value may be. */
  const augment = (s: IrStmt & { kind: 'augAssign' }, name: string): void => {
    const held = constants.get(name)!.value;
    const read: IrExpr = { kind: 'name', name, range: s.target.range };
    if (isImmutable(held) || held.kind === 'unsupported') bind(s.target, { kind: 'binary', op: s.op, left: read, right: s.value, range: s.range }, s.range);
    else if (isFresh(held) && !callsAny(s.value, userNames) && onlyDraws(s, name)) followChange(name, (copy) => ({ ...s, target: copy }), s.range);
    else refuse([name, ...[rootName(held)].filter((n): n is string => n !== undefined)], s.range);
  };
  /**
   * A statement that only draws (`rs.randn(3)`, `print(np.random.rand())`): evaluated in its place,
   * so the draws after it are the program's. A generator it draws from is bound again to itself,
   * drawn from, so whatever reads it later reads it after this draw.
   */
  const followDraw = (s: IrStmt & { kind: 'expr' }): boolean => {
    const changes = [...statementNames([s]).changes];
    if (changes.length === 0 || callsAny(s.value, userNames) || !onlyDraws(s)) return false;
    const drawn = changes.filter((c) => c !== NUMPY_STREAM && c !== PYTHON_STREAM);
    if (drawn.length > 1) return false;
    const gen = drawn[0];
    if (gen === undefined) table.addHidden(table.hiddenName(DRAWN, s.range), s.value, s.range);
    else {
      set(gen, { kind: 'effect', stmts: [s], value: { kind: 'name', name: gen, range: s.range }, range: s.range }, s.range);
      generators.add(gen);
    }
    return true;
  };
  const apply = (s: IrStmt): void => {
    table.beginStatement();
    // Calls of the file's functions with computed arguments: the arguments evaluated here, a point (evaluatedCalls.ts).
    for (const found of calls ? evaluatedCalls(s, calls.functions, userNames) : []) {
      const constant = table.hiddenName(ARGUMENTS, found.call.range);
      table.addHidden(constant, found.tuple, found.call.range);
      calls!.points.push(evaluatedPoint(found, constant));
    }
    if ((s.kind === 'assign' || s.kind === 'augAssign') && s.target.kind === 'index' && followWrite(s, s.target)) return;
    if (s.kind === 'assign') bind(s.target, s.value, s.range);
    else if (s.kind === 'augAssign' && s.target.kind === 'name' && constants.has(s.target.name)) augment(s, s.target.name);
    else if (s.kind === 'expr' && isSeedCall(s.value)) {
      // `np.random.seed(0)`: evaluated in its place among the constants, so the draws after it are seed 0's.
      table.addHidden(table.hiddenName(SEEDED, s.range), s.value, s.range);
    } else if (s.kind !== 'expr' || !followDraw(s)) refuse(changedBy([s], codeUse, constants), s.range);
  };
  const follow = (n: SyntaxNode, s: TopStatement): void => {
    if (SKIPPED.has(n.name) || isDefinition(n)) return;
    if (mainBlockStatements(n, s.view).length > 0) {
      // `if __name__ == "__main__":` runs when the file is the program: its statements (at its own
      // top level, in order) are module code like the others.
      for (const inner of mainBlockStatements(n, s.view)) follow(inner, s);
      return;
    }
    lowerStatement(n, scopeFor(s.view)).forEach(apply);
  };
  for (const s of statements) {
    if (s.errors.length > 0) continue;
    const nodes = s.node.name === 'StatementGroup' ? children(s.node) : [s.node];
    try {
      for (const n of nodes) follow(n, s);
    } catch (e) {
      internal(e, s);
    }
  }
  const resolved = table.resolved();
  refuseLateReads(resolved, boundAt, codeUse);
  return [...resolved.values()];
}

/** Top-level statements that bind nothing a value reads, or are read elsewhere (defs, classes, imports). */
const SKIPPED = new Set(['ClassDefinition', 'ImportStatement', 'PassStatement', ';', ':']);

/** `np.random.seed(…)`, `random.seed(…)` (the front end's intrinsics). */
const isSeedCall = (e: IrExpr): boolean => e.kind === 'call' && e.callee.kind === 'intrinsic' && (e.callee.name === 'random_seed' || e.callee.name === 'py_seed');

/** The names statements not followed may change, through the file's own functions they call too. */
function changedBy(stmts: readonly IrStmt[], codeUse: (name: string) => NameUse | undefined, constants: ReadonlyMap<string, IrGlobal>): Set<string> {
  const use = statementNames(stmts);
  const changes = new Set(use.changes);
  const reached = reachedCode(use.reads, codeUse, constants);
  // The file's own code called: what it changes, and what it is passed when it writes into its parameters.
  for (const n of reached) for (const c of codeUse(n)?.changes ?? []) changes.add(c);
  if ([...reached].some((n) => codeUse(n)?.changesArguments)) for (const n of use.passed) changes.add(n);
  return changes;
}

/** The file's functions, classes and function-valued constants `names` reach, through what they read in turn. */
function reachedCode(names: Iterable<string>, codeUse: (name: string) => NameUse | undefined, constants: ReadonlyMap<string, IrGlobal>): Set<string> {
  const reached = new Set<string>();
  const todo = [...names];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (reached.has(n)) continue;
    const g = constants.get(n);
    const use = codeUse(n) ?? (g?.kind === 'constant' && (g.value.kind === 'lambda' || (g.value.kind === 'call' && mayMakeCode(g.value, codeUse))) ? statementNames([{ kind: 'expr', value: g.value, range: g.range }]) : undefined);
    if (!use) continue;
    reached.add(n);
    todo.push(...use.reads);
  }
  return reached;
}

/**
 * Whether a constant made by `call` may be the file's code, run where the constant is called (a
 * factory's closure): not when the call is of the file's own function whose every `return` gives a
 * computed value (`params = init_random_params(0.1, sizes)`).
 */
function mayMakeCode(call: IrExpr & { kind: 'call' }, codeUse: (name: string) => NameUse | undefined): boolean {
  const made = call.callee.kind === 'name' ? codeUse(call.callee.name) : undefined;
  return made?.mayReturnCode !== false;
}

/**
 * A value that calls the file's code reading a module name bound again after it would see the
 * binding of its time in CPython, the last one in a run: refused when read. Called code that reads
 * names only through parameters is unaffected.
 */
function refuseLateReads(constants: Map<string, IrGlobal>, boundAt: ReadonlyMap<string, readonly SourceRange[]>, codeUse: (name: string) => NameUse | undefined): void {
  for (const [k, g] of constants) {
    if (g.kind !== 'constant' || g.value.kind === 'unsupported') continue;
    const direct = statementNames([{ kind: 'expr', value: g.value, range: g.range }]).reads;
    const reached = [...reachedCode(direct, codeUse, new Map())].filter((n) => codeUse(n));
    if (reached.length === 0) continue;
    const reads = new Set(reached.flatMap((n) => [...codeUse(n)!.reads]));
    for (const name of reads) {
      const later = boundAt.get(name)?.find((r) => comparePositions(r.start, g.range.start) > 0);
      if (!later) continue;
      const message = `GradLens cannot tell which value of ${name} the call here would see: line ${later.start.line + 1} binds ${name} again after it, and a run reads the last binding`;
      constants.set(k, { ...g, value: { kind: 'unsupported', construct: 'module-level code', message, range: g.range } });
      break;
    }
  }
}

/** Notes that `name` is bound at `r` (after its earlier bindings). */
function addBinding(m: Map<string, SourceRange[]>, name: string, r: SourceRange): void {
  const list = m.get(name);
  if (list) list.push(r);
  else m.set(name, [r]);
}

/** The statements directly in the body of `if __name__ == "__main__":` (either operand order, either quote); none for another statement. */
export function mainBlockStatements(node: SyntaxNode, view: SourceView): SyntaxNode[] {
  if (node.name !== 'IfStatement') return [];
  const parts = children(node);
  const condition = parts[1];
  const body = parts[2];
  if (!condition || condition.name !== 'BinaryExpression' || body?.name !== 'Body') return [];
  if (parts.length > 3) return []; // an elif or else: the guard is not the plain one
  const text = view.textOf(condition).replace(/\s+/g, '');
  if (!/^(__name__==(['"])__main__\2|(['"])__main__\3==__name__)$/.test(text)) return [];
  return children(body).flatMap((c) => (c.name === 'StatementGroup' ? children(c) : [c]));
}

/** The start of a hidden constant's name: the value a module-level `a, b = f(…)` unpacks. */
const UNPACKED = 'unpacked value@';

const SEEDED = 'seeded@';
const DRAWN = 'drawn@';

/** A local of a followed change's value holding the copy it changes: a name no Python name can be. */
function hiddenLocal(table: ModuleBindings, range: SourceRange): IrExpr & { kind: 'name' } {
  return { kind: 'name', name: table.hiddenName(WRITTEN, range), range };
}

/**
 * `x.copy() if isinstance(x, (np.ndarray, list, dict)) else x`: what a change in place makes its
 * own, so that the earlier binding keeps its value; a number or a tuple is itself (`+=` rebinds it).
 */
function copiedIfMutable(x: IrExpr, range: SourceRange): IrExpr {
  const intrinsic = (name: string): IrExpr => ({ kind: 'intrinsic', name, range });
  const kinds: IrExpr = { kind: 'tuple', elements: [intrinsic('ndarray'), intrinsic('list'), intrinsic('dict')], range };
  const test: IrExpr = { kind: 'call', callee: intrinsic('isinstance'), args: [x, kinds], keywords: [], range };
  const copy: IrExpr = { kind: 'call', callee: { kind: 'attribute', object: x, name: 'copy', range }, args: [], keywords: [], range };
  return { kind: 'conditional', test, then: copy, else: x, range };
}

/** `np.random.RandomState(…)`, `np.random.default_rng(…)`: a generator of its own. */
const isGeneratorCall = (e: IrExpr): boolean => e.kind === 'call' && e.callee.kind === 'intrinsic' && (e.callee.name === 'random_state' || e.callee.name === 'default_rng');

function callsAny(e: IrExpr, names: ReadonlySet<string>): boolean {
  const sub = (x: IrExpr | undefined): boolean => x !== undefined && callsAny(x, names);
  switch (e.kind) {
    case 'call':
      return (e.callee.kind === 'name' && names.has(e.callee.name)) || sub(e.callee) || e.args.some(sub) || e.keywords.some((k) => sub(k.value));
    case 'binary':
    case 'logical':
      return sub(e.left) || sub(e.right);
    case 'sum':
      return e.terms.some(sub);
    case 'unary':
      return sub(e.operand);
    case 'compare':
      return e.operands.some(sub);
    case 'conditional':
      return sub(e.test) || sub(e.then) || sub(e.else);
    case 'list':
    case 'tuple':
      return e.elements.some(sub);
    case 'index':
      return sub(e.object) || sub(e.index);
    case 'slice':
      return sub(e.lower) || sub(e.upper) || sub(e.step);
    case 'attribute':
      return sub(e.object);
    case 'lambda':
      // Its body runs only when called, like a def's.
      return e.params.some((p) => sub(p.default));
    default:
      return false;
  }
}
