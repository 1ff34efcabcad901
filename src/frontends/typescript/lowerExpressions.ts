// Expressions of TypeScript/JavaScript, lowered to IR.
import { undeclaredName } from './undeclaredNames';
import type { SyntaxNode } from '@lezer/common';
import { diagnostic } from '../../core/diagnostic';
import type { SourceRange } from '../../core/sourceRange';
import type { IrExpr } from '../../ir/nodes';
import {
  FORBIDDEN_GLOBALS, GLOBAL_CONSTANTS, GLOBAL_FUNCTIONS, MATH_CONSTANTS, MATH_FUNCTIONS, MATH_UNSUPPORTED,
  NUMBER_CONSTANTS, NUMBER_FUNCTIONS,
} from './libraryNames';
import { children, type SourceView } from './parse';
import { BINARY, COMPARE, isRelative, type Context, UNSUPPORTED_EXPRESSIONS, broken, jsRemainder, unsupportedExpr } from './lowerContext';
import { declaredNames, lowerFunction, lowerParams } from './lowerFunction';
import { lowerArrayLiteral, lowerCall, lowerNew } from './lowerCalls';
import { lowerLongSum } from './lowerSums';
import { lowerObjectLiteral, propertyOf } from './lowerObjects';
import { lowerAssignmentExpr, lowerComma, lowerIncrementExpr, lowerNullish, lowerOptional, lowerTemplate, substituteKey } from './lowerEffects';
import { dottedName } from './namespaces';

/** Math functions whose intrinsic means what JavaScript's does only at the arities a call lowers them to. */
const MATH_CALLED_ONLY = new Set(['max', 'min', 'hypot']);

export function lowerExpr(node: SyntaxNode, ctx: Context): IrExpr {
  const view = ctx.view;
  const range = view.range(node);
  if (node.type.isError) return broken(range);
  const substitute = ctx.substitutes.get(substituteKey(node));
  if (substitute) return substitute;
  switch (node.name) {
    case 'Number': {
      const text = view.textOf(node).replace(/_/g, '');
      if (text.endsWith('n')) return unsupportedExpr(ctx, 'bigint', 'BigInt literals are not supported: GradLens computes in float64', range);
      // A leading-zero literal (`017`) is legacy octal; Number() would read it as decimal.
      if (/^0\d/.test(text)) return unsupportedExpr(ctx, 'octal', 'legacy octal literals are not supported; write 0o17', range);
      return { kind: 'number', value: Number(text), range };
    }
    case 'String': {
      const raw = view.textOf(node);
      return { kind: 'string', value: raw.slice(1, raw.endsWith(raw[0]!) && raw.length > 1 ? -1 : undefined), range };
    }
    case 'BooleanLiteral':
      return { kind: 'bool', value: view.textOf(node) === 'true', range };
    case 'null':
      return { kind: 'none', range };
    case 'VariableName':
      return lowerName(node, ctx);
    case 'this':
      // A method's receiver: its first parameter, named `this` (lowerClass.ts).
      if (ctx.locals.has('this')) return { kind: 'name', name: 'this', range };
      return unsupportedExpr(ctx, 'this', UNSUPPORTED_EXPRESSIONS['this']![1], range);
    case 'super':
      if (ctx.locals.has('this')) return { kind: 'super', range };
      return unsupportedExpr(ctx, 'super', UNSUPPORTED_EXPRESSIONS['super']![1], range);
    case 'ParenthesizedExpression': {
      const inner = children(node).find((k) => k.name !== '(' && k.name !== ')');
      return inner ? lowerExpr(inner, ctx) : broken(range);
    }
    case 'ArrayExpression':
      return lowerArrayLiteral(node, ctx);
    case 'ObjectExpression':
      return lowerObjectLiteral(node, ctx);
    case 'BinaryExpression':
      return lowerBinary(node, ctx);
    case 'UnaryExpression':
      return lowerUnary(node, ctx);
    case 'PostfixExpression': {
      const kids = children(node);
      const op = kids[kids.length - 1];
      // `x!` (non-null assertion) is a type, not an operation.
      if (op && op.name === 'LogicOp' && view.textOf(op) === '!') return lowerExpr(kids[0]!, ctx);
      if (op && kids[0] && /^(\+\+|--)$/.test(view.textOf(op))) return lowerIncrementExpr(node, op, kids[0], ctx);
      return broken(range);
    }
    case 'ConditionalExpression': {
      const parts = children(node).filter((k) => k.name !== 'LogicOp');
      return {
        kind: 'conditional',
        test: parts[0] ? lowerExpr(parts[0], ctx) : broken(range),
        then: parts[1] ? lowerExpr(parts[1], ctx) : broken(range),
        else: parts[2] ? lowerExpr(parts[2], ctx) : broken(range),
        range,
      };
    }
    case 'CallExpression':
      return lowerCall(node, ctx);
    case 'MemberExpression':
      return lowerMember(node, ctx);
    case 'ArrowFunction':
      return lowerArrow(node, ctx);
    case 'FunctionExpression':
      return lowerFunctionExpr(node, ctx);
    case 'AssignmentExpression':
      return lowerAssignmentExpr(node, ctx);
    case 'SequenceExpression':
      return lowerComma(node, ctx);
    case 'TemplateString':
      return lowerTemplate(node, ctx);
    case 'NewExpression':
      return lowerNew(node, ctx);
    case 'PrefixCast': {
      // `<number>w`: an old-style cast, a type only.
      const inner = node.lastChild;
      return inner && inner.name !== '>' ? lowerExpr(inner, ctx) : broken(range);
    }
    case 'InstantiationExpression':
      // `f<number>`: a generic function with its type arguments written, the function itself.
      return node.firstChild ? lowerExpr(node.firstChild, ctx) : broken(range);
    case 'TypeName':
      return broken(range);
    default: {
      const known = UNSUPPORTED_EXPRESSIONS[node.name];
      if (known) return unsupportedExpr(ctx, known[0], known[1], range);
      return unsupportedExpr(ctx, node.name, `\`${quote(view.textOf(node))}\` (${node.name}) is not supported`, range);
    }
  }
}

