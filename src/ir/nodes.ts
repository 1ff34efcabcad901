import type { Diagnostic } from '../core/diagnostic';
import type { PointTree } from '../core/pointTree';
import type { SourceRange } from '../core/sourceRange';
import type { IrBinaryOp, IrCompareOp, IrExpr } from './expressions';
import type { IrStmt } from './statements';

/**
 * The one IR every front end lowers to and the engine interprets. Plain data (JSON-serialisable but
 * for `number` values such as `Infinity`), language-neutral, and every node carries the range of
 * source it came from, so that a result, an error or a graph node can point back into the text.
 *
 * Language knowledge stays in the front ends: `np.sin`, `math.sin`, `Math.sin` and `sin` (after
 * `from math import sin`) all arrive here as the intrinsic `sin`; `np.pi` arrives as a number.
 */

export type * from './statements';
export type * from './expressions';

/**
 * This file: modules, functions, classes, points. Statements are in `statements.ts`, expressions in
 * `expressions.ts`; everything is imported from here.
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
  /** A destructured parameter (`{ m, v }`), named by its position (`arg0`): the pattern's text, for messages. */
  readonly pattern?: string;
  /**
   * The type its source states, as written: TypeScript's `v: Vector3`, JSDoc's `@param {Vector3} v`.
   * A class of that name is the parameter's class (ir/parameterClasses.ts).
   */
  readonly type?: string;
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
   * Such a method's receiver name (`self`, `this`) and the attributes it reads there, itself or through
   * its class's methods (ir/instanceParameters.ts `receiverFields`): `wrt` naming the receiver alone
   * differentiates those holding numbers, and a method with no parameters of its own is differentiated
   * so by default (`length()` → `{"this": {"x": …, "y": …}}`).
   */
  readonly receiver?: { readonly name: string; readonly fields: readonly string[] };
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
   * A generator: its front end made each `yield` an append to a list of its own, and each way out
   * `return iter(list)`. The interpreter names it when the step budget runs out inside it (a
   * generator that does not finish).
   */
  readonly generator?: true;
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
  /** Written by the front end, not the user (a dataclass's `__eq__`, a NamedTuple's `_asdict`): no lens of its own. */
  readonly synthesized?: true;
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
  | { readonly kind: 'setter'; readonly attribute: string }
  /** Walking the instance (`for v in obj`, `list(obj)`, `sum(obj)`): what it returns is walked instead (`__iter__`). */
  | { readonly kind: 'iterate' };

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
  /**
   * A call whose arguments are computed (`loss(init_params, X, y)` after `init_params = np.zeros(D)`):
   * they are the module constant `constant` (a hidden name), a tuple of the positional arguments and
   * then the values of the keywords named; the analysis evaluates it for the point's values.
   */
  readonly evaluated?: { readonly constant: string; readonly keywords: readonly string[] };
  readonly range: SourceRange;
}

/** A number, a nested list, or an object of named values (`p={x: 1, y: 2}`): see `core/pointTree.ts`. */
export type IrPointValue = PointTree;
