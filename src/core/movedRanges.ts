import type { SourceRange } from './sourceRange';

/** Whether `v` has a source range's shape (`start` and `end`, each a line and a column). */
export function isSourceRange(v: unknown): v is SourceRange {
  const { start, end } = (v ?? {}) as { start?: { line?: unknown; column?: unknown }; end?: { line?: unknown; column?: unknown } };
  return typeof start?.line === 'number' && typeof start.column === 'number' && typeof end?.line === 'number' && typeof end.column === 'number';
}

/**
 * `value` with every source range's lines moved by `line`; undefined when one cannot be moved, when
 * a text in it matches `namesAPosition`, or (`plainOnly`) when it holds anything but plain objects,
 * arrays and typed arrays (a Map's entries would not be seen). Anything else is shared with
 * `value`, which is not changed. Reports kept for an earlier version (report/reportLayout.ts) and
 * definitions' IR (frontends/python/reusedLowering.ts) are moved with it.
 */
export function movedRanges<T>(value: T, line: (line: number) => number | undefined, namesAPosition: RegExp, plainOnly = false): T | undefined {
  let failed = false;
  const walk = (v: unknown): unknown => {
    if (failed) return v;
    if (typeof v === 'string') {
      if (namesAPosition.test(v)) failed = true;
      return v;
    }
    if (v === null || typeof v !== 'object') return v;
    if (ArrayBuffer.isView(v)) return v;
    if (Array.isArray(v)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const w = walk(v[i]);
        if (w !== v[i]) (copy ??= [...v])[i] = w;
      }
      return copy ?? v;
    }
    const o = v as Record<string, unknown>;
    const proto = Object.getPrototypeOf(o) as object | null;
    if (plainOnly && proto !== Object.prototype && proto !== null) {
      failed = true;
      return v;
    }
    if (isSourceRange(o)) {
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
      if (!Object.hasOwn(o, k)) continue;
      const w = walk(o[k]);
      // A plain object copied by spreading: much faster than through its prototype.
      if (w !== o[k]) (copy ??= proto === Object.prototype ? { ...o } : Object.assign(Object.create(proto) as Record<string, unknown>, o))[k] = w;
    }
    return copy ?? v;
  };
  const out = walk(value) as T;
  return failed ? undefined : out;
}
