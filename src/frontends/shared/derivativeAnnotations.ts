import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import type { SourceRange } from '../../core/sourceRange';
import type { IrClass } from '../../ir/nodes';
import { unknownWrt, wrtChoices } from '../../ir/receiverInputs';

/**
 * What `@gradient-of f wrt W` and `@wrt W, b` say, read the same way by every front end (`#` in
 * Python, `//` in TypeScript/JavaScript): the function a derivative is of, the parameters it is the
 * derivative with respect to, and the parameters a function is differentiated in.
 */
export interface DerivativeAnnotations {
  /** `@gradient-of f`, by the annotated function's first line. */
  readonly gradientOf: Map<number, string>;
  /** `@gradient-of f wrt W, b`: the parameters named after `wrt`, by the function's first line. */
  readonly gradientWrt: Map<number, string[]>;
  /** `@wrt W` or `@at …; wrt W`: the parameters to differentiate, by the function's first line. */
  readonly wrt: Map<number, string[]>;
}

/** `W, b` (or `W b`, or an attribute `self.w`) to names, or undefined when it is not a list of names. */
export function wrtNames(text: string): string[] | undefined {
  const names = text.split(/[\s,]+/).filter((n) => n !== '');
  return names.length > 0 && names.every((n) => /^[\p{L}_$][\p{L}\p{M}\p{N}_$]*(?:\.[\p{L}_$][\p{L}\p{M}\p{N}_$]*)?$/u.test(n)) ? names : undefined;
}

/** `f`, `Class.method`, `f wrt W, b`: the function and the parameters, or which part is malformed. */
export function parseGradientOf(rest: string): { name: string; wrt?: string[] } | { malformed: 'name' | 'wrt' } {
  const m = /^\s*([\p{L}_$][\p{L}\p{M}\p{N}_$.]*)\s*(?:\bwrt\b(.*))?$/u.exec(rest);
  if (!m) return { malformed: 'name' };
  if (m[2] === undefined) return { name: m[1]! };
  const wrt = wrtNames(m[2]);
  return wrt ? { name: m[1]!, wrt } : { malformed: 'wrt' };
}

/** A function as annotations see it: its name, parameters and first line. */
export interface AnnotatedFunction {
  readonly name: string;
  readonly params: readonly string[];
  readonly firstLine: number;
  /** An instance method: `@wrt self.w` may name an attribute of its instance (ir/receiverInputs.ts). */
  readonly hasInstance?: boolean;
}

/**
 * `@wrt W, b` (after `comment`, `#` or `//`): only these parameters are differentiated; each must be
 * one of the function's. Recorded in `out.wrt`, or what is wrong with it in `problems`.
 */
export function readWrt(text: string, fn: AnnotatedFunction, comment: string, range: SourceRange, out: DerivativeAnnotations, problems: Diagnostic[]): void {
  const names = wrtNames(text);
  if (!names) {
    problems.push(diagnostic('error', 'syntax', `malformed annotation: expected parameter names, as in \`${comment} @wrt W, b\``, range));
    return;
  }
  const unknown = unknownWrt(names, fn);
  if (unknown !== undefined) {
    problems.push(diagnostic('error', 'point', `@wrt names ${unknown}, which ${wrtChoices(fn)}`, range));
    return;
  }
  out.wrt.set(fn.firstLine, names);
}

/** The derivative annotations found for the function starting on `firstLine`, added to its IR. */
export function withDerivativeAnnotations<F extends { readonly gradientOf?: string; readonly gradientWrt?: readonly string[]; readonly wrt?: readonly string[] }>(
  fn: F,
  annotations: DerivativeAnnotations,
  firstLine: number,
): F {
  const gradientOf = annotations.gradientOf.get(firstLine);
  const gradientWrt = annotations.gradientWrt.get(firstLine);
  const wrt = annotations.wrt.get(firstLine);
  return gradientOf || gradientWrt || wrt ? { ...fn, ...(gradientOf ? { gradientOf } : {}), ...(gradientWrt ? { gradientWrt } : {}), ...(wrt ? { wrt } : {}) } : fn;
}

/** Each method's annotations (`@wrt self.w` / `@wrt this.k` among them) on its IR, keyed by the method's own line: the lens differentiates what it says. */
export function classesWithDerivativeAnnotations(classes: readonly IrClass[], annotations: DerivativeAnnotations): IrClass[] {
  return classes.map((c) => ({ ...c, methods: c.methods.map((m) => ({ ...m, fn: withDerivativeAnnotations(m.fn, annotations, m.fn.range.start.line) })) }));
}
