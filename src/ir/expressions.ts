import type { SourceRange } from '../core/sourceRange';
import type { IrFunction, IrParam } from './nodes';
import type { IrStmt, IrTarget } from './statements';

/** The IR's expressions (ir/nodes.ts describes the IR as a whole). */

/**
 * `&`, `|`, `^` and `~` are the bitwise operators of both languages: on booleans and boolean arrays
 * they are logical (numpy's masks), on integers bitwise within 32 bits, where Python and JavaScript
 * agree; anything else is refused when it runs (engine/interpreter/bitwise.ts).
 */
export type IrBitwiseOp = '&' | '|' | '^';
export type IrBinaryOp = '+' | '-' | '*' | '/' | '**' | '//' | '%' | '@' | IrBitwiseOp;
export type IrUnaryOp = '-' | '+' | 'not' | '~';
export type IrCompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=' | 'in' | 'not in' | 'is' | 'is not';

export type IrExpr =
  | IrNumber
  | IrBool
  | IrNone
  | IrString
  | IrName
  | IrIntrinsic
  | IrBinary
  | IrSum
  | IrUnary
  | IrCompare
  | IrLogical
  | IrConditional
  | IrCall
  | IrSequence
  | IrIndex
  | IrSlice
  | IrEllipsis
  | IrAttribute
  | IrLambda
  | IrSuper
  | IrFunctionExpr
  | IrEffect
  | IrErrorType
  | IrNotImplemented
  | IrComprehension
  | IrDict
  | IrTemplate
  | IrSpread
  | IrMatchSubject
  | IrUnsupportedExpr;

export interface IrNumber {
  readonly kind: 'number';
  readonly value: number;
  /** An integer literal past 2**53, exactly, in decimal (`value` is its nearest float64). */
  readonly integer?: string;
  /**
   * Written as a float (`2.0`, `1e3`, `.5`) in a language with integers and floats apart (Python): a
   * list holding one makes a float array in numpy, though its value may be whole.
   */
  readonly float?: true;
  readonly range: SourceRange;
}

export interface IrBool {
  readonly kind: 'bool';
  readonly value: boolean;
  readonly range: SourceRange;
}

export interface IrNone {
  readonly kind: 'none';
  readonly range: SourceRange;
}

/** Strings appear only as arguments (`np.linalg.norm(x, ord='fro')`, `astype('float')`). */
export interface IrString {
  readonly kind: 'string';
  readonly value: string;
  readonly range: SourceRange;
}

export interface IrName {
  readonly kind: 'name';
  readonly name: string;
  readonly range: SourceRange;
}

/** A library function by its language-neutral name (see `intrinsics.ts`). */
export interface IrIntrinsic {
  readonly kind: 'intrinsic';
  readonly name: string;
  /**
   * The library raises where the function has no value (Python's `math.sqrt(-1)`: ValueError), where
   * numpy's spelling gives nan and goes on: an np.where branch must not defer such an error.
   */
  readonly raises?: boolean;
  readonly range: SourceRange;
}

export interface IrBinary {
  readonly kind: 'binary';
  readonly op: IrBinaryOp;
  readonly left: IrExpr;
  readonly right: IrExpr;
  readonly range: SourceRange;
}

/**
 * `t₀ ± t₁ ± … ± tₙ` read as one flat chain (a generated polynomial of 10,000 terms): the left-deep
 * tree of binary `+`/`−` it stands for, evaluated left to right as that tree is, without a level
 * per term. Front ends make it only for chains too long for a tree (frontends/shared/longSums.ts).
 */
export interface IrSum {
  readonly kind: 'sum';
  readonly terms: readonly IrExpr[];
  /** `ops[i]` joins the terms before it to `terms[i + 1]`. */
  readonly ops: readonly ('+' | '-')[];
  readonly range: SourceRange;
}

export interface IrUnary {
  readonly kind: 'unary';
  readonly op: IrUnaryOp;
  readonly operand: IrExpr;
  readonly range: SourceRange;
}

/** `a < b <= c`: chained as Python chains them; each operand evaluated once. */
export interface IrCompare {
  readonly kind: 'compare';
  readonly ops: readonly IrCompareOp[];
  readonly operands: readonly IrExpr[];
  readonly range: SourceRange;
}

/** Short-circuit `and`/`or`, returning an operand as Python does. */
export interface IrLogical {
  readonly kind: 'logical';
  readonly op: 'and' | 'or';
  readonly left: IrExpr;
  readonly right: IrExpr;
  readonly range: SourceRange;
}

export interface IrConditional {
  readonly kind: 'conditional';
  readonly test: IrExpr;
  readonly then: IrExpr;
  readonly else: IrExpr;
  readonly range: SourceRange;
}

export interface IrKeywordArg {
  readonly name: string;
  readonly value: IrExpr;
  readonly range: SourceRange;
}

export interface IrCall {
  readonly kind: 'call';
  readonly callee: IrExpr;
  /** May hold `spread` elements (`f(*xs)`). */
  readonly args: readonly IrExpr[];
  readonly keywords: readonly IrKeywordArg[];
  /** `f(**options)`: dicts whose entries are passed as keyword arguments. */
  readonly keywordSpreads?: readonly IrExpr[];
  readonly range: SourceRange;
}

/** List, tuple and set displays (may hold `spread` elements). A function returning a tuple or list has a Jacobian. */
export interface IrSequence {
  readonly kind: 'list' | 'tuple' | 'set';
  readonly elements: readonly IrExpr[];
  readonly range: SourceRange;
}

