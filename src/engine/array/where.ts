import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import type { Value } from '../interpreter/values';
import { arr } from './args';
import { broadcastMap, broadcastShapes, formatShape, sizeOf, type ArrayValue, type BroadcastMap } from './ndarray';
import type { Operand } from './record';
import { gatherMany } from './shape';
import type { DeferredDomain, PendingKink } from '../interpreter/runtime';
import { settleBranch } from './whereMask';


/**
 * What evaluating a branch met (interpreter/whereCall.ts): its first element with no value, and the
 * kinks of its tape rows, which the where says only where it selects them.
 */
export interface BranchRecord {
  readonly failure: DeferredDomain | undefined;
  /** The first tape row the branch recorded (the tape's length when it began). */
  readonly firstRow: number;
  readonly kinks: readonly PendingKink[];
}

/**
 * np.where(c, x, y): per element, x where c is true, else y — a gather from two sources, so the
 * gradient reaches only the branch chosen, exactly (whereMask.ts: no 0·∞ from the other branch).
 * `caller`: the numpy function the user wrote, which the notes name (none for GradLens's own uses).
 */
export function where(rt: Runtime, c: ArrayValue, x: Operand, y: Operand, site: number, caller?: string, branches?: { readonly x: BranchRecord; readonly y: BranchRecord }): ArrayValue {
  const xs = arr(rt, x as Value, site, 'where');
  const ys = arr(rt, y as Value, site, 'where');
  const xy = broadcastShapes(xs.shape, ys.shape);
  const shape = xy && broadcastShapes(c.shape, xy);
  if (!shape) fail('shape', `where: shapes ${formatShape(c.shape)}, ${formatShape(xs.shape)} and ${formatShape(ys.shape)} could not be broadcast together`, rt.sites[site]!);
  const n = sizeOf(shape);
  const at = (map: BroadcastMap, i: number): number => (map === null ? i : typeof map === 'number' ? i % map : map[i]!);
  const [mc, mx, my] = [broadcastMap(c.shape, shape), broadcastMap(xs.shape, shape), broadcastMap(ys.shape, shape)];
  const cond = c.data;
  const which = new Int32Array(n);
  const pos = new Int32Array(n);
  const takenX = new Uint8Array(xs.size);
  const takenY = new Uint8Array(ys.size);
  for (let i = 0; i < n; i++) {
    const pick = cond[at(mc, i)] ? 0 : 1;
    which[i] = pick;
    pos[i] = pick === 0 ? at(mx, i) : at(my, i);
    (pick === 0 ? takenX : takenY)[pos[i]!] = 1;
  }
  settleBranch(rt, xs, takenX, 'x', site, caller, branches?.x);
  settleBranch(rt, ys, takenY, 'y', site, caller, branches?.y);
  return gatherMany(rt, 'where', [xs, ys], shape, which, pos, site);
}
