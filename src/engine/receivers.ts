import { pointLeaves } from '../core/pointTree';
import { budgetWith, type Budget } from '../core/budget';
import { fail, GradLensError } from '../core/diagnostic';
import { keyedRecord } from '../core/keyed';
import { someNode } from '../ir/walk';
import type { MethodTarget } from './classes';
import { withDeadline } from './clock';
import { placeAttribute } from './interpreter/methods';
import { bareInstance, construct, roleMethod } from './interpreter/objects';
import { Runtime } from './interpreter/runtime';
import { DictValue, InstanceValue, inWordsOf, TypedArrayValue, type ClassValue, type Value } from './interpreter/values';
import type { CompiledModule } from './module';
import { attributePoint, constantValue } from './pointInputs';
import type { PointValue, ReceiverValues } from './run';

/**
 * The receiver of a method run on its own (`Class.method`), and instances of its class made from a
 * point's values: constructor arguments by name, the rest set as attributes.
 */

/**
 * The receiver of a method run on its own: the class for a classmethod, none for a staticmethod, else
 * an instance made by the class's constructor with the values it takes, the others set as attributes.
 */
export function makeReceiver(rt: Runtime, target: MethodTarget, given: ReceiverValues, arrays: boolean, site: number): Value | undefined {
  const { cls, method } = target;
  if (method.binding === 'static') return undefined;
  if (method.binding === 'class') return cls;
  const values = Object.entries(given).map(([k, v]) => [k, constantValue(rt, v, arrays, site)] as const);
  return makeInstance(rt, cls, values, site, () => `${cls.name}.${method.fn.name} runs on an instance made by ${cls.name}(…)`, (required) => `Say how to make it: # @at …; self: ${required.map((p, i) => `${p}=${i + 1}`).join(', ')}`, false, !readsReceiver(method.fn));
}

/**
 * Whether a method reads its instance at all: Nielsen's `cost_derivative(self, output_activations, y)`
 * returns `output_activations - y`, the same on every instance, so one its constructor cannot make
 * (`Network(sizes)` with no sizes given) does not stop it.
 */
export function readsReceiver(fn: MethodTarget['method']['fn']): boolean {
  const receiver = fn.params[0]?.name;
  return receiver === undefined || someNode(fn.body, { expr: (e) => (e.kind === 'name' && e.name === receiver) || e.kind === 'super' });
}

/**
 * A parameter the method uses as an instance of its class, or of `of` (another class of its file or
 * imports), from the point's object: made as `self:` values make the receiver.
 */
export function instanceFromObject(rt: Runtime, target: MethodTarget, param: string, object: DictValue, site: number, of: ClassValue = target.cls): Value {
  return instanceForParameter(rt, of, target.method.fn.name, param, object, site);
}

/**
 * A parameter `reader` uses as an instance of `of` (a method's, or a plain function's: plainInstances.ts),
 * from the point's object. `fieldsAlone`: when the object lacks a value the constructor needs (a sample
 * gives the attributes the function reads, `atom={"mass": 0.7}` of `Atom(index, mass)`), the instance
 * is those fields alone, its __init__ not run, as `Atom.__new__(Atom)` then setting them makes it.
 */
export function instanceForParameter(rt: Runtime, of: ClassValue, reader: string, param: string, object: DictValue, site: number, fieldsAlone = false): Value {
  const values = [...object.entries.values()].map((e) => [String(e.key), e.value] as const);
  const cls = of.name;
  const init = roleMethod(of, 'constructor');
  const needed = init ? init.fn.fn.params.slice(1).filter((p, i) => !init.fn.fn.defaults[i + 1]) : [];
  const bare = fieldsAlone && needed.some((p) => !values.some(([k]) => k === p)) ? bareInstance(rt, of, site) : undefined;
  if (bare) {
    for (const [k, v] of values) placeAttribute(rt, bare, k, v, site);
    return bare;
  }
  return makeInstance(rt, of, values, site, () => `${param} is an instance of ${cls} (${reader} reads its attributes), made by ${cls}(…)`, (required) => `Give them in its object: ${param}={${required.map((p, i) => `"${p}": ${i + 1}`).join(', ')}, …}`, true);
}

/**
 * An instance of the method's class made from named values: those that are `__init__` parameters
 * are passed to it, the others set as attributes after construction. A constructor that needs a
 * value none gives is a point error saying which (`Neuron(nin, nonlin=True)`: nin). An object given
 * for a field the constructor makes an instance of (three.js's `Line3(start = new Vector3())`) sets
 * that instance's fields, so it keeps its methods; the constructor then runs with its default.
 */
