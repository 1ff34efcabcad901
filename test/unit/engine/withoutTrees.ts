import assert from 'node:assert/strict';
import { sourceRange } from '../../../src/core/sourceRange';
import { GradLensError } from '../../../src/core/diagnostic';
import type { IrExpr, IrModule } from '../../../src/ir/nodes';
import { CompiledModule } from '../../../src/engine/module';
import { evaluatePrimal, recordTrace, type PointValue } from '../../../src/engine/run';
import type { Budget } from '../../../src/core/budget';
import { derivatives } from '../../../src/engine/differentiate';
import { scalarShortcuts } from '../../../src/engine/interpreter/scalarRegister';
import { num } from './irBuilders';

/**
 * Scalar trees (interpreter/scalarTrees.ts) must record what the interpreter records without them,
 * bit for bit. The reference is the same program with every operand of +, −, × and ** wrapped in
 * `[e][0]`: a list's element is the value itself and adds no row, but no operand is then a tree
 * operator, so every operation takes `binaryExpr`'s path; `s += e` and `x[i] = v` are compiled as
 * assignments.ts compiles them (scalarShortcuts off). Compared: the tape row by row (op, inputs,
 * value, partials, constant operand, the site's range), the output, the gradient, the primal,
 * warnings, and the error when there is one.
 */

export const R = sourceRange(0, 0, 0, 1);
const TREE_OPS = new Set(['+', '-', '*', '**']);

function wrapped(e: IrExpr): IrExpr {
  return { kind: 'index', object: { kind: 'list', elements: [e], range: R }, index: num(0), range: R };
}

/** The program with no scalar tree in it (see above); everything else as it was. */
export function withoutTrees<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withoutTrees) as T;
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) copy[k] = withoutTrees(v);
  const e = copy as { kind?: string; op?: string; left?: IrExpr; right?: IrExpr };
  if (e.kind === 'binary' && TREE_OPS.has(e.op!)) {
    e.left = wrapped(e.left!);
    // `x ** 2`'s literal exponent stays: the interpreter squares on it.
    if (e.op !== '**') e.right = wrapped(e.right!);
  }
  return copy as T;
}

const bits = (x: number): string => {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0).toString(16);
};

export type Outcome = { error: string } | { rows: string[]; values: string[]; gradient: string; primal: string[]; warnings: string[] };

function outcome(m: CompiledModule, fnName: string, args: readonly PointValue[], names?: readonly string[], budget?: Partial<Budget>): Outcome {
  try {
    const trace = recordTrace(m, fnName, args, budget, names);
    const t = trace.tape;
    const rows: string[] = [];
    for (let i = 0; i < t.length; i++) {
      const range = t.sites[t.site[i]!]!;
      rows.push([t.op[i], t.in0[i], t.in1[i], bits(t.value[i]!), bits(t.partial0[i]!), bits(t.partial1[i]!), bits(t.constant[i]!), JSON.stringify(range)].join(' '));
    }
    const d = trace.output.isScalar ? derivatives(trace, 'reverse') : { gradient: {} };
    const gradient = JSON.stringify(d.gradient, (_k, v: unknown) => (typeof v === 'number' ? bits(v) : v));
    const primal = evaluatePrimal(m, fnName, args, budget, names).output.values.map(bits);
    return { rows, values: trace.output.values.map(bits), gradient, primal, warnings: trace.warnings.map((w) => `${w.code} ${w.message}`) };
  } catch (e) {
    if (e instanceof GradLensError) return { error: `${e.diagnostic.code} ${e.diagnostic.message}` };
    throw e;
  }
}

/** The module of `withoutTrees(ir)`, compiled without the statement shortcuts either (`s += …`, `x[i] = v`). */
export function compiledWithoutTrees(ir: IrModule): CompiledModule {
  scalarShortcuts.enabled = false;
  try {
    return new CompiledModule(withoutTrees(ir));
  } finally {
    scalarShortcuts.enabled = true;
  }
}

export function assertSameAsInterpreter(ir: IrModule, fnName: string, args: readonly PointValue[], names?: readonly string[], budget?: Partial<Budget>): Outcome {
  const fast = outcome(new CompiledModule(ir), fnName, args, names, budget);
  const reference = outcome(compiledWithoutTrees(ir), fnName, args, names, budget);
  assert.deepEqual(fast, reference);
  return fast;
}

