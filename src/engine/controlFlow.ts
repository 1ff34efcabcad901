import type { ParameterLayout, Trace } from './run';
import { reachedRows } from './sweeps';

/**
 * Parameter entries the output does not reach on the tape: no operation that recorded a derivative
 * connects them to the result, so their gradient is 0 by absence. Such an entry is either unused,
 * or used only where derivatives do not flow — a comparison, a branch, a loop count, `int(x)`, an
 * index (a golden-section search's answer depends on its bracket only through comparisons). Which
 * of the two is a question for a nearby evaluation (analysis/controlFlow.ts); this only finds them.
 */
export interface EntriesOffTheTape {
  readonly parameter: ParameterLayout;
  /** Flat, row-major positions within the parameter's value. */
  readonly entries: readonly number[];
}

export function entriesOffTheTape(trace: Trace): EntriesOffTheTape[] {
  const reached = reachedRows(trace.tape, trace.output.ids);
  const out: EntriesOffTheTape[] = [];
  for (const parameter of trace.parameters) {
    const entries: number[] = [];
    parameter.ids.forEach((id, k) => {
      if (!(id < reached.length && reached[id] === 1)) entries.push(k);
    });
    if (entries.length > 0) out.push({ parameter, entries });
  }
  return out;
}
