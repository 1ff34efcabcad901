// Calls of TypeScript/JavaScript: library functions (`Math`, `Number`, `Array`, typed arrays), array
// methods, `new`, and spread (`[...xs]`, `Math.max(...xs)`), lowered to IR.
import { withoutTypeArguments } from './plainValues';
import type { SyntaxNode } from '@lezer/common';
import type { SourceRange } from '../../core/sourceRange';
import type { IntrinsicName } from '../../ir/intrinsics';
import type { IrExpr } from '../../ir/nodes';
import { FORBIDDEN_GLOBALS, MATH_FUNCTIONS, MATH_UNSUPPORTED, NUMBER_FUNCTIONS, TYPED_ARRAYS, UNSUPPORTED_TYPED_ARRAYS } from './libraryNames';
import { children } from './parse';
import { type Context, UNSUPPORTED_EXPRESSIONS, broken, unsupportedExpr } from './lowerContext';
import { globalObjectName, isPackageImport, lowerExpr, lowerName } from './lowerExpressions';
import { lowerOptional, substituteKey } from './lowerEffects';
import { lowerObjectCall, propertyOf } from './lowerObjects';

/** Array methods that are one intrinsic each, the array first (`xs.map(f)` → `seq_map(xs, f)`). */
const ARRAY_METHODS: Readonly<Record<string, IntrinsicName>> = {
  map: 'seq_map', filter: 'seq_filter', forEach: 'seq_for_each', some: 'seq_some', every: 'seq_every',
  find: 'seq_find', findIndex: 'seq_find_index', findLast: 'seq_find_last', findLastIndex: 'seq_find_last_index',
  flatMap: 'seq_flat_map', reduce: 'seq_reduce', reduceRight: 'seq_reduce_right', fill: 'seq_fill',
  slice: 'seq_slice', concat: 'seq_concat', indexOf: 'seq_index_of', lastIndexOf: 'seq_last_index_of',
  includes: 'seq_includes', reverse: 'seq_reverse', sort: 'seq_sort', join: 'seq_join',
  entries: 'seq_entries', keys: 'seq_keys', values: 'list', at: 'seq_at',
  subarray: 'typed_subarray', set: 'typed_set',
};

/** Built-in constructors GradLens has no value for: `new Map()` keeps its own message rather than an unknown name's. */
const UNMODELLED_CONSTRUCTORS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'RegExp', 'Date', 'Promise', 'Proxy', 'Object', 'Function', 'ArrayBuffer', 'DataView', 'String', 'Number', 'Boolean']);

const ERRORS = new Set(['Error', 'TypeError', 'RangeError', 'ValueError', 'SyntaxError', 'EvalError', 'ReferenceError']);

function argumentsOf(node: SyntaxNode): SyntaxNode[] {
  const list = node.getChild('ArgList');
  return list ? children(list).filter((k) => k.name !== '(' && k.name !== ')' && k.name !== ',') : [];
}

function call(name: IntrinsicName, args: IrExpr[], range: SourceRange, calleeRange = range): IrExpr {
  return { kind: 'call', callee: { kind: 'intrinsic', name, range: calleeRange }, args, keywords: [], range };
}

/** Elements or arguments, each `...xs` the IR's `spread` (Python's `*xs`): `[a, ...xs, b]`, `f(...xs)`. */
function withSpreads(nodes: readonly SyntaxNode[], range: SourceRange, ctx: Context): IrExpr[] {
  const out: IrExpr[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const k = nodes[i]!;
    if (k.name !== 'Spread') {
      out.push(lowerExpr(k, ctx));
      continue;
    }
    const value = nodes[++i];
    out.push({ kind: 'spread', value: value ? lowerExpr(value, ctx) : broken(range), range: value ? ctx.view.span(k, value) : range });
  }
  return out;
}

/** A list display of elements that may spread (`[a, ...xs, b]`). */
function spreadList(nodes: readonly SyntaxNode[], range: SourceRange, ctx: Context): IrExpr {
  return { kind: 'list', elements: withSpreads(nodes, range, ctx), range };
}

