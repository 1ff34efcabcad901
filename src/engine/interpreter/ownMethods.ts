import { callValue, type KeywordValue } from './calls';
import { getProperty } from './methods';
import { hashKey } from './containers';
import type { Runtime } from './runtime';
import { arrayInstanceMethod } from './objects';
import { DictValue, InstanceValue, ModuleValue, TypedArrayValue, type Value } from './values';

type Impl = (rt: Runtime, args: Value[], keywords: readonly KeywordValue[], site: number) => Value;

/**
 * JavaScript's array methods are lowered by name (`xs.at(i)` is `seq_at(xs, i)`) because the front end
 * cannot tell an array from an object. An object of the user's own that defines the method itself (a
 * curve's `at(t)`, a vector's `set(x, y)`, a model's `map(f)`) must have its own called, as JavaScript
 * would: each implementation is wrapped so that, for a class instance, a module, or an object with
 * an entry of that name, the receiver's method is looked up and called with the other arguments.
 */
export function ownMethodFirst(method: string, impl: Impl): Impl {
  return (rt, args, keywords, site) => {
    const receiver = args[0];
    const own =
      receiver instanceof InstanceValue ||
      receiver instanceof ModuleValue ||
      (receiver instanceof DictValue && receiver.entries.has(hashKey(rt, method, site))) ||
      // An instance of a class extending a typed array: its class's method of that name, if any (`Vec2.prototype.map`).
      (receiver instanceof TypedArrayValue && receiver.cls !== undefined && arrayInstanceMethod(receiver.cls, method) !== undefined);
    if (!own) return impl(rt, args, keywords, site);
    return callValue(rt, getProperty(rt, receiver, method, site), args.slice(1), keywords, site);
  };
}

/** Each implementation named in `methods` (intrinsic → the JavaScript method it is) wrapped by `ownMethodFirst`. */
export function withOwnMethods<T extends Record<string, Impl>>(impls: T, methods: Partial<Record<keyof T, string>>): T {
  const out: Record<string, Impl> = { ...impls };
  for (const [name, method] of Object.entries(methods)) out[name] = ownMethodFirst(method as string, impls[name]!);
  return out as T;
}
