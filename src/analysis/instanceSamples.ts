import { GradLensError } from '../core/diagnostic';
import { keyedRecord } from '../core/keyed';
import type { IrClass, IrExpr, IrFunction } from '../ir/nodes';
import type { CompiledModule } from '../engine/module';
import type { ClassValue } from '../engine/interpreter/values';
import { classSource } from '../engine/classes';
import { instanceTemplate, readsReceiver } from '../engine/receivers';
import type { PointValue } from '../engine/run';
import { isPointObject, pointLeaves } from '../core/pointTree';
import { sampleValues, SAMPLE_RANGES } from './samplePoints';
import type { InferredShapes } from './shapes';
import { receiverNames } from '../ir/instanceParameters';
import { classChain, laterAttributes, receiverOf, withAttributesAsParameters } from './laterAttributes';
import { someNode } from '../ir/walk';

/** A sample must not hold up a lens: making an instance is a constructor's run. */
const INSTANCE_BUDGET = { maxSteps: 50_000, maxMillis: 100 };

/** How a sample point makes a method's instance: the `self:` values it needs, with a note saying so. */
export interface ReceiverSample {
  readonly receiver?: Readonly<Record<string, PointValue>>;
  readonly notes: readonly string[];
}

/**
 * The `self:` values a sample point gives a method whose class's constructor needs some (a
 * dataclass's `mass: float` without default, micrograd's `Neuron(nin)`): the constructor's own
 * parameters without defaults, sampled in the shapes its body implies (`range(nin)`: a count).
 * `{notes: []}` when the defaults make the instance, or it is not an instance method. When the
 * sampled values do not make one either, they are still given: the run then says what stops the
 * constructor (`random.uniform`), not that a value is missing.
 */
export function receiverSample(compiled: CompiledModule, name: string, classes: readonly IrClass[], shapesOf: (fn: IrFunction) => InferredShapes | undefined): ReceiverSample | undefined {
  const target = compiled.functions.get(name)?.method;
  if (!target || target.method.binding !== 'instance') return { notes: [] };
  // A method that never reads its instance runs on one its constructor did not make (receivers.ts).
  if (!readsReceiver(target.method.fn) || makes(compiled, name, {})) return { notes: [] };
  const init = constructorOf(classes, target.cls.name);
  const shapes = init && shapesOf(init);
  if (!shapes) return undefined;
  const receiver = sampleValues(shapes, SAMPLE_RANGES[0]!);
  if (Object.keys(receiver).length === 0) return undefined;
  return { receiver, notes: [`self: ${spelled(receiver)} (${target.cls.name}(…) needs ${Object.keys(receiver).length === 1 ? 'it' : 'them'}; sampled)`] };
}

/**
 * The second try of a method whose sample fails on the instance its constructor's defaults make (a
 * `Vector2D()` at the origin has no angle): every numeric default of the constructor sampled too, in
 * a range apart from the parameters'. Undefined when there is none to sample.
 */
export function sampledReceiver(compiled: CompiledModule, name: string, classes: readonly IrClass[], shapesOf: (fn: IrFunction) => InferredShapes | undefined, why = 'gives no finite value'): ReceiverSample | undefined {
  const target = compiled.functions.get(name)?.method;
  const init = target && target.method.binding === 'instance' ? constructorOf(classes, target.cls.name) : undefined;
  if (!init) return undefined;
  // A number default is a number to vary; text and flags keep their meaning. None too, but here the
  // defaults already gave no finite value: pysvl's `simple_projectile(u=None, theta=None)` computes
  // with u and theta, so they are sampled as numbers.
  const numeric = (e: IrExpr | undefined): boolean => e?.kind === 'number' || e?.kind === 'none' || (e?.kind === 'unary' && e.operand.kind === 'number');
  const shapes = shapesOf({ ...init, params: init.params.map((p) => (numeric(p.default) ? { name: p.name, range: p.range } : p)) });
  if (!shapes) return undefined;
  const receiver = sampleValues(shapes, SAMPLE_RANGES[1]!);
  if (Object.keys(receiver).length === 0) return undefined;
  return { receiver, notes: [`self: ${spelled(receiver)} (sampled: ${target!.cls.name}() with its defaults ${why})`] };
}

