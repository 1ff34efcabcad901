import { buildOps } from '../../engine/primitives/registry';
import { SCALAR_PRIMITIVES } from '../../engine/primitives/scalar';
import type { Ops, ScalarPrimitiveName } from '../../engine/primitives/types';
import { INPUT_OP, type Tape } from '../../engine/tape';
import { apply, constantExpr, type Expr } from './expr';

/**
 * The function and its partial derivatives as formulas, read off a recorded tape: each operation
 * becomes a call of its primitive, and the reverse sweep is run over formulas instead of numbers, with
 * the registry's own partial rules evaluated over `Ops<Sym>`. No second table of derivatives exists:
 * d sin = cos here because `scalar.ts` says so.
 */

/** A formula with its value at the point: a rule may look at a primal value to choose a branch. */
export interface Sym {
  readonly e: Expr;
  readonly v: number;
  /** Depends on a parameter (a constant's branch is no branch of the formula). */
  readonly dep: boolean;
}

/** Primitives whose rules pick one argument by comparing values: their derivative is piecewise. */
const SELECTORS: ReadonlySet<ScalarPrimitiveName> = new Set(['minimum', 'maximum']);

export interface SymbolicResult {
  readonly value: Expr;
  /** One per parameter, in the order of `parameterIds`. */
  readonly partials: readonly Expr[];
}

/** Why a tape has no formula (its caller says nothing: a formula is an extra, never an error). */
export type SymbolicRefusal = 'array' | 'piecewise';

function symOps(onBranch: () => void): Ops<Sym> {
  return buildOps<Sym>(
    (p, a, b) => ({ e: apply(p.name, a.e, b.e), v: p.value(a.v, b.v), dep: a.dep || b.dep }),
    (c) => ({ e: constantExpr(c), v: c, dep: false }),
    (t) => {
      if (t.dep) onBranch();
      return t.v;
    },
  );
}

/**
 * `parameterIds[i]` is the tape row of parameter i (a scalar input); `outputId` the row of the
 * function's scalar result. Rows are read from the output back, so code that does not reach the
 * output is not part of the formula.
 */
export function symbolicDerivatives(tape: Tape, parameterIds: readonly number[], outputId: number): SymbolicResult | SymbolicRefusal {
  let branched = false;
  const ops = symOps(() => {
    branched = true;
  });
  const forward = new Map<number, Sym>();
  parameterIds.forEach((id, index) => forward.set(id, { e: { kind: 'parameter', index }, v: tape.value[id]!, dep: true }));
  const operand = (row: number, input: number): Sym => (input >= 0 ? symOf(input) : { e: constantExpr(tape.constant[row]!), v: tape.constant[row]!, dep: false });
  // Forward: each row's formula from its operands' (iterative over the rows the output reads, in order).
  const needed = rowsReaching(tape, outputId);
  if (needed === 'array') return 'array';
  function symOf(id: number): Sym {
    const s = forward.get(id);
    if (!s) throw new Error(`internal: tape row ${id} read before it was built`);
    return s;
  }
  for (const id of needed) {
    if (forward.has(id)) continue;
    if (tape.op[id] === INPUT_OP) return 'array';
    const p = SCALAR_PRIMITIVES[tape.op[id]!]!;
    const a = operand(id, tape.in0[id]!);
    const b = p.arity === 2 ? operand(id, tape.in1[id]!) : a;
    forward.set(id, { e: apply(p.name, a.e, b.e), v: tape.value[id]!, dep: true });
  }
  // Reverse: the adjoint of each row as a formula, x̄ += ∂ₖ · ȳ with ∂ₖ from the registry's rule.
  const adjoint = new Map<number, Expr>([[outputId, { kind: 'number', value: 1 }]]);
  for (let k = needed.length - 1; k >= 0; k--) {
    const id = needed[k]!;
    const bar = adjoint.get(id);
    if (bar === undefined || tape.op[id] === INPUT_OP) continue;
    const p = SCALAR_PRIMITIVES[tape.op[id]!]!;
    const a = operand(id, tape.in0[id]!);
    const b = p.arity === 2 ? operand(id, tape.in1[id]!) : a;
    const inputs = p.arity === 2 ? [tape.in0[id]!, tape.in1[id]!] : [tape.in0[id]!];
    inputs.forEach((input, which) => {
      if (input < 0) return;
      branched = false;
      const partial = p.partials[which]!(ops, a, b, symOf(id));
      if (branched && SELECTORS.has(p.name)) throw new PiecewiseSignal();
      const term = apply('mul', partial.e, bar);
      const before = adjoint.get(input);
      adjoint.set(input, before === undefined ? term : apply('add', before, term));
    });
  }
  return { value: symOf(outputId).e, partials: parameterIds.map((id) => adjoint.get(id) ?? { kind: 'number', value: 0 }) };
}

class PiecewiseSignal extends Error {}

/** `symbolicDerivatives`, with a min/max's piecewise derivative as a refusal. */
export function deriveSymbolically(tape: Tape, parameterIds: readonly number[], outputId: number): SymbolicResult | SymbolicRefusal {
  try {
    return symbolicDerivatives(tape, parameterIds, outputId);
  } catch (e) {
    if (e instanceof PiecewiseSignal) return 'piecewise';
    throw e;
  }
}

/** The rows the output depends on, in tape order; 'array' when one of them is not a scalar operation. */
function rowsReaching(tape: Tape, outputId: number): number[] | 'array' {
  const seen = new Set<number>([outputId]);
  const todo = [outputId];
  while (todo.length > 0) {
    const id = todo.pop()!;
    const op = tape.op[id]!;
    if (op === INPUT_OP) continue;
    if (op >= SCALAR_PRIMITIVES.length) return 'array';
    for (const input of [tape.in0[id]!, SCALAR_PRIMITIVES[op]!.arity === 2 ? tape.in1[id]! : -1]) {
      if (input >= 0 && !seen.has(input)) {
        seen.add(input);
        todo.push(input);
      }
    }
  }
  return [...seen].sort((x, y) => x - y);
}
