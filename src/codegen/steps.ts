import { GradLensError, diagnostic } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';
import type { IrAssign, IrAugAssign, IrClass, IrExpr, IrFunction, IrIf, IrStmt, IrTarget } from '../ir/nodes';
import { childExprs } from '../ir/walk';
import type { ScalarPrimitive } from '../engine/primitives/types';
import { ref } from './expressions';

/**
 * The steps reverse mode works on (reverse.ts lowers a function's body to them), and the small
 * helpers over steps and IR the lowering, loop and branch files share.
 */

export interface Operand {
  readonly expr: IrExpr;
  /** True when it depends on a differentiated parameter; then `expr` is a name. */
  readonly active: boolean;
  /** A Python list of numbers some of which are differentiated (lists.ts): its items, as lowered. */
  readonly items?: readonly Operand[];
  /** A function made in the code (a nested def, a lambda, a factory's result): written out where it is called (closures.ts). */
  readonly fn?: LocalFunction;
  /** An object of the file's own classes, written out as its fields (objects.ts); `expr` is then a placeholder never printed. */
  readonly object?: ObjectCell;
}

/**
 * An object generated code writes as its fields: every name bound to it shares the cell, so a write
 * through one is seen through all. `cls` undefined: a tuple or list holding objects, carried but never read.
 */
export interface ObjectCell {
  readonly cls: IrClass | undefined;
  readonly fields: Map<string, Operand>;
  /** How many branches and loops deep it was made: only code at that depth may write its fields. */
  readonly depth: number;
  /** The name the code first gave it (`act` of `act = Sigmoid(…)`): its fields' values are named after it. */
  readonly name?: string;
  /** The class itself as a value (`cls` in a class method), not an instance of it. */
  readonly isClass?: IrClass;
  /**
   * The instance the differentiated method runs on: a field the code has not written is read from
   * it (`self_w = self.w`) the first time it is read, as nothing in the generated code made it.
   */
  readonly readField?: (field: string, range: SourceRange) => Operand;
}

/**
 * A function value generated code writes out in place: its IR, and the names it closes over —
 * `scope` for one a call returned (the factory's names as they were when it returned); absent for a
 * def or lambda of the function itself, which reads the names as they are where it is called
 * (Python's late binding).
 */
export interface LocalFunction {
  readonly ir: IrFunction;
  readonly scope?: Env;
}

export type Step =
  | { readonly kind: 'op'; readonly target: string; readonly p: ScalarPrimitive; readonly args: readonly Operand[]; readonly stmt: IrAssign }
  /** A numpy operation that is not one primitive per element (arrays.ts). */
  | { readonly kind: 'array'; readonly target: string; readonly op: ArrayOp; readonly args: readonly Operand[]; readonly stmt: IrAssign | IrAugAssign }
  | { readonly kind: 'copy'; readonly target: string; readonly source: Operand; readonly stmt: IrAssign }
  /** A list of differentiated numbers made (`x = [x0, x1]`, lists.ts). */
  | { readonly kind: 'pack'; readonly target: string; readonly items: readonly Operand[]; readonly stmt: IrAssign }
  /** An entry of such a list read (`v = x[i]`). */
  | { readonly kind: 'element'; readonly target: string; readonly list: string; readonly length: number; readonly index: IrExpr; readonly stmt: IrAssign }
  | { readonly kind: 'plain'; readonly stmt: IrStmt }
  | { readonly kind: 'if'; readonly test: IrExpr; readonly then: readonly Step[]; readonly else: readonly Step[]; readonly range: SourceRange }
  /** A loop-carried value written back at the end of an iteration (`s_1 = s_2`): it overwrites `target`. */
  | { readonly kind: 'carry'; readonly target: string; readonly source: Operand; readonly stmt: IrAssign }
  /**
   * A loop: each iteration's values are pushed on `stack` after its body, so the reverse loop pops
   * them and runs the body's adjoint with the values of that iteration (Tangent's approach).
   */
  | {
      readonly kind: 'loop';
      readonly head: { readonly kind: 'for'; readonly target: IrTarget; readonly iterable: IrExpr } | { readonly kind: 'while'; readonly test: IrExpr };
      readonly body: readonly Step[];
      readonly carries: readonly Step[];
      readonly stack: string;
      readonly saved: readonly string[];
      /** The flag a `break` sets (jumps.ts): the loop ends after the iteration it is set in. */
      readonly exit?: string;
      readonly range: SourceRange;
    };