export function lowerName(node: SyntaxNode, ctx: Context): IrExpr {
  const range = ctx.view.range(node);
  const sum = ctx.view.sumAt(node);
  if (sum) return lowerLongSum(sum, ctx);
  const name = ctx.view.textOf(node);
  if (ctx.locals.has(name)) return { kind: 'name', name, range };
  if (name === 'undefined') return { kind: 'none', range };
  const fromMath = ctx.mathAliases.get(name);
  if (fromMath !== undefined) return mathMember(fromMath, range, ctx);
  if (Object.hasOwn(GLOBAL_CONSTANTS, name)) return { kind: 'number', value: GLOBAL_CONSTANTS[name]!, range };
  const imported = ctx.imports.get(name);
  // A name imported from a workspace file is linked by the analysis (moduleImports.ts).
  if (imported !== undefined && isRelative(imported)) return { kind: 'name', name, range };
  if (imported !== undefined) {
    // What a person can do about it, since GradLens never reads node_modules: a workspace file is read.
    const help = `To differentiate through it, copy what you need of it into a file of this workspace and import it from there (\`from './${name}'\`), or differentiate a function that takes its result as a parameter`;
    return unsupportedExpr(ctx, name, `\`${name}\` is imported from the package '${imported}', which GradLens does not read: it reads files of this workspace (\`./g\`), never packages. ${help}`, range);
  }
  if (Object.hasOwn(FORBIDDEN_GLOBALS, name)) return unsupportedExpr(ctx, name, FORBIDDEN_GLOBALS[name]!, range);
  if (Object.hasOwn(GLOBAL_FUNCTIONS, name)) return { kind: 'intrinsic', name: GLOBAL_FUNCTIONS[name]!, range };
  return { kind: 'name', name, range };
}

