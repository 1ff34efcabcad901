import type { IrExpr, IrFunction, IrMatch, IrStmt, IrTarget } from './nodes';

/**
 * The direct sub-expressions of an expression, for walks that look for a kind of node (an effect that
 * assigns a local, a call of a module function). A nested function's body is not a sub-expression: it
 * is its own scope; its defaults are.
 */
export function childExprs(e: IrExpr): readonly IrExpr[] {
  switch (e.kind) {
    case 'binary':
    case 'logical':
      return [e.left, e.right];
    case 'sum':
      return e.terms;
    case 'unary':
      return [e.operand];
    case 'compare':
      return e.operands;
    case 'conditional':
      return [e.test, e.then, e.else];
    case 'call':
      return [e.callee, ...e.args, ...e.keywords.map((k) => k.value), ...(e.keywordSpreads ?? [])];
    case 'list':
    case 'tuple':
    case 'set':
      return e.elements;
    case 'spread':
      return [e.value];
    case 'dict':
      return e.entries.flatMap((x) => ('spread' in x ? [x.spread] : [x.key, x.value]));
    case 'template':
      return e.parts.flatMap((p) => (typeof p === 'string' ? [] : p.spec ? [p.value, p.spec] : [p.value]));
    case 'comprehension':
      // Its targets are its own; an effect in it (`:=`) assigns the enclosing function's name.
      return [
        ...e.clauses.flatMap((c) => (c.kind === 'for' ? [...targetExprs(c.target), c.iterable] : [c.test])),
        ...(e.key ? [e.key] : []),
        e.element,
      ];
    case 'index':
      return [e.object, e.index];
    case 'slice':
      return [e.lower, e.upper, e.step].filter((x): x is IrExpr => x !== undefined);
    case 'attribute':
      return [e.object];
    case 'lambda':
      return e.params.flatMap((p) => (p.default ? [p.default] : []));
    case 'function':
      return e.fn.params.flatMap((p) => (p.default ? [p.default] : []));
    case 'effect':
      return [...e.stmts.flatMap(stmtExprs), e.value];
    default:
      return [];
  }
}

/** The expressions a statement evaluates directly (not those of the statements nested in it). */
export function stmtExprs(s: IrStmt): readonly IrExpr[] {
  switch (s.kind) {
    case 'assign':
    case 'augAssign':
      return [...targetExprs(s.target), s.value];
    case 'return':
      return s.value ? [s.value] : [];
    case 'raise':
      return s.exception ? [s.exception] : [];
    case 'if':
    case 'while':
      return [s.test];
    case 'for':
      return [...targetExprs(s.target), s.iterable];
    case 'expr':
      return [s.value];
    case 'assert':
      return s.message ? [s.test, s.message] : [s.test];
    case 'with':
      return s.items.flatMap((i) => [i.context, ...(i.target ? targetExprs(i.target) : [])]);
    case 'try':
      return s.handlers.flatMap((h) => (h.types ? [h.types] : []));
    case 'match':
      return [s.subject];
    default:
      return [];
  }
}

function targetExprs(t: IrTarget): readonly IrExpr[] {
  switch (t.kind) {
    case 'name':
      return [];
    case 'tuple':
      return t.elements.flatMap(targetExprs);
    case 'index':
      return [t.object, t.index];
    case 'attribute':
      return [t.object];
  }
}

/** The statements nested directly in a statement's blocks. */
export function childStmts(s: IrStmt): readonly IrStmt[] {
  switch (s.kind) {
    case 'if':
      return [...s.then, ...s.else];
    case 'for':
    case 'labeled':
      return s.body;
    case 'while':
      return [...s.body, ...(s.update ?? [])];
    case 'try':
      return [...s.body, ...s.handlers.flatMap((h) => h.body), ...s.else, ...s.finally];
    case 'with':
      return s.body;
    case 'match':
      return s.cases;
    default:
      return [];
  }
}

/** Whether some expression in `e` (not inside nested function bodies) passes `test`. */
export function someExpr(e: IrExpr, test: (x: IrExpr) => boolean): boolean {
  return test(e) || childExprs(e).some((x) => someExpr(x, test));
}

/** Names a function body assigns (targets of assignments and `for`, also inside effects), not in nested functions. */
export function assignedNames(body: readonly IrStmt[], { augmented = true } = {}): Set<string> {
  const names = new Set<string>();
  const target = (t: IrTarget): void => {
    if (t.kind === 'name') names.add(t.name);
    else if (t.kind === 'tuple') t.elements.forEach(target);
  };
  const expr = (e: IrExpr): void => {
    if (e.kind === 'effect') stmts(e.stmts);
    childExprs(e).forEach(expr);
  };
  const stmts = (list: readonly IrStmt[]): void => {
    for (const s of list) {
      if (s.kind === 'assign' || (s.kind === 'augAssign' && augmented) || s.kind === 'for') target(s.target);
      else if (s.kind === 'with') {
        for (const i of s.items) if (i.target) target(i.target);
      } else if (s.kind === 'try') {
        for (const h of s.handlers) if (h.name) names.add(h.name);
      }
      stmtExprs(s).forEach(expr);
      stmts(childStmts(s));
    }
  };
  stmts(body);
  return names;
}

