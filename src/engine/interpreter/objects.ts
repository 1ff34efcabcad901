import { fail, GradLensError } from '../../core/diagnostic';
import type { IrBinaryOp, IrCompareOp, IrMethodRole } from '../../ir/nodes';
import { invoke, type KeywordValue } from './calls';
import { raised } from './exceptions';
import { Frame } from './compiled';
import { truthy } from './operators';
import type { Runtime } from './runtime';
import { initialiseArrayBase, storeElement } from './typedArrays';
import { BoundFunction, ClassValue, InstanceValue, ModuleValue, None, NotImplementedValue, SequenceValue, SuperValue, TypedArrayValue, type MethodEntry, type TypedElement, word, type Value } from './values';

/**
 * User classes at run time (see IrClass): construction, attribute lookup through the
 * method-resolution order, and the operator methods the interpreter's operators dispatch to. The
 * numbers inside objects are ordinary values, so the tape sees every operation a method does.
 */

/** The key a role is kept under in `ClassValue.roles`. */
export function roleKey(role: IrMethodRole): string {
  switch (role.kind) {
    case 'constructor':
    case 'call':
    case 'iterate':
      return role.kind;
    case 'binary':
      return role.reflected ? `r${role.op}` : role.op;
    case 'unary':
      return role.op === '-' ? 'neg' : 'pos';
    case 'compare':
      return role.op;
    case 'setter':
      return `set ${role.attribute}`;
  }
}

/** The method playing `key` for instances of `cls`, found through its MRO. */
export function roleMethod(cls: ClassValue, key: string): MethodEntry | undefined {
  for (const c of cls.mro) {
    const name = c.roles.get(key);
    if (name !== undefined) return c.methods.get(name);
  }
  return undefined;
}

/**
 * A class attribute's value in this run: its class-body expression is evaluated when the attribute
 * is first read (or the value the run set instead), so one GradLens cannot evaluate
 * (`_log = logging.getLogger(...)`, `cwd = os.getcwd()`) fails only where it is read.
 */
function classAttribute(rt: Runtime, cls: ClassValue, name: string): Value | undefined {
  const values = rt.classAttributes(cls, () => new Map());
  const known = values.get(name);
  if (known !== undefined) return known;
  const make = cls.attributes.get(name);
  if (!make) return undefined;
  const value = make(new Frame([], null, rt));
  values.set(name, value);
  return value;
}

interface Found {
  readonly method?: MethodEntry;
  readonly value?: Value;
}

function lookup(rt: Runtime, mro: readonly ClassValue[], name: string, start: number): Found | undefined {
  for (let i = start; i < mro.length; i++) {
    const c = mro[i]!;
    const method = c.methods.get(name);
    if (method) return { method };
    const value = classAttribute(rt, c, name);
    if (value !== undefined) return { value };
  }
  return undefined;
}

function checkUsable(cls: ClassValue): void {
  for (const c of cls.mro) if (c.problem) throw new GradLensError(c.problem);
}

/** A method read from an instance or a class, bound as its kind says. */
function bind(rt: Runtime, found: Found, receiver: Value, cls: ClassValue, fromInstance: boolean, site: number): Value {
  const m = found.method;
  if (!m) return found.value!;
  switch (m.binding) {
    case 'static':
      return m.fn;
    case 'class':
      return new BoundFunction(m.fn, cls);
    case 'getter':
      return fromInstance ? invoke(rt, m.fn, [receiver], [], site) : m.fn;
    case 'instance':
      return fromInstance ? new BoundFunction(m.fn, receiver) : m.fn;
  }
}

function missing(rt: Runtime, cls: ClassValue, name: string, what: string, site: number): never {
  const unknown = cls.mro.flatMap((c) => c.unknownBases);
  if (unknown.length > 0) {
    const bases = unknown.join(', ');
    return fail('unsupported', `${what} has no ${word('attribute', 'property')} .${name} that GradLens can see: it may come from ${bases}, which GradLens cannot read`, rt.sites[site]!);
  }
  return fail('type', `${what} has no ${word('attribute', 'property')} .${name}`, rt.sites[site]!);
}

/**
 * JavaScript's `name in object` of an instance: an own field, or a method or attribute of its class
 * chain (the prototype chain). A name found nowhere is refused when a base GradLens cannot read might
 * define it, never answered false.
 */
export function hasMember(rt: Runtime, object: InstanceValue, name: string, site: number): boolean {
  if (object.fields.has(name) || lookup(rt, object.cls.mro, name, 0) !== undefined) return true;
  if (object.cls.mro.some((c) => c.unknownBases.length > 0)) missing(rt, object.cls, name, `a ${object.cls.name} object`, site);
  return false;
}

/** The typed array a class extends, through its bases (`class Vec2 extends Float64Array`). */
function arrayElementOf(cls: ClassValue): TypedElement | undefined {
  return cls.mro.find((c) => c.arrayElement)?.arrayElement;
}

