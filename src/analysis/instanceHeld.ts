import { GradLensError } from '../core/diagnostic';
import { isPointObject, type PointTree } from '../core/pointTree';
import type { CompiledModule } from '../engine/module';
import { instanceTemplate } from '../engine/receivers';
import type { Budget } from '../core/budget';
import type { HeldValue, PointValue } from '../engine/run';

/**
 * What the instance a method's class makes from its constructor's defaults holds, field by field, as
 * shape inference reads a value it does not differentiate: a whole number (`self.n_var = 10`) or an
 * array's shape. For fields a base class's constructor sets through `super().__init__(n_var=n_var, …)`
 * (pymoo's ZDT problems over pymoo's `Problem`), which inference does not follow: the engine makes
 * the instance as a run would. Empty when the defaults make none (a constructor that needs
 * arguments, a base from a package GradLens does not read): then nothing is known of its fields.
 */
export function instanceFields(compiled: CompiledModule, method: string, budget: Partial<Budget>): ReadonlyMap<string, HeldValue> {
  const out = new Map<string, HeldValue>();
  let template: Record<string, PointValue>;
  try {
    template = instanceTemplate(compiled, method, {}, budget);
  } catch (e) {
    if (e instanceof GradLensError) return out;
    throw e;
  }
  for (const [field, v] of Object.entries(template)) {
    const held = heldOf(v);
    if (held) out.set(field, held);
  }
  return out;
}

/** A whole number, or a rectangular array of numbers' shape; undefined for anything else. */
function heldOf(v: PointTree): HeldValue | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? { whole: v } : undefined;
  if (isPointObject(v) || !Array.isArray(v) || v.length === 0) return undefined;
  const shape: number[] = [];
  let level: PointTree = v;
  while (Array.isArray(level)) {
    if (level.length === 0) return undefined;
    shape.push(level.length);
    level = level[0]!;
  }
  if (typeof level !== 'number') return undefined;
  // Every row as long as the first: a ragged list is no array.
  const rectangular = (x: PointTree, depth: number): boolean => (depth === shape.length ? typeof x === 'number' : Array.isArray(x) && x.length === shape[depth] && x.every((y) => rectangular(y, depth + 1)));
  return rectangular(v, 0) ? { shape } : undefined;
}
