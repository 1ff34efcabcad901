import { childStmts } from '../ir/walk';
import { keyedRecord } from '../core/keyed';
import type { SourceRange } from '../core/sourceRange';
import type { IrFunction, IrStmt } from '../ir/nodes';
import type { Trace } from '../engine/run';
import { forwardSweep, reverseSweep } from '../engine/sweeps';
import { withinSweepBudget } from '../engine/differentiate';
import { GradLensError } from '../core/diagnostic';

/**
 * What a hover on an intermediate variable shows: its value at the point, its tangents ∂v/∂xᵢ and
 * its adjoint ∂f/∂v. Values come from the tape; tangents from one forward sweep per input, the
 * adjoint from the reverse sweep of the output.
 */
export interface VariableReport {
  readonly name: string;
  /** The target name in the assignment, where the hover is. */
  readonly range: SourceRange;
  readonly value: number;
  /** ∂v/∂(input label), per differentiated input (`x`, `w[2]`). */
  readonly tangents: Readonly<Record<string, number>>;
  /** ∂f/∂v; absent when the function returns several values. */
  readonly adjoint?: number;
  /** How many times the assignment ran (a loop): the numbers are those of the last time. */
  readonly times: number;
  /** For a numpy array: its shape and a summary (per-element tangents and adjoints are not listed). */
  readonly array?: { readonly shape: readonly number[]; readonly norm: number; readonly min: number; readonly max: number };
}

/** Tangents cost one sweep per input: above this many inputs, hovers show value and adjoint only. */
export const MAX_TANGENT_INPUTS = 16;

const rangeKey = (r: SourceRange): string => `${r.start.line}:${r.start.column}:${r.end.line}:${r.end.column}`;

interface Assignment {
  readonly name: string;
  readonly target: SourceRange;
  /** The range whose recorded operation produced the new value. */
  readonly produced: SourceRange;
}

function collectAssignments(body: readonly IrStmt[], out: Assignment[]): Assignment[] {
  for (const s of body) {
    switch (s.kind) {
      case 'assign':
        if (s.target.kind === 'name') out.push({ name: s.target.name, target: s.target.range, produced: s.value.range });
        break;
      case 'augAssign':
        // `x += e` records its operation at the statement (the read-combine-write is one operation).
        if (s.target.kind === 'name') out.push({ name: s.target.name, target: s.target.range, produced: s.range });
        break;
      default:
        collectAssignments(childStmts(s), out);
        break;
    }
  }
  return out;
}

/**
 * Every assignment to a plain name whose new value was recorded on the tape, with its numbers at the
 * point. Assignments whose value does not depend on the parameters (constants) have no tape entry
 * and are left out: their tangents and adjoints are zero and their value is in the source.
 */
export function variableReports(fn: IrFunction, trace: Trace): VariableReport[] {
  const { tape } = trace;
  const assignments = collectAssignments(fn.body, []);
  if (assignments.length === 0) return [];
  // The last entry recorded at each site, and how many were (a site is an index into `tape.sites`).
  const lastBySite = new Int32Array(tape.sites.length).fill(-1);
  const countBySite = new Int32Array(tape.sites.length);
  for (let id = 0; id < tape.length; id++) {
    const site = tape.site[id]!;
    lastBySite[site] = id;
    countBySite[site]!++;
  }
  // Keys for the sites starting where an assignment's value does only: a tape has a site for every operation's range.
  const startOf = (r: SourceRange): number => r.start.line * 1e6 + r.start.column;
  const starts = new Set(assignments.map((a) => startOf(a.produced)));
  const siteByRange = new Map<string, number>();
  tape.sites.forEach((r, site) => {
    if (lastBySite[site] !== -1 && starts.has(startOf(r))) siteByRange.set(rangeKey(r), site);
  });

  const found: { a: Assignment; id: number; times: number }[] = [];
  for (const a of assignments) {
    const site = siteByRange.get(rangeKey(a.produced));
    if (site === undefined) continue;
    found.push({ a, id: lastBySite[site]!, times: countBySite[site]! });
  }
  if (found.length === 0) return [];

  const inputs: { label: string; id: number }[] = [];
  for (const p of trace.parameters) for (const id of p.ids) inputs.push({ label: tape.labelOf(id) ?? p.name, id });
  const out = trace.output.ids[0];
  // The hovers' sweeps have a budget of their own; past it, hovers show values only.
  let tangentColumns: { label: string; dots: Float64Array }[] = [];
  let adjoints: Float64Array | undefined;
  try {
    withinSweepBudget(trace, 'the hovers’ tangents and adjoints', () => {
      tangentColumns = inputs.length <= MAX_TANGENT_INPUTS ? inputs.map((x) => ({ label: x.label, dots: forwardSweep(tape, [x.id]) })) : [];
      adjoints = trace.output.isScalar && out !== undefined && out >= 0 ? reverseSweep(tape, out) : undefined;
    });
  } catch (e) {
    if (!(e instanceof GradLensError)) throw e;
    tangentColumns = [];
    adjoints = undefined;
  }
  const zeroAdjoint = adjoints === undefined && trace.output.isScalar && (out === undefined || out < 0);

  return found.map(({ a, id, times }) => {
    if (tape.isArrayRow(id)) {
      const node = tape.nodeAt(id);
      let norm = 0;
      let min = Infinity;
      let max = -Infinity;
      for (const x of node.value) {
        norm += x * x;
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      return { name: a.name, range: a.target, value: Number.NaN, tangents: {}, times, array: { shape: [...node.shape], norm: Math.sqrt(norm), min, max } };
    }
    const tangents = keyedRecord<number>();
    for (const c of tangentColumns) tangents[c.label] = c.dots[id]!;
    const adjoint = adjoints ? adjoints[id]! : zeroAdjoint ? 0 : undefined;
    return { name: a.name, range: a.target, value: tape.value[id]!, tangents, ...(adjoint !== undefined ? { adjoint } : {}), times };
  });
}
