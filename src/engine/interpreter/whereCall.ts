import type { ScalarKind } from './scalarKinds';
import { dtypeOfValue, promote, withDtype, type Typed } from '../array/dtypes';
import type { IrExpr } from '../../ir/nodes';
import { arr, operand } from '../array/args';
import { ArrayValue } from '../array/ndarray';
import { where, type BranchRecord } from '../array/where';
import type { ExprFn, Frame } from './compiled';
import type { PendingKink, Runtime } from './runtime';
import type { Value } from './values';

/**
 * `np.where(c, x, y)` (numpy's, jax.numpy's and autograd's alike) with its three arguments written
 * out: c first, then each branch in a masked context (`Runtime.whereBranches`), where an element
 * or a scalar with no value (np.sqrt(−1)) becomes numpy's nan and its error waits. The where then
 * decides (array/whereMask.ts): an element it does not select is dropped with a note, one it
 * selects is the error it always was.
 */
export function isPlainWhere(e: IrExpr & { kind: 'call' }): boolean {
  return e.callee.kind === 'intrinsic' && e.callee.name === 'where' && e.args.length === 3 && e.args.every((a) => a.kind !== 'spread') && e.keywords.length === 0 && (e.keywordSpreads ?? []).length === 0;
}

export function compileWhereCall(cond: ExprFn, x: ExprFn, y: ExprFn, site: number, kinds: readonly [ScalarKind, ScalarKind]): ExprFn {
  return (f) => {
    const rt = f.rt;
    const c = cond(f);
    const [xv, xBranch] = inBranch(rt, x, f);
    const [yv, yBranch] = inBranch(rt, y, f);
    for (const a of [c, xv, yv]) if (a instanceof ArrayValue) rt.work(a.size, site);
    const out = where(rt, arr(rt, c, site, 'where'), operand(rt, xv, site), operand(rt, yv, site), site, 'np.where', { x: xBranch, y: yBranch });
    // numpy's dtype: x's and y's promoted (np.where(c, 1, 2) is int64, np.where(c, 1, 2.0) float64)
    const types = [dtypeOfValue(xv, kinds[0]), dtypeOfValue(yv, kinds[1])];
    if (!(out instanceof ArrayValue) || out === xv || out === yv || types.some((t) => t === undefined)) return out;
    return withDtype(out, promote(types as Typed[]));
  };
}

/** One branch's value, the first element with no value it met and its kinks (the run's own kept aside). */
function inBranch(rt: Runtime, branch: ExprFn, f: Frame): [Value, BranchRecord] {
  const before = rt.deferredDomain;
  const outerKinks = rt.branchKinks;
  const kinks: PendingKink[] = [];
  rt.deferredDomain = undefined;
  rt.branchKinks = kinks;
  rt.whereBranches++;
  const firstRow = rt.tape?.length ?? 0;
  let value: Value;
  try {
    value = branch(f);
  } catch (e) {
    // a failure inside the branch: its first element with no value may be the cause (run.ts)
    rt.deferredDomain = before ?? rt.deferredDomain;
    throw e;
  } finally {
    rt.whereBranches--;
    rt.branchKinks = outerKinks;
  }
  const failure = rt.deferredDomain;
  rt.deferredDomain = before;
  return [value, { failure, kinks, firstRow }];
}
