/**
 * Runs a Python function through the whole product path (front end → IR → engine) at a point, and
 * reads value, gradient (reverse and forward mode) and Hessian as flat lists over the parameters'
 * entries in declaration order. Used by the check table and by tests of single functions.
 */
import { diagnosticText } from '../../../src/core/diagnosticText';
import { lowerPython } from '../../../src/frontends/python/index';
import { hessianMatrix, jacobianMatrix } from '../../../src/engine/differentiate';
import { CompiledModule } from '../../../src/engine/module';
import { evaluatePrimal, recordTrace, releaseTrace, type PointValue } from '../../../src/engine/run';

export function compilePython(source: string): CompiledModule {
  const ir = lowerPython(source, 'table.py');
  const m = new CompiledModule(ir);
  for (const [name, entry] of m.functions) {
    if (entry.errors.length > 0) throw new Error(`${name}: ${entry.errors.map((e) => e.message).join('; ')}`);
  }
  if (ir.diagnostics.length > 0) throw new Error(ir.diagnostics.map((d) => d.message).join('; '));
  return m;
}

export interface Outcome {
  /** The output, flattened (a scalar is one entry). */
  values: number[];
  /** Rows: one per output entry; columns: parameter entries. */
  reverse: number[][];
  forward: number[][];
  /** Only for a scalar output, when asked. */
  hessian?: number[][];
  warnings: string[];
}

export function differentiate(m: CompiledModule, name: string, point: readonly PointValue[], withHessian: boolean): Outcome {
  const trace = recordTrace(m, name, point);
  try {
    const values = [...trace.output.values];
    const reverse = jacobianMatrix(trace, 'reverse');
    const forward = jacobianMatrix(trace, 'forward');
    const hessian = withHessian && trace.output.isScalar ? hessianMatrix(trace) : undefined;
    return { values, reverse, forward, ...(hessian ? { hessian } : {}), warnings: trace.warnings.map((w) => diagnosticText(w)) };
  } finally {
    releaseTrace(trace);
  }
}

export function valueAt(m: CompiledModule, name: string, point: readonly PointValue[]): number[] {
  return [...evaluatePrimal(m, name, point).output.values];
}
