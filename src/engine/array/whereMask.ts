import { failNoValue } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import type { BranchRecord } from './where';
import type { DeferredDomain } from '../interpreter/runtime';
import { ELEMENT_OP, INPUT_OP } from '../tape';
import { ElementwiseNode } from './elementwise';
import type { ArrayValue, BroadcastMap } from './ndarray';
import { PackNode } from './record';

/**
 * np.where's contract: numpy's value, and the derivative of the branch each element selects.
 *
 * `np.where(x > 0, np.sqrt(x), 0.0)` at x = 0 sends the sqrt branch an adjoint of 0 there, and
 * sqrt's partial is ∞: reverse mode multiplies them into NaN — JAX's and PyTorch's answer (their
 * "where trap"). GradLens walks up from each branch through the elementwise operations that made
 * it and marks the elements the where does not select on the rows whose partial is ∞ or nan there
 * (`ElementwiseNode.excluded`, `Tape.excludedRows`); the sweeps then send nothing up from a zero
 * adjoint at such an element (a strong zero). A nonzero adjoint there means the value is used
 * elsewhere too, and the product stays what it is: the mark can only remove a 0·∞, never a number.
 *
 * Forward mode needs nothing: the where's gather drops the unselected tangents.
 */

/**
 * Rows visited per branch at most, each costing its element count: past that, an unmarked 0·∞ stays
 * NaN (with the non-finite warning). A loop whose where reads a long elementwise history (`x = 0.9 * x
 * + np.where(…, np.sqrt(x), …)`) would otherwise walk it all at every iteration.
 */
const MAX_ROWS = 64;
/** Of them, rows recorded before the branch was evaluated (`s = np.sqrt(x)` a line above the where). */
const MAX_EARLIER_ROWS = 8;

/** What the walk found at an unselected element: the operation and its partial there. */
interface Unselected {
  readonly name: string;
  readonly partial: number;
  /** The branch element, when the row's elements are the branch's own (no broadcast between). */
  readonly element: number | undefined;
}

/** A row's elements the where selects (1) through the paths walked so far. */
interface Pending {
  readonly taken: Uint8Array;
  readonly aligned: boolean;
}

/**
 * Marks the elements of `operand` (and of the rows that made it) the where does not select — `taken`
 * is 0 there — where a partial is not finite, and returns the first such partial found.
 * `visitedRows` gets each row walked with the elements the where selects of it; rows before
 * `firstRow` (the branch's first) are walked only a few (MAX_EARLIER_ROWS).
 */
export function excludeUnselected(rt: Runtime, operand: ArrayValue, taken: Uint8Array, visitedRows: Map<number, Uint8Array>, firstRow: number): Unselected | undefined {
  const tape = rt.tape;
  if (!tape || operand.row < 0 || !taken.includes(0)) return undefined;
  if (!tape.isArrayRow(operand.row) || tape.nodeAt(operand.row).value.length !== taken.length) return undefined;
  const pending = new Map<number, Pending>([[operand.row, { taken, aligned: true }]]);
  let found: Unselected | undefined;
  let earlier = 0;
  for (let visited = 0; pending.size > 0 && visited < MAX_ROWS; visited++) {
    const row = Math.max(...pending.keys()); // every reader of a row comes after it on the tape
    const { taken: mask, aligned } = pending.get(row)!;
    pending.delete(row);
    if (row < firstRow && ++earlier > MAX_EARLIER_ROWS) break; // the rest are older still
    visitedRows.set(row, mask);
    rt.work(mask.length, tape.site[row]!);
    if (!mask.includes(0)) continue;
    const merge = (r: number, m: Uint8Array, a: boolean): void => {
      const now = pending.get(r);
      if (!now) return void pending.set(r, { taken: m, aligned: a });
      for (let i = 0; i < m.length; i++) now.taken[i]! |= m[i]!;
      pending.set(r, { taken: now.taken, aligned: now.aligned && a });
    };
    if (tape.isArrayRow(row)) {
      const node = tape.nodeAt(row);
      if (node instanceof ElementwiseNode) {
        const here = markElementwise(node, mask, aligned); // always: `found ??= mark…` would skip the marking
        found ??= here;
        for (const { row: r, map } of node.trackedInputs()) merge(r, takenAbove(mask, map, sizeOfRow(rt, r)), aligned && map === null);
      } else if (node instanceof PackNode) {
        node.inputs.forEach((r, i) => {
          if (r >= 0) merge(r, Uint8Array.of(mask[i]!), false);
        });
      }
      continue;
    }
    const op = tape.op[row]!;
    if (op === INPUT_OP) continue;
    if (op === ELEMENT_OP) {
      // this path reads one element and does not select it: nothing of that array through here
      merge(tape.in0[row]!, new Uint8Array(sizeOfRow(rt, tape.in0[row]!)), false);
      continue;
    }
    const prim = tape.primitiveAt(row);
    if (!prim) continue;
    const inputs = [tape.in0[row]!, tape.in1[row]!];
    const partials = [tape.partial0[row]!, tape.partial1[row]!];
    const bad = inputs.findIndex((r, k) => r >= 0 && !Number.isFinite(partials[k]!));
    if (bad >= 0) {
      (tape.excludedRows ??= new Set()).add(row);
      found ??= { name: prim.name, partial: partials[bad]!, element: undefined };
    }
    for (const r of inputs) if (r >= 0) merge(r, Uint8Array.of(0), false);
  }
  return found;
}

