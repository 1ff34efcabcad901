import type { SourceRange } from '../core/sourceRange';
import type { IrAttribute, IrBinaryOp, IrCall, IrClass, IrCompareOp, IrExpr, IrFunction, IrMethod } from '../ir/nodes';
import type { Lowering } from './lowering';
import { notAFunction, refuse, type Env, type ObjectCell, type Operand, type Step } from './steps';

/**
 * Objects of the file's own classes in generated code, written out as their fields (scalar
 * replacement): `p = Point(a, b)` makes no object, its fields are the values `a` and `b`; `p.x` is the
 * field's value, `p.norm2()` and `u * v` (an operator method) are the method's body written out in
 * place with `self` the object, `p.x = v` gives the field a new value. So `ADTangent` or `Variable`
 * of the seeds (dual numbers) become plain code over their fields. An object is a cell shared by every
 * name bound to it (aliases see its writes); a write inside a branch or loop to an object made outside
 * it is refused, as is an object used as a number, stored in a list, returned, or reassigned in a
 * branch. `isinstance` of an object is known here and chooses its branch.
 */

let objectsMade = 0;

export function objectOperand(cls: IrClass | undefined, depth: number, range: SourceRange, name?: string): Operand {
  const cell: ObjectCell = { cls, fields: new Map(), depth, ...(name ? { name } : {}) };
  // A name no code can hold, one per object, so nothing compares two objects' placeholders equal.
  return { expr: { kind: 'name', name: `<object ${++objectsMade}>`, range }, active: false, object: cell };
}

/** A class of the file a callee names (not hidden by a local name). */
function classNamed(t: Lowering, e: IrExpr, env: Env): IrClass | undefined {
  if (e.kind !== 'name') return undefined;
  const bound = env.get(e.name);
  return bound ? bound.object?.isClass : t.classes.get(e.name);
}

/** The class itself as a value (`cls` of a class method): its attributes and constructor, no fields. */
function classOperand(cls: IrClass, range: SourceRange): Operand {
  return { expr: { kind: 'name', name: `<class ${cls.name}>`, range }, active: false, object: { cls: undefined, fields: new Map(), depth: 0, isClass: cls } };
}

/**
 * The methods being written out with an object as `self`, innermost last, with the class each was
 * found in: what `super()` inside them means (lookup from after that class in self's lineage).
 */
const frames = new WeakMap<Lowering, { owner: IrClass; receiver: Operand }[]>();

function inFrame<T>(t: Lowering, owner: IrClass, receiver: Operand, f: () => T): T {
  const stack = frames.get(t) ?? [];
  frames.set(t, stack);
  stack.push({ owner, receiver });
  try {
    return f();
  } finally {
    stack.pop();
  }
}

/** True when `e` may give an object (then its value is lowered here rather than as a number). */
export function mayBeObject(t: Lowering, e: IrExpr, env: Env): boolean {
  switch (e.kind) {
    case 'name':
      return env.get(e.name)?.object !== undefined || classNamed(t, e, env) !== undefined;
    case 'attribute':
      return mayBeObject(t, e.object, env);
    case 'unary':
      return mayBeObject(t, e.operand, env);
    case 'binary':
      return mayBeObject(t, e.left, env) || mayBeObject(t, e.right, env);
    case 'call':
      return mayBeObject(t, e.callee, env) || (e.callee.kind === 'attribute' && e.callee.object.kind === 'super');
    case 'compare':
      return e.operands.some((o) => mayBeObject(t, o, env));
    default:
      return false;
  }
}

/** The class and its bases, nearest first (single inheritance among the file's classes). */
function lineage(t: Lowering, cls: IrClass, range: SourceRange): IrClass[] {
  const out: IrClass[] = [];
  for (let c: IrClass | undefined = cls; c; ) {
    if (out.includes(c)) break;
    out.push(c);
    const bases: IrExpr[] = c.bases.filter((b) => !(b.kind === 'name' && b.name === 'object'));
    if (bases.length > 1) refuse(`${c.name} has several base classes: generated code does not follow that yet`, range);
    const base: IrExpr | undefined = bases[0];
    // A typed array base (`class Vec2 extends Float64Array`): the class's own methods are all there is to write out.
    if (!base || (base.kind === 'intrinsic' && /^(float|u?int)\d+_array$/.test(base.name))) break;
    const next: IrClass | undefined = base.kind === 'name' ? t.classes.get(base.name) : undefined;
    if (!next) refuse(`${c.name} inherits from a class not in this file: generated code does not follow it yet`, range);
    c = next;
  }
  return out;
}

