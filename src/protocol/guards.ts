import type { SourcePosition, SourceRange } from '../core/sourceRange';

/**
 * Small hand-written type guards, shared by the message and model validators. Everything that crosses
 * the extension⇄webview boundary is checked on arrival with these; nothing is trusted by its type.
 */

export type Guard<T> = (x: unknown) => x is T;

export const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
export const isString = (x: unknown): x is string => typeof x === 'string';
export const isBoolean = (x: unknown): x is boolean => typeof x === 'boolean';
/** A finite number. NaN and ±∞ travel as `null` (messages are JSON). */
export const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
export const isInteger = (x: unknown): x is number => Number.isInteger(x);
export const isNumberOrNull = (x: unknown): x is number | null => x === null || isNumber(x);

export function isArrayOf<T>(guard: Guard<T>): Guard<T[]> {
  return (x: unknown): x is T[] => Array.isArray(x) && x.every((e) => guard(e));
}

export function isOneOf<T extends string>(...values: readonly T[]): Guard<T> {
  return (x: unknown): x is T => typeof x === 'string' && (values as readonly string[]).includes(x);
}

export function isOptional<T>(guard: Guard<T>): Guard<T | undefined> {
  return (x: unknown): x is T | undefined => x === undefined || guard(x);
}

/** An object whose listed fields pass their guards (other fields are allowed and ignored). */
export function isShape<T>(fields: { readonly [K in keyof T]-?: Guard<T[K]> }): Guard<T> {
  return (x: unknown): x is T => {
    if (!isRecord(x)) return false;
    for (const key of Object.keys(fields) as (keyof T & string)[]) {
      if (!fields[key](x[key])) return false;
    }
    return true;
  };
}

export const isSourcePosition: Guard<SourcePosition> = (x: unknown): x is SourcePosition =>
  isRecord(x) && isInteger(x.line) && isInteger(x.column) && (x.line as number) >= 0 && (x.column as number) >= 0;

export const isSourceRange: Guard<SourceRange> = (x: unknown): x is SourceRange =>
  isRecord(x) && isSourcePosition(x.start) && isSourcePosition(x.end);
