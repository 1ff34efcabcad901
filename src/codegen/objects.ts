import type { SourceRange } from '../core/sourceRange';
import type { IrAttribute, IrBinaryOp, IrCall, IrClass, IrExpr, IrFunction, IrMethod } from '../ir/nodes';
import type { Lowering } from './lowering';
import { refuse, type Env, type ObjectCell, type Operand, type Step } from './steps';

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

export function objectOperand(cls: IrClass | undefined, depth: number, range: SourceRange): Operand {
  const cell: ObjectCell = { cls, fields: new Map(), depth };
  // A name no code can hold, one per object, so nothing compares two objects' placeholders equal.
  return { expr: { kind: 'name', name: `<object ${++objectsMade}>`, range }, active: false, object: cell };
}

/** A class of the file a callee names (not hidden by a local name). */
function classNamed(t: Lowering, e: IrExpr, env: Env): IrClass | undefined {
  return e.kind === 'name' && !env.has(e.name) ? t.classes.get(e.name) : undefined;
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
      return classNamed(t, e.callee, env) !== undefined || (e.callee.kind === 'attribute' && mayBeObject(t, e.callee.object, env));
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
    if (!base) break;
    const next: IrClass | undefined = base.kind === 'name' ? t.classes.get(base.name) : undefined;
    if (!next) refuse(`${c.name} inherits from a class not in this file: generated code does not follow it yet`, range);
    c = next;
  }
  return out;
}

