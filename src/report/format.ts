import { ownValue } from '../core/keyed';
import { isPointObject, isPointText, wordText } from '../core/pointTree';
import type { PointValue } from '../engine/run';
import { DEFAULT_PRECISION, formatNumber } from '../core/numberText';
import { visibleBidi } from '../protocol/visibleText';
import type { Language } from '../ir/nodes';

/**
 * Values as lenses, hovers, Problems and notifications print them: numbers through the one number
 * formatter (`core/numberText.ts`) at the `gradlens.precision` setting, lists as Python prints
 * them, large arrays summarized, tuples of differently shaped parts one part at a time.
 */

export { formatNumber };

/**
 * A number, a string in quotes, or a list (parameter values and their gradients) in brackets, as Python prints lists.
 * A boolean or None/null of a point is written in the file's own words: `True`/`False`/`None` in
 * Python, `true`/`false`/`null` in TypeScript/JavaScript (and where no language is given).
 */
export function formatValue(v: unknown, precision = DEFAULT_PRECISION, language?: Language): string {
  if (typeof v === 'number') return formatNumber(v, precision);
  if (Array.isArray(v)) return `[${v.map((x) => formatValue(x, precision, language)).join(', ')}]`;
  if (isPointObject(v)) return objectText(v, (x) => formatValue(x, precision, language));
  // A string of a point (`option_type="call"`) in quotes, its bidirectional controls made visible.
  if (typeof v === 'string') return visibleBidi(JSON.stringify(v));
  if (typeof v === 'boolean' || v === null) return wordText(v, language === 'python');
  return String(v);
}

/** An object parameter's value or gradient as JavaScript writes it: `{x: 1, y: [2, 3]}`. */
function objectText(v: Readonly<Record<string, unknown>>, part: (x: unknown) => string): string {
  return `{${Object.keys(v).map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${part(v[k])}`).join(', ')}}`;
}

/**
 * The names a result has derivatives for, in the order to show them: the parameters', then the
 * instance attributes a method's `@wrt self.w` added (their keys are `self.w`).
 */
export function derivedNames(params: readonly string[], byName: Readonly<Record<string, unknown>>): string[] {
  return [...params.filter((p) => ownValue(byName, p) !== undefined), ...Object.keys(byName).filter((k) => !params.includes(k))];
}

/** `x=2, y=[1, 2]` values of a point, in parameter order, each through `format` (booleans and None in `language`'s words). */
export function formatPoint(
  values: Readonly<Record<string, PointValue>>,
  params: readonly string[],
  precision: number,
  language: Language | undefined,
  format: (v: unknown, precision: number, language: Language | undefined) => string = formatValue,
): string {
  return params.filter((p) => ownValue(values, p) !== undefined).map((p) => format(ownValue(values, p), precision, language)).join(', ');
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';

/** `∂f/∂x2` → `∂f/∂x₂`: digits that end a variable name read as subscripts, as on paper. */
export function withSubscripts(name: string): string {
  return name.replace(/(\p{L})(\d+)/gu, (_m, letter: string, digits: string) => letter + [...digits].map((d) => SUBSCRIPTS[Number(d)]).join(''));
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

/** An n-d array: every element of a level has the shape of the first (a tuple `(2, A)` is not). */
function isRectangular(v: unknown): boolean {
  // A list of flags or names (`[True, False]`) is a list as much as one of numbers.
  if (!Array.isArray(v)) return typeof v === 'number' || isPointText(v);
  const inner = shapeOf(v[0]).join('×');
  return v.every((x) => shapeOf(x).join('×') === inner && isRectangular(x));
}

function flatEntries(v: unknown, path: number[] = [], out: { path: number[]; x: number }[] = []): { path: number[]; x: number }[] {
  if (typeof v === 'number') out.push({ path, x: v });
  else if (Array.isArray(v)) v.forEach((item, i) => flatEntries(item, [...path, i], out));
  return out;
}

/** How many numbers a value holds (a number is one, a nested list its leaves). */
export function countEntries(v: unknown): number {
  if (isPointObject(v)) return Object.values(v).reduce((n: number, x) => n + countEntries(x), 0);
  return typeof v === 'number' ? 1 : Array.isArray(v) ? v.reduce((n: number, x) => n + countEntries(x), 0) : 0;
}

/** Large arrays as their shape and norm only (`[5×5, ‖·‖ = 3.2163]`), where a line is short of room. */
export interface SummaryOptions {
  readonly brief?: boolean;
}

/** `summarizeValue` as `formatPoint` calls it: booleans and None in `language`'s words. */
export function summarizeIn(v: unknown, precision: number, language: Language | undefined): string {
  return summarizeValue(v, precision, {}, language);
}

/**
 * A value as a lens shows it: numbers and short lists in full; a larger array as its shape, its
 * norm and its largest entries, e.g. `[5×5, ‖·‖ = 3.2163, largest 1.2 at [0, 3], …]`; a tuple whose
 * parts differ in shape (a number and a matrix) as `(…, …)`, each part summarized on its own.
 */
export function summarizeValue(v: unknown, precision = DEFAULT_PRECISION, options: SummaryOptions = {}, language?: Language): string {
  if (isPointObject(v)) return objectText(v, (x) => summarizeValue(x, precision, options, language));
  if (!Array.isArray(v)) return formatValue(v, precision, language);
  if (!isRectangular(v)) return `(${v.map((part) => summarizeValue(part, precision, options, language)).join(', ')})`;
  const entries = flatEntries(v);
  if (entries.length <= MAX_LISTED_ENTRIES) return formatValue(v, precision, language);
  const norm = Math.sqrt(entries.reduce((s, e) => s + e.x * e.x, 0));
  const head = `${shapeText(v)}, ‖·‖ = ${formatNumber(norm, precision)}`;
  if (options.brief) return `[${head}]`;
  const largest = [...entries].sort((a, b) => Math.abs(b.x) - Math.abs(a.x)).slice(0, 2);
  const tops = largest.map((e) => `${formatNumber(e.x, precision)} at [${e.path.join(', ')}]`).join(', ');
  return `[${head}, largest ${tops}]`;
}

/** A point's value in a one-line title: a large array reads as its shape (`2×6 array`). */
export function pointValueText(v: unknown, precision = DEFAULT_PRECISION, language?: Language): string {
  if (!Array.isArray(v) || countEntries(v) <= MAX_LISTED_ENTRIES) return summarizeValue(v, precision, {}, language);
  // `2×6 array`; a list reads `17-entry array` (a bare `17 array` reads as a number).
  return shapeOf(v).length === 1 ? `${v.length}-entry array` : `${shapeText(v)} array`;
}
