import { diagnostic } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';
import type { TapeEntry } from '../engine/tape';
import type { Trace } from '../engine/run';
import { forwardSweep, reverseSweep } from '../engine/sweeps';
import { failure, success, type Outcome } from './outcome';

/** One row of the seeds' primal–tangent or primal–adjoint table: a tape entry with its tangent or adjoint. */
export interface TraceRow extends TapeEntry {
  readonly tangent?: number;
  readonly adjoint?: number;
}

export type TraceMode = { readonly mode: 'reverse' } | { readonly mode: 'forward'; readonly seed: string };

/** Ids of the input entries a seed names: a scalar parameter, or one entry of a list (`x[2]`). */
function seedIds(trace: Trace, seed: string, range: SourceRange): Outcome<number[]> {
  for (const p of trace.parameters) {
    if (seed === p.name) {
      if (p.ids.length === 1) return success([...p.ids]);
      return failure(diagnostic('error', 'point', `--seed ${seed} is a list; seed one entry, e.g. ${seed}[0]`, range));
    }
  }
  for (const p of trace.parameters) {
    const id = p.ids.find((i) => trace.tape.labelOf(i) === seed);
    if (id !== undefined) return success([id]);
  }
  const names = trace.parameters.map((p) => p.name).join(', ');
  return failure(diagnostic('error', 'point', `--seed ${seed} is not a parameter (parameters: ${names})`, range));
}

/**
 * What one row of the table costs once built and printed (its object, its JSON text), measured on
 * long traces: a row count past the memory budget over this is refused before any row is made.
 */
const ROW_BYTES = 1024;

export function traceRows(trace: Trace, mode: TraceMode, fallback: SourceRange): Outcome<TraceRow[]> {
  const n = trace.tape.length;
  if (n * ROW_BYTES > trace.budget.maxBytes) {
    const most = Math.floor(trace.budget.maxBytes / ROW_BYTES).toLocaleString('en-US');
    return failure(diagnostic('error', 'budget-memory', `the table would have ${n.toLocaleString('en-US')} rows, more than the ${most} the memory budget allows: trace a smaller case`, fallback));
  }
  let tangent: Float64Array | undefined;
  let adjoint: Float64Array | undefined;
  if (mode.mode === 'forward') {
    const ids = seedIds(trace, mode.seed, fallback);
    if (!ids.ok) return ids;
    tangent = forwardSweep(trace.tape, ids.value);
  } else {
    const out = trace.output.ids[0];
    if (!trace.output.isScalar) {
      return failure(diagnostic('error', 'type', 'the adjoint table needs a scalar output; this function returns several values (use --mode forward)', fallback));
    }
    adjoint = out !== undefined && out >= 0 ? reverseSweep(trace.tape, out) : new Float64Array(trace.tape.length);
  }
  const rows: TraceRow[] = [];
  for (let id = 0; id < trace.tape.length; id++) {
    const e = trace.tape.entry(id);
    rows.push({
      ...e,
      ...(tangent ? { tangent: tangent[id]! } : {}),
      ...(adjoint ? { adjoint: adjoint[id]! } : {}),
    });
  }
  return success(rows);
}