/**
 * The instance a method's constructor makes from its defaults (`receiver`: the values a sample must
 * give it) with its numeric fields that are all 0 (or NaN, or all infinite) sampled — three.js's `new Vector3()`, a particle's
 * `velocity=[0, 0, 0]`: a direction there has no angle, a length no slope, and what a method gives
 * there is true but says nothing. Undefined when no numeric field is all zeros (or no instance is made).
 */
export function degenerateReceiver(compiled: CompiledModule, name: string, receiver: Readonly<Record<string, PointValue>> | undefined): ReceiverSample | undefined {
  const target = compiled.functions.get(name)?.method;
  if (target?.method.binding !== 'instance') return undefined;
  let template: Record<string, PointValue>;
  try {
    template = instanceTemplate(compiled, name, receiver ?? keyedRecord<PointValue>(), INSTANCE_BUDGET);
  } catch (e) {
    if (e instanceof GradLensError) return undefined;
    throw e;
  }
  const zeros = keyedRecord<PointValue>();
  // Three.js's empty Box3 (its min and max points at +Infinity and -Infinity) says as little: no
  // distance, no size. Only points held as instances: a number at infinity is a running best (`best = inf`).
  const infinite = (x: number): boolean => x === Infinity || x === -Infinity;
  // kalmanjs's `this.x = NaN` (no estimate yet) gives no number at all: sampled too. Only fields a
  // method reads: a count a base class keeps and nothing reads (pymoo's n_eq_constr = 0) is no degenerate point.
  const read = fieldsRead(target.cls);
  for (const [field, v] of Object.entries(template)) if (read(field) && (pointLeaves(v).every((x) => x === 0 || Number.isNaN(x)) || (isPointObject(v) && pointLeaves(v).every(infinite)))) zeros[field] = v;
  if (Object.keys(zeros).length === 0) return undefined;
  const shapes: InferredShapes = { parameters: [{ name: 'self', kind: { kind: 'instance', cls: target.cls.name, template: zeros } }], arithmetic: true, branchesAt: [], integerLike: [], documentedText: [] };
  const sampled = sampleValues(shapes, SAMPLE_RANGES[1]!)['self'] as Record<string, PointValue>;
  const values = keyedRecord<PointValue>();
  Object.assign(values, receiver ?? {}, sampled);
  return { receiver: values, notes: [`self: ${spelled(sampled)} (sampled: ${target.cls.name}'s instance has ${Object.keys(zeros).join(', ')} at 0, NaN or infinite, where a length, a direction or a distance says nothing)`] };
}

/**
 * Whether a field of its instance is read by the methods of `cls` and its bases other than
 * constructors (`self.x`, `this.x`: instanceParameters.ts receiverNames); an instance that is a
 * typed array reads its elements (`this[0]`, `this[i]`).
 */
function fieldsRead(cls: ClassValue): (field: string) => boolean {
  const read = new Set<string>();
  for (const c of cls.mro) {
    for (const m of classSource(c)?.methods ?? []) {
      if ((m.binding === 'instance' || m.binding === 'getter') && m.role?.kind !== 'constructor') for (const n of receiverNames(m)) read.add(n);
    }
  }
  const elements = cls.mro.some((c) => c.arrayElement);
  return (field) => read.has(field) || (elements && /^\d+$/.test(field));
}

/** The `__init__` an instance of `cls` runs: its own, else the nearest base's in the file (convnet's `tanh_layer(full_layer)`). */
function constructorOf(classes: readonly IrClass[], cls: string): IrFunction | undefined {
  for (const c of classChain(classes, cls)) {
    const init = c.methods.find((m) => m.role?.kind === 'constructor')?.fn;
    if (init) return init;
  }
  return undefined;
}

const spelled = (values: Readonly<Record<string, PointValue>>): string => Object.entries(values).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');

function makes(compiled: CompiledModule, name: string, given: Readonly<Record<string, PointValue>>): boolean {
  try {
    instanceTemplate(compiled, name, given, INSTANCE_BUDGET);
    return true;
  } catch (e) {
    if (e instanceof GradLensError) return false;
    throw e;
  }
}

/**
 * `shapes` with each parameter the method uses as an instance of its own class (`other` in
 * `distance_to(self, other)`) sampled as one: the numeric fields of an instance made as the receiver
 * is; and each it uses as an instance of another class (three.js's `Sphere.distanceToPoint(point)`
 * calling `point.distanceTo(…)`) as one of those, made by that class's constructor with its defaults.
 * A parameter whose instance cannot be made keeps what the code's reads imply.
 */