/** The array operations arrays.ts writes adjoints for. */
export type ArrayOp =
  | { readonly kind: 'matmul' }
  | { readonly kind: 'transpose' }
  | { readonly kind: 'outer' }
  | { readonly kind: 'norm' }
  /** np.linalg.solve(A, b), inv(A), det(A) of square matrices. */
  | { readonly kind: 'solve' }
  | { readonly kind: 'inv' }
  | { readonly kind: 'det' }
  /** `sign, logdet = np.linalg.slogdet(A)`: the step is logdet, its statement also names the sign (constant). */
  | { readonly kind: 'slogdet' }
  | { readonly kind: 'trace' }
  | { readonly kind: 'sum'; readonly axis?: number; readonly keepdims: boolean; readonly mean: boolean }
  | { readonly kind: 'index'; readonly index: IrExpr }
  /** `a_2[index] = v` (or `+=`, `-=`) into a copy `a_2` of the array a (elementWrites.ts); args [a, v]. */
  | { readonly kind: 'setitem'; readonly index: IrExpr; readonly op: '=' | '+' | '-' };

export type Env = Map<string, Operand>;

/** The key the function's result is kept under in an environment (no user name can be it). */
export const RESULT = ' result';

/** The key of a function's k-th returned value when it returns a tuple or list of numbers (its Jacobian's k-th row). */
export const resultKey = (k: number): string => ` result ${k}`;

export const refuse = (message: string, range: SourceRange): never => {
  throw new GradLensError(diagnostic('error', 'unsupported', message, range));
};

/** A function value used as a number, stored or returned: generated code writes functions out only where they are called. */
export function notAFunction(o: Operand, range: SourceRange): void {
  if (o.fn) refuse(`the function ${o.fn.ir.name} used as a value (not called) is not written yet`, range);
  if (o.object) {
    const what = o.object.isClass ? `the class ${o.object.isClass.name}` : o.object.cls ? `an object of ${o.object.cls.name}` : 'a list of objects';
    refuse(`${what} used as a value (not through its fields or methods) is not written yet`, range);
  }
}

export function definedIn(steps: readonly Step[], into = new Set<string>()): Set<string> {
  for (const s of steps) {
    if (s.kind === 'if') {
      definedIn(s.then, into);
      definedIn(s.else, into);
    } else if (s.kind === 'loop') {
      into.add(s.stack);
      s.saved.forEach((n) => into.add(n));
    } else if (s.kind === 'plain') {
      if (s.stmt.kind === 'assign' && s.stmt.target.kind === 'name') into.add(s.stmt.target.name);
    } else stepTargets(s).forEach((n) => into.add(n));
  }
  return into;
}

/** The names a step assigns: its target, and the other names its statement unpacks into (slogdet's sign). */
export function stepTargets(s: Extract<Step, { readonly target: string }>): string[] {
  if (s.stmt.target.kind !== 'tuple') return [s.target];
  const names = new Set<string>();
  targetNames(s.stmt.target, names);
  return [...names];
}

export function primalStmt(s: Step): IrStmt {
  if (s.kind === 'if') return { kind: 'if', test: s.test, then: s.then.map(primalStmt), else: s.else.map(primalStmt), range: s.range } satisfies IrIf;
  if (s.kind !== 'loop') return s.stmt;
  const r = s.range;
  const push: IrStmt = {
    kind: 'expr',
    value: { kind: 'call', callee: { kind: 'attribute', object: ref(s.stack, r), name: 'append', range: r }, args: [{ kind: 'tuple', elements: s.saved.map((n) => ref(n, r)), range: r }], keywords: [], range: r },
    range: r,
  };
  const leave: IrStmt[] = s.exit ? [{ kind: 'if', test: ref(s.exit, r), then: [{ kind: 'break', range: r }], else: [], range: r }] : [];
  const body = [...s.body.map(primalStmt), push, ...s.carries.map(primalStmt), ...leave];
  return s.head.kind === 'for' ? { kind: 'for', target: s.head.target, iterable: s.head.iterable, body, range: r } : { kind: 'while', test: s.head.test, body, range: r };
}

export function targetNames(t: IrTarget, into: Set<string>): void {
  if (t.kind === 'name') into.add(t.name);
  else if (t.kind === 'tuple') t.elements.forEach((e) => targetNames(e, into));
}

/**
 * Drops the copies that join a name after an `if` when nothing reads the joined name afterwards
 * (a branch's `d` reassigned but never used again), and primitive steps nothing reads: they would
 * only be noise in the code.
 */
