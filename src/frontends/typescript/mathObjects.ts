// A module's own Math, made by extending the global one (planck.js's `common/Math`):
//
//   const math = Object.create(Math);
//   math.EPSILON = 1e-9;
//   math.clamp = function (x, lo, hi) {…};
//   export default math;
//
// and imported under the global's name by its siblings (`import Math from './Math'`), whose
// `Math.sqrt(x)` and `Math.EPSILON` are then that object's. The object is a namespace
// (namespaces.ts): its members are read by their dotted names (`math.clamp`), and the members of
// Math it does not set are constants of the module too (`math.sqrt` the intrinsic, `math.PI` the
// number), so the object an importer reads (the engine's object of a namespace's members) has them.
import type { SyntaxNode } from '@lezer/common';
import type { SourceRange } from '../../core/sourceRange';
import type { IrExpr, IrGlobal } from '../../ir/nodes';
import { MATH_CONSTANTS, MATH_FUNCTIONS } from './libraryNames';
import { children, type SourceView } from './parse';

/** `Object.create(Math)`, with neither name shadowed by the module (`shadowed`: its imports). */
export function extendsMath(value: SyntaxNode, view: SourceView, shadowed: ReadonlySet<string>): boolean {
  if (value.name !== 'CallExpression' || shadowed.has('Object') || shadowed.has('Math')) return false;
  const [callee, args] = children(value);
  if (callee?.name !== 'MemberExpression' || view.textOf(callee).replace(/\s/g, '') !== 'Object.create' || args?.name !== 'ArgList') return false;
  const inside = children(args).filter((k) => k.name !== '(' && k.name !== ')' && k.name !== ',');
  return inside.length === 1 && inside[0]!.name === 'VariableName' && view.textOf(inside[0]!) === 'Math';
}

/**
 * The members of Math that `object` (made by `Object.create(Math)`) inherits, as module constants
 * `object.member`, except those `owns` (set by the module). Functions GradLens takes as values are
 * their intrinsics; `max` and `min` (variadic in JavaScript) the maximum of their arguments; `round`
 * half up, as `Math.round` is lowered. Members GradLens does not model (`random`, `hypot` of any
 * number of arguments) are left out: reading one is a located error.
 */
export function inheritedMathMembers(object: string, owns: (name: string) => boolean, range: SourceRange): IrGlobal[] {
  const out: IrGlobal[] = [];
  const add = (member: string, value: IrExpr): void => {
    if (!owns(`${object}.${member}`)) out.push({ kind: 'constant', name: `${object}.${member}`, value, range });
  };
  for (const [member, value] of Object.entries(MATH_CONSTANTS)) add(member, { kind: 'number', value, range });
  const intrinsic = (name: string): IrExpr => ({ kind: 'intrinsic', name, range });
  const call = (name: string, args: IrExpr[]): IrExpr => ({ kind: 'call', callee: intrinsic(name), args, keywords: [], range });
  const name = (n: string): IrExpr => ({ kind: 'name', name: n, range });
  for (const [member, fn] of Object.entries(MATH_FUNCTIONS)) {
    if (member === 'hypot') continue;
    if (member === 'max' || member === 'min') {
      add(member, { kind: 'lambda', params: [{ name: 'values', kind: 'varargs', range }], body: call(fn, [name('values')]), range });
    } else add(member, intrinsic(fn));
  }
  const half: IrExpr = { kind: 'binary', op: '+', left: name('x'), right: { kind: 'number', value: 0.5, range }, range };
  add('round', { kind: 'lambda', params: [{ name: 'x', range }], body: call('floor', [half]), range });
  return out;
}