/** Marks `node`'s unselected elements whose partial is not finite; the first one, if any. */
function markElementwise(node: ElementwiseNode, taken: Uint8Array, aligned: boolean): Unselected | undefined {
  let found: Unselected | undefined;
  for (let i = 0; i < taken.length; i++) {
    if (taken[i]) continue;
    const partial = node.nonFinitePartialAt(i);
    if (partial === undefined) continue;
    (node.excluded ??= new Uint8Array(taken.length))[i] = 1;
    found ??= { name: node.name, partial, element: aligned ? i : undefined };
  }
  return found;
}

/** The input elements an output mask selects, through the input's broadcast map. */
function takenAbove(taken: Uint8Array, map: BroadcastMap, size: number): Uint8Array {
  if (map === null) return taken.slice();
  const out = new Uint8Array(size);
  for (let i = 0; i < taken.length; i++) if (taken[i]) out[typeof map === 'number' ? i % map : map[i]!] = 1;
  return out;
}

function sizeOfRow(rt: Runtime, row: number): number {
  const tape = rt.tape!;
  if (!tape.isArrayRow(row)) return 1;
  const node = tape.nodeAt(row);
  return node.size ?? node.value.length;
}

/**
 * What np.where (or a function built on it, `caller`) says about one branch: an element with no value
 * (`failure`, deferred while the branch was evaluated, interpreter/whereCall.ts) is dropped when every
 * element the where selects from the branch is finite, and is the run's error otherwise; its kinks are
 * said where the where selects them, and kinks said before it at elements it excludes are withdrawn.
 * One note says the rest: the unselected element whose derivative JAX and PyTorch would turn into NaN,
 * and the value numpy gives nan for (the branch's own, or the run's first if the walk met it unselected).
 */
export function settleBranch(rt: Runtime, operand: ArrayValue, taken: Uint8Array, which: 'x' | 'y', site: number, caller: string | undefined, branch: BranchRecord | undefined): void {
  let dropped: DeferredDomain | undefined;
  const failure = branch?.failure;
  if (failure) {
    if (selectedFinite(operand, taken)) dropped = failure;
    else {
      if (rt.guarded > 0) failNoValue(failure.message, rt.sites[failure.site]!, failure.values, true);
      rt.deferredDomain ??= failure;
    }
  }
  const visited = new Map<number, Uint8Array>();
  const found = excludeUnselected(rt, operand, taken, visited, branch?.firstRow ?? operand.row);
  // a kink at an element the where does not select is no kink of the result
  for (const k of branch?.kinks ?? []) if (visited.get(k.row)?.[k.element] !== 0) rt.reportKink(k);
  if (visited.size > 0) rt.withdrawExcludedKinks((row, element) => rt.tape!.isArrayRow(row) && (rt.tape!.nodeAt(row) as { excluded?: Uint8Array }).excluded?.[element] === 1);
  if (found === undefined || caller === undefined) {
    if (dropped) rt.warn('domain', `${dropped.message}: numpy gives nan (or ±inf) there and goes on, and ${caller ?? 'np.where'} does not select it`, dropped.site, dropped.values, 'info');
    return;
  }
  if (!dropped) {
    // the run's own first element with no value, on a row the walk met where the where does not select it
    const earlier = rt.deferredDomain;
    const mask = earlier && !earlier.said ? [...visited].find(([row]) => rt.tape!.site[row] === earlier.site)?.[1] : undefined;
    if (earlier && mask?.[earlier.element ?? 0] === 0) {
      dropped = earlier;
      rt.deferredDomain = { ...earlier, said: true };
    }
  }
  rt.warn('where-branch', branchNote(caller, which, operand.size, found, dropped), site, dropped?.values, 'info');
}

/**
 * `np.where: its x branch, not selected at element 1, has no derivative there (sqrt)`, and the value
 * numpy gives nan for when there is one (`no value there (sqrt(−1)): numpy gives nan and goes on`).
 */
function branchNote(caller: string, which: 'x' | 'y', size: number, found: Unselected, dropped: DeferredDomain | undefined): string {
  const at = found.element !== undefined && size > 1 ? ` at element ${found.element}` : '';
  const kind = Number.isNaN(found.partial) ? 'no derivative' : 'an infinite derivative';
  const what = caller === 'np.nan_to_num' ? `the entry it replaces${at}` : caller === 'np.select' ? `a choice, not selected${at},` : `its ${which} branch, not selected${at},`;
  const selected = caller === 'np.nan_to_num' ? "the replacement's" : "the selected branch's";
  const others = `JAX and PyTorch give NaN here; GradLens gives ${selected} derivative`;
  if (!dropped) return `${caller}: ${what} has ${kind} there (${found.name}). ${others}`;
  const nan = 'numpy gives nan (or ±inf) and goes on';
  if (dropped.element === found.element || (dropped.element === undefined && at === '')) return `${caller}: ${what} has no finite value there (${dropped.what ?? dropped.message}): ${nan}. ${others}`;
  return `${caller}: ${what} has ${kind} there (${found.name}), and no finite value at element ${dropped.element ?? 0} (${dropped.what ?? dropped.message}): ${nan}. ${others}`;
}

function selectedFinite(operand: ArrayValue, taken: Uint8Array): boolean {
  const data = operand.data;
  for (let i = 0; i < taken.length; i++) if (taken[i] && !Number.isFinite(data[i]!)) return false;
  return true;
}