export function withoutDeadCopies(steps: readonly Step[], results: readonly Operand[]): Step[] {
  let current = [...steps];
  for (;;) {
    const read = new Set<string>();
    for (const result of results) if (result.expr.kind === 'name') read.add(result.expr.name);
    readNames(current, read);
    let dropped = false;
    const prune = (list: readonly Step[]): Step[] =>
      list.flatMap((s): Step[] => {
        if (s.kind === 'if') return [{ ...s, then: prune(s.then), else: prune(s.else) }];
        if (s.kind === 'loop') return [{ ...s, body: prune(s.body) }];
        if (s.kind === 'carry') return [s];
        const isCopy = s.kind === 'copy' || (s.kind === 'plain' && s.stmt.kind === 'assign' && s.stmt.value.kind === 'name');
        // A primitive step is pure: unread (`dw` of a function returning (loss, dw), seen as its loss), it goes too.
        const pure = isCopy || s.kind === 'op' || s.kind === 'array' || s.kind === 'element' || s.kind === 'pack' || (s.kind === 'plain' && s.stmt.kind === 'assign' && !callsIn(s.stmt.value));
        const targets = s.kind === 'plain' ? (s.stmt.kind === 'assign' && s.stmt.target.kind === 'name' ? [s.stmt.target.name] : []) : stepTargets(s);
        if (pure && targets.length > 0 && !targets.some((n) => read.has(n))) {
          dropped = true;
          return [];
        }
        return [s];
      });
    current = prune(current);
    if (!dropped) return current;
  }
}

/** True when an expression calls anything (a call may draw a random number: it is kept even if unread). */
function callsIn(e: IrExpr): boolean {
  return e.kind === 'call' || childExprs(e).some(callsIn);
}

export function readNames(steps: readonly Step[], into: Set<string>): void {
  const expr = (e: IrExpr): void => {
    if (e.kind === 'name') into.add(e.name);
    childExprs(e).forEach(expr);
  };
  for (const s of steps) {
    if (s.kind === 'if') {
      expr(s.test);
      readNames(s.then, into);
      readNames(s.else, into);
    } else if (s.kind === 'loop') {
      // The stack and what each iteration pushes on it are read by the loop itself.
      into.add(s.stack);
      s.saved.forEach((n) => into.add(n));
      if (s.exit) into.add(s.exit);
      expr(s.head.kind === 'for' ? s.head.iterable : s.head.test);
      readNames(s.body, into);
      readNames(s.carries, into);
    } else if (s.kind === 'plain') {
      if (s.stmt.kind === 'assign' || s.stmt.kind === 'augAssign') written(s.stmt);
    } else written(s.stmt);
  }

  /** A statement's value, and where it writes an element (`g_2[i] = v` reads g_2 and i). */
  function written(stmt: IrAssign | IrAugAssign): void {
    expr(stmt.value);
    if (stmt.target.kind === 'index') {
      expr(stmt.target.object);
      expr(stmt.target.index);
    }
  }
}

export function assign(name: string, value: IrExpr, range: SourceRange): IrAssign {
  return { kind: 'assign', target: { kind: 'name', name, range }, value, range };
}

export function sameOperand(a: Operand, b: Operand): boolean {
  if (a.object || b.object) return a.object === b.object;
  return a === b || (a.expr.kind === 'name' && b.expr.kind === 'name' && a.expr.name === b.expr.name);
}

/** The same node with its operands replaced (a binary, unary or call of a primitive). */
export function rebuild(e: IrExpr, args: readonly IrExpr[]): IrExpr {
  switch (e.kind) {
    case 'binary':
      return { ...e, left: args[0]!, right: args[1]! };
    case 'unary':
      return { ...e, operand: args[0]! };
    case 'call':
      return { ...e, args };
    default:
      return e;
  }
}

/** The expression kinds generated code may carry through unchanged (renamed). */
export const SIMPLE_KINDS = new Set<IrExpr['kind']>(['number', 'bool', 'none', 'string', 'name', 'intrinsic', 'binary', 'unary', 'compare', 'logical', 'conditional', 'call', 'tuple', 'list', 'index', 'slice', 'attribute']);

/** Another name (not a result key) bound to the same value as `name`: a write through one shows through the other. */
export function otherNameFor(env: Env, name: string): string | undefined {
  const value = env.get(name)?.expr;
  if (value?.kind !== 'name') return undefined;
  return [...env].find(([other, o]) => other !== name && !other.startsWith(' ') && o.expr.kind === 'name' && o.expr.name === value.name)?.[0];
}

