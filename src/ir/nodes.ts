import type { Diagnostic } from '../core/diagnostic';
import type { PointTree } from '../core/pointTree';
import type { SourceRange } from '../core/sourceRange';

/**
 * The one IR every front end lowers to and the engine interprets. Plain data (JSON-serialisable but
 * for `number` values such as `Infinity`), language-neutral, and every node carries the range of
 * source it came from, so that a result, an error or a graph node can point back into the text.
 *
 * Language knowledge stays in the front ends: `np.sin`, `math.sin`, `Math.sin` and `sin` (after
 * `from math import sin`) all arrive here as the intrinsic `sin`; `np.pi` arrives as a number.
 */

export type Language = 'python' | 'typescript' | 'math';

export interface IrModule {
  readonly language: Language;
  readonly uri: string;
  readonly functions: readonly IrFunction[];
  /** Classes defined at module level (Python `class`; later JavaScript classes), see `IrClass`. */
  readonly classes?: readonly IrClass[];
  /**
   * Module-level names bound to a function made at module level: a lambda (`f = lambda x: …`) or
   * what a factory returns (`loss = make_loss(X, y)`, whose body returns a nested def). Listed
   * under the name, they run by evaluating `value` (module constants only) and calling the result.
   */
  readonly boundFunctions?: readonly IrBoundFunction[];
  /**
   * Imports of modules that are no library the front end knows (`from .losses import mse`,
   * `from mypkg.utils import helper`): perhaps files of the user's own, which the analysis resolves
   * through a module source provider (analysis/moduleImports.ts). Their names are ordinary names
   * in the IR; the engine binds them to the other module's values.
   */
  readonly imports?: readonly IrModuleImport[];
  /**
   * Module-level bindings visible to every function unless shadowed: imported intrinsics
   * (`from math import sin`), builtins (`abs`, `len`), module constants (`ALPHA = 0.5`).
   */
  readonly globals: readonly IrGlobal[];
  /** Points found in the file: annotations and call sites, in document order. */
  readonly points: readonly IrPoint[];
  /** Problems outside any function (a syntax error between two defs, an unsupported import). */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Whether a list given for a parameter at a point (`@at x=[[1, 2], [3, 4]]`, `--at`) is passed as a
   * numpy array rather than a list: true for a Python file that imports numpy.
   */
  readonly listsAreArrays?: boolean;
  /**
   * When a parameter's default is evaluated. Absent: once, when the definition runs, as Python does
   * (`def f(x, acc=[])` shares one list across the calls of a run; a nested `def` or a `lambda` run
   * again makes new defaults). `per call`: at every call that lacks the argument, as JavaScript does.
   */
  readonly defaultsEvaluated?: 'per call';
}

export type IrGlobal =
  | { readonly kind: 'intrinsic'; readonly name: string; readonly intrinsic: string; readonly raises?: boolean; readonly range: SourceRange }
  | { readonly kind: 'constant'; readonly name: string; readonly value: IrExpr; readonly range: SourceRange };

export interface IrParam {
  readonly name: string;
  readonly default?: IrExpr;
  /**
   * Absent: positional or keyword. `varargs` collects extra positional arguments in a tuple (`*args`,
   * JavaScript's `...rest`); `kwonly` is keyword-only (after `*`); `varkw` collects extra keywords in
   * a dict (`**kwargs`).
   */
  readonly kind?: 'varargs' | 'kwonly' | 'varkw';
  readonly range: SourceRange;
}

