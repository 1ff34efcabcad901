import type { Frame } from './compiled';
import { Tracked, type Value } from './values';

/**
 * How the closures of a scalar tree (scalarTrees.ts) hand a result up without making an object: a
 * `ScalarFn` returns the result's tape id, `NUMBER` for a plain number, or `OTHER` for any other
 * value; the number is in `REGISTER[0]` and an `OTHER` value is taken once with `takeOther`, both
 * read before anything else runs.
 */
export type ScalarFn = (f: Frame) => number;

export const NUMBER = -1;
export const OTHER = -2;

/** The number of the result a `ScalarFn` just returned. */
export const REGISTER = new Float64Array(1);
/** The value of a result that is neither a number nor tracked (`OTHER`), taken once by the reader. */
let other: Value | undefined;

/** A value taken apart: its id (or NUMBER / OTHER), its number in REGISTER. */
export function unpack(v: Value): number {
  if (typeof v === 'number') {
    REGISTER[0] = v;
    return NUMBER;
  }
  if (v instanceof Tracked) {
    REGISTER[0] = v.value;
    return v.id;
  }
  other = v;
  return OTHER;
}

export function takeOther(): Value {
  const v = other!;
  other = undefined;
  return v;
}

/** An operand as a value again, for `binaryExpr`'s functions. */
export function pack(id: number, x: number, v: Value | undefined): Value {
  return id >= 0 ? new Tracked(id, x) : id === NUMBER ? x : v!;
}

/**
 * Whether the statement shortcuts (`augmentedTree`, `elementWrite`) compile anything: off only while
 * a test compiles its reference (the program as the interpreter runs it without them, to compare bit
 * for bit). Read when a function is compiled, never while one runs.
 */
export const scalarShortcuts = { enabled: true };
