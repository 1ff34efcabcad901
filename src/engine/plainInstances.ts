import type { IrClass, IrFunction } from '../ir/nodes';
import { plainParameterClasses } from '../ir/plainParameterClasses';
import type { ClassValue } from './interpreter/values';
import type { CompiledModule } from './module';

/** By function: its parameters' classes, found once (a run of a sweep asks again for every point). */
const found = new WeakMap<IrFunction, ReadonlyMap<string, IrClass>>();

/**
 * The class a plain Python function's parameter is an instance of, when the function only reads its
 * attributes and one class of its file has them all (ir/plainParameterClasses.ts): a point's object
 * for it is made that class's instance. Undefined for a method (classes.ts MethodTarget has its
 * own), another language (JavaScript's objects are dicts), or any other parameter.
 */
export function plainParameterClass(module: CompiledModule, name: string, param: string): ClassValue | undefined {
  const entry = module.functions.get(name);
  const classes = module.module.classes ?? [];
  if (!entry || entry.method || module.module.language !== 'python' || classes.length === 0) return undefined;
  let map = found.get(entry.ir);
  if (!map) found.set(entry.ir, (map = plainParameterClasses(entry.ir, classes, (n) => plainFunction(module, n))));
  const ir = map.get(param);
  return ir && module.classValues.get(ir.name);
}

/** A plain function of the module by name (a method's entry is named `Class.method`, a class is none). */
export function plainFunction(module: CompiledModule, name: string): IrFunction | undefined {
  const entry = module.functions.get(name);
  return entry && !entry.method && !entry.bound ? entry.ir : undefined;
}