export interface IrFunction {
  readonly name: string;
  readonly params: readonly IrParam[];
  readonly body: readonly IrStmt[];
  /** The whole definition. */
  readonly range: SourceRange;
  /** Just the name, for lenses and hovers. */
  readonly nameRange: SourceRange;
  /**
   * Problems found while lowering. A syntax error here stops the whole function (nothing of it runs);
   * an `unsupported` error at the range of an `unsupported` node is that node's, raised only when an
   * evaluation reaches it; `info` notes (an ignored decorator) are shown only to whoever asks.
   */
  readonly diagnostics: readonly Diagnostic[];
  /** Names this function says it is the gradient of (`# @gradient-of f`), for gradient checks. */
  readonly gradientOf?: string;
  /** `# @gradient-of f wrt W, b`: the parameters of `gradientOf` it is the derivative with respect to. */
  readonly gradientWrt?: readonly string[];
  /** `# @wrt W` (or `# @at …; wrt W`): differentiate only these parameters; the others are constants. */
  readonly wrt?: readonly string[];
  /**
   * A method listed as `Class.method` that runs on an instance: `wrt` may name the instance's
   * attributes (`self.w`, ir/receiverInputs.ts) beside its parameters.
   */
  readonly hasInstance?: boolean;
  /**
   * JavaScript's calling convention: arguments past the parameters are dropped, and a parameter with
   * no argument (or `undefined`) takes its default, else undefined. Without it, Python's: either is an
   * arity error.
   */
  readonly looseArity?: boolean;
  /**
   * A local bound, at each call, to the list of the arguments as passed (JavaScript's `arguments`
   * beside named parameters: `arguments.length` counts what the caller passed, extras included).
   */
  readonly argumentsName?: string;
  /**
   * Its documentation as written (a Python docstring, without quotes): shape inference reads the
   * parameters' shapes from it (`X : ndarray of shape (n_samples, n_features)`; analysis/shapes/docShapes.ts).
   */
  readonly doc?: string;
}

// ---------------------------------------------------------------------------------------------------
// Objects

/**
 * A class, language-neutral. Calling the class value constructs an instance (Python `C(...)`,
 * JavaScript `new C(...)`): a fresh object whose attributes the constructor method assigns. Attribute
 * reads look at the instance first, then the class and its bases in method-resolution order
 * (Python's C3; single inheritance is the chain). Getter methods run on read; instance methods read
 * from an instance are bound to it.
 *
 * How front ends map onto it:
 * - Python: `__init__` is the constructor role, `__call__` the call role, `__add__`/`__radd__`/…
 *   binary roles, `__neg__` the unary role, `__lt__`/… compare roles; `@staticmethod`,
 *   `@classmethod`, `@property` the bindings; `@dataclass` fields become a synthesized `__init__`.
 * - JavaScript/TypeScript: `constructor` is the constructor role and its methods take the receiver
 *   as an explicit first parameter named `this` (the front end adds it); `static m()` is a static
 *   method, `static x = 1` a class attribute, `get x()` a getter; instance field initialisers
 *   (`x = 1` in the body) are prepended to the constructor as `this.x = 1`; `super(...)` is the
 *   `super` expression's constructor called, `super.m()` its method. An object literal is a dict
 *   (`IrDict`) and `o.x` an attribute marked `property`, which reads a dict's entry.
 */
export interface IrClass {
  readonly name: string;
  /** The base classes as written (names, or library attributes the engine may not know). */
  readonly bases: readonly IrExpr[];
  /** Class-level attributes in order (`alpha = 0.1`), evaluated in the module's scope. */
  readonly attributes: readonly IrClassAttribute[];
  readonly methods: readonly IrMethod[];
  readonly range: SourceRange;
  readonly nameRange: SourceRange;
  /** Problems in the class body outside its methods (they make the class fail when it is used). */
  readonly diagnostics: readonly Diagnostic[];
  /** Instances refuse attribute assignment after construction (Python's frozen `@dataclass`). */
  readonly frozen?: IrFrozen;
  /**
   * An object of this class is a tuple of these fields in order (Python's `typing.NamedTuple`): indexed,
   * unpacked, iterated, compared and hashed as a tuple, its fields also read by name, its methods
   * called with the tuple as their receiver. The constructor's attribute assignments give the fields.
   */
  readonly tupleFields?: readonly string[];
}

/**
 * Python's frozen `@dataclass`: assigning an attribute of an instance raises `FrozenInstanceError` at the
 * assignment — any attribute of an instance of exactly this class, only a field of a subclass's, as
 * CPython's generated `__setattr__` decides. The constructor stores through the intrinsic
 * `object_setattr` (Python's `object.__setattr__`), which no class hook sees.
 */