export function lowerArrayLiteral(node: SyntaxNode, ctx: Context): IrExpr {
  const range = ctx.view.range(node);
  const elements = children(node).filter((k) => k.name !== '[' && k.name !== ']' && k.name !== ',');
  if (elements.some((k) => k.name === 'Spread')) return spreadList(elements, range, ctx);
  return { kind: 'list', elements: elements.map((k) => lowerExpr(k, ctx)), range };
}

/** `Array(n)`, `Array(a, b)`: n empty slots, or the elements. */
function arrayConstructor(args: readonly SyntaxNode[], range: SourceRange, ctx: Context): IrExpr {
  if (args.length === 1 && args[0]!.name !== 'Spread') return call('seq_empty', [lowerExpr(args[0]!, ctx)], range);
  return spreadList(args, range, ctx);
}

/**
 * `new C(…)`: arrays, typed arrays, classes of the file and errors (whose message is what a `throw`
 * reports) by name; any other constructor as a value, `new glMatrix.ARRAY_TYPE(3)`, is the intrinsic
 * `construct`, which the engine refuses for anything but a class, `Array` or a typed array.
 */
export function lowerNew(node: SyntaxNode, ctx: Context): IrExpr {
  const view = ctx.view;
  const range = view.range(node);
  const ctor = children(node).find((k) => k.name !== 'new' && k.name !== 'ArgList' && k.name !== 'TypeArgList');
  const name = ctor ? globalObjectName(ctor, ctx) : undefined;
  const args = argumentsOf(node);
  if (name === 'Array') return arrayConstructor(args, range, ctx);
  if (name !== undefined && ctx.classes.has(name) && ctor) {
    return { kind: 'call', callee: { kind: 'name', name, range: view.range(ctor) }, args: args.map((a) => lowerExpr(a, ctx)), keywords: [], range };
  }
  if (name !== undefined && Object.hasOwn(TYPED_ARRAYS, name)) return call(TYPED_ARRAYS[name]!, args.slice(0, 1).map((a) => lowerExpr(a, ctx)), range);
  if (name !== undefined && UNSUPPORTED_TYPED_ARRAYS.has(name)) return typedArrayRefusal(name, range, ctx);
  if (name !== undefined && ERRORS.has(name)) return args[0] ? lowerExpr(args[0], ctx) : { kind: 'string', value: name, range };
  if (name !== undefined && Object.hasOwn(FORBIDDEN_GLOBALS, name) && !ctx.imports.has(name)) return unsupportedExpr(ctx, name, FORBIDDEN_GLOBALS[name]!, range);
  if (!ctor || (name !== undefined && UNMODELLED_CONSTRUCTORS.has(name) && !ctx.imports.has(name))) {
    const known = UNSUPPORTED_EXPRESSIONS['NewExpression']!;
    return unsupportedExpr(ctx, known[0], known[1], range);
  }
  return call('construct', [lowerExpr(ctor, ctx), ...withSpreads(args, range, ctx)], range, view.range(ctor));
}

function typedArrayRefusal(name: string, range: SourceRange, ctx: Context): IrExpr {
  return unsupportedExpr(ctx, name, `\`${name}\` is not supported: GradLens models Float64Array, Float32Array and the integer typed arrays`, range);
}

