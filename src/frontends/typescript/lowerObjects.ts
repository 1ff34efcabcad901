// JavaScript objects, lowered to the IR's dict (`IrDict`, the construct Python's dicts use): object
// literals, destructuring of objects (declarations, parameters, `for…of` targets) and `Object.keys`,
// `Object.values`, `Object.entries`. A property read `o.x` is an attribute marked `property`
// (lowerExpressions.ts), which the engine reads from a dict as its entry `'x'`.
import type { SyntaxNode } from '@lezer/common';
import { nameTable, ownValue } from '../../core/keyed';
import type { SourceRange } from '../../core/sourceRange';
import type { IrDictEntry, IrExpr, IrStmt, IrTarget } from '../../ir/nodes';
import { children } from './parse';
import { broken, type Context, unsupportedExpr } from './lowerContext';
import { lowerExpr, lowerName } from './lowerExpressions';
import { lowerFunction } from './lowerFunction';
import { freshName } from './lowerEffects';

/**
 * `{a: 1, b, 'c': 2, [k]: v, ...other, m(t) {…}, n: (t) => …, get x() {…}, set x(v) {…}}`: a dict with
 * string keys in order. A method that uses `this`, and a getter or setter, take the object as a first
 * parameter `this` and are held as one `js_member` entry (engine: `ObjectMember`), so `o.m()` and `o.x`
 * see the object they are read from — also an object a factory builds and returns.
 */
export function lowerObjectLiteral(node: SyntaxNode, ctx: Context): IrExpr {
  const view = ctx.view;
  const entries: IrDictEntry[] = [];
  /** A getter and a setter of one name share an entry: the first's, filled in by the second. */
  const accessors = new Map<string, { getter?: IrExpr; setter?: IrExpr; at: number; range: SourceRange }>();
  for (const prop of children(node).filter((k) => k.name === 'Property')) {
    const kids = children(prop);
    const range = view.range(prop);
    if (kids[0]?.name === 'Spread') {
      entries.push({ spread: kids[1] ? lowerExpr(kids[1], ctx) : broken(range) });
      continue;
    }
    const accessor = prop.getChild('get') ? 'getter' : prop.getChild('set') ? 'setter' : undefined;
    if (accessor) {
      const key = propertyKey(kids.slice(1), ctx);
      if (!key || key.kind !== 'string') {
        entries.push({ key: { kind: 'string', value: '', range }, value: unsupportedExpr(ctx, 'accessor', 'a getter or setter needs a plain name', range) });
        continue;
      }
      const slot = accessors.get(key.value) ?? { at: entries.length, range };
      if (!accessors.has(key.value)) {
        accessors.set(key.value, slot);
        entries.push({ key, value: broken(range) });
      }
      slot[accessor] = receiverFunction(prop, kids[1]!, ctx);
      continue;
    }
    const key = propertyKey(kids, ctx);
    if (!key) {
      entries.push({ key: { kind: 'string', value: '', range }, value: broken(range) });
      continue;
    }
    if (prop.getChild('ParamList')) {
      // A shorthand method `m(t) {…}`: a function value under its name; one that uses `this` a member.
      const nameNode = kids[0]!;
      if (usesThis(prop)) {
        entries.push({ key, value: member(receiverFunction(prop, nameNode, ctx), undefined, undefined, range) });
        continue;
      }
      const fn = lowerFunction({ name: view.textOf(nameNode), node: prop, nameNode, rangeNode: prop }, ctx, []);
      entries.push({ key, value: { kind: 'function', fn, selfBinding: false, range } });
      continue;
    }
    const colon = kids.findIndex((k) => k.name === ':');
    const valueNode = colon >= 0 ? kids[colon + 1] : undefined;
    if (colon < 0 && kids[0]?.name === 'PropertyDefinition') {
      // `{b}` is `{b: b}`.
      entries.push({ key, value: lowerName(kids[0], ctx) });
      continue;
    }
    entries.push({ key, value: valueNode ? lowerExpr(valueNode, ctx) : broken(range) });
  }
  for (const slot of accessors.values()) {
    const entry = entries[slot.at] as { key: IrExpr; value: IrExpr };
    entries[slot.at] = { key: entry.key, value: member(undefined, slot.getter, slot.setter, slot.range) };
  }
  return { kind: 'dict', entries, range: view.range(node) };
}

