import { isPointObject, mapPointTree } from '../core/pointTree';
import { keyedFromEntries } from '../core/keyed';
import type { PointValue } from '../engine/run';

/** Plain operations on point values (numbers and nested lists of numbers). */

/** The shape of a rectangular nested list (`[]` for a number); a ragged list reads as its outer length. */
export function shapeOf(v: PointValue | unknown): number[] {
  if (!Array.isArray(v)) return [];
  return v.length === 0 ? [0] : [v.length, ...shapeOf(v[0])];
}

/** A value of `shape` whose entries are all `fill`. */
export function filled(shape: readonly number[], fill: number): PointValue {
  if (shape.length === 0) return fill;
  return Array.from({ length: shape[0]! }, () => filled(shape.slice(1), fill));
}

/**
 * Deterministic points near `base`: each entry moved by up to a quarter of its size (at least 0.25).
 * Parameters in `fixed` (integer labels, counts) keep their values: a label moved off an integer is
 * no longer an index. An entry strictly between 0 and 1 stays there (moved the other way when the
 * step would leave): such values are often probabilities, and a loss clipped to (0, 1) is flat
 * outside it, where a hand-written formula for the inside is not meant to hold.
 */
export function nearbyPoints(base: Readonly<Record<string, PointValue>>, count: number, fixed: ReadonlySet<string> = new Set()): Record<string, PointValue>[] {
  const points: Record<string, PointValue>[] = [];
  let j = 0;
  const move = (v: PointValue, k: number): PointValue => {
    return mapPointTree(v, (x) => {
      j++;
      // Weyl sequences in k and j: spread out, and the same every run.
      const u = ((k * 0.6180339887498949 + j * 0.41421356237309515) % 1) * 2 - 1;
      const step = 0.25 * Math.max(Math.abs(x), 1) * u;
      const moved = x + step;
      return x > 0 && x < 1 && !(moved > 0 && moved < 1) ? x - step : moved;
    });
  };
  // A dict's entries named in `fixed` as `param["key"]` (`dropout_param["seed"]`, a count) keep theirs; the others move.
  const heldEntries = (name: string, v: PointValue): boolean => isPointObject(v) && Object.keys(v).some((key) => fixed.has(entryName(name, key)));
  const moveEntries = (name: string, v: PointValue, k: number): PointValue =>
    keyedFromEntries(Object.entries(v as Record<string, PointValue>).map(([key, x]) => [key, fixed.has(entryName(name, key)) ? x : move(x, k)] as const));
  for (let k = 1; k <= count; k++) {
    j = 0;
    points.push(keyedFromEntries(Object.entries(base).map(([name, v]) => [name, fixed.has(name) ? v : heldEntries(name, v) ? moveEntries(name, v, k) : move(v, k)] as const)));
  }
  return points;
}

/** How an entry of a dict parameter is named where a parameter's name may stand: `bn_param["mode"]`. */
export function entryName(param: string, key: string): string {
  return `${param}[${JSON.stringify(key)}]`;
}
