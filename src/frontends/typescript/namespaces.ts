// Namespaces as older libraries built them (three.js before modules, many finance and physics kits):
//
//   var THREE = THREE || {};
//   THREE.Vector3 = function (x, y, z) { this.x = x; … };
//   THREE.Vector3.prototype = { dot: function (v) {…} };
//   THREE.Math = { clamp: function (v, lo, hi) {…} };
//
// A namespace is a module-level object that starts empty (`NS || {}`, `{}`) or of methods, with
// members set on it by later module-level statements. Each member is read as if declared under its
// dotted name, as an object literal's methods are (`physics.energy`): `THREE.Vector3` a constructor
// function (a class when its prototype has members, prototypeClasses.ts), `THREE.Math` an object of
// methods whose functions are `THREE.Math.clamp`, anything else a constant. Reads of `THREE.Vector3`
// are that name, so the namespace object itself is never built.
import type { SyntaxNode } from '@lezer/common';
import { children, type SourceView } from './parse';

/** `A`, `A.B`, `A.B.C` (plain dots, no `?.` or brackets): the dotted name; else undefined. */
export function dottedName(node: SyntaxNode, view: SourceView): string | undefined {
  if (node.name === 'VariableName') return view.textOf(node);
  if (node.name !== 'MemberExpression') return undefined;
  const [object, dot, key, extra] = children(node);
  if (!object || dot?.name !== '.' || key?.name !== 'PropertyName' || extra) return undefined;
  const head = dottedName(object, view);
  return head === undefined ? undefined : `${head}.${view.textOf(key)}`;
}

/** `NS || {}` and `{}`: a namespace's declaration (`var THREE = THREE || {};`). */
export function startsNamespace(name: string, value: SyntaxNode, view: SourceView): boolean {
  if (value.name === 'ObjectExpression') return children(value).every((k) => k.name === '{' || k.name === '}');
  if (value.name !== 'BinaryExpression') return false;
  const [left, op, right] = children(value);
  return !!left && !!right && op !== undefined && view.textOf(op) === '||' && dottedName(left, view) === name && startsNamespace(name, right, view);
}

/** A module-level `NS.X = value` (NS, or the head of `NS.A.X`, a known namespace): X's dotted name and value. */
export interface NamespaceMember {
  readonly name: string;
  readonly nameNode: SyntaxNode;
  readonly value: SyntaxNode;
  /** Set on a module-level function rather than a namespace (`raw.invert = function…`). */
  readonly onFunction?: true;
}

/** `functions`: module-level functions, whose members are read so only when set to a function (`raw.invert = function…`). */
export function namespaceMember(statement: SyntaxNode, view: SourceView, namespaces: ReadonlySet<string>, functions: ReadonlySet<string> = new Set()): NamespaceMember | undefined {
  const assignment = statement.name === 'ExpressionStatement' ? statement.getChild('AssignmentExpression') : null;
  const [target, op, value] = assignment ? children(assignment) : [];
  if (!target || op?.name !== 'Equals' || !value || target.name !== 'MemberExpression') return undefined;
  const name = dottedName(target, view);
  const owner = name?.slice(0, name.lastIndexOf('.'));
  const functionMember = owner !== undefined && functions.has(owner) && (value.name === 'FunctionExpression' || value.name === 'ArrowFunction');
  if (name === undefined || owner === undefined || (!namespaces.has(owner) && !functionMember)) return undefined;
  return { name, nameNode: target.getChild('PropertyName') ?? target, value, ...(namespaces.has(owner) ? {} : { onFunction: true as const }) };
}
