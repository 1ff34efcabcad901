import { ownValue } from '../core/keyed';
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

export function formatPoint(
  values: Readonly<Record<string, PointValue>>,
  params: readonly string[],
  format: (v: unknown, digits: number) => string = formatValue,
): string {
  return params.filter((p) => ownValue(values, p) !== undefined).map((p) => format(ownValue(values, p), 6)).join(', ');
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';

/** `∂f/∂x2` → `∂f/∂x₂`: digits that end a variable name read as subscripts, as on paper. */
export function withSubscripts(name: string): string {
  return name.replace(/([A-Za-z])(\d+)/g, (_m, letter: string, digits: string) => letter + [...digits].map((d) => SUBSCRIPTS[Number(d)]).join(''));
}

/** Entries a list may have before a lens or hover shows a summary (shape, norm, largest entries). */
export const MAX_LISTED_ENTRIES = 6;

/** `2×6` for a nested list of 2 rows of 6. */
export function shapeText(v: unknown): string {
  return shapeOf(v).join('×');
}

function shapeOf(v: unknown): number[] {
  const shape: number[] = [];
  let cur = v;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    cur = cur[0];
  }
  return shape;
}

function flatEntries(v: unknown, path: number[] = [], out: { path: number[]; x: number }[] = []): { path: number[]; x: number }[] {
  if (typeof v === 'number') out.push({ path, x: v });
  else if (Array.isArray(v)) v.forEach((item, i) => flatEntries(item, [...path, i], out));
  return out;
}

/** How many numbers a value holds (a number is one, a nested list its leaves). */
export function countEntries(v: unknown): number {
  return typeof v === 'number' ? 1 : Array.isArray(v) ? v.reduce((n: number, x) => n + countEntries(x), 0) : 0;
}

/**
 * A value as a lens shows it: numbers and short lists in full; a larger array as its shape, its
 * norm and its largest entries, e.g. `5×5, ‖·‖ = 3.2163, max |·| 1.2 at [0, 3]`.
 */
export function summarizeValue(v: unknown, digits = 4): string {
  if (!Array.isArray(v)) return formatValue(v, digits);
  const entries = flatEntries(v);
  if (entries.length <= MAX_LISTED_ENTRIES) return formatValue(v, digits);
  const norm = Math.sqrt(entries.reduce((s, e) => s + e.x * e.x, 0));
  const largest = [...entries].sort((a, b) => Math.abs(b.x) - Math.abs(a.x)).slice(0, 2);
  const tops = largest.map((e) => `${formatNumber(e.x, digits)} at [${e.path.join(', ')}]`).join(', ');
  return `[${shapeOf(v).join('×')}, ‖·‖ = ${formatNumber(norm, digits)}, largest ${tops}]`;
}