function makeInstance(rt: Runtime, cls: ClassValue, values: readonly (readonly [string, Value])[], site: number, what: () => string, fix: (required: string[]) => string, fieldsOnly = false, unread = false): Value {
  const init = roleMethod(cls, 'constructor');
  const initParams = init ? init.fn.fn.params.slice(1) : [];
  const hasDefault = (k: string): boolean => Boolean(init?.fn.fn.defaults[initParams.indexOf(k) + 1]);
  const held = values.filter(([k, v]) => v instanceof DictValue && initParams.includes(k) && hasDefault(k));
  const made = (keep: readonly (readonly [string, Value])[]): Value => {
    const keywords = keep.filter(([k]) => initParams.includes(k)).map(([k, value]) => ({ name: k, value }));
    try {
      return construct(rt, cls, [], keywords, site);
    } catch (e) {
      if (!(e instanceof GradLensError)) throw e;
      // A method that never reads its instance: any instance will do, so one its __init__ did not run,
      // whatever stopped that __init__ (a benchmark base class building its plot window from a module
      // GradLens does not read) but a budget.
      const unreadBare = unread && values.length === 0 && !e.diagnostic.code.startsWith('budget') ? bareInstance(rt, cls, site) : undefined;
      if (unreadBare) return unreadBare;
      if (e.diagnostic.code !== 'arity') throw e;
      // An object of fields only (`other={"_position": [1, 2, 3]}`, as a sample of an instance of the
      // class gives it) whose constructor needs arguments it does not name: the instance those
      // fields make, its __init__ not run.
      const bare = fieldsOnly && values.length > 0 && keywords.length === 0 ? bareInstance(rt, cls, site) : undefined;
      if (bare) return bare;
      const required = initParams.filter((_, i) => !init!.fn.fn.defaults[i + 1]);
      const list = required.length ? required : initParams;
      return fail('point', `${what()}, which failed: ${e.diagnostic.message}. ${fix(list)}`, rt.sites[site]!, e.diagnostic.values);
    }
  };
  let instance = made(values.filter((v) => !held.includes(v)));
  const fieldOf = (k: string): Value | undefined => (instance instanceof InstanceValue ? instance.fields.get(k) : undefined);
  if (held.every(([k]) => fieldOf(k) instanceof InstanceValue)) for (const [k, v] of held) fillInstance(rt, fieldOf(k) as InstanceValue, v as DictValue, site);
  else instance = made(values);
  for (const [k, v] of values) {
    if (initParams.includes(k)) continue;
    const now = fieldOf(k);
    if (v instanceof DictValue && now instanceof InstanceValue) fillInstance(rt, now, v, site);
    else placeAttribute(rt, instance, k, v, site);
  }
  return instance;
}

/** An object's entries set as fields of an instance, an entry that is an object into a field that is an instance in turn. */
function fillInstance(rt: Runtime, instance: InstanceValue, object: DictValue, site: number): void {
  for (const { key, value } of object.entries.values()) {
    const now = instance.fields.get(String(key));
    if (value instanceof DictValue && now instanceof InstanceValue) fillInstance(rt, now, value, site);
    else placeAttribute(rt, instance, String(key), value, site);
  }
}

/**
 * The numeric fields (numbers, arrays, lists of numbers) of an instance of the class of method
 * `name`, made as its receiver is from `given` (`self:` values): the structure a sample point fills
 * with numbers for a parameter the method uses as an instance of its class. Fails as making the
 * receiver fails (a constructor that needs a value `given` lacks). `of`: an instance of that class
 * instead, for a parameter the method uses as one (ir/parameterClasses.ts).
 */
export function instanceTemplate(module: CompiledModule, name: string, given: ReceiverValues, budget?: Partial<Budget>, of?: ClassValue): Record<string, PointValue> {
  const target = module.functions.get(name)?.method;
  const out = keyedRecord<PointValue>();
  if (!target) return out;
  const rt = new Runtime(null, budgetWith(budget), module.sites, module.arenaHint(name));
  rt.initialState = module.initialState;
  const site = module.functionValue(name).fn.site;
  const arrays = module.module.listsAreArrays === true;
  const values = Object.entries(given).map(([k, v]) => [k, constantValue(rt, v, arrays, site)] as const);
  const instance = inWordsOf(module.module.language, () => withDeadline(rt.deadline, () => rt.expire(), () => makeInstance(rt, of ?? target.cls, values, site, () => `${(of ?? target.cls).name}(…)`, () => '')));
  // An instance that is a typed array (gl-matrix's `class Vec2 extends Float64Array`): its elements by index, as its properties.
  if (instance instanceof TypedArrayValue && instance.cls) instance.items.forEach((v, i) => typeof v === 'number' && (out[String(i)] = v));
  if (!(instance instanceof InstanceValue)) return out;
  return instancePoint(instance, 0);
}

/** An instance's numeric fields as a point, a field holding an instance (`this.center = new Vector3()`) as an object of its own. */
function instancePoint(instance: InstanceValue, depth: number): Record<string, PointValue> {
  const out = keyedRecord<PointValue>();
  for (const [k, v] of instance.fields) {
    const point = v instanceof InstanceValue ? (depth < 3 && v !== instance ? instancePoint(v, depth + 1) : undefined) : attributePoint(v);
    if (point !== undefined && pointLeaves(point).length > 0) out[k] = point;
  }
  return out;
}