function lowerBinary(node: SyntaxNode, ctx: Context): IrExpr {
  const view = ctx.view;
  const range = view.range(node);
  const kids = children(node);
  const [left, op, right] = kids;
  if (!left || !op) return broken(range);
  const opText = view.textOf(op);
  // `x as T` and `x satisfies T` only talk to the type checker.
  if (opText === 'as' || opText === 'satisfies') return lowerExpr(left, ctx);
  if (!right || right.type.isError) return broken(range);
  if (opText === '**') return lowerPower(node, ctx);
  if (opText === '??') return lowerNullish(left, right, range, ctx);
  if (opText === 'instanceof') return lowerInstanceof(left, right, range, ctx);
  // `'x' in o`, `i in xs`: JavaScript's own test of keys (Python's `in` of a list compares values).
  if (opText === 'in') return { kind: 'call', callee: { kind: 'intrinsic', name: 'js_in', range: view.range(op) }, args: [lowerExpr(left, ctx), lowerExpr(right, ctx)], keywords: [], range };
  const l = lowerExpr(left, ctx);
  const r = lowerExpr(right, ctx);
  const bin = BINARY[opText];
  if (bin) return { kind: 'binary', op: bin, left: l, right: r, range };
  if (opText === '%') return jsRemainder(l, r, range);
  const cmp = COMPARE[opText];
  if (cmp) return { kind: 'compare', ops: [cmp], operands: [l, r], range };
  if (opText === '&&' || opText === '||') return { kind: 'logical', op: opText === '&&' ? 'and' : 'or', left: l, right: r, range };
  return unsupportedExpr(ctx, opText, `the operator \`${opText}\` is not supported`, view.range(op));
}

/**
 * `v instanceof Vec2` (planck.js's `if (!(this instanceof Vec2)) return new Vec2(x, y)`, a guard
 * older constructors open with): the class's `isinstance`, through the instance's bases;
 * `instanceof Array` is `Array.isArray`'s test. Other constructors are refused where reached.
 */
function lowerInstanceof(left: SyntaxNode, right: SyntaxNode, range: SourceRange, ctx: Context): IrExpr {
  const value = lowerExpr(left, ctx);
  const calleeRange = ctx.view.range(right);
  if (globalObjectName(right, ctx) === 'Array') return { kind: 'call', callee: { kind: 'intrinsic', name: 'is_list', range: calleeRange }, args: [value], keywords: [], range };
  return { kind: 'call', callee: { kind: 'intrinsic', name: 'isinstance', range: calleeRange }, args: [value, lowerExpr(right, ctx)], keywords: [], range };
}

/**
 * lezer reads `a ** b ** c` as `(a ** b) ** c`, but JavaScript's `**` is right-associative: the chain
 * of unparenthesised `**` is collected and re-associated to `a ** (b ** c)`. lezer also accepts
 * `-a ** 2`, which JavaScript rejects as ambiguous; so does GradLens.
 */
function lowerPower(node: SyntaxNode, ctx: Context): IrExpr {
  const view = ctx.view;
  const operands: SyntaxNode[] = [];
  let n: SyntaxNode = node;
  for (;;) {
    const [left, , right] = children(n);
    operands.unshift(right!);
    if (left!.name === 'BinaryExpression' && isPowerOp(children(left!)[1], view)) n = left!;
    else {
      operands.unshift(left!);
      break;
    }
  }
  const base = operands[0]!;
  if (base.name === 'UnaryExpression' && /^[-+!~]$|^typeof$|^void$/.test(view.textOf(base.firstChild!))) {
    const message = `syntax error: a unary operator before \`**\` needs parentheses: write (${quote(view.textOf(base))}) ** … or ${view.textOf(base.firstChild!)}(… ** …)`;
    ctx.report(diagnostic('error', 'syntax', message, view.range(base)));
    return { kind: 'unsupported', construct: 'syntax error', message, range: view.range(node) };
  }
  let result = lowerExpr(operands[operands.length - 1]!, ctx);
  for (let i = operands.length - 2; i >= 0; i--) {
    const range = view.rangeOf(view.from(operands[i]!), view.to(operands[operands.length - 1]!));
    result = { kind: 'binary', op: '**', left: lowerExpr(operands[i]!, ctx), right: result, range };
  }
  return result;
}

function isPowerOp(op: SyntaxNode | undefined, view: SourceView): boolean {
  return !!op && op.name === 'ArithOp' && view.textOf(op) === '**';
}

