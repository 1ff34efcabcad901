// A module-level JavaScript/TypeScript class, lowered to the IR's language-neutral class (see
// `IrClass`): methods take the receiver as an explicit first parameter named `this`, `constructor` is
// the constructor role, `static` methods and fields are static methods and class attributes, `get x()`
// a getter, and instance fields (`x = 1;`) are assigned at the start of the constructor.
import type { SyntaxNode } from '@lezer/common';
import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import type { IrClass, IrClassAttribute, IrExpr, IrFunction, IrMethod, IrStmt } from '../../ir/nodes';
import { mentionsName } from '../../ir/walk';
import { children, isOverloadSignature } from './parse';
import type { Context } from './lowerContext';
import { lowerExpr } from './lowerExpressions';
import { lowerFunction } from './lowerFunction';
import { TYPED_ARRAYS } from './libraryNames';

const TYPED_ARRAY_INTRINSICS: ReadonlySet<string> = new Set(Object.values(TYPED_ARRAYS));

export function classDeclarationOf(node: SyntaxNode): SyntaxNode | null {
  if (node.name === 'ClassDeclaration') return node;
  if (node.name === 'ExportDeclaration') return node.getChild('ClassDeclaration');
  return null;
}

export function lowerClass(node: SyntaxNode, rangeNode: SyntaxNode, ctx: Context): IrClass {
  const view = ctx.view;
  const nameNode = node.getChild('VariableDefinition');
  const name = nameNode ? view.textOf(nameNode) : '';
  const range = view.range(rangeNode);
  const nameRange = nameNode ? view.range(nameNode) : range;
  const diagnostics: Diagnostic[] = [];
  const kids = children(node);
  const extendsAt = kids.findIndex((k) => k.name === 'extends');
  const bases: IrExpr[] = extendsAt >= 0 && kids[extendsAt + 1] ? [lowerExpr(kids[extendsAt + 1]!, { ...ctx, report: (d) => diagnostics.push(d) })] : [];
  const thisIsArray = bases[0]?.kind === 'intrinsic' && TYPED_ARRAY_INTRINSICS.has(bases[0].name);
  const attributes: IrClassAttribute[] = [];
  const fields: IrStmt[] = [];
  const methods: IrMethod[] = [];
  const body = node.getChild('ClassBody');
  for (const member of body ? children(body) : []) {
    if (member.name === '{' || member.name === '}' || member.name === ';') continue;
    const key = member.getChild('PropertyDefinition');
    const isStatic = !!member.getChild('static');
    if (member.name === 'PropertyDeclaration' && key) {
      const memberKids = children(member);
      const eq = memberKids.findIndex((k) => k.name === 'Equals');
      const valueNode = eq >= 0 ? memberKids[eq + 1] : undefined;
      const memberRange = view.range(member);
      // An instance field's initialiser runs in the constructor, where `this` is the new instance.
      const valueCtx: Context = { ...ctx, report: (d) => diagnostics.push(d), ...(isStatic ? {} : { locals: new Set([...ctx.locals, 'this']) }) };
      const value: IrExpr = valueNode ? lowerExpr(valueNode, valueCtx) : { kind: 'none', range: memberRange };
      if (isStatic) attributes.push({ name: view.textOf(key), value, range: memberRange });
      else {
        const target = { kind: 'attribute' as const, object: { kind: 'name' as const, name: 'this', range: memberRange }, name: view.textOf(key), range: memberRange };
        fields.push({ kind: 'assign', target, value, range: memberRange });
      }
      continue;
    }
    if (member.name === 'MethodDeclaration' && key && isOverloadSignature(member)) continue;
    if (member.name === 'MethodDeclaration' && key) {
      const methodName = view.textOf(key);
      const getter = !!member.getChild('get');
      const setter = !!member.getChild('set');
      // A setter is kept under a name no identifier can have, beside the getter of the same property.
      const fn = lowerFunction({ name: setter ? `set ${methodName}` : methodName, node: member, nameNode: key, rangeNode: member }, { ...ctx, locals: new Set([...ctx.locals, 'this']), thisIsArray }, []);
      const withReceiver: IrFunction = isStatic ? fn : { ...fn, params: [{ name: 'this', range: fn.nameRange }, ...fn.params] };
      if (setter && isStatic) diagnostics.push(diagnostic('error', 'unsupported', 'static setters are not supported', view.range(member)));
      else if (setter) methods.push({ fn: withReceiver, binding: 'instance', role: { kind: 'setter', attribute: methodName } });
      else if (methodName === 'constructor') {
        // TypeScript's parameter properties (`constructor(public x: number)`) store themselves first.
        fields.unshift(...parameterProperties(member, ctx));
        const { body, marks } = prototypeMarks(withReceiver.body, name);
        attributes.push(...marks);
        methods.push({ fn: { ...withReceiver, body }, binding: 'instance', role: { kind: 'constructor' } });
      }
      else methods.push({ fn: withReceiver, binding: isStatic ? 'static' : getter ? 'getter' : 'instance' });
      continue;
    }
    diagnostics.push(diagnostic('error', 'unsupported', `\`${view.textOf(member).split('\n')[0]}\` in a class body is not supported`, view.range(member)));
  }
  if (fields.length > 0) {
    // Field initialisers run first in the constructor (after `super()` in JavaScript; before it here).
    const ctor = methods.findIndex((m) => m.role?.kind === 'constructor');
    if (ctor >= 0) {
      const m = methods[ctor]!;
      methods[ctor] = { ...m, fn: { ...m.fn, body: [...fields, ...m.fn.body] } };
    } else {
      const fn: IrFunction = { name: 'constructor', params: [{ name: 'this', range: nameRange }], body: fields, range, nameRange, diagnostics: [], looseArity: true };
      methods.push({ fn, binding: 'instance', role: { kind: 'constructor' } });
    }
  }
  return { name, bases, attributes, methods, range, nameRange, diagnostics };
}