export function mentionsActive(e: IrExpr, env: Env): boolean {
  // An object's fields may be differentiated: it is written out wherever it goes (objects.ts).
  if (e.kind === 'name') return (env.get(e.name)?.active || env.get(e.name)?.object !== undefined) ?? false;
  // A call of a function made here may read differentiated names it closes over.
  if (e.kind === 'call' && (e.callee.kind === 'lambda' || (e.callee.kind === 'name' && env.get(e.callee.name)?.fn))) return true;
  if (sizeOnly(e, env)) return false;
  return childExprs(e).some((c) => mentionsActive(c, env));
}

/**
 * `len(x)`, `x.shape`, `x.size`, `x.ndim` of a name: how big x is, never its numbers, so never
 * differentiated (a loop `for i in range(len(x))` over a differentiated x is an ordinary loop).
 */
export function sizeOnly(e: IrExpr, env: Env): boolean {
  if (e.kind === 'attribute') return e.object.kind === 'name' && (e.name === 'shape' || e.name === 'size' || e.name === 'ndim');
  if (e.kind !== 'call' || e.args.length !== 1 || e.args[0]!.kind !== 'name' || e.keywords.length > 0) return false;
  const c = e.callee;
  // np.zeros_like(x), np.ones_like(x): x's shape only, never its numbers.
  if (c.kind === 'intrinsic' && SHAPE_ONLY.has(c.name)) return true;
  return (c.kind === 'intrinsic' || (c.kind === 'name' && !env.has(c.name))) && c.name === 'len';
}

const SHAPE_ONLY = new Set(['zeros_like', 'ones_like']);

export function mapChildren(e: IrExpr, f: (x: IrExpr) => IrExpr): IrExpr {
  switch (e.kind) {
    case 'binary':
    case 'logical':
      return { ...e, left: f(e.left), right: f(e.right) };
    case 'sum':
      return { ...e, terms: e.terms.map(f) };
    case 'unary':
      return { ...e, operand: f(e.operand) };
    case 'compare':
      return { ...e, operands: e.operands.map(f) };
    case 'conditional':
      return { ...e, test: f(e.test), then: f(e.then), else: f(e.else) };
    case 'call':
      if (e.keywordSpreads?.length) refuse('a call with **keywords is not written yet', e.range);
      return { ...e, callee: f(e.callee), args: e.args.map(f), keywords: e.keywords.map((k) => ({ ...k, value: f(k.value) })) };
    case 'tuple':
    case 'list':
      return { ...e, elements: e.elements.map(f) };
    case 'index':
      return { ...e, object: f(e.object), index: f(e.index) };
    case 'slice':
      return { ...e, ...(e.lower ? { lower: f(e.lower) } : {}), ...(e.upper ? { upper: f(e.upper) } : {}), ...(e.step ? { step: f(e.step) } : {}) };
    default:
      return e;
  }
}

export function alwaysReturns(stmts: readonly IrStmt[]): boolean {
  const last = stmts[stmts.length - 1];
  if (!last) return false;
  if (last.kind === 'return') return true;
  return last.kind === 'if' && alwaysReturns(last.then) && alwaysReturns(last.else);
}

export function mayReturn(stmts: readonly IrStmt[]): boolean {
  return stmts.some((s) => s.kind === 'return' || (s.kind === 'if' && (mayReturn(s.then) || mayReturn(s.else))) || ((s.kind === 'for' || s.kind === 'while') && mayReturn(s.body)));
}

const STMT_WORDS: Partial<Record<IrStmt['kind'], string>> = {
  for: 'a for loop',
  while: 'a while loop',
  try: 'try/except',
  with: 'a with block',
  raise: 'raise',
  assert: 'assert',
  def: 'a nested function',
  labeled: 'a labelled block',
  break: 'break',
  continue: 'continue',
  scope: 'a global or nonlocal declaration',
  match: 'a match statement',
  unsupported: 'a construct GradLens does not run',
};

export function describeStmt(s: IrStmt): string {
  return STMT_WORDS[s.kind] ?? `a ${s.kind} statement`;
}

export function describeExpr(e: IrExpr): string {
  switch (e.kind) {
    case 'call':
      return e.callee.kind === 'intrinsic' ? `${e.callee.name}(…)` : e.callee.kind === 'name' ? `a call of ${e.callee.name}` : 'a call';
    case 'index':
      return 'indexing';
    case 'attribute':
      return `.${e.name}`;
    case 'binary':
      return `the operator ${e.op}`;
    case 'sum':
      return `the operator ${e.ops[0]}`;
    case 'comprehension':
      return 'a comprehension';
    case 'name':
      return `a use of ${e.name}`;
    default:
      return `${/^[aeiou]/.test(e.kind) ? 'an' : 'a'} ${e.kind} expression`;
  }
}