function lowerUnary(node: SyntaxNode, ctx: Context): IrExpr {
  const view = ctx.view;
  const range = view.range(node);
  const kids = children(node);
  const [op, operand] = kids;
  if (!op || !operand || operand.type.isError) return broken(range);
  const opText = view.textOf(op);
  if (opText === '-' || opText === '+') return { kind: 'unary', op: opText, operand: lowerExpr(operand, ctx), range };
  if (opText === '!') return { kind: 'unary', op: 'not', operand: lowerExpr(operand, ctx), range };
  if (opText === '~') return { kind: 'unary', op: '~', operand: lowerExpr(operand, ctx), range };
  if (opText === '++' || opText === '--') return lowerIncrementExpr(node, op, operand, ctx);
  if (opText === 'typeof' && operand.name === 'VariableName' && !ctx.locals.has(view.textOf(operand)) && undeclaredName(view.textOf(operand), ctx.declared, FORBIDDEN_GLOBALS)) return { kind: 'string', value: 'undefined', range };
  if (opText === 'typeof') return { kind: 'call', callee: { kind: 'intrinsic', name: 'type_of', range: view.range(op) }, args: [lowerExpr(operand, ctx)], keywords: [], range };
  // `void e`: e for its effects, then undefined.
  if (opText === 'void') return { kind: 'effect', stmts: [{ kind: 'expr', value: lowerExpr(operand, ctx), range }], value: { kind: 'none', range }, range };
  return unsupportedExpr(ctx, opText, `the operator \`${opText}\` is not supported`, view.range(op));
}

/** `(a, b) => expr` inside an expression: a lambda. A block body needs a name: declare it as a function. */
function lowerArrow(node: SyntaxNode, ctx: Context): IrExpr {
  const range = ctx.view.range(node);
  if (node.getChild('async')) return unsupportedExpr(ctx, 'async', 'async functions are not supported: GradLens differentiates synchronous functions', range);
  if (node.getChild('Block') || hasPatternParam(node)) return lowerFunctionExpr(node, ctx);
  const locals = new Set([...ctx.locals, ...declaredNames(node, ctx.view)]);
  const inner = { ...ctx, locals };
  const params = lowerParams(node.getChild('ParamList'), inner);
  const kids = children(node);
  const arrow = kids.findIndex((k) => k.name === 'Arrow');
  const body = arrow >= 0 ? kids[arrow + 1] : undefined;
  return { kind: 'lambda', params, body: body ? lowerExpr(body, inner) : broken(range), range };
}

function lowerMember(node: SyntaxNode, ctx: Context): IrExpr {
  const view = ctx.view;
  const range = view.range(node);
  const kids = children(node);
  const object = kids[0];
  if (!object) return broken(range);
  if (kids.some((k) => k.name === '?.') && !ctx.substitutes.has(substituteKey(object))) return lowerOptional(node, object, ctx, () => lowerMember(node, ctx));
  if (node.getChild('[')) {
    const index = kids.find((k, i) => i > 0 && k.name !== '[' && k.name !== ']' && k.name !== '?.');
    return { kind: 'index', object: lowerExpr(object, ctx), index: index ? lowerExpr(index, ctx) : broken(range), range };
  }
  const prop = node.getChild('PropertyName');
  if (!prop) return broken(range);
  const name = view.textOf(prop);
  const objectName = globalObjectName(object, ctx);
  if (objectName !== undefined && isPackageImport(objectName, ctx)) return lowerName(object, ctx);
  if (objectName === 'Math') return mathMember(name, range, ctx);
  if (objectName === 'Number' && Object.hasOwn(NUMBER_CONSTANTS, name)) return { kind: 'number', value: NUMBER_CONSTANTS[name]!, range };
  if (objectName !== undefined && ctx.methodObjects.has(objectName)) return { kind: 'name', name: `${objectName}.${name}`, range };
  // `window.x`, `process.env`, `lib.f` (imported from a package): the object is what is not
  // supported; name it. A workspace module's (`g.h` after `import * as g from './g'`) is its export.
  if (objectName !== undefined && Object.hasOwn(FORBIDDEN_GLOBALS, objectName)) return lowerName(object, ctx);
  if (name === 'length') {
    return { kind: 'call', callee: { kind: 'intrinsic', name: 'length_of', range: view.range(prop) }, args: [lowerExpr(object, ctx)], keywords: [], range };
  }
  // An object's property (`this.x`, `v.x`, `p.x` of an object literal): read by the interpreter,
  // which says where an instance has none.
  return propertyOf(lowerExpr(object, ctx), name, range);
}