function methodNamed(t: Lowering, cls: IrClass, name: string, range: SourceRange, pick: (m: IrMethod) => boolean = (m) => m.fn.name === name): { method: IrMethod; fn: IrFunction } | undefined {
  for (const c of lineage(t, cls, range)) {
    const method = c.methods.find(pick);
    if (!method) continue;
    const fn = method.aliasOf ? c.methods.find((m) => m.fn.name === method.aliasOf)?.fn : method.fn;
    if (!fn) refuse(`${c.name}.${name} names a method GradLens cannot find`, range);
    // Named by its class, so Variable.__init__ inside Dual.__add__ is no recursion.
    return { method, fn: { ...fn!, name: `${c.name}.${fn!.name}` } };
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
  const made = objectOperand(cls, t.depth(), e.range);
  const init = methodNamed(t, cls, '__init__', e.range, (m) => m.role?.kind === 'constructor');
  if (!init) {
    if (e.args.length || e.keywords.length) refuse(`${cls.name} takes no arguments`, e.range);
    return made;
  }
  // Its arguments' values are named after the object and the parameter (`res_val`).
  t.inline(init.fn, e, env, out, undefined, made, hint);
  return made;
}

/** A call that makes or uses an object: a class's constructor, a method of an object or of a class. Undefined for any other call. */
export function lowerObjectCall(t: Lowering, e: IrCall, env: Env, out: Step[], hint: string | undefined): Operand | undefined {
  const cls = classNamed(t, e.callee, env);
  if (cls) return construct(t, cls, e, env, out, hint);
  if (e.callee.kind !== 'attribute' || !mayBeObject(t, e.callee.object, env)) return undefined;
  const { object, name } = e.callee;
  const ofClass = classNamed(t, object, env);
  if (ofClass) {
    // `ADTangent.log(x)`, `Vec.dot(a, b)`: the function itself, its arguments as given.
    const found = methodNamed(t, ofClass, name, e.range);
    if (!found || found.method.binding === 'getter') return refuse(`${ofClass.name}.${name} is not a method generated code can call`, e.range);
    if (found.method.binding === 'class') return refuse(`the class method ${ofClass.name}.${name} is not written yet`, e.range);
    return t.inline(found.fn, e, env, out, hint);
  }
  const receiver = t.value(object, env, out);
  const cell = receiver.object;
  if (!cell?.cls) return refuse(`.${name}(…) of this value is not written yet`, e.range);
  const found = methodNamed(t, cell.cls, name, e.range);
  if (!found || found.method.binding === 'getter') return refuse(`${cell.cls.name}.${name} is not a method generated code can call (a function stored in a field is not written yet)`, e.range);
  if (found.method.binding === 'class') return refuse(`the class method ${cell.cls.name}.${name} is not written yet`, e.range);
  return t.inline(found.fn, e, env, out, hint, found.method.binding === 'instance' ? receiver : undefined);
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
  if (getter) return t.inline(getter.fn, { kind: 'call', callee: e, args: [], keywords: [], range: e.range }, env, out, hint, receiver);
  const field = cell.fields.get(e.name);
  if (field) return field;
  const value = classAttribute(t, cell.cls, e.name, e.range);
  if (value) return t.value(value, new Map(), out, hint);
  if (methodNamed(t, cell.cls, e.name, e.range)) return refuse(`the method ${cell.cls.name}.${e.name} used as a value (not called) is not written yet`, e.range);
  return refuse(`${cell.cls.name} objects here have no attribute ${e.name}`, e.range);
}

/** `obj.name = value`: the field's new value, or the property's setter written out. False when `obj` is no object. */
export function lowerFieldWrite(t: Lowering, target: IrAttribute, value: IrExpr, env: Env, out: Step[]): boolean {
  if (target.object.kind !== 'name' || !env.get(target.object.name)?.object) return false;
  const receiver = env.get(target.object.name)!;
  const cell = receiver.object!;
  if (!cell.cls) refuse('a write into this value is not written yet', target.range);
  const setter = methodNamed(t, cell.cls!, target.name, target.range, (m) => m.role?.kind === 'setter' && m.role.attribute === target.name);
  if (setter) {
    t.inline(setter.fn, { kind: 'call', callee: target, args: [value], keywords: [], range: target.range }, env, out, undefined, receiver);
    return true;
  }
  if (methodNamed(t, cell.cls!, target.name, target.range, (m) => m.binding === 'getter' && m.fn.name === target.name)) {
    refuse(`${target.name} is a property without a setter`, target.range);
  }
  if (cell.depth !== t.depth()) refuse(`${target.object.name}.${target.name}: an object made outside this branch or loop changed inside it is not written yet`, target.range);
  const written = t.value(value, env, out, `${target.object.name}_${target.name}`);
  if (written.object || written.fn) refuse(`an object or function stored in the field ${target.name} is not written yet`, target.range);
  if (written.items) refuse(`a list stored in the field ${target.name} is not written yet`, target.range);
  cell.fields.set(target.name, written);
  return true;
}

const REFLECTED_SIDE = { left: false, right: true } as const;

/** `a op b` where an operand is an object: its class's operator method (`__mul__`, else the other's `__rmul__`) written out. */
export function lowerObjectOperator(t: Lowering, op: IrBinaryOp | 'neg', operands: readonly Operand[], e: IrExpr, env: Env, out: Step[], hint: string | undefined): Operand {
  const call = (fn: IrFunction, receiver: Operand, args: readonly Operand[]): Operand => {
    // The operands are lowered already: the call passes them by placeholder names bound to them.
    const names = args.map((_, i) => ` operand ${i}`);
    const scope: Env = new Map(env);
    names.forEach((n, i) => scope.set(n, args[i]!));
    const result = t.inline(fn, { kind: 'call', callee: e, args: names.map((name) => ({ kind: 'name', name, range: e.range })), keywords: [], range: e.range }, scope, out, hint, receiver);
    if (result.expr.kind === 'notImplemented') refuse(`an operator method that declines (NotImplemented) is not written yet`, e.range);
    return result;
  };
  if (op === 'neg') {
    const cls = operands[0]!.object?.cls;
    const found = cls && methodNamed(t, cls, '__neg__', e.range, (m) => m.role?.kind === 'unary' && m.role.op === '-');
    if (!found) return refuse(`unary minus of this object is not written yet`, e.range);
    return call(found.fn, operands[0]!, []);
  }
  const [a, b] = operands as [Operand, Operand];
  if (a.object && b.object && a.object.cls !== b.object.cls) refuse(`an operator between objects of two classes is not written yet`, e.range);
  // Between two objects of one class Python tries only the left one's method.
  for (const side of a.object && b.object ? (['left'] as const) : (['left', 'right'] as const)) {
    const [self, other] = side === 'left' ? [a, b] : [b, a];
    const cls = self.object?.cls;
    if (!cls) continue;
    const found = methodNamed(t, cls, op, e.range, (m) => m.role?.kind === 'binary' && m.role.op === op && m.role.reflected === REFLECTED_SIDE[side]);
    if (found) return call(found.fn, self, [other]);
  }
  return refuse(`the operator ${op} on this object is not written yet`, e.range);
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
    return plain && names.every((n) => classNamed(t, n, env)) ? false : undefined;
  }
  const mine = lineage(t, cell.cls, e.range);
  // A builtin type (float, int, str) is never one of the file's classes.
  return names.some((n) => n.kind === 'name' && mine.some((c) => c.name === n.name));
}

/** An expression of literals only (`-1.0`, `2 ** 3`): a number or string, never an object. */
function literal(e: IrExpr): boolean {
  if (e.kind === 'number' || e.kind === 'bool' || e.kind === 'string' || e.kind === 'none') return true;
  if (e.kind === 'unary') return literal(e.operand);
  return e.kind === 'binary' && literal(e.left) && literal(e.right);
}
