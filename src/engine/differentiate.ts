import { keyedRecord } from '../core/keyed';
import { isPointObject, isPointText, mapLeaves, mapPointTree, type PointText } from '../core/pointTree';
import { fail } from '../core/diagnostic';
import { READ_EVERY, withDeadline, withUnits } from './clock';
import { formatBytes } from './tape';
import { hessian } from './hessian';
import type { PointValue, Trace } from './run';
import { forwardSweep, readReverseSweep } from './sweeps';

export type Mode = 'reverse' | 'forward';

/**
 * ∂outputᵢ/∂inputⱼ over every output entry and every parameter entry (flattened in declaration
 * order). Reverse mode takes one sweep per output, forward mode one per input entry.
 */
/** Input entry ids of all parameters, in declaration order. */
export function inputIds(trace: Trace): number[] {
  const ids: number[] = [];
  for (const p of trace.parameters) for (const id of p.ids) ids.push(id);
  return ids;
}

/**
 * Outputs above which a Jacobian much taller than wide is swept forward whatever mode was asked:
 * below it the asked mode's sweeps are cheap anyway, and its rounding is kept.
 */
const TALL_JACOBIAN_OUTPUTS = 1024;

export function jacobianMatrix(trace: Trace, mode: Mode): number[][] {
  const inputs = inputIds(trace);
  const outputs = trace.output.ids;
  refuseLargerThanBudget(trace, outputs.length * inputs.length, `the Jacobian (${count(outputs.length)} outputs × ${count(inputs.length)} inputs)`);
  // Reverse mode takes a sweep per output, forward mode one per input entry. A Jacobian far taller
  // than wide (autograd's `init_random_params(scale, layer_sizes)`: 178,110 weights made from one
  // scale) is the same matrix either way, so it is swept forward: 1 sweep instead of 178,110, which
  // ran into the time budget on every analysis.
  const sweep: Mode = mode === 'reverse' && outputs.length > TALL_JACOBIAN_OUTPUTS && outputs.length > 8 * inputs.length ? 'forward' : mode;
  return withinTimeBudget(trace, sweep === 'reverse' ? `${count(outputs.length)} reverse sweeps, one per output` : `${count(inputs.length)} forward sweeps, one per input`, () => sweepJacobian(trace, sweep, inputs, outputs));
}

function sweepJacobian(trace: Trace, mode: Mode, inputs: readonly number[], outputs: readonly number[]): number[][] {
  if (mode === 'reverse') {
    return outputs.map((id) => {
      if (id < 0) return inputs.map(() => 0);
      return readReverseSweep(trace.tape, id, (adj) => inputs.map((k) => adj[k]!));
    });
  }
  const rows = outputs.map(() => new Array<number>(inputs.length).fill(0));
  inputs.forEach((k, j) => {
    const dot = forwardSweep(trace.tape, [k]);
    outputs.forEach((id, i) => {
      if (id >= 0) rows[i]![j] = dot[id]!;
    });
  });
  return rows;
}

/** Entry visits a Hessian may cost (one forward and one reverse sweep per parameter entry). */
export const MAX_HESSIAN_WORK = 20_000_000;

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * Derivatives are charged like evaluations: a matrix of `entries` numbers is refused, before any
 * of it is made, when it would not fit the memory budget (a 10⁶×10³ Jacobian is 8 GB).
 */
function refuseLargerThanBudget(trace: Trace, entries: number, what: string): void {
  const bytes = 8 * entries;
  if (bytes > trace.budget.maxBytes) {
    fail('budget-memory', `${what} has ${count(entries)} entries (${formatBytes(bytes)}), more than the memory budget (${formatBytes(trace.budget.maxBytes)}): differentiate fewer outputs or inputs`, trace.site);
  }
}

/** Runs sweeps in what is left of the evaluation's time budget, stopping mid-sweep (clock.ts) when it runs out. */
export function withinTimeBudget<T>(trace: Trace, what: string, body: () => T): T {
  const ms = trace.budget.maxMillis;
  const expire = (): never => fail('budget-time', `time budget exceeded (${ms} ms, evaluation and derivatives together) computing ${what}`, trace.site);
  if (Date.now() > trace.deadline) expire();
  return withDeadline(trace.deadline, expire, body);
}

