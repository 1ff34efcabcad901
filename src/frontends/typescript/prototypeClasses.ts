// Classes written the way JavaScript wrote them before `class` (older three.js, finance and physics
// libraries): a constructor function, methods set on its prototype, statics set on the function.
//
//   function Vec(x, y) { this.x = x; this.y = y; }
//   Vec.prototype.add = function (v) { return new Vec(this.x + v.x, this.y + v.y); };
//   Vec.prototype = { dot: function (v) {…}, len() {…} };
//   Vec.dist = function (a, b) {…};
//
// lower to the same `IrClass` as `class Vec { constructor(x, y) {…} add(v) {…} static dist(a, b) {…} }`:
// the constructor role, instance methods taking `this` first, static methods, and data as class
// attributes. A function is such a class only when something is set on its prototype.
import type { SyntaxNode } from '@lezer/common';
import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import type { IrClass, IrClassAttribute, IrExpr, IrFunction, IrMethod } from '../../ir/nodes';
import type { Context } from './lowerContext';
import { lowerExpr } from './lowerExpressions';
import { lowerFunction, type FunctionSource } from './lowerFunction';
import { children, type TopStatement } from './parse';
import { dottedName } from './namespaces';

/** One module-level assignment to `F.prototype.name`, a property of `F.prototype = {…}`, or `F.name`. */
export interface PrototypeMember {
  /** The constructor function's name (`Vec`). */
  readonly owner: string;
  readonly name: string;
  /** Set on the prototype (an instance's), else on the function itself (a static). */
  readonly onPrototype: boolean;
  /** The value: a function expression, an arrow, a shorthand method's Property, or data. */
  readonly value: SyntaxNode;
  readonly keyNode: SyntaxNode;
  /** What its range and annotations attach to: the statement, or the property of an object literal. */
  readonly rangeNode: SyntaxNode;
  readonly statement: TopStatement;
  /** `F.prototype = Object.create(Base.prototype)`: F's base class (ES5 inheritance), no member. */
  readonly base?: string;
}

/**
 * `F.prototype.m = v`, `F.prototype = {…}`, `Object.assign(F.prototype, {…}, …)` and `F.m = v` as
 * members; undefined for any other statement.
 */
export function readPrototypeAssignment(s: TopStatement): PrototypeMember[] | undefined {
  const view = s.view;
  const call = s.node.name === 'ExpressionStatement' ? s.node.getChild('CallExpression') : null;
  if (call) return assignedToPrototype(call, s);
  const assignment = s.node.name === 'ExpressionStatement' ? s.node.getChild('AssignmentExpression') : null;
  const [target, op, value] = assignment ? children(assignment) : [];
  if (!target || op?.name !== 'Equals' || !value || target.name !== 'MemberExpression') return undefined;
  const [object, dot, key] = children(target);
  if (!object || dot?.name !== '.' || key?.name !== 'PropertyName') return undefined;
  const name = view.textOf(key);
  const onPrototypeOf = prototypeOf(object, s);
  if (onPrototypeOf !== undefined) return [{ owner: onPrototypeOf, name, onPrototype: true, value, keyNode: key, rangeNode: s.node, statement: s }];
  // The owner is a name or a namespace's member (`THREE.Vector3`, namespaces.ts).
  const owner = dottedName(object, view);
  if (owner === undefined) return undefined;
  if (name !== 'prototype') return [{ owner, name, onPrototype: false, value, keyNode: key, rangeNode: s.node, statement: s }];
  const base = createdFrom(value, s);
  if (base !== undefined) return [{ owner, name: '', onPrototype: true, value, keyNode: key, rangeNode: s.node, statement: s, base }];
  return value.name === 'ObjectExpression' ? objectMembers(owner, value, s) : undefined;
}

/** `F.prototype`, `THREE.Vector3.prototype`: F, THREE.Vector3. */
function prototypeOf(node: SyntaxNode, s: TopStatement): string | undefined {
  const name = dottedName(node, s.view);
  return name?.endsWith('.prototype') ? name.slice(0, -'.prototype'.length) : undefined;
}

/** `Object.create(Base.prototype)` (a second argument of property descriptors is not read): Base. */
function createdFrom(value: SyntaxNode, s: TopStatement): string | undefined {
  const callee = value.name === 'CallExpression' ? value.firstChild : null;
  const [object, dot, method] = callee?.name === 'MemberExpression' ? children(callee) : [];
  if (object?.name !== 'VariableName' || s.view.textOf(object) !== 'Object' || dot?.name !== '.' || !method || s.view.textOf(method) !== 'create') return undefined;
  const list = value.getChild('ArgList');
  const args = list ? children(list).filter((k) => k.name !== '(' && k.name !== ')' && k.name !== ',') : [];
  return args.length === 1 ? prototypeOf(args[0]!, s) : undefined;
}

