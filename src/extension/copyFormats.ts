import { ownValue } from '../core/keyed';
import { derivedNames } from '../report/format';
import type { FunctionReport } from '../report/report';

/**
 * What "Copy Gradient" puts on the clipboard: the gradient of a scalar function, the Jacobian of
 * one with several outputs. Full precision, in the notation it is pasted into (ASCII minus, `inf`).
 * Pure, so unit tests check it without an editor.
 */

export type CopyFormat = 'json' | 'python' | 'latex';

export const COPY_FORMATS: readonly { readonly label: string; readonly format: CopyFormat }[] = [
  { label: 'JSON', format: 'json' },
  { label: 'Python', format: 'python' },
  { label: 'LaTeX', format: 'latex' },
];

/** `∇f` or `the Jacobian of f`; undefined while there is neither. */
export function copiedName(fn: FunctionReport): string | undefined {
  return fn.result?.gradient ? `∇${fn.name}` : fn.result?.jacobian ? `the Jacobian of ${fn.name}` : undefined;
}

/** The picker's one-line preview of a format, with the function's own parameters: `{"x": …, "y": …}`. */
export function copyPreview(format: CopyFormat, fn: FunctionReport): string {
  const params = derivedParams(fn);
  switch (format) {
    case 'json':
      return `{${params.map((p) => `${JSON.stringify(p)}: …`).join(', ')}}`;
    case 'python':
      return params.length === 1 ? '…' : `(${params.map(() => '…').join(', ')})`;
    case 'latex':
      return fn.result?.gradient ? `\\nabla \\operatorname{${fn.name}}(…) = \\begin{pmatrix}…` : `J_{\\operatorname{${fn.name}}}(…) = \\begin{bmatrix}…`;
  }
}

function derivedParams(fn: FunctionReport): string[] {
  const byParam = fn.result?.gradient ?? fn.result?.jacobian ?? {};
  return derivedNames(fn.params, byParam);
}

const plain = (x: number): string => (Number.isFinite(x) ? String(x) : Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf');

/** The gradient (or Jacobian) in three notations, at full precision. */
export function gradientAs(format: CopyFormat, fn: FunctionReport): string {
  const r = fn.result!;
  const byParam = (r.gradient ?? r.jacobian)!;
  const params = derivedParams(fn);
  switch (format) {
    case 'json':
      return JSON.stringify(Object.fromEntries(params.map((p) => [p, ownValue(byParam, p)])));
    case 'python':
      return params.length === 1 ? JSON.stringify(ownValue(byParam, params[0]!)) : `(${params.map((p) => JSON.stringify(ownValue(byParam, p))).join(', ')})`;
    case 'latex': {
      // The point's values: the parameters'; an attribute (`self.w`) is no argument.
      const at = fn.params.filter((p) => ownValue(fn.point!.values, p) !== undefined).map((p) => latexValue(ownValue(fn.point!.values, p))).join(', ');
      const name = `\\operatorname{${fn.name}}`;
      if (r.gradient) return `\\nabla ${name}(${at}) = \\begin{pmatrix} ${params.map((p) => latexValue(ownValue(byParam, p))).join(' \\\\ ')} \\end{pmatrix}`;
      const rows = jacobianRows(r.value, params.map((p) => ownValue(byParam, p)));
      return `J_{${name}}(${at}) = \\begin{bmatrix} ${rows.map((row) => row.map(plain).join(' & ')).join(' \\\\ ')} \\end{bmatrix}`;
    }
  }
}

function latexValue(v: unknown): string {
  if (typeof v === 'number') return plain(v);
  if (!Array.isArray(v)) return String(v);
  return `\\begin{bmatrix} ${v.map((x) => (Array.isArray(x) ? x.map((y) => latexValue(y)).join(' & ') : latexValue(x))).join(' \\\\ ')} \\end{bmatrix}`;
}

function flat(v: unknown): number[] {
  return typeof v === 'number' ? [v] : Array.isArray(v) ? v.flatMap(flat) : [];
}

/**
 * The Jacobian as a matrix: one row per output number (the output's entries in order), one column
 * per input number. Each parameter's part holds, where the output has a number, that output's
 * derivative shaped like the parameter.
 */
export function jacobianRows(output: unknown, parts: readonly unknown[]): number[][] {
  if (typeof output === 'number') return [parts.flatMap(flat)];
  if (!Array.isArray(output)) return [];
  return output.flatMap((o, i) => jacobianRows(o, parts.map((p) => (Array.isArray(p) ? p[i] : undefined))));
}