/** A parameter a function writes into; `whole` when only as a whole (`np.tanh(X, out=X)`, `X /= s`), never by element. */
export interface OutputArgument {
  readonly name: string;
  readonly whole: boolean;
}

/**
 * The parameters a function writes into element by element (`out[i] = …`, `y[i] += a * x[i]`,
 * `A[i][j] = …`), or property by property (JavaScript's `target.x = …` of cannon.js's
 * `vadd(v, target)`), and never rebinds: BLAS-style output arguments. Not inside nested functions.
 * Python's in-place forms write the whole argument (scikit-learn's `inplace_tanh(X)`:
 * `np.tanh(X, out=X)`; `inplace_softmax`: `X /= X.sum(axis=1)[:, np.newaxis]`): a ufunc's `out=`
 * names it, and an augmented assignment to the bare name changes an array or a list in place.
 * Whether it does is the value's to say (a float is rebound): `whole` tells the run to ask.
 */
export function outputArguments(fn: IrFunction, language?: string): OutputArgument[] {
  const written = new Set<string>();
  const whole = new Set<string>();
  // Properties count only where no argument is written by index (an options object's `opts.n = …` beside `out[i] = …`).
  const properties = new Set<string>();
  const root = (t: IrExpr): string | undefined => (t.kind === 'name' ? t.name : t.kind === 'index' ? root(t.object) : undefined);
  const target = (t: IrTarget): void => {
    if (t.kind === 'index') {
      const name = root(t.object);
      if (name) written.add(name);
    } else if (t.kind === 'attribute' && t.property && t.object.kind === 'name') properties.add(t.object.name);
    else if (t.kind === 'tuple') t.elements.forEach(target);
  };
  const python = language === 'python';
  const expr = (e: IrExpr): void => {
    if (e.kind === 'effect') stmts(e.stmts);
    if (python && e.kind === 'call') for (const k of e.keywords) if (k.name === 'out' && k.value.kind === 'name') whole.add(k.value.name);
    childExprs(e).forEach(expr);
  };
  const stmts = (list: readonly IrStmt[]): void => {
    for (const s of list) {
      if (s.kind === 'assign' || s.kind === 'augAssign') target(s.target);
      if (python && s.kind === 'augAssign' && s.target.kind === 'name') whole.add(s.target.name);
      stmtExprs(s).forEach(expr);
      stmts(childStmts(s));
    }
  };
  stmts(fn.body);
  // In Python an augmented assignment to a name is not a rebinding here: whether it is, the value decides
  // (JavaScript's `a += b` always makes a new value).
  const rebound = assignedNames(fn.body, { augmented: !python });
  const plain = fn.params.filter((p) => p.kind === undefined && !rebound.has(p.name));
  const byIndex = plain.filter((p) => written.has(p.name)).map((p) => ({ name: p.name, whole: false }));
  const inPlace = plain.filter((p) => whole.has(p.name) && !written.has(p.name)).map((p) => ({ name: p.name, whole: true }));
  if (byIndex.length > 0 || inPlace.length > 0) return [...byIndex, ...inPlace];
  return plain.filter((p) => properties.has(p.name)).map((p) => ({ name: p.name, whole: false }));
}

/**
 * Whether `name` is read anywhere in `body`, nested functions and lambdas included (a closure's read
 * of a parameter is a use of it).
 */
export function mentionsName(body: readonly IrStmt[], name: string): boolean {
  return someNode(body, { expr: (e) => e.kind === 'name' && e.name === name });
}

/**
 * Whether some statement or expression anywhere in `body` passes its test: nested functions, lambdas
 * and effects included. Iterative, allocating little: a body may be one 100,000-term sum.
 */
export function someNode(body: readonly IrStmt[], test: { readonly stmt?: (s: IrStmt) => boolean; readonly expr?: (e: IrExpr) => boolean }): boolean {
  const stmts: IrStmt[] = [...body];
  const exprs: IrExpr[] = [];
  while (stmts.length > 0 || exprs.length > 0) {
    const e = exprs.pop();
    if (e) {
      if (test.expr?.(e)) return true;
      if (e.kind === 'lambda') exprs.push(e.body);
      else if (e.kind === 'function') for (const x of e.fn.body) stmts.push(x);
      else if (e.kind === 'effect') for (const x of e.stmts) stmts.push(x);
      for (const c of childExprs(e)) exprs.push(c);
      continue;
    }
    const s = stmts.pop()!;
    if (test.stmt?.(s)) return true;
    if (s.kind === 'def') for (const x of s.fn.body) stmts.push(x);
    for (const x of stmtExprs(s)) exprs.push(x);
    for (const x of childStmts(s)) stmts.push(x);
  }
  return false;
}

/**
 * A match statement's cases with each `matchSubject` of its own written as `subject` (a nested match
 * keeps its own): for readers that follow a name through the tests (`match x: case [a, b]:` reads
 * `x[0]`), where the subject is that name.
 */
export function casesReading(match: IrMatch, subject: IrExpr): readonly IrStmt[] {
  const replace = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(replace);
    if (node === null || typeof node !== 'object') return node;
    const kind = (node as { kind?: unknown }).kind;
    if (kind === 'matchSubject') return subject;
    if (kind === 'match') return { ...(node as IrMatch), subject: replace((node as IrMatch).subject) };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === 'range' ? v : replace(v);
    return out;
  };
  return replace(match.cases) as readonly IrStmt[];
}
