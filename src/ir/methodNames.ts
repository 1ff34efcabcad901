import type { IrClass, IrMethod } from './nodes';

/**
 * The name a method is listed under (its lens, `--function`, a point's function): `Class.method`.
 * A class may have a static method and an instance method of one name (gl-matrix's
 * `static add(out, a, b)` beside `add(b)`); JavaScript names them `Vec2.add` and
 * `Vec2.prototype.add`, and so do we, so each has its own lens and numbers.
 */
export function listedMethodName(cls: IrClass, method: IrMethod): string {
  return method.binding === 'instance' && hasStatic(cls, method.fn.name) ? `${cls.name}.prototype.${method.fn.name}` : `${cls.name}.${method.fn.name}`;
}

/** The listed name of the instance method `name` of the class `cls` (a call on an instance names it so). */
export function instanceMethodName(cls: IrClass, name: string): string {
  return hasStatic(cls, name) ? `${cls.name}.prototype.${name}` : `${cls.name}.${name}`;
}

function hasStatic(cls: IrClass, name: string): boolean {
  return cls.methods.some((m) => m.binding === 'static' && m.fn.name === name);
}