/** `js_member(method, getter, setter)`, None for the parts it lacks. */
function member(method: IrExpr | undefined, getter: IrExpr | undefined, setter: IrExpr | undefined, range: SourceRange): IrExpr {
  const part = (e: IrExpr | undefined): IrExpr => e ?? { kind: 'none', range };
  return { kind: 'call', callee: { kind: 'intrinsic', name: 'js_member', range }, args: [part(method), part(getter), part(setter)], keywords: [], range };
}

/** A method, getter or setter of an object literal as a function of `this` (the object) first, then its parameters. */
function receiverFunction(prop: SyntaxNode, nameNode: SyntaxNode, ctx: Context): IrExpr {
  const range = ctx.view.range(prop);
  const fn = lowerFunction({ name: ctx.view.textOf(nameNode), node: prop, nameNode, rangeNode: prop }, { ...ctx, locals: new Set([...ctx.locals, 'this']), thisObject: undefined }, []);
  return { kind: 'function', fn: { ...fn, params: [{ name: 'this', range: fn.nameRange }, ...fn.params] }, selfBinding: false, range };
}

/** Whether a method's body reads `this` (not inside a function nested in it, except arrows, which see the method's). */
function usesThis(node: SyntaxNode): boolean {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name === 'this') return true;
    if (NESTED_FUNCTIONS.has(c.name)) continue;
    if (usesThis(c)) return true;
  }
  return false;
}

const NESTED_FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'MethodDeclaration', 'ClassDeclaration', 'ClassExpression']);

/** A property's key: a name, a string or number literal (as JavaScript spells it), or `[computed]`. */
function propertyKey(kids: readonly SyntaxNode[], ctx: Context): IrExpr | undefined {
  const first = kids[0];
  if (!first) return undefined;
  const range = ctx.view.range(first);
  const text = ctx.view.textOf(first);
  if (first.name === 'PropertyDefinition' || first.name === 'PropertyName') return { kind: 'string', value: text, range };
  if (first.name === 'String') return { kind: 'string', value: text.slice(1, -1), range };
  if (first.name === 'Number') return { kind: 'string', value: String(Number(text.replace(/_/g, ''))), range };
  if (first.name === '[' && kids[1]) return lowerExpr(kids[1], ctx);
  return undefined;
}

/** `o.x` (a property, see `IrAttribute.property`). */
export function propertyOf(object: IrExpr, name: string, range: SourceRange): IrExpr {
  return { kind: 'attribute', object, name, property: true, range };
}

/**
 * `{x, y: b = 2, z: [p, q]} = value` as assignments: each name from its property, a default where the
 * property is undefined. `value` is read once (a temporary unless it is a name already).
 */
export function objectPatternAssignments(pattern: SyntaxNode, value: IrExpr, ctx: Context, lowerTarget: (n: SyntaxNode) => IrTarget): IrStmt[] {
  const view = ctx.view;
  const range = view.range(pattern);
  const out: IrStmt[] = [];
  let source = value;
  if (value.kind !== 'name') {
    const temp = freshName(ctx, range);
    out.push({ kind: 'assign', target: temp, value, range });
    source = { kind: 'name', name: temp.name, range };
  }
  const named: IrExpr[] = [];
  for (const prop of children(pattern).filter((k) => k.name === 'PatternProperty')) {
    const kids = children(prop);
    const propRange = view.range(prop);
    if (kids[0]?.name === 'Spread') {
      // `...rest`: the entries the properties before it did not name.
      const target = kids[1];
      const rest: IrExpr = { kind: 'call', callee: { kind: 'intrinsic', name: 'object_rest', range: propRange }, args: [source, ...named], keywords: [], range: propRange };
      if (target && (target.name === 'VariableDefinition' || target.name === 'VariableName')) out.push({ kind: 'assign', target: lowerTarget(target), value: rest, range: propRange });
      else out.push({ kind: 'expr', value: unsupportedExpr(ctx, 'destructuring', 'a rest element (`...rest`) in object destructuring must be a name', propRange), range: propRange });
      continue;
    }
    const colon = kids.findIndex((k) => k.name === ':');
    const keyNode = kids[0]!;
    const targetNode = colon >= 0 ? kids[colon + 1] : keyNode;
    const eq = kids.findIndex((k) => k.name === 'Equals');
    if (!targetNode || (colon >= 0 && keyNode.name === '[')) {
      out.push({ kind: 'expr', value: unsupportedExpr(ctx, 'destructuring', 'computed keys in object destructuring are not supported', propRange), range: propRange });
      continue;
    }
    const keyText = view.textOf(keyNode);
    const key = keyNode.name === 'String' ? keyText.slice(1, -1) : keyText;
    named.push({ kind: 'string', value: key, range: view.range(keyNode) });
    // `const { length } = xs` reads an array's length, as `xs.length` does.
    let read: IrExpr = key === 'length' ? { kind: 'call', callee: { kind: 'intrinsic', name: 'length_of', range: propRange }, args: [source], keywords: [], range: propRange } : propertyOf(source, key, propRange);
    if (eq >= 0 && kids[eq + 1]) {
      // JavaScript applies a default where the property is undefined: `??` reads the same here.
      read = orDefault(read, lowerExpr(kids[eq + 1]!, ctx), propRange, ctx);
    }
    if (targetNode.name === 'ObjectPattern') out.push(...objectPatternAssignments(targetNode, read, ctx, lowerTarget));
    else out.push({ kind: 'assign', target: lowerTarget(targetNode), value: read, range: propRange });
  }
  return out;
}