function methodNamed(
  t: Lowering,
  cls: IrClass,
  name: string,
  range: SourceRange,
  pick: (m: IrMethod) => boolean = (m) => m.fn.name === name,
  after?: IrClass,
): { method: IrMethod; fn: IrFunction; owner: IrClass } | undefined {
  const classes = lineage(t, cls, range);
  for (const c of after ? classes.slice(classes.indexOf(after) + 1) : classes) {
    const method = c.methods.find(pick);
    if (!method) continue;
    const fn = method.aliasOf ? c.methods.find((m) => m.fn.name === method.aliasOf)?.fn : method.fn;
    if (!fn) refuse(`${c.name}.${name} names a method GradLens cannot find`, range);
    // Named by its class, so Variable.__init__ inside Dual.__add__ is no recursion.
    return { method, fn: { ...fn!, name: `${c.name}.${fn!.name}` }, owner: c };
  }
  return undefined;
}

function classAttribute(t: Lowering, cls: IrClass, name: string, range: SourceRange): IrExpr | undefined {
  for (const c of lineage(t, cls, range)) {
    const attribute = c.attributes.find((a) => a.name === name);
    if (attribute) return attribute.value;
  }
  return undefined;
}

/** `Cls(args)`: a new object, its constructor written out with `self` bound to it. */
function construct(t: Lowering, cls: IrClass, e: IrCall, env: Env, out: Step[], hint: string | undefined): Operand {
  if (cls.tupleFields) refuse(`${cls.name} is a NamedTuple: generated code does not write it as fields yet`, e.range);
  if (cls.frozen) refuse(`${cls.name} is a frozen dataclass: generated code does not write it yet`, e.range);
  const made = objectOperand(cls, t.depth(), e.range, hint);
  const init = methodNamed(t, cls, '__init__', e.range, (m) => m.role?.kind === 'constructor');
  if (!init) {
    if (e.args.length || e.keywords.length) refuse(`${cls.name} takes no arguments`, e.range);
    return made;
  }
  // Its arguments' values are named after the object and the parameter (`res_val`).
  inFrame(t, init.owner, made, () => t.inline(init.fn, e, env, out, undefined, made, hint));
  return made;
}

/** A call that makes or uses an object: a class's constructor, a method of an object or of a class, an object called (`__call__`). Undefined for any other call. */
export function lowerObjectCall(t: Lowering, e: IrCall, env: Env, out: Step[], hint: string | undefined): Operand | undefined {
  const cls = classNamed(t, e.callee, env);
  if (cls) return construct(t, cls, e, env, out, hint);
  if (e.callee.kind === 'attribute' && e.callee.object.kind === 'super') return callSuper(t, e, e.callee.name, env, out, hint);
  if (!mayBeObject(t, e.callee, env)) return undefined;
  if (e.callee.kind !== 'attribute') {
    const called = t.value(e.callee, env, out);
    const callable = called.object?.cls;
    const found = callable && methodNamed(t, callable, '__call__', e.range, (m) => m.role?.kind === 'call');
    if (!found) return refuse('a call of this object is not written yet', e.range);
    return inFrame(t, found.owner, called, () => t.inline(found.fn, e, env, out, hint, called));
  }
  const { object, name } = e.callee;
  const ofClass = classNamed(t, object, env);
  if (ofClass) {
    // `ADTangent.log(x)`, `Vec.dot(a, b)`: the function itself, its arguments as given.
    // JavaScript's static method, not the instance method of its name (gl-matrix's `distance(b) { return Vec2.distance(this, b); }`).
    const found = methodNamed(t, ofClass, name, e.range, (m) => m.fn.name === name && (m.binding === 'static' || m.binding === 'class')) ?? methodNamed(t, ofClass, name, e.range);
    if (!found || found.method.binding === 'getter') return refuse(`${ofClass.name}.${name} is not a method generated code can call`, e.range);
    return callMethod(t, found, ofClass, undefined, e, env, out, hint);
  }
  const receiver = t.value(object, env, out);
  const cell = receiver.object;
  if (!cell?.cls) return refuse(`.${name}(…) of this value is not written yet`, e.range);
  const found = methodNamed(t, cell.cls, name, e.range);
  if (!found || found.method.binding === 'getter') return refuse(`${cell.cls.name}.${name} is not a method generated code can call (a function stored in a field is not written yet)`, e.range);
  return callMethod(t, found, cell.cls, receiver, e, env, out, hint);
}

