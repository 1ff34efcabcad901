// `typeof DEBUG === 'undefined' ? false : DEBUG` (planck.js, and the flags bundlers define): a name
// declared nowhere in the file and no global JavaScript defines is, to GradLens's run, undeclared,
// and `typeof` of an undeclared name is 'undefined' — JavaScript's one read of such a name that
// does not throw. Names the file binds anywhere (any scope, a sloppy `X = …` too; not an ambient
// `declare const X`), and the standard globals, keep their `typeof` as the engine evaluates it.
import type { SyntaxNode } from '@lezer/common';
import type { TopStatement } from './parse';

/** ECMAScript's global names (and the host's GradLens refuses by name, libraryNames.ts's FORBIDDEN_GLOBALS, are read as before). */
const STANDARD_GLOBALS: ReadonlySet<string> = new Set([
  'undefined', 'NaN', 'Infinity', 'globalThis', 'Math', 'Number', 'String', 'Boolean', 'Symbol', 'BigInt', 'Object', 'Function',
  'Array', 'JSON', 'Date', 'RegExp', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError',
  'AggregateError', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'Promise', 'Proxy', 'Reflect', 'Intl', 'Atomics', 'ArrayBuffer',
  'SharedArrayBuffer', 'DataView', 'Float16Array', 'Float32Array', 'Float64Array', 'Int8Array', 'Int16Array', 'Int32Array', 'Uint8Array',
  'Uint8ClampedArray', 'Uint16Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array', 'isFinite', 'isNaN', 'parseFloat', 'parseInt',
  'eval', 'encodeURI', 'encodeURIComponent', 'decodeURI', 'decodeURIComponent', 'arguments',
]);

/** A test of whether the file binds a name anywhere, the walk done on first asking. */
export function declaredInFile(statements: readonly TopStatement[]): (name: string) => boolean {
  let names: Set<string> | undefined;
  return (name) => {
    if (!names) {
      names = new Set();
      for (const s of statements) collectBound(s.node, (n) => s.view.textOf(n), names);
    }
    return names.has(name);
  };
}

/**
 * The names bound in a statement. An ambient `declare const DEBUG: boolean` binds nothing at run
 * time (the name is another file's or the host's), so its names are not the file's.
 */
function collectBound(top: SyntaxNode, textOf: (node: SyntaxNode) => string, into: Set<string>): void {
  const stack: SyntaxNode[] = [top];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.name === 'AmbientDeclaration') continue;
    if (node.name === 'VariableDefinition') into.add(textOf(node));
    else if (node.name === 'AssignmentExpression' && node.firstChild?.name === 'VariableName') into.add(textOf(node.firstChild));
    for (let k = node.firstChild; k; k = k.nextSibling) stack.push(k);
  }
}

/** Whether `typeof name` reads a name nothing declares: 'undefined', without evaluating it. */
export function undeclaredName(name: string, declared: ((name: string) => boolean) | undefined, forbidden: Readonly<Record<string, string>>): boolean {
  return declared !== undefined && !declared(name) && !STANDARD_GLOBALS.has(name) && !Object.hasOwn(forbidden, name);
}
