// Members a module sets on a class it declares, after the class (gl-matrix's aliases):
//
//   class Vec2 {
//     static distance(a, b) { return Math.hypot(b[0] - a[0], b[1] - a[1]); }
//     static dist(a, b) { return 0; }          // a stub for the type checker
//   }
//   Vec2.dist = Vec2.distance;
//   Vec2.prototype.sub = Vec2.prototype.subtract;
//
// What runs is what the assignment sets, never the stub it replaces: an alias of a method of the
// class is that method under the new name (the IR's `aliasOf`), a function is a method, anything
// else a class attribute (read when reached; a value GradLens cannot read is refused there). The
// method of that name on that side (static, or instance for the prototype) goes.
import type { Diagnostic } from '../../core/diagnostic';
import type { IrClass, IrMethod } from '../../ir/nodes';
import type { Context } from './lowerContext';
import { lowerExpr } from './lowerExpressions';
import { lowerFunction } from './lowerFunction';
import { dottedName } from './namespaces';
import type { PrototypeMember } from './prototypeClasses';

const FUNCTIONS = new Set(['FunctionExpression', 'ArrowFunction']);

export function withModuleAssignments(cls: IrClass, members: readonly PrototypeMember[], ctx: Context): IrClass {
  const mine = members.filter((m) => m.owner === cls.name && m.base === undefined && m.name !== 'constructor' && m.name !== 'prototype');
  if (mine.length === 0) return cls;
  let methods = [...cls.methods];
  const attributes = [...cls.attributes];
  const diagnostics: Diagnostic[] = [...cls.diagnostics];
  const onSide = (m: IrMethod, instance: boolean): boolean => (instance ? m.binding === 'instance' || m.binding === 'getter' : m.binding === 'static' || m.binding === 'class');
  for (const m of mine) {
    const view = m.statement.view;
    const range = view.range(m.rangeNode);
    methods = methods.filter((x) => !(x.fn.name === m.name && onSide(x, m.onPrototype) && x.role?.kind !== 'constructor'));
    const written = dottedName(m.value, view);
    const prefix = m.onPrototype ? `${cls.name}.prototype.` : `${cls.name}.`;
    const original = written?.startsWith(prefix) ? written.slice(prefix.length) : undefined;
    const target = original === undefined || original.includes('.') ? undefined : methods.find((x) => x.fn.name === original && onSide(x, m.onPrototype) && x.role === undefined);
    if (target) {
      methods.push({ fn: { ...target.fn, name: m.name }, binding: target.binding, aliasOf: original });
      continue;
    }
    const memberCtx: Context = { ...ctx, view, report: (d) => diagnostics.push(d) };
    if (FUNCTIONS.has(m.value.name)) {
      const source = { name: m.name, node: m.value, nameNode: m.keyNode, rangeNode: m.rangeNode };
      if (!m.onPrototype) methods.push({ fn: lowerFunction(source, memberCtx, []), binding: 'static' });
      else if (m.value.name === 'FunctionExpression') {
        const fn = lowerFunction(source, { ...memberCtx, locals: new Set([...ctx.locals, 'this']) }, []);
        methods.push({ fn: { ...fn, params: [{ name: 'this', range: fn.nameRange }, ...fn.params] }, binding: 'instance' });
      } else {
        // An arrow sees the module's `this`, not the instance: it takes the receiver under a name no code can read.
        const fn = lowerFunction(source, memberCtx, []);
        methods.push({ fn: { ...fn, params: [{ name: '#receiver', range: fn.nameRange }, ...fn.params] }, binding: 'instance' });
      }
      continue;
    }
    const at = attributes.findIndex((a) => a.name === m.name);
    if (at >= 0) attributes.splice(at, 1);
    attributes.push({ name: m.name, value: lowerExpr(m.value, memberCtx), range });
  }
  return { ...cls, methods, attributes, diagnostics };
}
