import type { PointValue } from '../engine/run';

/** How numbers read in a lens: short, but enough digits to tell two gradients apart. */
export function formatNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e6 || abs < 1e-4) return x.toExponential(digits - 1).replace('-', '−');
  return String(Number(x.toFixed(digits))).replace('-', '−');
}

/** A number, or a list (parameter values and their gradients) in brackets, as Python prints lists. */
export function formatValue(v: unknown, digits = 4): string {
  if (typeof v === 'number') return formatNumber(v, digits);
  if (Array.isArray(v)) return `[${v.map((x) => formatValue(x, digits)).join(', ')}]`;
  return String(v);
}

/** Several values side by side: a tuple output, or a gradient over several parameters. */
export function formatTuple(values: readonly unknown[], digits = 4): string {
  return `(${values.map((x) => formatValue(x, digits)).join(', ')})`;
}

export function formatPoint(values: Readonly<Record<string, PointValue>>, params: readonly string[]): string {
  return params.filter((p) => values[p] !== undefined).map((p) => formatValue(values[p], 6)).join(', ');
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';

/** `∂f/∂x2` → `∂f/∂x₂`: digits that end a variable name read as subscripts, as on paper. */
export function withSubscripts(name: string): string {
  return name.replace(/([A-Za-z])(\d+)/g, (_m, letter: string, digits: string) => letter + [...digits].map((d) => SUBSCRIPTS[Number(d)]).join(''));
}