export function lowerCall(node: SyntaxNode, ctx: Context): IrExpr {
  const view = ctx.view;
  const range = view.range(node);
  // `Object.freeze<T>(o)`, `identity<number>(x)`: type arguments only talk to the type checker.
  const callee = node.firstChild ? withoutTypeArguments(node.firstChild) : null;
  if (!callee || !node.getChild('ArgList')) return broken(range);
  if (node.getChild('?.') && !ctx.substitutes.has(substituteKey(callee))) return lowerOptional(node, callee, ctx, () => lowerCall(node, ctx));
  if (callee.name === 'MemberExpression' && callee.getChild('?.') && callee.firstChild && !ctx.substitutes.has(substituteKey(callee.firstChild))) {
    return lowerOptional(node, callee.firstChild, ctx, () => lowerCall(node, ctx));
  }
  const argNodes = argumentsOf(node);
  const spread = argNodes.some((k) => k.name === 'Spread');
  const args = (): IrExpr[] => argNodes.map((a) => lowerExpr(a, ctx));
  const noSpread = (what: string): IrExpr | undefined =>
    spread ? unsupportedExpr(ctx, 'spread', `spread arguments (\`${what}(...xs)\`) are not supported here; pass the values one by one`, range) : undefined;
  if (callee.name === 'MemberExpression' && !callee.getChild('[')) {
    const object = callee.firstChild!;
    const prop = callee.getChild('PropertyName');
    const name = prop ? view.textOf(prop) : '';
    const objectName = globalObjectName(object, ctx);
    const calleeRange = view.range(callee);
    // A package's export, even under a global's name (`import Math from 'mathlib'`), is never read.
    if (objectName !== undefined && isPackageImport(objectName, ctx)) return lowerName(object, ctx);
    if (objectName === 'Math') return lowerMathCall(name, argNodes, spread, range, calleeRange, ctx);
    if (objectName === 'Number') {
      if (name === 'isInteger') return noSpread('Number.isInteger') ?? call('is_integer', args(), range, calleeRange);
      if (Object.hasOwn(NUMBER_FUNCTIONS, name)) return noSpread(`Number.${name}`) ?? call(NUMBER_FUNCTIONS[name]!, args(), range, calleeRange);
    }
    if (objectName === 'Array') {
      if (name === 'isArray') return noSpread('Array.isArray') ?? call('is_list', args(), range, calleeRange);
      if (name === 'of') return spreadList(argNodes, range, ctx);
      if (name === 'from') return arrayFrom(argNodes, range, calleeRange, ctx);
    }
    if (objectName !== undefined && Object.hasOwn(TYPED_ARRAYS, objectName)) {
      // `Float32Array.from(xs, f?)` and `Float32Array.of(a, b)`: the list made, then stored element by element.
      if (name === 'from') return call(TYPED_ARRAYS[objectName]!, [arrayFrom(argNodes, range, calleeRange, ctx)], range, calleeRange);
      if (name === 'of') return call(TYPED_ARRAYS[objectName]!, [spreadList(argNodes, range, ctx)], range, calleeRange);
    }
    if (objectName !== undefined && UNSUPPORTED_TYPED_ARRAYS.has(objectName)) return typedArrayRefusal(objectName, range, ctx);
    if (objectName !== undefined && ctx.methodObjects.has(objectName)) {
      return noSpread(name) ?? { kind: 'call', callee: { kind: 'name', name: `${objectName}.${name}`, range: calleeRange }, args: args(), keywords: [], range };
    }
    if (objectName === 'Object') {
      const objectCall = lowerObjectCall(name, argNodes, range, calleeRange, ctx);
      if (objectCall) return objectCall;
    }
    if (objectName === 'console') return unsupportedExpr(ctx, 'console', FORBIDDEN_GLOBALS['console']!, calleeRange);
    const borrowed = name === 'call' && !spread ? prototypeCall(object, argNodes, range, calleeRange, ctx) : undefined;
    if (borrowed) return borrowed;
    if (objectName !== undefined && Object.hasOwn(FORBIDDEN_GLOBALS, objectName)) return lowerName(object, ctx);
    const method = (object.name === 'this' && !ctx.thisIsArray) || object.name === 'super' ? undefined : lowerListMethod(name, object, argNodes, spread, range, calleeRange, ctx);
    if (method) return method;
    // A method of an object (`v.add(w)`, `this.f(x)`): looked up on the value when called.
    return { kind: 'call', callee: propertyOf(lowerExpr(object, ctx), name, calleeRange), args: withSpreads(argNodes, range, ctx), keywords: [], range };
  }
  if (callee.name === 'super' && ctx.locals.has('this')) {
    // `super(…)` in a constructor: the base class's constructor, on this instance.
    const calleeRange = view.range(callee);
    return { kind: 'call', callee: { kind: 'attribute', object: { kind: 'super', range: calleeRange }, name: 'constructor', range: calleeRange }, args: args(), keywords: [], range };
  }
  if (callee.name === 'import') return unsupportedExpr(ctx, 'import()', UNSUPPORTED_EXPRESSIONS['DynamicImport']![1], range);
  const calleeName = globalObjectName(callee, ctx);
  if (calleeName !== undefined && ctx.mathAliases.has(calleeName)) return lowerMathCall(ctx.mathAliases.get(calleeName)!, argNodes, spread, range, view.range(callee), ctx);
  if (calleeName === 'Array') return arrayConstructor(argNodes, range, ctx);
  if (calleeName !== undefined && Object.hasOwn(TYPED_ARRAYS, calleeName)) {
    return unsupportedExpr(ctx, calleeName, `\`${calleeName}\` is a constructor: JavaScript calls it with \`new\``, range);
  }
  // `String(x)`: x as a template literal prints it (`${x}`); `String()` is ''.
  if (calleeName === 'String') return { kind: 'template', parts: args().slice(0, 1).map((value) => ({ value })), range };
  return { kind: 'call', callee: lowerExpr(callee, ctx), args: withSpreads(argNodes, range, ctx), keywords: [], range };
}