/**
 * What an instance of a class extending a typed array sees of its class: the methods and getters of
 * its class chain, never their statics (JavaScript keeps those on the class: gl-matrix's static
 * `Vec2.set` is not `this.set`); undefined for the rest, which is the typed array's own (`length`,
 * `set`, `map`).
 */
export function arrayInstanceMethod(cls: ClassValue, name: string): MethodEntry | undefined {
  for (const c of cls.mro) {
    const m = c.methods.get(name);
    if (m && (m.binding === 'instance' || m.binding === 'getter')) return m;
  }
  return undefined;
}

/** `obj.name` for instances, classes and `super()`; undefined for any other value. */
export function objectAttribute(rt: Runtime, object: Value, name: string, site: number): Value | undefined {
  if (object instanceof TypedArrayValue && object.cls) {
    const method = arrayInstanceMethod(object.cls, name);
    return method && bind(rt, { method }, object, object.cls, true, site);
  }
  if (object instanceof InstanceValue) {
    const cls = object.cls;
    const found = lookup(rt, cls.mro, name, 0);
    // A getter (Python's property) is a data descriptor: it wins over the instance's own attribute.
    if (found?.method?.binding === 'getter') return bind(rt, found, object, cls, true, site);
    const own = object.fields.get(name);
    if (own !== undefined) return own;
    if (found) return bind(rt, found, object, cls, true, site);
    return missing(rt, cls, name, `a ${cls.name} object`, site);
  }
  if (object instanceof SequenceValue && object.cls) {
    // A named tuple: a field by name, else the class's methods and attributes, else tuple methods.
    const cls = object.cls;
    const at = cls.mro.find((c) => c.tupleFields)!.tupleFields!.indexOf(name);
    if (at >= 0) return object.items[at]!;
    if (name === '_fields') return new SequenceValue([...cls.mro.find((c) => c.tupleFields)!.tupleFields!], true);
    const found = lookup(rt, cls.mro, name, 0);
    return found ? bind(rt, found, object, cls, true, site) : undefined;
  }
  if (object instanceof ClassValue) {
    checkUsable(object);
    const own = object.mro.find((c) => c.staticMethods.has(name));
    const found = own ? { method: own.staticMethods.get(name)! } : lookup(rt, object.mro, name, 0);
    if (found) return bind(rt, found, object, object, false, site);
    return missing(rt, object, name, `the class ${object.name}`, site);
  }
  if (object instanceof SuperValue) {
    const receiver = object.receiver;
    const cls = receiver instanceof InstanceValue || receiver instanceof TypedArrayValue ? receiver.cls : receiver instanceof ClassValue ? receiver : undefined;
    if (!cls) return fail('type', 'super() needs the method\'s first argument to be an instance or a class', rt.sites[site]!);
    const start = cls.mro.indexOf(object.cls) + 1;
    const found = lookup(rt, cls.mro, name, start);
    if (found) return bind(rt, found, receiver, cls, !(receiver instanceof ClassValue), site);
    // `super().__init__(...)` with only `object` above: nothing to do, as in Python; so is JavaScript's
    // `super()` when no class above writes a constructor (its implicit one sets no field).
    if ((name === '__init__' || name === 'constructor') && object.cls.unknownBases.length === 0) return new BoundFunction(null, receiver);
    // Python's `super().__init__(n_var=…)` into a base GradLens cannot read (an unread package's):
    // stood in for, so the attributes the class's own code sets still make an instance (callBound).
    if (name === '__init__' && receiver instanceof InstanceValue) return new BoundFunction(null, receiver, object.cls.unknownBases);
    return missing(rt, object.cls, name, `super() in ${object.cls.name}`, site);
  }
  if (object instanceof ModuleValue) {
    return object.attribute(name, new Frame([], null, rt)) ?? fail('unsupported', `the module ${object.name} defines no ${name} that GradLens can read`, rt.sites[site]!);
  }
  return undefined;
}

/**
 * A frozen class's refusal of `obj.name = …` (IrFrozen): the nearest frozen class in the MRO decides, as
 * the `__setattr__` CPython writes for it is inherited — every attribute of its own instances, only its
 * fields on a subclass's.
 */
function refuseFrozen(rt: Runtime, object: InstanceValue, name: string, site: number): void {
  const frozen = object.cls.mro.find((c) => c.frozenFields);
  if (frozen && (frozen === object.cls || frozen.frozenFields!.has(name))) throw raised('FrozenInstanceError', `cannot assign to field '${name}'`, rt.sites[site]!);
}

