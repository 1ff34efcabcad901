import type { Diagnostic } from '../core/diagnostic';
import type { IrExpr, IrFunction, IrStmt } from '../ir/nodes';
import { childStmts } from '../ir/walk';
import { callsOwnMethod } from './shapes/arithmetic';
import type { Refusal } from '../engine/interpreter/compile';

/**
 * Quiet by default: which problems GradLens publishes. A person who wants a derivative of a function
 * "asks about" it — a point for it in the file (an `@at`, a call site), a hand-written derivative
 * paired with it, or a point chosen with *Differentiate at Point…* — and only then does its failure
 * at that point, or a syntax error inside it, belong in the Problems panel. Everything else (imports
 * of modules GradLens does not model, unsupported constructs in functions nobody asked about) stays
 * out of it; such a function's lens may say quietly what stops it.
 */

/** Codes of module-level problems that concern no function anyone asked about. */
const QUIET_MODULE_CODES: ReadonlySet<Diagnostic['code']> = new Set(['unsupported', 'syntax', 'unknown-name', 'internal']);

/**
 * Module-level problems worth publishing: malformed annotations and points, an import cycle between
 * workspace files; not unread imports, not a second definition nobody asked about.
 */
export function loudModuleProblems(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => !QUIET_MODULE_CODES.has(d.code));
}

/**
 * Whether a function's code computes anything: an arithmetic operator, a library function, a call.
 * A function that only checks arguments, logs or builds strings gets no lens. Walks the IR as plain
 * data, so new node kinds count without being listed here.
 */
export function doesArithmetic(fn: IrFunction, userFunctions: ReadonlyMap<string, unknown>, methods?: ReadonlySet<string>): boolean {
  const seen = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(seen);
    if (node === null || typeof node !== 'object') return false;
    const kind = (node as { kind?: unknown }).kind;
    if (kind === 'binary' && !isText((node as { left: unknown }).left) && !isText((node as { right: unknown }).right)) return true;
    if (kind === 'augAssign') return true;
    // Library functions compute, except the ones that do nothing GradLens can see (print, logging).
    if (kind === 'intrinsic' && !['inert', 'nothing'].includes((node as { name?: string }).name!)) return true;
    if (kind === 'call') {
      const callee = (node as { callee: { kind: string; name?: string } }).callee;
      if (callee.kind === 'name' && userFunctions.has(callee.name!)) return true;
      if (callsOwnMethod(callee as IrExpr)) return true;
      // `this.center.add(offset)`: a method that computes, of a class of the file or its imports (shapes/arithmetic.ts).
      if (callee.kind === 'attribute' && methods?.has(callee.name!)) return true;
    }
    if (kind === 'unary' && (node as { op?: unknown }).op === '-') return true;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'range' || key === 'nameRange' || key === 'diagnostics') continue;
      if (value !== null && typeof value === 'object' && seen(value)) return true;
    }
    return false;
  };
  return seen(fn.body);
}

/** A string literal or an f-string: `'%s' % name` and `'a' + b` build text, not numbers. */
function isText(e: unknown): boolean {
  const kind = (e as { kind?: unknown }).kind;
  return kind === 'string' || kind === 'template';
}

/** `can't read warnings.warn (line 404)`: the first thing that would stop a function nobody asked about. */
export function quietReason(refusal: Refusal): string {
  return `can't read ${refusal.construct} (line ${refusal.error.range.start.line + 1})`;
}

/**
 * A factory: every `return` of the function's own body gives a function (a lambda, a function
 * expression, or a def of its body by name), or a tuple or list holding one, as `cubicTiming(x1, y1,
 * x2, y2)` returning its `timing`, or autograd's `make_ica_funs` its sizes and nested defs.
 * Its output is no number, so it gets no lens and no point; the functions it makes, bound at module
 * level (`export var standard = cubicTiming(…)`), are what gets them.
 */
export function returnsOnlyFunctions(fn: IrFunction): boolean {
  const defs = new Set<string>();
  const returns: IrExpr[] = [];
  const assigned = new Map<string, IrExpr[]>();
  const visit = (stmts: readonly IrStmt[]): void => {
    for (const s of stmts) {
      if (s.kind === 'def') defs.add(s.fn.name);
      else if (s.kind === 'return' && s.value) returns.push(s.value);
      else if (s.kind === 'assign' && s.target.kind === 'name') assigned.set(s.target.name, [...(assigned.get(s.target.name) ?? []), s.value]);
      else visit(childStmts(s));
    }
  };
  visit(fn.body);
  const isFunction = (e: IrExpr): boolean => valueKind(e, defs, assigned, 0) === 'function';
  // autograd's `return num_weights, sample, logprob, unpack_weights`: functions with their sizes.
  const makesFunctions = (e: IrExpr): boolean => isFunction(e) || ((e.kind === 'tuple' || e.kind === 'list') && e.elements.some(isFunction));
  return returns.length > 0 && returns.every(makesFunctions);
}

/**
 * Whether an expression of a factory's body is a function: a lambda, a function, a def, a local
 * bound only to functions, or a conditional choosing among them (d3-ease's bezier `f = dir === "out"
 * ? _out : b`, b a call's result: 'unknown', which a function beside it decides).
 */
function valueKind(e: IrExpr, defs: ReadonlySet<string>, assigned: ReadonlyMap<string, readonly IrExpr[]>, depth: number): 'function' | 'unknown' | 'other' {
  if (e.kind === 'lambda' || e.kind === 'function' || (e.kind === 'name' && defs.has(e.name))) return 'function';
  if (e.kind === 'call') return 'unknown';
  if (depth > 8) return 'other';
  const kinds = e.kind === 'name' ? (assigned.get(e.name) ?? []).map((v) => valueKind(v, defs, assigned, depth + 1)) : e.kind === 'conditional' ? [e.then, e.else].map((v) => valueKind(v, defs, assigned, depth + 1)) : ['other' as const];
  if (kinds.length === 0 || kinds.includes('other')) return 'other';
  return kinds.includes('function') ? 'function' : 'unknown';
}
