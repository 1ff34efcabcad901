import { nameTable } from '../../core/keyed';
import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import type { SourceRange } from '../../core/sourceRange';
import type { IrBinaryOp, IrCompareOp, IrExpr, IrUnsupportedExpr, IrUnsupportedStmt } from '../../ir/nodes';
import type { SourceView } from './parse';

/** What lowering needs around an expression: where problems go and which names mean what. */
export interface Context {
  readonly view: SourceView;
  readonly report: (d: Diagnostic) => void;
  /** Names bound by `import` (not `import type`): unknown to GradLens, so unsupported where used. */
  readonly imports: ReadonlyMap<string, string>;
  /** Module-level objects whose methods are functions here (`physics` → `physics.energy`). */
  readonly methodObjects: ReadonlySet<string>;
  /**
   * In a method of a module-level object (`const physics = { g: 9.81, energy(m, h) { return m * this.g * h; } }`),
   * the object `this` is: `this.g` reads `physics.g`, `this.energy(…)` calls `physics.energy`.
   */
  readonly thisObject?: string;
  /**
   * In a method of a class that extends a typed array (gl-matrix's `class Vec2 extends Float64Array`),
   * `this` is an array: `this.set(a)` is the typed array's method unless the class writes its own.
   */
  readonly thisIsArray?: boolean;
  /** Parameters and variables declared in the function: they shadow globals of the same name. */
  readonly locals: ReadonlySet<string>;
  /** Counts the temporaries made for values computed once (`a ?? b`, `x++`), per module. */
  readonly temps: { next: number };
  /**
   * Syntax nodes to be read as an IR expression already made (by `substituteKey`): the object of an
   * optional chain, which is evaluated once into a temporary before the access is lowered.
   */
  readonly substitutes: Map<string, IrExpr>;
  /** Functions declared in the enclosing function's body: properties set on them are skipped. */
  readonly localFunctions: ReadonlySet<string>;
  /** Classes declared at module level: `new C(…)` constructs one. */
  readonly classes: ReadonlySet<string>;
  /** Names bound at module level to a member of Math (`const { sqrt, PI } = Math`), to that member's name. */
  readonly mathAliases: Map<string, string>;
  /** Whether the file binds a name anywhere (undeclaredNames.ts): `typeof` of one it does not is 'undefined'. */
  readonly declared?: (name: string) => boolean;
  /** Module-level `var`/`let` names (moduleVariables.ts): a function assigning one writes the module's. */
  readonly moduleVariables?: ReadonlySet<string>;
}

/** `./g`, `../lib/g.js`: a file of the workspace (a bare `g` or `@scope/g` is a package, never read). */
export function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../');
}

/** A fresh context's shared parts. */
export function moduleContextParts(classes: ReadonlySet<string> = new Set()): Pick<Context, 'temps' | 'substitutes' | 'localFunctions' | 'classes' | 'mathAliases'> {
  return { temps: { next: 0 }, substitutes: new Map(), localFunctions: new Set(), classes, mathAliases: new Map() };
}

/** `&`, `|`, `^`: bitwise on 32-bit integers and logical on booleans, as the engine defines them for every language. */
export const BINARY: Readonly<Record<string, IrBinaryOp>> = nameTable({ '+': '+', '-': '-', '*': '*', '/': '/', '**': '**', '&': '&', '|': '|', '^': '^' });
export const COMPARE: Readonly<Record<string, IrCompareOp>> = nameTable({
  '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '==', '===': '==', '!=': '!=', '!==': '!=',
});
export const UPDATE: Readonly<Record<string, IrBinaryOp | '%'>> = nameTable({
  '+=': '+', '-=': '-', '*=': '*', '/=': '/', '**=': '**', '%=': '%', '&=': '&', '|=': '|', '^=': '^',
});

/** Statements GradLens refuses, with the reason given to the user. */
export const UNSUPPORTED_STATEMENTS: Readonly<Record<string, [string, string]>> = nameTable({
  ClassDeclaration: ['class', 'a class declared inside a function is not supported; declare it at module level'],
  WithStatement: ['with', '`with` is not supported'],
  DebuggerStatement: ['debugger', '`debugger` is not supported'],
  ImportDeclaration: ['import', '`import` inside a function is not supported'],
  ExportDeclaration: ['export', '`export` inside a function is not supported'],
});

export const UNSUPPORTED_EXPRESSIONS: Readonly<Record<string, [string, string]>> = nameTable({
  ClassExpression: ['class', 'a class expression is not supported; declare the class (`class Vec { … }`) at module level'],
  AwaitExpression: ['await', '`await` is not supported: GradLens differentiates synchronous functions'],
  YieldExpression: ['yield', 'generators (`yield`) are not supported; return an array instead'],
  DynamicImport: ['import()', '`import()` is not supported: GradLens reads static imports of workspace files (`import { f } from \'./g\'`) and never loads modules'],
  NewExpression: ['new', '`new` of this is not supported: GradLens builds classes of the workspace, typed arrays and `Array(n)`; write arrays as literals (`[0, 0, 0]`) or with `push`'],
  this: ['this', '`this` is only supported in methods: of a class, of an object literal, or set on a constructor function\'s prototype. A plain function another object calls as its method (a mixin, proj4\'s `forward(p)` reading `this.a`) is not one: GradLens cannot tell the object; pass what it reads as parameters, or make it a method of a class or object literal'],
  super: ['super', '`super` is only supported in the methods of a class'],
  RegExp: ['regexp', 'regular expressions are not supported'],
  TaggedTemplateExpression: ['template literal', 'tagged template literals (tag`…`) are not supported; plain template literals are'],
});

export function unsupportedExpr(ctx: Context, construct: string, message: string, range: SourceRange): IrUnsupportedExpr {
  ctx.report(diagnostic('error', 'unsupported', message, range));
  return { kind: 'unsupported', construct, message, range };
}

export function unsupportedStmt(ctx: Context, construct: string, message: string, range: SourceRange): IrUnsupportedStmt {
  ctx.report(diagnostic('error', 'unsupported', message, range));
  return { kind: 'unsupported', construct, message, range };
}

/** Code that does not parse: its syntax diagnostic is reported once, per function, elsewhere. */
export function broken(range: SourceRange): IrUnsupportedExpr {
  return { kind: 'unsupported', construct: 'syntax error', message: 'this code does not parse', range };
}

// ---------------------------------------------------------------------------------------------------
// Functions

/**
 * JavaScript's `a % b` takes the sign of `a` (truncated division); the IR's `%` is Python's, which
 * takes the sign of `b`. So it is the primitive `fmod`, whose value is the host's exact `%`
 * (`a - b * trunc(a / b)` rounds: 5.5 % 0.1 would be 0), with ∂/∂a = 1 and no zero-derivative flag.
 */
export function jsRemainder(a: IrExpr, b: IrExpr, range: SourceRange): IrExpr {
  return { kind: 'call', callee: { kind: 'intrinsic', name: 'fmod', range }, args: [a, b], keywords: [], range };
}