/**
 * Calls that borrow a class's function for an object, as classes before `class` wrote inheritance:
 * `Base.call(this, m)` in a constructor is Base's constructor run on this object (`super(m)`), and
 * `Base.prototype.energy.call(this, v)` is Base's method on it (`super.energy(v)`). Both are the
 * class's own function called with the receiver first, as Python's `Base.__init__(self, m)` is.
 * Undefined for any other `.call(…)`.
 */
function prototypeCall(object: SyntaxNode, argNodes: readonly SyntaxNode[], range: SourceRange, calleeRange: SourceRange, ctx: Context): IrExpr | undefined {
  const view = ctx.view;
  const parts = memberChain(object, ctx);
  const owner = parts?.[0];
  // `Array.prototype.slice.call(args)` (chroma.js's unpack): the array method on its first argument.
  if (parts?.length === 3 && owner === 'Array' && parts[1] === 'prototype' && argNodes.length > 0) {
    return lowerListMethod(parts[2]!, argNodes[0]!, argNodes.slice(1), false, range, calleeRange, ctx);
  }
  if (!parts || owner === undefined || !ctx.classes.has(owner) || argNodes.length === 0) return undefined;
  const method = parts.length === 1 ? 'constructor' : parts.length === 3 && parts[1] === 'prototype' ? parts[2]! : undefined;
  if (method === undefined) return undefined;
  const callee: IrExpr = { kind: 'attribute', object: { kind: 'name', name: owner, range: view.range(object) }, name: method, range: calleeRange };
  return { kind: 'call', callee, args: argNodes.map((a) => lowerExpr(a, ctx)), keywords: [], range };
}

/** `A`, `A.prototype.m` as names (`['A', 'prototype', 'm']`) when the chain is plain names and dots. */
function memberChain(node: SyntaxNode, ctx: Context): string[] | undefined {
  if (node.name === 'VariableName') return ctx.locals.has(ctx.view.textOf(node)) ? undefined : [ctx.view.textOf(node)];
  if (node.name !== 'MemberExpression' || node.getChild('[') || node.getChild('?.')) return undefined;
  const head = node.firstChild ? memberChain(node.firstChild, ctx) : undefined;
  const prop = node.getChild('PropertyName');
  return head && prop ? [...head, ctx.view.textOf(prop)] : undefined;
}

/** `Array.from(xs, f?)`, and `Array.from({length: n}, f?)`, the idiom for n computed elements. */
function arrayFrom(args: readonly SyntaxNode[], range: SourceRange, calleeRange: SourceRange, ctx: Context): IrExpr {
  const [source, fn] = args;
  if (!source) return broken(range);
  const mapped = fn ? [lowerExpr(fn, ctx)] : [];
  if (source.name === 'ObjectExpression') {
    const props = children(source).filter((k) => k.name === 'Property');
    const length = props.length === 1 ? props[0]! : undefined;
    const key = length?.getChild('PropertyDefinition');
    const value = length ? children(length).at(-1) : undefined;
    if (key && value && value !== key && ctx.view.textOf(key) === 'length') {
      return call('seq_from_length', [lowerExpr(value, ctx), ...mapped], range, calleeRange);
    }
    return unsupportedExpr(ctx, 'Array.from', '`Array.from` of an object is supported as `Array.from({length: n}, f)` only', range);
  }
  return call('seq_from', [lowerExpr(source, ctx), ...mapped], range, calleeRange);
}