/** A method called with its receiver (an instance method of an object), its class (a class method), or neither. */
function callMethod(
  t: Lowering,
  found: { method: IrMethod; fn: IrFunction; owner: IrClass },
  cls: IrClass,
  receiver: Operand | undefined,
  e: IrCall,
  env: Env,
  out: Step[],
  hint: string | undefined,
): Operand {
  const binding = found.method.binding;
  if (binding === 'class') return t.inline(found.fn, e, env, out, hint, classOperand(cls, e.range));
  const self = binding === 'instance' ? receiver : undefined;
  if (!self) return t.inline(found.fn, e, env, out, hint);
  return inFrame(t, found.owner, self, () => t.inline(found.fn, e, env, out, hint, self));
}

/** `super().name(…)` inside a method written out: the method after the current one's class in self's lineage. */
function callSuper(t: Lowering, e: IrCall, name: string, env: Env, out: Step[], hint: string | undefined): Operand {
  const frame = frames.get(t)?.at(-1);
  const cls = frame?.receiver.object?.cls;
  if (!frame || !cls) return refuse('super() outside a method GradLens writes out is not written yet', e.range);
  const pick = name === '__init__' ? (m: IrMethod) => m.role?.kind === 'constructor' : (m: IrMethod) => m.fn.name === name;
  const found = methodNamed(t, cls, name, e.range, pick, frame.owner);
  if (!found || found.method.binding === 'getter') return refuse(`super().${name} is not a method generated code can call`, e.range);
  return callMethod(t, found, cls, frame.receiver, e, env, out, hint);
}

/** `obj.name` of an object or class: a field, a property's getter written out, a class attribute. Undefined for other values. */
export function lowerObjectAttribute(t: Lowering, e: IrAttribute, env: Env, out: Step[], hint: string | undefined): Operand | undefined {
  if (!mayBeObject(t, e.object, env)) return undefined;
  const ofClass = classNamed(t, e.object, env);
  if (ofClass) {
    const value = classAttribute(t, ofClass, e.name, e.range);
    if (!value) return refuse(`${ofClass.name}.${e.name} is not a class attribute generated code can read`, e.range);
    return t.value(value, new Map(), out, hint);
  }
  const receiver = t.value(e.object, env, out);
  const cell = receiver.object;
  if (!cell?.cls) return refuse(`.${e.name} of this value is not written yet`, e.range);
  // A property comes before the instance's fields (Python's data descriptors; JavaScript's accessors).
  const getter = methodNamed(t, cell.cls, e.name, e.range, (m) => m.binding === 'getter' && m.fn.name === e.name);
  if (getter) return inFrame(t, getter.owner, receiver, () => t.inline(getter.fn, { kind: 'call', callee: e, args: [], keywords: [], range: e.range }, env, out, hint, receiver));
  const field = fieldValue(t, cell, e.name, e.range);
  if (field) return field;
  const value = classAttribute(t, cell.cls, e.name, e.range);
  if (value) return t.value(value, new Map(), out, hint);
  if (methodNamed(t, cell.cls, e.name, e.range)) return refuse(`the method ${cell.cls.name}.${e.name} used as a value (not called) is not written yet`, e.range);
  return refuse(`${cell.cls.name} objects here have no attribute ${e.name}`, e.range);
}

/**
 * An object's field as the code last wrote it; for the instance the differentiated method runs on, a
 * field not written yet (nor a method's name) is read from the instance. Undefined when there is none.
 */
export function fieldValue(t: Lowering, cell: ObjectCell, name: string, range: SourceRange): Operand | undefined {
  const field = cell.fields.get(name);
  if (field || !cell.readField || (cell.cls && methodNamed(t, cell.cls, name, range))) return field;
  const read = cell.readField(name, range);
  cell.fields.set(name, read);
  return read;
}

