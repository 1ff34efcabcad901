import type { SourceRange } from './sourceRange';

/** Whether `v` has a source range's shape (`start` and `end`, each a line and a column). */
export function isSourceRange(v: unknown): v is SourceRange {
  const { start, end } = (v ?? {}) as { start?: { line?: unknown; column?: unknown }; end?: { line?: unknown; column?: unknown } };
  return typeof start?.line === 'number' && typeof start.column === 'number' && typeof end?.line === 'number' && typeof end.column === 'number';
}

/**
 * `value` with every source range's lines moved by `line`; undefined when one cannot be moved, when
 * a text in it matches `namesAPosition` (tried only on texts holding a digit: a position is written
 * with one), or (`plainOnly`) when it holds anything but plain objects, arrays and typed arrays (a
 * Map's entries would not be seen). Anything else is shared with `value`, which is not changed.
 * Reports kept for an earlier version (report/reportLayout.ts) and definitions' IR
 * (frontends/python/reusedLowering.ts) are moved with it.
 */
export function movedRanges<T>(value: T, line: (line: number) => number | undefined, namesAPosition: RegExp, plainOnly = false): T | undefined {
  let failed = false;
  // Primitives are looked at where they are held, without a call: most of an IR's values are.
  const text = (s: string): void => {
    if (holdsDigit(s) && namesAPosition.test(s)) failed = true;
  };
  const walk = (v: object): unknown => {
    if (ArrayBuffer.isView(v)) return v;
    if (Array.isArray(v)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < v.length && !failed; i++) {
        const x: unknown = v[i];
        if (typeof x === 'object' && x !== null) {
          const w = walk(x);
          if (w !== x) (copy ??= [...v])[i] = w;
        } else if (typeof x === 'string') text(x);
      }
      return copy ?? v;
    }
    const o = v as Record<string, unknown>;
    const proto = Object.getPrototypeOf(o) as object | null;
    if (plainOnly && proto !== Object.prototype && proto !== null) {
      failed = true;
      return v;
    }
    if (typeof o.start === 'object' && isSourceRange(o)) {
      const start = line(o.start.line);
      const end = line(o.end.line);
      if (start === undefined || end === undefined) {
        failed = true;
        return v;
      }
      return start === o.start.line && end === o.end.line ? v : { ...o, start: { ...o.start, line: start }, end: { ...o.end, line: end } };
    }
    let copy: Record<string, unknown> | undefined;
    for (const k in o) {
      if (failed) break;
      if (!Object.hasOwn(o, k)) continue;
      const x = o[k];
      if (typeof x === 'object' && x !== null) {
        const w = walk(x);
        // A plain object copied by spreading: much faster than through its prototype.
        if (w !== x) (copy ??= proto === Object.prototype ? { ...o } : Object.assign(Object.create(proto) as Record<string, unknown>, o))[k] = w;
      } else if (typeof x === 'string') text(x);
    }
    return copy ?? v;
  };
  if (typeof value === 'string') text(value);
  const out = typeof value === 'object' && value !== null ? (walk(value) as T) : value;
  return failed ? undefined : out;
}

function holdsDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}
