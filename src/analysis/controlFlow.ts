import { diagnostic, type Diagnostic } from '../core/diagnostic';
import { isPointObject, mapPointTree } from '../core/pointTree';
import { entriesOffTheTape } from '../engine/controlFlow';
import type { PointValue, Trace } from '../engine/run';
import type { Outcome } from './outcome';

/**
 * "Depends on x only through control flow". A golden-section search returns a point of its bracket
 * chosen by comparisons alone: the tape holds no operation from the bracket's scale to the answer,
 * so reverse mode says ∂/∂scale = 0 — a number that looks like an answer and is not one. The same
 * happens to `int(x)`, an index, a loop count or a bisection.
 *
 * The tape says which entries no derivative reaches (engine/controlFlow.ts). Whether the value
 * depends on them is asked of the function itself, at nearby points: a hand-written ReLU at −1, or a
 * step function away from its step, does not change there, and its 0 is the true derivative; a search
 * whose answer moves with the bracket does, and gets a warning at the parameter. Only when some
 * derivative entry is exactly 0 is anything looked at, so ordinary runs pay nothing.
 */

/** Relative moves tried, smallest first: a search converged to 1e-12 moves at the first, a coarse one at the last. */
const MOVES = [1e-7, -1e-7, 1e-3, -1e-3];

/** At most this many parameters are probed (each probe is up to four evaluations). */
const MAX_PROBED = 8;

export type NearbyEvaluation = (values: Readonly<Record<string, PointValue>>, maxMillis: number) => Outcome<{ value: unknown }>;

/**
 * `read(name)`: whether the function's code reads the parameter at all; one it never reads is unused,
 * its 0 needs no probe (and a probe of a slow function could only run out of time).
 */
export function controlFlowWarnings(trace: Trace, derivatives: readonly unknown[], at: Readonly<Record<string, PointValue>>, read: (name: string) => boolean, evaluateNear: NearbyEvaluation): Diagnostic[] {
  if (!derivatives.some(holdsZero)) return [];
  const warnings: Diagnostic[] = [];
  // The instance of a method (`this` of `identity()`) is no value of the point's: it is not moved.
  const suspects = entriesOffTheTape(trace).filter((e) => read(e.parameter.name) && at[e.parameter.name] !== undefined);
  for (const { parameter, entries } of suspects.slice(0, MAX_PROBED)) {
    const site = trace.tape.sites[trace.tape.site[parameter.ids[entries[0]!]!]!]!;
    const moved = firstChange(trace, parameter.name, new Set(entries), at, evaluateNear);
    if (moved === 'unchanged') continue;
    const what = parameter.ids.length > 1 ? `${entries.length === parameter.ids.length ? 'the entries' : `${entries.length} entries`} of ${parameter.name}` : parameter.name;
    const head = `the value depends on ${what} only through control flow (comparisons, branches, loop counts, integer conversions or indices): no derivative flows there, so its gradient 0 is not the slope`;
    if (moved === 'unknown') {
      warnings.push(diagnostic('warning', 'control-flow', `${head} (the time budget ran out before a nearby point could show how the value moves)`, site));
      continue;
    }
    // The numbers as values (core/diagnosticText.ts): the move, and how far the value moved, which
    // reads at any precision where its two ends might not (1.5 and 1.50000015).
    warnings.push(diagnostic('warning', 'control-flow', `${head}: moving it by {0} moves the value by {1}, from {2}`, site, [moved.step, moved.to - moved.from, moved.from]));
  }
  return warnings;
}

type Change = 'unchanged' | 'unknown' | { readonly step: number; readonly from: number; readonly to: number };

function firstChange(trace: Trace, name: string, entries: ReadonlySet<number>, at: Readonly<Record<string, PointValue>>, evaluateNear: NearbyEvaluation): Change {
  const base = trace.output.values;
  let timedOut = false;
  for (const move of MOVES) {
    const left = trace.deadline - Date.now();
    if (left <= 0) return 'unknown';
    let k = 0;
    let step = 0;
    const moved = mapPointTree(at[name]!, (x) => {
      if (!entries.has(k++)) return x;
      step = move * Math.max(1, Math.abs(x));
      return x + step;
    });
    const outcome = evaluateNear({ ...at, [name]: moved }, left);
    if (!outcome.ok) {
      // A nearby point the function refuses (a domain) says nothing about the slope; one it had no time for is unknown.
      if (outcome.error.code.startsWith('budget')) timedOut = true;
      continue;
    }
    const values: number[] = [];
    leaves(outcome.value.value, values);
    const i = values.findIndex((v, j) => !sameNumber(v, base[j]));
    if (i >= 0 || values.length !== base.length) return { step, from: base[Math.max(i, 0)] ?? NaN, to: values[Math.max(i, 0)] ?? NaN };
  }
  return timedOut ? 'unknown' : 'unchanged';
}

const sameNumber = (a: number, b: number | undefined): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

function leaves(v: unknown, out: number[]): void {
  if (typeof v === 'number') out.push(v);
  else if (Array.isArray(v)) for (const x of v) leaves(x, out);
  else if (isPointObject(v)) for (const x of Object.values(v)) leaves(x, out);
}

function holdsZero(v: unknown): boolean {
  if (typeof v === 'number') return v === 0;
  if (Array.isArray(v)) return v.some(holdsZero);
  if (v !== null && typeof v === 'object') return Object.values(v).some(holdsZero);
  return false;
}