/**
 * The instance (`self`, `this`) of the method being differentiated: an object of its class whose
 * fields are read from the instance as the code first reads them (`readField`).
 */
export function receiverOperand(cls: IrClass, name: string, range: SourceRange, readField: (field: string, range: SourceRange) => Operand): Operand {
  const cell: ObjectCell = { cls, fields: new Map(), depth: 0, name, readField };
  return { expr: { kind: 'name', name: `<object ${++objectsMade}>`, range }, active: false, object: cell };
}

/** Runs `f` (the lowering of a method of `owner`) with `receiver` as its `self`, for `super()` inside it. */
export function asMethodOf<T>(t: Lowering, owner: IrClass, receiver: Operand, f: () => T): T {
  return inFrame(t, owner, receiver, f);
}

/** `obj.name = value`: the field's new value, or the property's setter written out. False when `obj` is no object. */
export function lowerFieldWrite(t: Lowering, target: IrAttribute, value: IrExpr, env: Env, out: Step[]): boolean {
  if (target.object.kind !== 'name' || !env.get(target.object.name)?.object) return false;
  const receiver = env.get(target.object.name)!;
  const cell = receiver.object!;
  if (!cell.cls) refuse('a write into this value is not written yet', target.range);
  const setter = methodNamed(t, cell.cls!, target.name, target.range, (m) => m.role?.kind === 'setter' && m.role.attribute === target.name);
  if (setter) {
    inFrame(t, setter.owner, receiver, () => t.inline(setter.fn, { kind: 'call', callee: target, args: [value], keywords: [], range: target.range }, env, out, undefined, receiver));
    return true;
  }
  if (methodNamed(t, cell.cls!, target.name, target.range, (m) => m.binding === 'getter' && m.fn.name === target.name)) {
    refuse(`${target.name} is a property without a setter`, target.range);
  }
  if (cell.depth !== t.depth()) refuse(`${target.object.name}.${target.name}: an object made outside this branch or loop changed inside it is not written yet`, target.range);
  const written = t.value(value, env, out, `${cell.name ?? target.object.name}_${target.name}`);
  // An object in a field is its cell, shared as any name's is; a function in a field is not followed yet.
  if (written.fn) refuse(`a function stored in the field ${target.name} is not written yet`, target.range);
  if (written.items) refuse(`a list stored in the field ${target.name} is not written yet`, target.range);
  cell.fields.set(target.name, written);
  return true;
}

const REFLECTED_SIDE = { left: false, right: true } as const;

/** `a < b` falls back to `b > a`: the comparison each operator is with its operands swapped. */
const MIRRORED: Partial<Record<IrCompareOp, IrCompareOp>> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '==': '==', '!=': '!=' };

/**
 * A comparison with an object among its operands (`y < 0.5` of a micrograd Value): its class's
 * comparison method written out; of the values a method compares (`self.data < other`), the
 * comparison itself — a boolean, piecewise constant, so never differentiated.
 */
export function lowerObjectCompare(t: Lowering, e: IrExpr & { kind: 'compare' }, env: Env, out: Step[], hint: string | undefined): Operand {
  const operands = e.operands.map((o) => t.value(o, env, out));
  if (!operands.some((o) => o.object)) {
    operands.forEach((o) => notAFunction(o, e.range));
    if (operands.some((o) => o.items)) refuse('a comparison of lists of differentiated values is not written yet', e.range);
    return { expr: { ...e, operands: operands.map((o) => o.expr) }, active: false };
  }
  if (e.ops.length !== 1) return refuse('a chained comparison of objects is not written yet', e.range);
  return lowerObjectOperator(t, e.ops[0]!, operands, e, env, out, hint);
}