/** `Math.name` read, not called (`var pow = Math.pow`, or a name `const { pow } = Math` binds). */
export function mathMember(name: string, range: SourceRange, ctx: Context): IrExpr {
  if (Object.hasOwn(MATH_CONSTANTS, name)) return { kind: 'number', value: MATH_CONSTANTS[name]!, range };
  // A function of one meaning whatever its arguments is a value; `Math.max`, `Math.min`, `Math.hypot`
  // (variadic here, not as the intrinsic) and `Math.round` (half up) only when called.
  if (Object.hasOwn(MATH_FUNCTIONS, name) && !MATH_CALLED_ONLY.has(name)) return { kind: 'intrinsic', name: MATH_FUNCTIONS[name]!, range };
  // `Math.max` as a value (chroma.js's `const { min, max } = Math; export { min, max }`): a function of
  // its arguments, `(...values) => Math.max(...values)`, never the intrinsic's one-iterable form.
  if (name === 'max' || name === 'min') {
    const values: IrExpr = { kind: 'name', name: 'values', range };
    return { kind: 'lambda', params: [{ name: 'values', kind: 'varargs', range }], body: { kind: 'call', callee: { kind: 'intrinsic', name, range }, args: [values], keywords: [], range }, range };
  }
  if (Object.hasOwn(MATH_FUNCTIONS, name) || name === 'round') return unsupportedExpr(ctx, `Math.${name}`, `\`Math.${name}\` is only supported when called`, range);
  return unsupportedExpr(ctx, `Math.${name}`, MATH_UNSUPPORTED[name] ?? `\`Math.${name}\` is not supported`, range);
}

/** A name imported from a package (never read), not from a workspace file. */
export function isPackageImport(name: string, ctx: Context): boolean {
  const from = ctx.imports.get(name);
  return from !== undefined && !isRelative(from);
}

/** The name of an unshadowed global object (`Math`, `Number`, a module-level object of methods). */
export function globalObjectName(node: SyntaxNode, ctx: Context): string | undefined {
  if (node.name === 'this' && !ctx.locals.has('this')) return ctx.thisObject;
  if (node.name === 'MemberExpression') {
    // A namespace's member that is an object of methods or a class (`THREE.Math`, `THREE.Vector3`).
    const name = dottedName(node, ctx.view);
    const root = name?.slice(0, name.indexOf('.'));
    return name !== undefined && root !== undefined && !ctx.locals.has(root) && (ctx.methodObjects.has(name) || ctx.classes.has(name)) ? name : undefined;
  }
  if (node.name !== 'VariableName') return undefined;
  const name = ctx.view.textOf(node);
  // A workspace module imported under a global's name (planck's `import Math from './Math'`) is that
  // module's value, never the global; a package's keeps its name, said unsupported where used.
  const from = ctx.imports.get(name);
  return ctx.locals.has(name) || (from !== undefined && isRelative(from)) ? undefined : name;
}

export function quote(text: string): string {
  const oneLine = text.split('\n')[0]!.trim();
  return oneLine.length > 40 ? oneLine.slice(0, 37) + '...' : oneLine;
}

/** Whether an arrow or function destructures a parameter (`([a, b]) => …`): it needs a statement body. */
function hasPatternParam(node: SyntaxNode): boolean {
  const list = node.getChild('ParamList');
  return !!list && children(list).some((k) => k.name === 'ArrayPattern' || k.name === 'ObjectPattern');
}

/**
 * A function used as a value: `function (t) {…}`, `function custom(s) {…}` (which sees its own name),
 * `(s, v) => {…}`. A closure over the enclosing function's locals.
 */
function lowerFunctionExpr(node: SyntaxNode, ctx: Context): IrExpr {
  const range = ctx.view.range(node);
  const own = node.name === 'FunctionExpression' ? node.getChild('VariableDefinition') : null;
  const name = own ? ctx.view.textOf(own) : node.name === 'ArrowFunction' ? '(arrow function)' : '(anonymous function)';
  // A `function` has a `this` of its own (not the object's); an arrow sees the enclosing one.
  const inner: Context = { ...ctx, locals: new Set([...ctx.locals, ...(own ? [name] : [])]), ...(node.name === 'ArrowFunction' ? {} : { thisObject: undefined }) };
  const fn = lowerFunction({ name, node, nameNode: own ?? node, rangeNode: node }, inner, []);
  return { kind: 'function', fn, selfBinding: own !== null, range };
}
