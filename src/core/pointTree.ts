import { keyedRecord } from './keyed';

/**
 * A value given for a parameter at a point, and the shape its gradient comes back in: a number, a
 * nested list of numbers, or an object of named values (a JavaScript object parameter
 * `p: {x: number, y: number}` at `p={x: 1, y: 2}`; its gradient is `{x: ∂f/∂p.x, y: ∂f/∂p.y}`).
 * Objects are prototype-free records (`core/keyed.ts`): a key such as `__proto__` is only a key.
 */
export type PointTree = number | readonly PointTree[] | PointObject;

export interface PointObject {
  readonly [key: string]: PointTree;
}

export function isPointObject(v: unknown): v is PointObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The same structure with each number replaced by `leaf(number)`, in order (lists, then object keys in order). */
export function mapPointTree(v: PointTree, leaf: (x: number) => PointTree): PointTree {
  return mapLeaves(v, leaf) as PointTree;
}

/** `mapPointTree` with leaves of any type: the structure of `v` (lists, records) holding `leaf`'s results. */
export function mapLeaves<T>(v: PointTree, leaf: (x: number) => T): T | unknown[] | Record<string, unknown> {
  if (typeof v === 'number') return leaf(v);
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
  else if (isPointObject(v)) for (const key of Object.keys(v)) pointLeaves(v[key]!, out);
  else for (const x of v as readonly PointTree[]) pointLeaves(x, out);
  return out;
}

/** How many numbers `v` holds. */
export function countPointLeaves(v: PointTree): number {
  if (typeof v === 'number') return 1;
  const parts: readonly PointTree[] = isPointObject(v) ? Object.values(v) : (v as readonly PointTree[]);
  let n = 0;
  for (const x of parts) n += countPointLeaves(x);
  return n;
}

/**
 * A point tree from parsed JSON (`--at`, a remembered point): finite numbers, lists and non-empty
 * objects of them, copied into prototype-free records; undefined for anything else.
 */
export function pointTreeFrom(v: unknown, depth = 0): PointTree | undefined {
  if (depth > 1000) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
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
  if (keys.length === 0) return undefined;
  const out = keyedRecord<PointTree>();
  for (const key of keys) {
    const t = pointTreeFrom((v as Record<string, unknown>)[key], depth + 1);
    if (t === undefined) return undefined;
    out[key] = t;
  }
  return out;
}