/** `constructor(public x: number, private readonly y = 2)`: `this.x = x; this.y = y;`, in order. */
function parameterProperties(ctor: SyntaxNode, ctx: Context): IrStmt[] {
  const list = ctor.getChild('ParamList');
  const out: IrStmt[] = [];
  let modified = false;
  for (const k of list ? children(list) : []) {
    if (k.name === 'Privacy' || k.name === 'readonly') modified = true;
    else if (k.name === ',') modified = false;
    else if (k.name === 'VariableDefinition' && modified) {
      const name = ctx.view.textOf(k);
      const range = ctx.view.range(k);
      const target = { kind: 'attribute' as const, object: { kind: 'name' as const, name: 'this', range }, name, property: true as const, range };
      out.push({ kind: 'assign', target, value: { kind: 'name', name, range }, range });
    }
  }
  return out;
}

/**
 * three.js's `constructor() { Vector3.prototype.isVector3 = true; … }`: a constant set on the class's
 * own prototype, unconditionally, by its constructor. It is a class attribute (`this.isVector3` reads
 * it, as the prototype's would be read); it differs only before the first instance is made, when no
 * instance exists to read it. Other statements stay in the body.
 */
function prototypeMarks(body: readonly IrStmt[], cls: string): { body: IrStmt[]; marks: IrClassAttribute[] } {
  const marks: IrClassAttribute[] = [];
  const rest = body.filter((s) => {
    if (s.kind !== 'assign' || s.target.kind !== 'attribute') return true;
    const proto = s.target.object;
    const constant = s.value.kind === 'bool' || s.value.kind === 'number' || s.value.kind === 'string';
    if (!constant || proto.kind !== 'attribute' || proto.name !== 'prototype' || proto.object.kind !== 'name' || proto.object.name !== cls) return true;
    marks.push({ name: s.target.name, value: s.value, range: s.range });
    return false;
  });
  return { body: rest, marks };
}

/**
 * `this` in a static method is the class it is called on (three.js's `Triangle.getInterpolation`
 * calling `this.getBarycoord(…)`): the class itself, set first in the method's body — for a class no
 * other class of the file extends, since a subclass calling the inherited method would make `this`
 * the subclass (left unknown there, refused where reached).
 */
export function withStaticReceivers(classes: readonly IrClass[]): IrClass[] {
  const extended = new Set(classes.flatMap((c) => c.bases.flatMap((b) => (b.kind === 'name' ? [b.name] : []))));
  return classes.map((c) => {
    if (extended.has(c.name) || !c.methods.some((m) => m.binding === 'static' && mentionsName(m.fn.body, 'this'))) return c;
    const methods = c.methods.map((m) => {
      if (m.binding !== 'static' || !mentionsName(m.fn.body, 'this')) return m;
      const range = m.fn.nameRange;
      const receiver: IrStmt = { kind: 'assign', target: { kind: 'name', name: 'this', range }, value: { kind: 'name', name: c.name, range }, range };
      return { ...m, fn: { ...m.fn, body: [receiver, ...m.fn.body] } };
    });
    return { ...c, methods };
  });
}