/** `read ?? fallback`, with `read` evaluated once. */
export function orDefault(read: IrExpr, fallback: IrExpr, range: SourceRange, ctx: Context): IrExpr {
  const temp = freshName(ctx, range);
  const value: IrExpr = { kind: 'name', name: temp.name, range };
  const missing: IrExpr = { kind: 'compare', ops: ['=='], operands: [value, { kind: 'none', range }], range };
  return {
    kind: 'effect',
    stmts: [{ kind: 'assign', target: temp, value: read, range }],
    value: { kind: 'conditional', test: missing, then: fallback, else: value, range },
    range,
  };
}

/**
 * `Object.create(Vec2.prototype)` (planck.js's `Vec2.neo` makes its vectors so, skipping the
 * constructor's checks): an instance of the class whose constructor does not run, the intrinsic
 * `js_object_create`; `Object.create(null)` an empty object. Another prototype is refused (undefined).
 */
function objectCreate(arg: SyntaxNode, range: SourceRange, calleeRange: SourceRange, ctx: Context): IrExpr | undefined {
  if (ctx.view.textOf(arg) === 'null') return { kind: 'dict', entries: [], range };
  const [owner, dot, member] = arg.name === 'MemberExpression' ? children(arg) : [];
  if (!owner || dot?.name !== '.' || !member || ctx.view.textOf(member) !== 'prototype') return undefined;
  return { kind: 'call', callee: { kind: 'intrinsic', name: 'js_object_create', range: calleeRange }, args: [lowerExpr(owner, ctx)], keywords: [], range };
}

/** `Object.keys/values/entries` → the dict method that lists the same. */
const OBJECT_LISTS = nameTable({ keys: 'keys', values: 'values', entries: 'items' });

/**
 * `Object.keys(o)`, `Object.values(o)`, `Object.entries(o)` as lists of a dict's keys, values and
 * `[key, value]` pairs (the dict's own methods, so an array or a number is refused where it is
 * reached); `Object.freeze(o)` is o; `Object.assign(t, …)` the intrinsic `object_assign`. Undefined
 * for the other members of `Object`.
 */
export function lowerObjectCall(name: string, args: readonly SyntaxNode[], range: SourceRange, calleeRange: SourceRange, ctx: Context): IrExpr | undefined {
  const method = ownValue(OBJECT_LISTS, name);
  if (name === 'freeze' && args.length === 1) return lowerExpr(args[0]!, ctx);
  if (name === 'assign') {
    if (args.length === 0 || args.some((a) => a.name === 'Spread')) return unsupportedExpr(ctx, 'Object.assign', '`Object.assign` takes a target and the objects to copy, written out', range);
    return { kind: 'call', callee: { kind: 'intrinsic', name: 'object_assign', range: calleeRange }, args: args.map((a) => lowerExpr(a, ctx)), keywords: [], range };
  }
  if (name === 'create' && args.length === 1) return objectCreate(args[0]!, range, calleeRange, ctx);
  if (!method) return undefined;
  if (args.length !== 1 || args[0]!.name === 'Spread') return unsupportedExpr(ctx, `Object.${name}`, `\`Object.${name}\` takes one object`, range);
  const call: IrExpr = { kind: 'call', callee: { kind: 'attribute', object: lowerExpr(args[0]!, ctx), name: method, range: calleeRange }, args: [], keywords: [], range };
  return { kind: 'call', callee: { kind: 'intrinsic', name: 'list', range: calleeRange }, args: [call], keywords: [], range };
}