/** `x[i]`, `A[i, j]` (index is a tuple), `x[a:b]` (index is a slice). */
export interface IrIndex {
  readonly kind: 'index';
  readonly object: IrExpr;
  readonly index: IrExpr;
  readonly range: SourceRange;
}

export interface IrSlice {
  readonly kind: 'slice';
  readonly lower?: IrExpr;
  readonly upper?: IrExpr;
  readonly step?: IrExpr;
  readonly range: SourceRange;
}

/** `...` inside brackets (`x[..., 0]`, `x[...] = 0`): every axis the other indices leave. */
export interface IrEllipsis {
  readonly kind: 'ellipsis';
  readonly range: SourceRange;
}

/** Attribute of a value, not of a module: `A.T`, `x.shape`, `x.dot` (then called). */
export interface IrAttribute {
  readonly kind: 'attribute';
  readonly object: IrExpr;
  readonly name: string;
  /**
   * A property access of a language whose objects are dicts (JavaScript's `o.x`, the same as
   * `o['x']`): on a dict it reads (or, as a target, writes) the entry keyed by the name, undefined
   * (none) when there is none; on any other value it is the attribute. Absent: Python's `o.x`, where
   * a dict's attributes are its methods.
   */
  readonly property?: true;
  readonly range: SourceRange;
}

export interface IrLambda {
  readonly kind: 'lambda';
  readonly params: readonly IrParam[];
  readonly body: IrExpr;
  readonly range: SourceRange;
}

/**
 * Python's `super()` inside a method (JavaScript's `super`): the receiver, with attribute lookup
 * starting after the method's own class in the receiver's method-resolution order.
 */
export interface IrSuper {
  readonly kind: 'super';
  readonly range: SourceRange;
}

/**
 * A function with a statement body used as a value (a JavaScript function expression or a block-bodied
 * arrow): a closure over the enclosing locals, as a nested `def` is. With `selfBinding`, its own name is
 * visible inside it (a named function expression calling itself) and nowhere else.
 */
export interface IrFunctionExpr {
  readonly kind: 'function';
  readonly fn: IrFunction;
  readonly selfBinding: boolean;
  readonly range: SourceRange;
}

/** A built-in exception type (`ValueError`, `ZeroDivisionError`): raised, caught, compared. */
export interface IrErrorType {
  readonly kind: 'errorType';
  readonly name: string;
  readonly range: SourceRange;
}

/**
 * What an operator method returns to decline an operation (Python's `NotImplemented`): the
 * interpreter then tries the other operand's reflected method (`__radd__` after `__add__`), and a
 * comparison falls back as Python's does (`==` to identity, `!=` to the negated `__eq__`).
 */
export interface IrNotImplemented {
  readonly kind: 'notImplemented';
  readonly range: SourceRange;
}

/**
 * `[e for x in xs if c]`, `{k: v for …}`, `{e for …}`, `(e for …)` (a generator is evaluated to a
 * list: nothing observable differs for the code GradLens runs). Clauses nest left to right; the
 * targets are the comprehension's own variables.
 */
export interface IrComprehension {
  readonly kind: 'comprehension';
  readonly result: 'list' | 'set' | 'dict' | 'generator';
  readonly element: IrExpr;
  /** Dict comprehensions: the key (`element` is the value). */
  readonly key?: IrExpr;
  readonly clauses: readonly IrClause[];
  readonly range: SourceRange;
}

export type IrClause =
  | { readonly kind: 'for'; readonly target: IrTarget; readonly iterable: IrExpr; readonly range: SourceRange }
  | { readonly kind: 'if'; readonly test: IrExpr; readonly range: SourceRange };

/** A dict (JavaScript: an object literal): entries in order, `**other` / `...other` as spreads. */
export interface IrDict {
  readonly kind: 'dict';
  readonly entries: readonly IrDictEntry[];
  readonly range: SourceRange;
}

export type IrDictEntry = { readonly key: IrExpr; readonly value: IrExpr } | { readonly spread: IrExpr };

/** An f-string (JavaScript: a template literal): text and formatted fields. Strings are carried, never differentiated. */
export interface IrTemplate {
  readonly kind: 'template';
  readonly parts: readonly (string | IrTemplateField)[];
  readonly range: SourceRange;
}

export interface IrTemplateField {
  readonly value: IrExpr;
  /** `!r`, `!s`, `!a`. */
  readonly conversion?: string;
  /** The format spec after `:` (`.3f`), itself possibly a template. */
  readonly spec?: IrExpr;
}

/** `*xs` inside a call's arguments or a display (JavaScript: `...xs`). */
export interface IrSpread {
  readonly kind: 'spread';
  readonly value: IrExpr;
  readonly range: SourceRange;
}

/**
 * Statements run for their effects, then `value` (evaluated after them) is the result: an assignment
 * or an increment inside an expression (`(t = +t) * t`, `--t`), the comma operator. Names the
 * statements assign are locals of the enclosing function as any assignment's are.
 */
export interface IrEffect {
  readonly kind: 'effect';
  readonly stmts: readonly IrStmt[];
  readonly value: IrExpr;
  readonly range: SourceRange;
}

/**
 * The value of the subject of the innermost `match` statement whose case tests hold this expression
 * (IrMatch); it appears only in those tests, never in a case's body.
 */
export interface IrMatchSubject {
  readonly kind: 'matchSubject';
  readonly range: SourceRange;
}

export interface IrUnsupportedExpr {
  readonly kind: 'unsupported';
  readonly construct: string;
  readonly message: string;
  readonly range: SourceRange;
}
