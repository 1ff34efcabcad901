import { keyedRecord } from './keyed';

/**
 * A value given for a parameter at a point, and the shape its gradient comes back in: a number, a
 * nested list of numbers, or an object of named values (a JavaScript object parameter
 * `p: {x: number, y: number}` at `p={x: 1, y: 2}`; its gradient is `{x: ∂f/∂p.x, y: ∂f/∂p.y}`).
 * Objects are prototype-free records (`core/keyed.ts`): a key such as `__proto__` is only a key.
 *
 * A leaf may also be text: a string (`option_type="call"`), a boolean or None/null. Such a leaf is
 * carried to the function as its value and never differentiated: the numbers of a tree are its
 * inputs, and its gradient (`numericPart`) leaves the text out.
 */
export type PointTree = number | PointText | readonly PointTree[] | PointObject;

/** A leaf that is not a number: passed as it is, never differentiated (`null` is Python's None). */
export type PointText = string | boolean | null;

export function isPointText(v: unknown): v is PointText {
  return typeof v === 'string' || typeof v === 'boolean' || v === null;
}

/** A boolean or None/null leaf in the words of the file's language: `True`/`False`/`None` in Python, `true`/`false`/`null` elsewhere. */
export function wordText(v: boolean | null, python: boolean): string {
  const key = v === null ? 'null' : v ? 'true' : 'false';
  return python ? PYTHON_WORDS[key] : key;
}

const PYTHON_WORDS = { true: 'True', false: 'False', null: 'None' } as const;

/** `[1, 2.5]`, `{"x": 1, "on": True}`: a point as an `@at` of the file's language writes it (numbers in full). */
export function pointTreeText(v: PointTree, python: boolean): string {
  if (Array.isArray(v)) return `[${v.map((x) => pointTreeText(x, python)).join(', ')}]`;
  if (isPointObject(v)) return `{${Object.keys(v).map((k) => `${JSON.stringify(k)}: ${pointTreeText(v[k]!, python)}`).join(', ')}}`;
  if (typeof v === 'boolean' || v === null) return wordText(v, python);
  return JSON.stringify(v);
}

export interface PointObject {
  readonly [key: string]: PointTree;
}

export function isPointObject(v: unknown): v is PointObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The same structure with each number replaced by `leaf(number)`, in order (lists, then object keys in order); text leaves stay. */
export function mapPointTree(v: PointTree, leaf: (x: number) => PointTree): PointTree {
  return mapLeaves(v, leaf) as PointTree;
}

/** `mapPointTree` with leaves of any type: the structure of `v` (lists, records) holding `leaf`'s results. */
export function mapLeaves<T>(v: PointTree, leaf: (x: number) => T): T | PointText | unknown[] | Record<string, unknown> {
  if (typeof v === 'number') return leaf(v);
  if (isPointText(v)) return v;
  if (isPointObject(v)) {
    const out = keyedRecord<unknown>();
    for (const key of Object.keys(v)) out[key] = mapLeaves(v[key]!, leaf);
    return out;
  }
  return (v as readonly PointTree[]).map((x) => mapLeaves(x, leaf));
}

/** The numbers of `v` in the order `mapPointTree` visits them. */
export function pointLeaves(v: PointTree, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v);
  else if (isPointText(v)) return out;
  else if (isPointObject(v)) for (const key of Object.keys(v)) pointLeaves(v[key]!, out);
  else for (const x of v as readonly PointTree[]) pointLeaves(x, out);
  return out;
}

/** How many numbers `v` holds. */
export function countPointLeaves(v: PointTree): number {
  if (typeof v === 'number') return 1;
  if (isPointText(v)) return 0;
  const parts: readonly PointTree[] = isPointObject(v) ? Object.values(v) : (v as readonly PointTree[]);
  let n = 0;
  for (const x of parts) n += countPointLeaves(x);
  return n;
}

/**
 * The numbers of `v` in its structure, the text left out: what its gradient comes back in. An
 * object drops the keys holding no number; undefined when `v` holds none (a string parameter has
 * no gradient entry). Lists hold numbers or text, never both (`mixedList`), so a list is kept whole.
 */
export function numericPart(v: PointTree): PointTree | undefined {
  if (typeof v === 'number') return v;
  if (isPointText(v)) return undefined;
  if (isPointObject(v)) {
    const out = keyedRecord<PointTree>();
    for (const key of Object.keys(v)) {
      const part = numericPart(v[key]!);
      if (part !== undefined) out[key] = part;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return countPointLeaves(v) > 0 || (v as readonly PointTree[]).length === 0 ? v : undefined;
}

/**
 * Whether some list in `v` holds both numbers and text (`["call", 1.0]`), at any depth: refused in a
 * point, since a list's numbers are an array's entries and its gradient a list of the same structure.
 */
export function mixedList(v: PointTree): boolean {
  if (typeof v === 'number' || isPointText(v)) return false;
  if (isPointObject(v)) return Object.values(v).some(mixedList);
  return countPointLeaves(v) > 0 && holdsText(v);
}

/**
 * Whether `v` holds text anywhere. Run on every parameter of every evaluation, so a list of numbers
 * (the common case, thousands long) is one plain loop: no call per number.
 */
export function holdsText(v: PointTree): boolean {
  if (typeof v === 'number') return false;
  if (isPointText(v)) return true;
  if (isPointObject(v)) return Object.values(v).some(holdsText);
  const list = v as readonly PointTree[];
  for (let i = 0; i < list.length; i++) {
    const x = list[i]!;
    if (typeof x !== 'number' && holdsText(x)) return true;
  }
  return false;
}

/**
 * A point tree from parsed JSON (`--at`, a remembered point): finite numbers, strings, booleans,
 * null, lists and objects of them (`{}` too: an empty dict an output argument is, pymoo's `out`),
 * copied into prototype-free records; undefined for anything else.
 */
export function pointTreeFrom(v: unknown, depth = 0): PointTree | undefined {
  if (depth > 1000) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (isPointText(v)) return v;
  if (Array.isArray(v)) {
    const items: PointTree[] = [];
    for (const x of v) {
      const t = pointTreeFrom(x, depth + 1);
      if (t === undefined) return undefined;
      items.push(t);
    }
    return items;
  }
  if (!isPointObject(v)) return undefined;
  const keys = Object.keys(v);
  const out = keyedRecord<PointTree>();
  for (const key of keys) {
    const t = pointTreeFrom((v as Record<string, unknown>)[key], depth + 1);
    if (t === undefined) return undefined;
    out[key] = t;
  }
  return out;
}
