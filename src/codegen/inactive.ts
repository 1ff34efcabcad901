import type { IrExpr, IrFunction } from '../ir/nodes';
import { assignedNames, childExprs } from '../ir/walk';
import { num } from './expressions';
import { listLength } from './lists';
import type { Lowering } from './lowering';
import { fieldValue } from './objects';
import { describeExpr, mapChildren, mentionsActive, notAFunction, refuse, SIMPLE_KINDS, sizeOnly, type Env } from './steps';

/**
 * Expressions generated code keeps as they are — not differentiated: tests, sizes, indices,
 * constants — with their names renamed to the versions the lowering gave them.
 */

/**
 * `e` with its names renamed to their versions. In a test (`booleanUse`) it may read differentiated
 * values; anywhere else it must not (a located refusal).
 */
export function inactiveExpression(t: Lowering, e: IrExpr, env: Env, booleanUse: boolean): IrExpr {
  const rename = (x: IrExpr): IrExpr => {
    const length = listLength(x, env);
    if (length !== undefined) return num(length, x.range);
    // len(x), x.shape: x's size, read off its (renamed) name.
    if (sizeOnly(x, env)) {
      const renamed = (c: IrExpr): IrExpr => (c.kind === 'name' ? (env.get(c.name)?.expr ?? c) : c);
      return x.kind === 'attribute' ? { ...x, object: renamed(x.object) } : mapChildren(x, renamed);
    }
    // A field of an object (objects.ts) is its value; a property or method would need steps.
    const cell = x.kind === 'attribute' && x.object.kind === 'name' ? env.get(x.object.name)?.object : undefined;
    if (cell && x.kind === 'attribute') {
      const field = fieldValue(t, cell, x.name, x.range);
      if (!field) return refuse(`.${x.name} of an object is not written yet here (only its fields are)`, x.range);
      notAFunction(field, x.range);
      if (field.active && !booleanUse) refuse(`.${x.name} of a differentiated value is not written yet`, x.range);
      return field.expr;
    }
    if (x.kind === 'name') {
      const bound = env.get(x.name);
      if (!bound) {
        notUnsetLocal(t, x);
        return x;
      }
      notAFunction(bound, x.range);
      if (bound.active && !booleanUse) refuse(`${describeExpr(x)} of a differentiated value is not written yet`, x.range);
      return bound.expr;
    }
    if (!SIMPLE_KINDS.has(x.kind)) refuse(`${describeExpr(x)} is not written yet in generated derivative code`, x.range);
    if (!booleanUse && !childExprs(x).every((c) => !mentionsActive(c, env))) {
      refuse(`${describeExpr(x)} of a differentiated value is not written yet`, x.range);
    }
    return mapChildren(x, rename);
  };
  return rename(e);
}

/** Each function's own names (parameters and what it assigns), for notUnsetLocal. */
const LOCALS = new WeakMap<IrFunction, ReadonlySet<string>>();

/**
 * A name the function being lowered sets (or takes) that has no value here is one it reads where
 * it may not be set — made only inside a loop or in one branch — not a global: refused, where it
 * is read, rather than written as a global of that name.
 */
export function notUnsetLocal(t: Lowering, e: IrExpr & { kind: 'name' }): void {
  const fn = t.currentFunction();
  let locals = LOCALS.get(fn);
  if (!locals) LOCALS.set(fn, (locals = new Set([...fn.params.map((p) => p.name), ...assignedNames(fn.body)])));
  if (locals.has(e.name)) refuse(`${e.name} is read here where it may not be set (it is set only inside a loop or in one branch before): not written yet`, e.range);
}