/** `a op b` where an operand is an object: its class's operator method (`__mul__`, else the other's `__rmul__`) written out. */
export function lowerObjectOperator(t: Lowering, op: IrBinaryOp | IrCompareOp | 'neg', operands: readonly Operand[], e: IrExpr, env: Env, out: Step[], hint: string | undefined): Operand {
  const call = (found: { fn: IrFunction; owner: IrClass }, receiver: Operand, args: readonly Operand[]): Operand => {
    // The operands are lowered already: the call passes them by placeholder names bound to them.
    const names = args.map((_, i) => ` operand ${i}`);
    const scope: Env = new Map(env);
    names.forEach((n, i) => scope.set(n, args[i]!));
    const call: IrCall = { kind: 'call', callee: e, args: names.map((name) => ({ kind: 'name', name, range: e.range })), keywords: [], range: e.range };
    const result = inFrame(t, found.owner, receiver, () => t.inline(found.fn, call, scope, out, hint, receiver));
    if (result.expr.kind === 'notImplemented') refuse(`an operator method that declines (NotImplemented) is not written yet`, e.range);
    return result;
  };
  if (op === 'neg') {
    const cls = operands[0]!.object?.cls;
    const found = cls && methodNamed(t, cls, '__neg__', e.range, (m) => m.role?.kind === 'unary' && m.role.op === '-');
    if (!found) return refuse(`unary minus of this object is not written yet`, e.range);
    return call(found, operands[0]!, []);
  }
  const [a, b] = operands as [Operand, Operand];
  const compare = e.kind === 'compare';
  if (a.object && b.object && a.object.cls !== b.object.cls) refuse(`an operator between objects of two classes is not written yet`, e.range);
  // Between two objects of one class Python tries only the left one's method.
  for (const side of a.object && b.object ? (['left'] as const) : (['left', 'right'] as const)) {
    const [self, other] = side === 'left' ? [a, b] : [b, a];
    const cls = self.object?.cls;
    if (!cls) continue;
    const found = compare
      ? methodNamed(t, cls, op, e.range, (m) => m.role?.kind === 'compare' && m.role.op === (side === 'left' ? op : MIRRORED[op as IrCompareOp]))
      : methodNamed(t, cls, op, e.range, (m) => m.role?.kind === 'binary' && m.role.op === op && m.role.reflected === REFLECTED_SIDE[side]);
    if (found) return call(found, self, [other]);
  }
  return refuse(`the ${compare ? 'comparison' : 'operator'} ${op} on this object is not written yet`, e.range);
}

/**
 * A test known without running it: `isinstance(obj, Cls)` of an object (its class is known), `not`
 * of such a test. Undefined when the test must be written as it is.
 */
export function knownTest(t: Lowering, e: IrExpr, env: Env): boolean | undefined {
  if (e.kind === 'unary' && e.op === 'not') {
    const inner = knownTest(t, e.operand, env);
    return inner === undefined ? undefined : !inner;
  }
  if (e.kind !== 'call' || e.args.length !== 2 || e.keywords.length) return undefined;
  const callee = e.callee;
  const isinstance = (callee.kind === 'intrinsic' && callee.name === 'isinstance') || (callee.kind === 'name' && callee.name === 'isinstance' && !env.has('isinstance'));
  if (!isinstance) return undefined;
  const [value, classes] = e.args as [IrExpr, IrExpr];
  const names = classes.kind === 'tuple' ? classes.elements : [classes];
  if (names.some((n) => n.kind === 'name' && n.name === 'object' && !env.has('object'))) return true;
  const bound = value.kind === 'name' ? env.get(value.name) : undefined;
  const cell = bound?.object;
  if (!cell?.cls) {
    // A differentiated value or a literal is a number (or array), never an object of the file's classes.
    const plain = bound !== undefined && !bound.fn && !cell && (bound.active || literal(bound.expr));
    if (plain && names.every((n) => classNamed(t, n, env))) return false;
    // A number literal is an int or a float, whichever it is (`assert isinstance(other, (int, float))`).
    const builtin = (name: string) => names.some((n) => n.kind === 'name' && n.name === name && !env.has(name) && !t.classes.has(name));
    return bound && literal(bound.expr, false) && builtin('int') && builtin('float') ? true : undefined;
  }
  const mine = lineage(t, cell.cls, e.range);
  // A builtin type (float, int, str) is never one of the file's classes.
  return names.some((n) => n.kind === 'name' && mine.some((c) => c.name === n.name));
}

/** An expression of literals only (`-1.0`, `2 ** 3`): a number (or, unless `numbersOnly`, a string or None), never an object. */
function literal(e: IrExpr, others = true): boolean {
  if (e.kind === 'number' || e.kind === 'bool' || (others && (e.kind === 'string' || e.kind === 'none'))) return true;
  if (e.kind === 'unary') return literal(e.operand, false);
  return e.kind === 'binary' && literal(e.left, false) && literal(e.right, false);
}