/** `obj.name = value`: true when `object` is an instance or a class. */
export function setObjectAttribute(rt: Runtime, object: Value, name: string, value: Value, site: number): boolean {
  if (object instanceof TypedArrayValue && object.cls) {
    // gl-matrix's `set x(value) { this[0] = value; }` on an instance that is a typed array.
    const setter = roleMethod(object.cls, `set ${name}`);
    if (setter) {
      invoke(rt, setter.fn, [object, value], [], site);
      return true;
    }
    // Its elements are its properties "0", "1", … (a point's `this: {"0": 1.2, "1": 2.4}` sets them).
    const at = /^(0|[1-9]\d*)$/.test(name) ? Number(name) : -1;
    if (at < 0 || at >= object.items.length) return false;
    object.items[at] = storeElement(rt, object.element, value, site);
    return true;
  }
  if (object instanceof InstanceValue) {
    refuseFrozen(rt, object, name, site);
    return storeAttribute(rt, object, name, value, site);
  }
  if (object instanceof ClassValue) {
    rt.classAttributes(object, () => new Map()).set(name, value);
    return true;
  }
  return false;
}

/** Python's `object.__setattr__`: the store past a frozen class's refusal (a setter still runs). */
export function storeAttribute(rt: Runtime, object: InstanceValue, name: string, value: Value, site: number): true {
  // A setter (an accessor property) runs instead of the write, as JavaScript's `set x(v)` does.
  const setter = roleMethod(object.cls, `set ${name}`);
  if (setter) {
    invoke(rt, setter.fn, [object, value], [], site);
    return true;
  }
  const found = lookup(rt, object.cls.mro, name, 0);
  if (found?.method?.binding === 'getter') fail('type', `cannot set .${name} of a ${object.cls.name} object: it is a property without a setter`, rt.sites[site]!);
  if (!object.fields.has(name)) rt.allocate(32, site);
  object.fields.set(name, value);
  return true;
}

/** `C(...)`: a new instance, initialised by the constructor method found through the MRO; a named tuple's is the tuple of its fields. */
export function construct(rt: Runtime, cls: ClassValue, args: Value[], keywords: readonly KeywordValue[], site: number): InstanceValue | SequenceValue {
  const element = arrayElementOf(cls);
  if (element) return arrayInstance(rt, cls, element, args, keywords, site);
  const made = initialised(rt, cls, args, keywords, site);
  const fields = cls.mro.find((c) => c.tupleFields)?.tupleFields;
  if (!fields) return made;
  return new SequenceValue(fields.map((f) => made.fields.get(f) ?? fail('type', `${cls.name}() made no field ${f}`, rt.sites[site]!)), true, cls);
}

/**
 * An instance whose `__init__` is not run (Python's `cls.__new__(cls)`): for a point's object that
 * gives an instance's fields, not its constructor's arguments. Undefined for a class whose instances
 * are tuples (a namedtuple's fields are its constructor's arguments).
 */
export function bareInstance(rt: Runtime, cls: ClassValue, site: number): InstanceValue | undefined {
  if (cls.mro.some((c) => c.tupleFields || c.arrayElement)) return undefined;
  checkUsable(cls);
  rt.allocate(64, site);
  return new InstanceValue(cls);
}

/**
 * `new Vec2(…)` of a class extending a typed array: the instance is a typed array of its class,
 * empty until the constructor's `super(…)` makes it (`initialiseArrayBase`); a class writing no
 * constructor passes its arguments to the typed array's, as JavaScript's implicit one does.
 */
function arrayInstance(rt: Runtime, cls: ClassValue, element: TypedElement, args: Value[], keywords: readonly KeywordValue[], site: number): TypedArrayValue {
  checkUsable(cls);
  rt.allocate(64, site);
  const instance = new TypedArrayValue([], element, cls);
  const init = roleMethod(cls, 'constructor');
  if (init) invoke(rt, init.fn, [instance, ...args], keywords, site);
  else initialiseArrayBase(rt, instance, args, site);
  return instance;
}

function initialised(rt: Runtime, cls: ClassValue, args: Value[], keywords: readonly KeywordValue[], site: number): InstanceValue {
  checkUsable(cls);
  rt.allocate(64, site);
  const instance = new InstanceValue(cls);
  const init = roleMethod(cls, 'constructor');
  if (init) invoke(rt, init.fn, [instance, ...args], keywords, site);
  else if (args.length > 0 || keywords.length > 0) {
    const unknown = cls.mro.flatMap((c) => c.unknownBases);
    if (unknown.length > 0) fail('unsupported', `${cls.name}() takes its arguments in ${unknown.join(', ')}, which GradLens cannot read`, rt.sites[site]!);
    fail('arity', `${cls.name}() takes no arguments: it defines no __init__`, rt.sites[site]!);
  }
  return instance;
}

