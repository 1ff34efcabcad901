import type { SourceRange } from '../core/sourceRange';
import type { IrBinaryOp, IrExpr } from './expressions';
import type { IrFunction } from './nodes';

/** The IR's statements (ir/nodes.ts describes the IR as a whole). */

export type IrStmt =
  | IrAssign
  | IrAugAssign
  | IrReturn
  | IrIf
  | IrFor
  | IrWhile
  | IrJump
  | IrExprStmt
  | IrDef
  | IrPass
  | IrRaise
  | IrTry
  | IrLabeled
  | IrAssert
  | IrWith
  | IrMatch
  | IrScopeDecl
  | IrUnsupportedStmt;

export interface IrAssign {
  readonly kind: 'assign';
  readonly target: IrTarget;
  readonly value: IrExpr;
  readonly range: SourceRange;
}

/** `x += e`: read, combine with the binary operator, write back (numpy arrays: in place). */
export interface IrAugAssign {
  readonly kind: 'augAssign';
  readonly target: IrTarget;
  readonly op: IrBinaryOp;
  readonly value: IrExpr;
  readonly range: SourceRange;
}

export interface IrReturn {
  readonly kind: 'return';
  readonly value?: IrExpr;
  readonly range: SourceRange;
}

export interface IrIf {
  readonly kind: 'if';
  readonly test: IrExpr;
  readonly then: readonly IrStmt[];
  /** `elif` chains arrive as a nested `if` in `else`. */
  readonly else: readonly IrStmt[];
  readonly range: SourceRange;
}

export interface IrFor {
  readonly kind: 'for';
  readonly target: IrTarget;
  readonly iterable: IrExpr;
  readonly body: readonly IrStmt[];
  /** The loop's label (`outer: for …`), which a labelled `break`/`continue` names. */
  readonly label?: string;
  readonly range: SourceRange;
}

export interface IrWhile {
  readonly kind: 'while';
  readonly test: IrExpr;
  readonly body: readonly IrStmt[];
  /**
   * Run after each iteration, also one ended by a `continue` of this loop (C-style `for (…; …; update)`,
   * lowered to a while loop).
   */
  readonly update?: readonly IrStmt[];
  readonly label?: string;
  readonly range: SourceRange;
}

/** `break`/`continue`; with a label, of the enclosing loop or block of that label. */
export interface IrJump {
  readonly kind: 'break' | 'continue';
  readonly label?: string;
  readonly range: SourceRange;
}

/**
 * `throw value` (Python: `raise E(...)`): the evaluation stops with a located error (the message when
 * the value is a string), unless an enclosing `try` catches it. (Shaped as the Python quiet-mode work
 * shapes it, so the two meet in one node.)
 */
export interface IrRaise {
  readonly kind: 'raise';
  /** Absent: re-raise the exception being handled (JavaScript always names a value). */
  readonly exception?: IrExpr;
  readonly range: SourceRange;
}

/**
 * `try { body } catch (name) { … } finally { … }` (Python: `try/except/else/finally`). Only what the
 * program raised itself is caught; GradLens's own errors (a domain error, a budget) always propagate,
 * so they are never hidden. `else` runs when the body raised nothing.
 */
export interface IrTry {
  readonly kind: 'try';
  readonly body: readonly IrStmt[];
  readonly handlers: readonly IrHandler[];
  readonly else: readonly IrStmt[];
  readonly finally: readonly IrStmt[];
  readonly range: SourceRange;
}

export interface IrHandler {
  /** An exception type or a tuple of them; absent: every exception (JavaScript's `catch`). */
  readonly types?: IrExpr;
  /** `catch (e)`, `except E as e`: bound to the raised value. */
  readonly name?: string;
  readonly body: readonly IrStmt[];
  readonly range: SourceRange;
}

/**
 * `global a, b` / `nonlocal a`: the names are the module's, or the enclosing function's (a JavaScript
 * closure assigning an outer `let` is lowered with `nonlocal`).
 */
export interface IrScopeDecl {
  readonly kind: 'scope';
  readonly scope: 'global' | 'nonlocal';
  readonly names: readonly string[];
  readonly range: SourceRange;
}

/** A block a labelled `break` leaves (`label: { … }`, and how a `switch` is lowered). */
export interface IrLabeled {
  readonly kind: 'labeled';
  readonly label: string;
  readonly body: readonly IrStmt[];
  readonly range: SourceRange;
}

export interface IrExprStmt {
  readonly kind: 'expr';
  readonly value: IrExpr;
  readonly range: SourceRange;
}

/** A nested `def` (or a named local function): binds `fn.name` in the enclosing scope. */
export interface IrDef {
  readonly kind: 'def';
  readonly fn: IrFunction;
  readonly range: SourceRange;
}

export interface IrPass {
  readonly kind: 'pass';
  readonly range: SourceRange;
}

/** `assert test, message`: a located error when the test is false at the point. */
export interface IrAssert {
  readonly kind: 'assert';
  readonly test: IrExpr;
  readonly message?: IrExpr;
  readonly range: SourceRange;
}


/** `with a as x, b:` over context managers the engine knows to be harmless (`np.errstate`). */
export interface IrWith {
  readonly kind: 'with';
  readonly items: readonly { readonly context: IrExpr; readonly target?: IrTarget; readonly range: SourceRange }[];
  readonly body: readonly IrStmt[];
  readonly range: SourceRange;
}

/**
 * `match subject:` (Python's structural pattern matching). `subject` is evaluated once, then `cases`
 * run: an if/elif chain, one `if` per `case`, whose tests read that value through `matchSubject`
 * expressions (a pattern is a test on it: comparisons, `isinstance`, `len`, indexing, attributes;
 * a capture is an assignment inside the test, an `effect`, so a guard sees it). The subject is held
 * by the statement, not by a name, so a capture that rebinds the subject's name (`match x: case
 * [x]:`) leaves the value the later cases test unchanged, as in Python.
 */
export interface IrMatch {
  readonly kind: 'match';
  readonly subject: IrExpr;
  readonly cases: readonly IrStmt[];
  readonly range: SourceRange;
}

/**
 * A construct the engine will not run (`import os`, `eval(...)`, a `match`, …). Like Python's own
 * errors, it fails, with `message` at `range`, only when an evaluation reaches it.
 */
export interface IrUnsupportedStmt {
  readonly kind: 'unsupported';
  readonly construct: string;
  readonly message: string;
  readonly range: SourceRange;
}

export type IrTarget =
  | { readonly kind: 'name'; readonly name: string; readonly range: SourceRange }
  /**
   * `a, b = v`: exactly as many values as names (Python). `positional`: JavaScript's `[a, , b] = v`,
   * by position — values past the names are ignored, names past the values get undefined (a hole is
   * the name `#hole`, which no program can spell).
   */
  | { readonly kind: 'tuple'; readonly elements: readonly IrTarget[]; readonly positional?: true; readonly range: SourceRange }
  | { readonly kind: 'index'; readonly object: IrExpr; readonly index: IrExpr; readonly range: SourceRange }
  | { readonly kind: 'attribute'; readonly object: IrExpr; readonly name: string; readonly property?: true; readonly range: SourceRange };
