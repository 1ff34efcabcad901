import type { IrClass, IrFunction } from '../ir/nodes';
import { plainParameterClasses, type FunctionNamed } from '../ir/plainParameterClasses';

/**
 * `fn` as shape inference should read it when some of its parameters are instances of the file's
 * classes read only through attributes (ir/plainParameterClasses.ts): those reads marked as property
 * reads (`atom1.R` as JavaScript's `o.R`), so each such parameter is inferred as an object of the
 * attributes read, in the shapes the code uses them in; its sample's object is made an instance of
 * the class when the function runs (engine/plainInstances.ts). `fn` itself when there is none.
 */
export function withAttributeObjects(fn: IrFunction, classes: readonly IrClass[], language: string, functionNamed: FunctionNamed): IrFunction {
  if (language !== 'python' || classes.length === 0) return fn;
  const params = new Set(plainParameterClasses(fn, classes, functionNamed).keys());
  if (params.size === 0) return fn;
  const mark = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(mark);
    if (node === null || typeof node !== 'object') return node;
    const n = node as { kind?: unknown; object?: { kind?: unknown; name?: unknown } };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === 'range' ? v : mark(v);
    if (n.kind === 'attribute' && n.object?.kind === 'name' && params.has(n.object.name as string)) out.property = true;
    return out;
  };
  return { ...fn, body: mark(fn.body) as IrFunction['body'] };
}