export interface IrFrozen {
  readonly fields: readonly string[];
}

export interface IrClassAttribute {
  readonly name: string;
  readonly value: IrExpr;
  readonly range: SourceRange;
}

/**
 * A method: a function of the class. `instance` and `getter` methods take the receiver as their first
 * parameter, `class` methods the class, `static` ones neither.
 */
export interface IrMethod {
  readonly fn: IrFunction;
  readonly binding: 'instance' | 'static' | 'class' | 'getter';
  /** What the interpreter dispatches to this method besides a call by name. */
  readonly role?: IrMethodRole;
  /** Another name for a method above it (`__radd__ = __add__` in a class body): the method it names. */
  readonly aliasOf?: string;
}

export type IrMethodRole =
  | { readonly kind: 'constructor' }
  /** Calling an instance (`__call__`). */
  | { readonly kind: 'call' }
  /** `a op b` with the instance on the left, or on the right when `reflected` (`__radd__`). */
  | { readonly kind: 'binary'; readonly op: IrBinaryOp; readonly reflected: boolean }
  | { readonly kind: 'unary'; readonly op: '-' | '+' }
  | { readonly kind: 'compare'; readonly op: IrCompareOp }
  /** `obj.attribute = value` calls it with (receiver, value): JavaScript's `set x(v)`. */
  | { readonly kind: 'setter'; readonly attribute: string };

export interface IrModuleImport {
  /** As written: Python's dotted path with its leading dots (`.losses`, `mypkg.utils`); JavaScript's `./g`. */
  readonly specifier: string;
  /** The names it binds: `{ imported: 'mse', local: 'mse' }` for `from .losses import mse`. */
  readonly names: readonly { readonly imported: string; readonly local: string }[];
  /**
   * The module itself bound to a name: `import helpers as hp` is `{ local: 'hp', attributes: [] }`;
   * `import pkg.mod` binds `pkg`, whose attribute `mod` is the module: `{ local: 'pkg', attributes: ['mod'] }`.
   */
  readonly module?: { readonly local: string; readonly attributes: readonly string[] };
  /** `from helpers import *`: every public name the module defines. */
  readonly star?: boolean;
  /**
   * `const g = require('./g')`: `module` is bound to what the file's `module.exports` is — its
   * `default` export when it assigned one value (`module.exports = f`), else the module itself.
   */
  readonly commonjs?: boolean;
  readonly range: SourceRange;
}

export interface IrBoundFunction {
  /** The module-level name (`loss`). */
  readonly name: string;
  /** What makes the function at run time: the lambda itself, or the factory's call. */
  readonly value: IrExpr;
  /**
   * The function `value` evaluates to, seen from outside: named `name`, with the parameters, body
   * and ranges of the nested def (or lambda) it is, so that lenses, points and hovers find it.
   */
  readonly fn: IrFunction;
  /** The assignment. */
  readonly range: SourceRange;
}

/** Where a point for a function comes from. Values are numbers or nested lists of numbers. */
export interface IrPoint {
  readonly function: string;
  /**
   * `shared`: `# @at-all S=100, K=105` anywhere at module level, or an `# @at` line attached to no
   * function before the first one: every function with those parameter names takes their values
   * (its own `@at` wins); `function` is empty.
   */
  readonly source: 'annotation' | 'call-site' | 'shared';
  /** Named values (annotation) or positional ones (call site, matched to parameters later). */
  readonly named?: Readonly<Record<string, IrPointValue>>;
  readonly positional?: readonly IrPointValue[];
  /**
   * For a method: how its instance is made (`# @at z=0.5; self: alpha=0.1`): values for the
   * constructor's parameters, the rest set as attributes after construction. Never differentiated.
   */
  readonly receiver?: Readonly<Record<string, IrPointValue>>;
  readonly range: SourceRange;
}

/** A number, a nested list, or an object of named values (`p={x: 1, y: 2}`): see `core/pointTree.ts`. */
export type IrPointValue = PointTree;

// ---------------------------------------------------------------------------------------------------
// Statements

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

// ---------------------------------------------------------------------------------------------------
// Expressions

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