/** Units of sweep work (elements visited, multiply-adds) a view's sweeps may do per step of the step budget. */
export const SWEEP_UNITS_PER_STEP = 256;

/**
 * Sweeps that show a trace rather than answer its evaluation (the graph's pictures, the hovers'
 * tangents and adjoints): they may run long after the recording, whose deadline is then past, so
 * they get a budget of their own — the time budget afresh, and a count of work that holds on any
 * machine, SWEEP_UNITS_PER_STEP units per step of the step budget (2.6·10⁸ by default, about a
 * second of array work).
 */
export function withinSweepBudget<T>(trace: Trace, what: string, body: () => T): T {
  const { maxMillis, maxSteps } = trace.budget;
  const maxUnits = maxSteps * SWEEP_UNITS_PER_STEP;
  const expire = (): never => fail('budget-time', `time budget exceeded (${maxMillis} ms) computing ${what}`, trace.site);
  const exhaust = (): never => fail('budget-steps', `computing ${what} needs more than ${count(maxUnits)} units of array work (${SWEEP_UNITS_PER_STEP} per step of the ${count(maxSteps)}-step budget): use a smaller point`, trace.site);
  return withUnits(Date.now() + maxMillis, expire, maxUnits, exhaust, body);
}

/** The Hessian of a scalar output over all parameter entries, flattened in declaration order. */
export function hessianMatrix(trace: Trace): number[][] {
  const inputs = inputIds(trace);
  const out = trace.output.ids[0]!;
  refuseLargerThanBudget(trace, inputs.length * inputs.length, `the Hessian (${count(inputs.length)} × ${count(inputs.length)})`);
  if (out < 0) return inputs.map(() => inputs.map(() => 0));
  const work = inputs.length * (out + 1);
  if (work > MAX_HESSIAN_WORK) {
    const range = trace.tape.sites[trace.tape.site[out]!]!;
    fail('budget-steps', `the Hessian over ${inputs.length.toLocaleString('en-US')} parameter entries needs ${inputs.length.toLocaleString('en-US')} sweeps of ${(out + 1).toLocaleString('en-US')} operations, more than the ${MAX_HESSIAN_WORK.toLocaleString('en-US')} allowed: use a smaller point or leave the Hessian out`, range);
  }
  return withinTimeBudget(trace, `the Hessian (a forward and a reverse sweep per input, ${count(inputs.length)} inputs)`, () => hessian(trace.tape, inputs, out));
}

/** Rebuilds a flat list in the shape of `template` (a number, or nested lists of them). */
export function shapeLike(template: PointValue, flat: readonly number[], offset = { i: 0 }): PointValue {
  return mapPointTree(template, () => flat[offset.i++]!);
}

/** Fills an output template, whose leaves are flat output indices, with `pick(index)`. */
export function fillOutput<T>(template: PointValue, pick: (index: number) => T): T | PointText | unknown[] | Record<string, unknown> {
  return mapLeaves(template, pick);
}

export interface Derivatives {
  /** For a scalar output: each parameter's gradient in the parameter's shape. */
  readonly gradient?: Record<string, PointValue>;
  /** Otherwise: per parameter, a nested list indexed [output …][parameter entry …]. */
  readonly jacobian?: Record<string, unknown>;
}

/**
 * `template`'s shape filled with adj[ids[i]] in order (0 everywhere when there is no sweep). Rows of
 * numbers, the bulk of an array parameter, are filled in one loop; returns the next index.
 */
