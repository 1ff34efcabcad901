import type { IrExpr, IrStmt } from '../../ir/nodes';
import { someNode } from '../../ir/walk';
import { constantInt } from './facts';

/**
 * Counting loops with a bound the code states: `for (let i = 0; i < 4; i++) s += a[i]`, `i <= 2`,
 * `i < N` (a module constant), `i < n` (n's default left to it), `while (i < 3) { …; i++ }`, and
 * `for (let i = 3; i >= 0; i--)`: the counter's largest value is known, so `a[i]`, `a[i + 1]` read
 * that far and a sample of `a` must hold that many entries (indexing.ts) — else the sample reads past
 * the end and gives no point.
 */

/**
 * The direction the loop moves its counter each pass, by a whole step (`i++`, `i += 2`: +1; `i--`:
 * −1), or undefined. A larger step reads no further than a step of one does.
 */
export function counterStep(index: string, update: readonly IrStmt[] | undefined, body: readonly IrStmt[]): 1 | -1 | undefined {
  // A `for` loop's update; a `while` loop's single step in its body (`i++` as its own statement).
  const steps = update ? update : body.filter((s) => writes(s, index));
  const step = steps.length === 1 ? steps[0]! : undefined;
  if (step?.kind !== 'augAssign' || step.target.kind !== 'name' || step.target.name !== index || step.value.kind !== 'number' || !Number.isInteger(step.value.value) || step.value.value < 1) return undefined;
  if (step.op !== '+' && step.op !== '-') return undefined;
  // Nothing else in the body moves the counter (a `while` that also does `i += 2` in a branch).
  const others = (update ? body : body.filter((s) => s !== step)).some((s) => someNode([s], { stmt: (x) => writes(x, index) }));
  if (others) return undefined;
  return step.op === '+' ? 1 : -1;
}

/** Whether `s` assigns `name` (`i = …`, `i += …`). */
function writes(s: IrStmt, name: string): boolean {
  return (s.kind === 'assign' || s.kind === 'augAssign') && s.target.kind === 'name' && s.target.name === name;
}

/**
 * The largest value the counter of `test` takes: `i < K` K − 1 and `i <= K` K counting up; counting
 * down (`i >= 0`, `i > 0`), its start. `whole` reads a bound or start as a whole number when it is one.
 */
export function counterLast(test: IrExpr, step: 1 | -1, start: number | undefined, whole: (e: IrExpr) => number | undefined): { index: string; last: number } | undefined {
  if (test.kind !== 'compare' || test.ops.length !== 1) return undefined;
  const [index, bound] = test.operands as [IrExpr, IrExpr];
  if (index.kind !== 'name') return undefined;
  const op = test.ops[0];
  if (step === 1 && (op === '<' || op === '<=')) {
    const k = whole(bound);
    return k === undefined ? undefined : { index: index.name, last: op === '<' ? k - 1 : k };
  }
  if (step === -1 && (op === '>' || op === '>=') && start !== undefined) return { index: index.name, last: start };
  return undefined;
}

/** `i`, `i + c`, `c + i`, `i - c` with i a counter whose last value is known: the largest index read. */
export function lastIndexRead(part: IrExpr, last: ReadonlyMap<string, number>): number | undefined {
  if (part.kind === 'name') return last.get(part.name);
  if (part.kind !== 'binary' || (part.op !== '+' && part.op !== '-')) return undefined;
  const [counter, offset] = part.left.kind === 'name' ? [part.left, part.right] : part.op === '+' ? [part.right, part.left] : [undefined, undefined];
  const c = constantInt(offset);
  const i = counter?.kind === 'name' ? last.get(counter.name) : undefined;
  if (i === undefined || c === undefined) return undefined;
  return part.op === '+' ? i + c : i - c;
}
