import { ownValue } from '../core/keyed';
import type { FunctionReport } from '../report/report';
import { formatValue } from '../report/format';

/** What "Copy Gradient" puts on the clipboard. Pure, so unit tests check it without an editor. */

/** The gradient in three notations, at full precision. */
export function gradientAs(format: 'json' | 'python' | 'latex', fn: FunctionReport): string {
  const g = fn.result!.gradient!;
  const params = fn.params.filter((p) => ownValue(g, p) !== undefined);
  const full = (v: unknown): string => formatValue(v, 17).replace(/−/g, '-').replace(/∞/g, 'inf');
  switch (format) {
    case 'json':
      return JSON.stringify(Object.fromEntries(params.map((p) => [p, ownValue(g, p)])));
    case 'python':
      return params.length === 1 ? JSON.stringify(ownValue(g, params[0]!)) : `(${params.map((p) => JSON.stringify(ownValue(g, p))).join(', ')})`;
    case 'latex': {
      const cell = (v: unknown): string => (Array.isArray(v) ? `\\begin{bmatrix} ${v.map((x) => (Array.isArray(x) ? x.map(full).join(' & ') : full(x))).join(' \\\\ ')} \\end{bmatrix}` : full(v));
      const at = params.map((p) => full(ownValue(fn.point!.values, p))).join(', ');
      return `\\nabla ${fn.name}(${at}) = \\begin{pmatrix} ${params.map((p) => cell(ownValue(g, p))).join(' \\\\ ')} \\end{pmatrix}`;
    }
  }
}

