import type { Runtime } from './runtime';

/**
 * JavaScript reads an array past its end as undefined (`xs[i + 1]` on the last i), and a program may
 * test for it (`xs[i + 1] ?? 0`, `=== undefined`). Arithmetic on it would be NaN in JavaScript;
 * GradLens stops there instead, and names the last such read of the run.
 */
const lastRead = new WeakMap<Runtime, { site: number; index: number; length: number }>();

export function notePastEnd(rt: Runtime, site: number, index: number, length: number): void {
  lastRead.set(rt, { site, index, length });
}

/**
 * What to add to an error about undefined in arithmetic when the run read past an array's end: a
 * fact, not a guess at which undefined it was (undefined carries no origin). '' when no read did.
 */
export function pastEndNote(rt: Runtime): string {
  const read = lastRead.get(rt);
  if (!read) return '';
  return ` (JavaScript would compute NaN; this run read [${read.index}] of an array of length ${read.length}, past its end, at line ${rt.sites[read.site]!.start.line + 1}: that gives undefined)`;
}