function lowerMathCall(name: string, argNodes: readonly SyntaxNode[], spread: boolean, range: SourceRange, calleeRange: SourceRange, ctx: Context): IrExpr {
  const args = (): IrExpr[] => argNodes.map((a) => lowerExpr(a, ctx));
  if ((name === 'max' || name === 'min') && spread) {
    // `Math.max(...xs)` is the maximum of the elements: the builtin's one-iterable form.
    return call(name, [spreadList(argNodes, range, ctx)], range, calleeRange);
  }
  if (spread) return unsupportedExpr(ctx, 'spread', `spread arguments are supported in Math.max and Math.min only`, range);
  // `Math.max(x)` is x (the intrinsic's one-argument form would take x as an iterable): the largest of the list [x].
  if ((name === 'max' || name === 'min') && argNodes.length === 1) return call(name, [{ kind: 'list', elements: args(), range }], range, calleeRange);
  if (name === 'round') {
    // JavaScript rounds half up (`Math.round(-2.5)` is -2); the intrinsic `round` rounds half to
    // even, as Python does. floor(x + 0.5) is JavaScript's rule.
    if (argNodes.length !== 1) return unsupportedExpr(ctx, 'Math.round', '`Math.round` takes one argument', range);
    const x = lowerExpr(argNodes[0]!, ctx);
    const argRange = ctx.view.range(argNodes[0]!);
    const shifted: IrExpr = { kind: 'binary', op: '+', left: x, right: { kind: 'number', value: 0.5, range: argRange }, range: argRange };
    return call('floor', [shifted], range, calleeRange);
  }
  if (name === 'random') {
    if (argNodes.length > 0) return unsupportedExpr(ctx, 'Math.random', '`Math.random` takes no arguments', range);
    return call('random_scalar', [], range, calleeRange);
  }
  if (name === 'hypot') {
    // √(a² + b² + …) as nested two-argument hypot: the same number without overflow, each step a primitive.
    const xs = args();
    if (xs.length === 0) return { kind: 'number', value: 0, range };
    if (xs.length === 1) return call('abs', xs, range, calleeRange);
    return xs.reduce((acc, x) => call('hypot', [acc, x], range, calleeRange));
  }
  const intrinsic = MATH_FUNCTIONS[name];
  if (intrinsic) return call(intrinsic, args(), range, calleeRange);
  return unsupportedExpr(ctx, `Math.${name}`, MATH_UNSUPPORTED[name] ?? `\`Math.${name}\` is not supported`, calleeRange);
}

/** `xs.map(f)`, `xs.push(v)`, … on a value the front end cannot type: the engine checks it is an array. */
function lowerListMethod(
  name: string, object: SyntaxNode, argNodes: readonly SyntaxNode[], spread: boolean, range: SourceRange, calleeRange: SourceRange, ctx: Context,
): IrExpr | undefined {
  const receiver = (): IrExpr => lowerExpr(object, ctx);
  const method = (pythonName: string, args: IrExpr[]): IrExpr => ({
    kind: 'call', callee: { kind: 'attribute', object: receiver(), name: pythonName, range: calleeRange }, args, keywords: [], range,
  });
  if (name === 'push') {
    // One value appends, as Python's `append`; several (or a spread) extend. The new length it returns is not modelled.
    if (argNodes.length === 1 && !spread) return method('append', [lowerExpr(argNodes[0]!, ctx)]);
    return method('extend', [spreadList(argNodes, range, ctx)]);
  }
  if (spread) return undefined;
  const args = argNodes.map((a) => lowerExpr(a, ctx));
  if (name === 'pop' && args.length === 0) return method('pop', []);
  if (name === 'shift' && args.length === 0) return method('pop', [{ kind: 'number', value: 0, range }]);
  if (name === 'unshift' && args.length === 1) return method('insert', [{ kind: 'number', value: 0, range }, args[0]!]);
  const intrinsic = Object.hasOwn(ARRAY_METHODS, name) ? ARRAY_METHODS[name] : undefined;
  if (intrinsic) return call(intrinsic, [receiver(), ...args], range, calleeRange);
  return undefined;
}