/** Calls a BoundFunction (`object.__init__`, the root of every class, takes nothing and does nothing). */
export function callBound(rt: Runtime, bound: BoundFunction, args: Value[], keywords: readonly KeywordValue[], site: number): Value {
  if (!bound.fn) {
    // The unread base's constructor may set any attribute, or overwrite one set before it (pymoo's
    // Problem sets n_var = -1 when not given it): those set so far are dropped, so a read of one,
    // or of one only that base sets, is refused as coming from the base — never a guessed value.
    if (bound.unreadBases && bound.receiver instanceof InstanceValue) {
      bound.receiver.fields.clear();
      return None;
    }
    if (bound.receiver instanceof TypedArrayValue && bound.receiver.cls) return initialiseArrayBase(rt, bound.receiver, args, site);
    if (args.length > 0 || keywords.length > 0) fail('arity', 'object.__init__() takes no arguments', rt.sites[site]!);
    return None;
  }
  return invoke(rt, bound.fn, [bound.receiver, ...args], keywords, site);
}

/** Calling an instance: its `call` method (`__call__`). */
export function callInstance(rt: Runtime, instance: InstanceValue, args: Value[], keywords: readonly KeywordValue[], site: number): Value {
  const m = roleMethod(instance.cls, 'call');
  if (!m) return fail('type', `a ${instance.cls.name} object is not callable: it defines no __call__`, rt.sites[site]!);
  return invoke(rt, m.fn, [instance, ...args], keywords, site);
}

/** What walking an instance walks: what its `__iter__` returns (a generator's items, a list); undefined when its class has none. */
export function instanceIterable(rt: Runtime, instance: InstanceValue, site: number): Value | undefined {
  const m = roleMethod(instance.cls, 'iterate');
  return m && invoke(rt, m.fn, [instance], [], site);
}

/** Calls an operator method; undefined when there is none or it declines (returns `NotImplemented`). */
function offer(rt: Runtime, m: MethodEntry | undefined, args: Value[], site: number): Value | undefined {
  if (!m) return undefined;
  const result = invoke(rt, m.fn, args, [], site);
  return result instanceof NotImplementedValue ? undefined : result;
}

/**
 * `left op right` with an instance on either side, as Python dispatches it: the left operand's
 * method, then the right's reflected one (only when the types differ) — first instead when the
 * right's class is a subclass of the left's that overrides the reflected method. A method returning
 * `NotImplemented` passes to the next. Undefined when none answers.
 */
export function objectBinary(rt: Runtime, op: IrBinaryOp, left: Value, right: Value, site: number): Value | undefined {
  const forward = left instanceof InstanceValue ? roleMethod(left.cls, op) : undefined;
  const reflected = right instanceof InstanceValue && !(left instanceof InstanceValue && left.cls === right.cls) ? roleMethod(right.cls, `r${op}`) : undefined;
  const subclassFirst = reflected && left instanceof InstanceValue && (right as InstanceValue).cls.mro.includes(left.cls) && reflected !== roleMethod(left.cls, `r${op}`);
  if (subclassFirst) return offer(rt, reflected, [right, left], site) ?? offer(rt, forward, [left, right], site);
  return offer(rt, forward, [left, right], site) ?? offer(rt, reflected, [right, left], site);
}

export function objectUnary(rt: Runtime, op: '-' | '+', operand: Value, site: number): Value | undefined {
  if (!(operand instanceof InstanceValue)) return undefined;
  return offer(rt, roleMethod(operand.cls, op === '-' ? 'neg' : 'pos'), [operand], site);
}

// `in` and `is` never reach here (operators.ts decides them before any method).
const REFLECTED_COMPARE: Readonly<Record<IrCompareOp, IrCompareOp>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=', in: 'in', 'not in': 'not in', is: 'is', 'is not': 'is not' };

/**
 * A comparison with an instance on either side: `__lt__` on the left, else `__gt__` on the right, …
 * (a method returning `NotImplemented` passes to the next). `!=` with no `__ne__` answering is the
 * negated `==`, as in Python 3. Undefined when none answers (`==` is then identity).
 */
export function objectCompare(rt: Runtime, op: IrCompareOp, left: Value, right: Value, site: number): Value | undefined {
  const forward = left instanceof InstanceValue ? roleMethod(left.cls, op) : undefined;
  const reflected = right instanceof InstanceValue ? roleMethod(right.cls, REFLECTED_COMPARE[op]) : undefined;
  const answer = offer(rt, forward, [left, right], site) ?? offer(rt, reflected, [right, left], site);
  if (answer !== undefined || op !== '!=') return answer;
  const equal = objectCompare(rt, '==', left, right, site);
  return equal === undefined ? undefined : !truthy(equal, rt, site);
}

/** `isinstance(value, cls)` for a user class: through the instance's MRO. */
export function isInstanceOf(value: Value, cls: ClassValue): boolean {
  return (value instanceof InstanceValue || value instanceof SequenceValue) && value.cls !== undefined && value.cls.mro.includes(cls);
}