/** `Object.assign(F.prototype, {…}, {…})`: the object literals' properties, in order. */
function assignedToPrototype(call: SyntaxNode, s: TopStatement): PrototypeMember[] | undefined {
  const callee = call.firstChild;
  const [object, dot, method] = callee?.name === 'MemberExpression' ? children(callee) : [];
  if (object?.name !== 'VariableName' || s.view.textOf(object) !== 'Object' || dot?.name !== '.' || !method || s.view.textOf(method) !== 'assign') return undefined;
  const list = call.getChild('ArgList');
  const args = list ? children(list).filter((k) => k.name !== '(' && k.name !== ')' && k.name !== ',') : [];
  const owner = args[0] ? prototypeOf(args[0], s) : undefined;
  if (owner === undefined || args.length < 2 || args.slice(1).some((a) => a.name !== 'ObjectExpression')) return undefined;
  return args.slice(1).flatMap((a) => objectMembers(owner, a, s));
}

/** `{ m: function (…) {…}, n(…) {…}, K: 1 }` on F's prototype: each property a member. */
function objectMembers(owner: string, object: SyntaxNode, s: TopStatement): PrototypeMember[] {
  return children(object).flatMap((prop): PrototypeMember[] => {
    const first = prop.firstChild;
    if (prop.name !== 'Property' || first?.name !== 'PropertyDefinition') return [];
    const member = prop.getChild('ParamList') ? prop : children(prop).at(-1);
    return member && member !== first ? [{ owner, name: s.view.textOf(first), onPrototype: true, value: member, keyNode: first, rangeNode: prop, statement: s }] : [];
  });
}

const FUNCTIONS = new Set(['FunctionExpression', 'ArrowFunction']);

/**
 * The class a constructor function and its members make. `ctor` is the function's own source (a
 * declaration, or `var F = function (…) {…}`); members of other owners are not passed in.
 */
export function lowerPrototypeClass(name: string, ctor: FunctionSource, members: readonly PrototypeMember[], ctx: Context): IrClass {
  const view = ctx.view;
  const diagnostics: Diagnostic[] = [];
  const withThis: Context = { ...ctx, locals: new Set([...ctx.locals, 'this']) };
  const receiver = (fn: IrFunction, param = 'this'): IrFunction => ({ ...fn, params: [{ name: param, range: fn.nameRange }, ...fn.params] });
  const constructor = receiver(lowerFunction(ctor, withThis, []));
  const methods: IrMethod[] = [{ fn: { ...constructor, name: 'constructor' }, binding: 'instance', role: { kind: 'constructor' } }];
  const attributes: IrClassAttribute[] = [];
  const bases: IrExpr[] = [];
  const seen = new Set<string>();
  for (const m of members) {
    const range = m.statement.view.range(m.rangeNode);
    if (m.base !== undefined) {
      if (bases.length > 0) diagnostics.push(diagnostic('error', 'unsupported', `\`${name}.prototype\` is replaced twice: GradLens reads one base`, range));
      else bases.push({ kind: 'name', name: m.base, range: m.statement.view.range(m.value) });
      continue;
    }
    // `F.prototype.constructor = F` restores what the prototype already says.
    if (m.name === 'constructor' && dottedName(m.value, m.statement.view) === name) continue;
    const key = `${m.onPrototype ? '' : 'static '}${m.name}`;
    if (m.name === 'constructor' || seen.has(key)) {
      diagnostics.push(diagnostic('error', 'unsupported', `\`${name}${m.onPrototype ? '.prototype' : ''}.${m.name}\` is set twice or replaces the constructor: GradLens reads a prototype's members once`, range));
      continue;
    }
    seen.add(key);
    const memberCtx: Context = { ...ctx, view: m.statement.view };
    const isFunction = FUNCTIONS.has(m.value.name) || m.value.name === 'Property';
    if (!isFunction) {
      attributes.push({ name: m.name, value: lowerExpr(m.value, { ...memberCtx, report: (d) => diagnostics.push(d) }), range });
      continue;
    }
    const source: FunctionSource = { name: m.name, node: m.value, nameNode: m.keyNode, rangeNode: m.rangeNode };
    if (!m.onPrototype) {
      methods.push({ fn: lowerFunction(source, memberCtx, []), binding: 'static' });
      continue;
    }
    // An arrow sees the module's `this`, not the instance: it takes the receiver under a name no code can read.
    const arrow = m.value.name === 'ArrowFunction';
    const fn = arrow ? receiver(lowerFunction(source, memberCtx, []), '#receiver') : receiver(lowerFunction(source, { ...withThis, view: m.statement.view }, []));
    methods.push({ fn, binding: 'instance' });
  }
  return { name, bases, attributes, methods, range: view.range(ctor.rangeNode), nameRange: view.range(ctor.nameNode), diagnostics };
}

/** Names of the members' owners that have something set on their prototype: the constructor functions. */
export function prototypeOwners(members: readonly PrototypeMember[]): Set<string> {
  return new Set(members.filter((m) => m.onPrototype).map((m) => m.owner));
}