function gradientLike(template: PointValue, ids: readonly number[], adj: Float64Array | null, at: number, out: PointValue[], slot: number): number {
  if (typeof template === 'number') {
    out[slot] = adj === null ? 0 : adj[ids[at]!]!;
    return at + 1;
  }
  // A parameter's layout holds its numbers only (run.ts), so no text leaf reaches here.
  if (isPointText(template)) return at;
  if (isPointObject(template)) {
    // An object parameter: its gradient keyed as it is, entries in the order they were taped.
    const record = keyedRecord<PointValue>();
    const keys = Object.keys(template);
    const parts: PointValue[] = new Array<PointValue>(keys.length);
    for (let j = 0; j < keys.length; j++) at = gradientLike(template[keys[j]!]!, ids, adj, at, parts, j);
    keys.forEach((k, j) => (record[k] = parts[j]!));
    out[slot] = record;
    return at;
  }
  if (isNumberRow(template as readonly PointValue[])) {
    // An array parameter's entries are consecutive ids: the row is a copy of one stretch of adjoints.
    const n = template.length;
    const first = ids[at] ?? 0;
    const consecutive = n > 0 && ids[at + n - 1] === first + n - 1;
    // Made full size, then written: pushing 2,000 numbers one by one costs three times as much. A
    // fraction stored while the array is still empty turns V8's storage to raw doubles at once;
    // filling with 0 first would store small integers and convert them all at the first fraction
    // (measured here on 2,000 entries: 9 µs against 24).
    const row = new Array<number>(n);
    if (n > 0) row[0] = 0.5;
    if (adj === null) for (let j = 0; j < n; j++) row[j] = 0;
    else if (consecutive) for (let j = 0; j < n; j++) row[j] = adj[first + j]!;
    else for (let j = 0; j < n; j++) row[j] = adj[ids[at + j]!]!;
    out[slot] = row;
    return at + n;
  }
  const list = template as readonly PointValue[];
  const row = new Array<PointValue>(list.length);
  out[slot] = row;
  for (let j = 0; j < row.length; j++) at = gradientLike(list[j]!, ids, adj, at, row, j);
  return at;
}

function isNumberRow(template: readonly PointValue[]): boolean {
  for (let j = 0; j < template.length; j++) if (typeof template[j] !== 'number') return false;
  return true;
}

export function derivatives(trace: Trace, mode: Mode): Derivatives {
  if (mode === 'reverse' && trace.output.isScalar) {
    // One reverse sweep; each parameter's gradient read straight from the adjoints, in its shape.
    const id = trace.output.ids[0]!;
    const read = (adj: Float64Array | null): Record<string, PointValue> => {
      const gradient = keyedRecord<PointValue>();
      for (const p of trace.parameters) {
        const slot: PointValue[] = [];
        gradientLike(p.value, p.ids, adj, 0, slot, 0);
        gradient[p.name] = slot[0]!;
      }
      return gradient;
    };
    if (id < 0) return { gradient: read(null) };
    // A sweep of scalar rows only, fewer than one clock read's worth of work (clock.ts): the clock
    // would never be read during it, so it is checked once, before, and not armed (seed 001's
    // value and gradient take about a microsecond; arming cost a tenth of that).
    if (trace.tape.arrays.length === 0 && id < READ_EVERY) {
      if (Date.now() > trace.deadline) withinTimeBudget(trace, 'the reverse sweep', () => undefined);
      return { gradient: readReverseSweep(trace.tape, id, read) };
    }
    return { gradient: withinTimeBudget(trace, 'the reverse sweep', () => readReverseSweep(trace.tape, id, read)) };
  }
  const J = jacobianMatrix(trace, mode);
  const perParameter = (build: (name: string, start: number, value: PointValue) => unknown): Record<string, never> => {
    const out = keyedRecord<unknown>();
    let start = 0;
    for (const p of trace.parameters) {
      out[p.name] = build(p.name, start, p.value);
      start += p.ids.length;
    }
    return out as Record<string, never>;
  };
  if (trace.output.isScalar) {
    const row = J[0]!;
    return { gradient: perParameter((_n, start, value) => shapeLike(value, row.slice(start))) };
  }
  return {
    jacobian: perParameter((_n, start, value) => fillOutput(trace.output.template, (o) => shapeLike(value, J[o]!.slice(start)))),
  };
}
