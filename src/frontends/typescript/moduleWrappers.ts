// AMD and UMD modules: the module is the body of a factory function that a loader (or the wrapper
// itself) calls once. RequireJS's `define(function () { …; return {…}; })`, with an id and
// dependencies `define('losses', ['./util'], function (util) {…})`; the UMD wrapper
// `(function (root, factory) { … define([], factory) … }(this, function () { … }))`; and a plain
// module IIFE `(function () { … })()` or `.call(this)`.
import type { SyntaxNode } from '@lezer/common';
import { unwrap } from './factories';
import { children, type TopStatement } from './parse';

/**
 * The module's statements with each wrapper replaced by its factory's body, read as top-level
 * statements: the functions declared there get lenses, and its `return {…}` is read as the module's
 * exports (as `module.exports = {…}`). A factory's body that is itself a wrapper is opened too.
 */
export function unwrapModuleWrappers(statements: readonly TopStatement[], depth = 0): TopStatement[] {
  const out: TopStatement[] = [];
  for (const s of statements) {
    const body = depth < MAX_DEPTH ? factoryBody(s) : undefined;
    if (body) out.push(...unwrapModuleWrappers(body, depth + 1));
    else out.push(s);
  }
  return out;
}

/** Wrappers inside wrappers opened at most this deep: real modules nest one or two. */
const MAX_DEPTH = 4;

/** The factory's body statements when `s` is a wrapper, each with the syntax errors inside it. */
function factoryBody(s: TopStatement): TopStatement[] | undefined {
  if (s.node.name !== 'ExpressionStatement') return undefined;
  const expr = children(s.node).find((k) => k.name !== ';');
  const call = expr ? unwrap(expr) : undefined;
  if (call?.name !== 'CallExpression') return undefined;
  const factory = factoryOf(call, s);
  const block = factory?.getChild('Block');
  if (!block) return undefined;
  return children(block)
    .filter((k) => k.name !== '{' && k.name !== '}')
    .map((node) => ({ node, view: s.view, errors: s.errors.filter((e) => node.from <= e.from && e.to <= node.to) }));
}

/**
 * The function whose body is the module: `define`'s last argument; the function argument a
 * function-expression wrapper is called with (UMD's `factory`); else the called function itself (an IIFE).
 */
function factoryOf(call: SyntaxNode, s: TopStatement): SyntaxNode | undefined {
  const [calleeNode, argList] = children(call);
  if (!calleeNode || argList?.name !== 'ArgList') return undefined;
  // Rollup's UMD passes its factory in parentheses: `(this, (function (exports) { … }))`.
  const args = children(argList).filter((k) => k.name !== '(' && k.name !== ')' && k.name !== ',').map(unwrap);
  const callee = unwrap(calleeNode);
  if (callee.name === 'VariableName' && s.view.textOf(callee) === 'define') {
    const last = args.at(-1);
    return last && isFunction(last) ? last : undefined;
  }
  // `(function () { … }).call(this)`
  if (callee.name === 'MemberExpression' && s.view.textOf(callee.lastChild!) === 'call') {
    const object = callee.firstChild ? unwrap(callee.firstChild) : undefined;
    return object && isFunction(object) && args.length <= 1 ? object : undefined;
  }
  if (!isFunction(callee)) return undefined;
  // UMD passes its factory; an IIFE (`(function (root) { … })(this)`) is the module itself.
  const functions = args.filter(isFunction);
  return functions.length > 1 ? undefined : (functions[0] ?? callee);
}

function isFunction(node: SyntaxNode): boolean {
  return (node.name === 'FunctionExpression' || node.name === 'ArrowFunction') && node.getChild('Block') !== null;
}