export function withInstanceParameters(shapes: InferredShapes, compiled: CompiledModule, name: string, receiver: Readonly<Record<string, PointValue>> | undefined): InferredShapes {
  const target = compiled.functions.get(name)?.method;
  if (!target || (target.instanceParams.length === 0 && target.paramClasses.size === 0)) return shapes;
  const templates = new Map<ClassValue, Record<string, PointValue> | undefined>();
  const templateOf = (cls: ClassValue, given: Readonly<Record<string, PointValue>>): Record<string, PointValue> | undefined => {
    if (templates.has(cls)) return templates.get(cls);
    let template: Record<string, PointValue> | undefined;
    try {
      template = instanceTemplate(compiled, name, given, INSTANCE_BUDGET, cls);
    } catch (e) {
      if (!(e instanceof GradLensError)) throw e;
    }
    const usable = template && Object.keys(template).length > 0 ? template : undefined;
    templates.set(cls, usable);
    return usable;
  };
  const method = target.method.fn.name;
  return {
    ...shapes,
    parameters: shapes.parameters.map((p) => {
      if (p.kind.kind === 'default') return p;
      const own = target.instanceParams.includes(p.name);
      const cls = own ? target.cls : target.paramClasses.get(p.name);
      const template = cls && templateOf(cls, own ? (receiver ?? keyedRecord<PointValue>()) : keyedRecord<PointValue>());
      if (!cls || !template) return p;
      const why = own ? `${method} reads its attributes as an instance of ${cls.name}'s: one made as the instance is, its numeric fields sampled` : `${method} uses it as an instance of ${cls.name}: one made by ${cls.name}() with its defaults, its numeric fields sampled`;
      return { name: p.name, kind: { kind: 'instance', cls: cls.name, template }, ambiguous: why };
    }),
  };
}

/**
 * A sample for a method that reads attributes its class's constructor leaves unset or None and
 * another method sets (`predict` reading what `fit` made, laterAttributes.ts): those attributes given
 * on the instance, in the shapes the method's use of them implies, beside its parameters' shapes.
 * Undefined when the method reads no such attribute or inference says nothing of them.
 */
export function laterAttributeSample(compiled: CompiledModule, name: string, classes: readonly IrClass[], method: IrFunction, shapesOf: (fn: IrFunction) => InferredShapes | undefined, made: ReceiverSample | undefined): { shapes: InferredShapes; made: ReceiverSample } | undefined {
  const target = compiled.functions.get(name)?.method;
  if (!target || target.method.binding !== 'instance') return undefined;
  const attrs = laterAttributes(classes, target.cls.name, method);
  const receiver = receiverOf(classChain(classes, target.cls.name), method.name);
  if (attrs.length === 0 || !receiver) return undefined;
  const { fn, names } = withAttributesAsParameters(method, receiver, attrs);
  const shapes = shapesOf(fn);
  if (!shapes) return undefined;
  const stand = new Set(names.values());
  const values = sampleValues(shapes, SAMPLE_RANGES[0]!);
  const given = keyedRecord<PointValue>();
  for (const [attr, param] of names) if (values[param] !== undefined) given[attr] = values[param]!;
  if (Object.keys(given).length === 0) return undefined;
  const setters = [...new Set(classChain(classes, target.cls.name).flatMap((c) => c.methods).filter((m) => m.role?.kind !== 'constructor' && laterSetter(m.fn, attrs)).map((m) => m.fn.name))];
  const note = `self: ${spelled(given)} (sampled: ${target.cls.name}(…) does not set ${Object.keys(given).join(', ')}${setters.length > 0 ? `; ${setters.join(', ')} does` : ''})`;
  return {
    shapes: { ...shapes, parameters: shapes.parameters.filter((p) => !stand.has(p.name)) },
    made: { receiver: { ...(made?.receiver ?? {}), ...given }, notes: [...(made?.notes ?? []), note] },
  };
}

/** Whether `fn` assigns one of `attrs` on its receiver. */
function laterSetter(fn: IrFunction, attrs: readonly string[]): boolean {
  const self = fn.params[0]?.name;
  return self !== undefined && someNode(fn.body, { stmt: (s) => (s.kind === 'assign' || s.kind === 'augAssign') && s.target.kind === 'attribute' && s.target.object.kind === 'name' && s.target.object.name === self && attrs.includes(s.target.name) });
}
