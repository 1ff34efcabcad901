import type { SyntaxNode } from '@lezer/common';
import type { IrExpr, IrKeywordArg } from '../../ir/nodes';
import { FINFO, FORBIDDEN_BUILTINS, LIBRARY_MODULES, POSITIONAL_LIMITS, resolveLibraryName } from './libraryNames';
import type { SourceRange } from '../../core/sourceRange';
import { lowerComprehensionNodes, lowerExpr, operand } from './lowerExpressions';
import { canonicalLibraryPath, unsupportedHint } from './scipyNames';
import { lowerPartial } from './lowerPartial';
import { isTrailingDotNumber, parseNumber } from './literals';
import { children, insideBrackets, isError, splitOnCommas } from './parse';
import type { ModuleBinding, Scope } from './scope';

/** Attributes that reach interpreter internals (the classic sandbox escapes): refused, never evaluated. */
const REFLECTIVE_ATTRIBUTES: ReadonlySet<string> = new Set([
  '__class__', '__subclasses__', '__globals__', '__dict__', '__code__', '__builtins__', '__bases__', '__base__',
  '__mro__', '__getattribute__', '__reduce__', '__reduce_ex__', '__closure__', '__func__', '__self__', '__module__',
  '__import__', '__loader__', '__spec__', '__getattr__', '__setattr__', '__delattr__', '__defaults__', '__kwdefaults__',
  '__init_subclass__', '__subclasshook__', 'gi_frame', 'f_globals', 'f_locals', 'f_back', 'tb_frame',
]);

/** `np.linalg.norm` as written, rooted at an imported module name, with the path it stands for. */
interface ModulePath {
  readonly binding: ModuleBinding;
  readonly path: string;
  readonly spelled: string;
}

/** Attribute access (`x.T`, `np.sin`, `math.pi`) and subscripts (`x[i]`, `A[1:, :2]`). */
export function lowerMember(node: SyntaxNode, scope: Scope): IrExpr {
  const kids = children(node);
  const range = scope.view.range(node);
  const text = scope.view.textOf(node);
  if (isTrailingDotNumber(text)) {
    const n = parseNumber(text.trim());
    if (n.kind === 'number') return { ...n, range };
    return scope.unsupportedExpr('complex number', 'complex numbers are not supported', range);
  }
  if (kids[1]?.name === '[') return lowerSubscript(node, kids, scope);
  const limits = finfoAttribute(node, kids, scope);
  if (limits) return limits;
  const library = modulePath(node, scope);
  if (library) return lowerLibraryName(library, node, scope);
  const property = kids.find((k) => k.name === 'PropertyName');
  if (property && REFLECTIVE_ATTRIBUTES.has(scope.view.textOf(property))) {
    const name = scope.view.textOf(property);
    return scope.unsupportedExpr(name, `\`.${name}\` is never run: GradLens does not reach into objects' internals`, range);
  }
  const object = operand(kids[0], node, scope);
  if (!property) return scope.broken(range);
  return { kind: 'attribute', object, name: scope.view.textOf(property), range };
}

/** `np.finfo(np.float64).eps`: numpy's machine limits are numbers known here, so they lower to numbers. */
function finfoAttribute(node: SyntaxNode, kids: SyntaxNode[], scope: Scope): IrExpr | undefined {
  const call = kids[0];
  const property = kids.find((k) => k.name === 'PropertyName');
  if (!call || call.name !== 'CallExpression' || !property) return undefined;
  const callee = call.firstChild;
  if (!callee || callee.name !== 'MemberExpression' || modulePath(callee, scope)?.path !== 'numpy.finfo') return undefined;
  const range = scope.view.range(node);
  const arg = insideBrackets(call.lastChild!, '(', ')').filter((k) => k.name !== ',');
  const text = arg.map((k) => scope.view.textOf(k)).join('').replace(/\s+/g, '').replace(/^['"]|['"]$/g, '');
  const type = /(^|\.)(float64|float|double|float_|f8)$/.test(text) ? 'float64' : /(^|\.)(float32|single|f4)$/.test(text) ? 'float32' : undefined;
  const name = scope.view.textOf(property);
  const unknown = (): IrExpr => scope.unsupportedExpr('np.finfo', `GradLens does not support np.finfo(${text}).${name} yet (eps, tiny, smallest_normal, max, min, resolution, epsneg of float64 and float32)`, range);
  if (type) {
    const value = FINFO[type][name];
    return value === undefined ? unknown() : { kind: 'number', value, range };
  }
  if (arg.length !== 1 || FINFO.float64[name] === undefined) return unknown();
  // `np.finfo(y_prob.dtype).eps` (scikit-learn's losses): a type known only when it runs. GradLens's
  // float arrays are float64, so the limit is float64's when the type is; numpy raises on any other
  // (an int64 or bool array's dtype), and so does the evaluation that reaches it.
  const dtype = lowerExpr(arg[0]!, scope);
  return {
    kind: 'conditional',
    test: { kind: 'compare', ops: ['=='], operands: [dtype, { kind: 'string', value: 'float64', range }], range },
    then: { kind: 'number', value: FINFO.float64[name]!, range },
    else: { kind: 'effect', stmts: [{ kind: 'raise', exception: { kind: 'call', callee: { kind: 'errorType', name: 'ValueError', range }, args: [{ kind: 'string', value: `np.finfo(${text}): the data type is not a float type`, range }], keywords: [], range }, range }], value: { kind: 'none', range }, range },
    range,
  };
}

function modulePath(node: SyntaxNode, scope: Scope): ModulePath | undefined {
  const names: string[] = [];
  let n: SyntaxNode | null = node;
  while (n && n.name === 'MemberExpression') {
    // `object . PropertyName`: a subscript or a missing name is not a module path.
    const property = n.lastChild;
    if (!property || property.name !== 'PropertyName') return undefined;
    names.unshift(scope.view.textOf(property));
    n = n.firstChild;
  }
  if (!n || n.name !== 'VariableName') return undefined;
  const binding = scope.moduleBinding(scope.view.textOf(n));
  if (!binding) return undefined;
  const root = binding.kind === 'module' ? binding.path : '';
  const spelled = scope.view.textOf(node).replace(/\s+/g, '');
  return { binding, path: [root, ...names].join('.'), spelled };
}

const NEWAXIS: ReadonlySet<string> = new Set(['numpy.newaxis', 'autograd.numpy.newaxis', 'jax.numpy.newaxis']);

function lowerLibraryName(library: ModulePath, node: SyntaxNode, scope: Scope): IrExpr {
  const range = scope.view.range(node);
  const { binding, spelled } = library;
  if (binding.kind === 'unsupported') {
    return scope.unsupportedExpr(spelled, `${spelled} comes from ${binding.source}, which GradLens does not support`, range);
  }
  // numpy.linalg's exception type (scipy.linalg re-exports it), for `raise` and `except`.
  if (library.path === 'numpy.linalg.LinAlgError' || library.path === 'scipy.linalg.LinAlgError') return { kind: 'errorType', name: 'LinAlgError', range };
  const resolved = resolveLibraryName(library.path);
  if (resolved.kind === 'function') return resolved.raises ? { kind: 'intrinsic', name: resolved.intrinsic, raises: true, range } : { kind: 'intrinsic', name: resolved.intrinsic, range };
  if (resolved.kind === 'constant') return { kind: 'number', value: resolved.value, range };
  // np.newaxis is None (autograd's and jax's numpy re-export numpy's)
  if (NEWAXIS.has(library.path)) return { kind: 'none', range };
  const distribution = distributionValue(library.path, spelled, range);
  if (distribution) return distribution;
  return scope.unsupportedExpr(spelled, `${resolved.family} function ${spelled} is not supported by GradLens${unsupportedHint(library.path)}`, range);
}

/**
 * A distribution of scipy.stats (or jax's, autograd's) used as a value (statsmodels' `CDFLink(dbn=scipy.stats.norm)`
 * calling `self.dbn.ppf(p)`, `from scipy.stats import cauchy; d = cauchy`): a module value whose
 * attributes are its functions (the `namespace` intrinsic). Undefined for any other module.
 */
export function distributionValue(path: string, spelled: string, range: SourceRange): IrExpr | undefined {
  const canonical = canonicalLibraryPath(path);
  const module = /\.stats\.[a-z_0-9]+$/.test(canonical) ? LIBRARY_MODULES.find((m) => m.path === canonical) : undefined;
  if (!module) return undefined;
  const keywords = Object.entries(module.functions).map(([name, intrinsic]) => ({ name, value: { kind: 'intrinsic' as const, name: intrinsic, range }, range }));
  return { kind: 'call', callee: { kind: 'intrinsic', name: 'namespace', range }, args: [{ kind: 'string', value: spelled, range }], keywords, range };
}

export function lowerCall(node: SyntaxNode, scope: Scope): IrExpr {
  const range = scope.view.range(node);
  const kids = children(node);
  const calleeNode = kids[0]!;
  if (calleeNode.name === 'VariableName') {
    const name = scope.view.textOf(calleeNode);
    if (FORBIDDEN_BUILTINS.has(name) && scope.isBuiltin(name)) return forbiddenCall(name, range, scope);
    // `super()` and `super(Cls, self)`: the method's receiver, looked up past its own class.
    if (name === 'super' && scope.isBuiltin(name)) return { kind: 'super', range };
  }
  const argList = kids[1];
  const { args, keywords, keywordSpreads } = argList ? lowerArguments(argList, scope) : { args: [], keywords: [], keywordSpreads: [] };
  const library = calleeNode.name === 'MemberExpression' ? modulePath(calleeNode, scope) : undefined;
  // `object.__setattr__(self, 'x', v)` (a frozen dataclass's `__post_init__`): a plain store, so not the refused `.__setattr__`.
  if (calleeNode.name === 'MemberExpression' && scope.view.textOf(calleeNode).replace(/\s+/g, '') === 'object.__setattr__' && scope.isBuiltin('object') && keywords.length === 0 && keywordSpreads.length === 0) {
    return { kind: 'call', callee: { kind: 'intrinsic', name: 'object_setattr', range: scope.view.range(calleeNode) }, args, keywords, range };
  }
  // `functools.partial(f, a=1)`, `partial(f, a=1)`: the closure it makes, in the IR (lowerPartial.ts).
  const partial = isPartial(calleeNode, library, scope) ? lowerPartial(args, keywords, keywordSpreads, range) : undefined;
  if (partial) return partial;
  const callee = lowerExpr(calleeNode, scope);
  if (library && callee.kind === 'intrinsic') {
    const limit = POSITIONAL_LIMITS[library.path];
    if (limit && args.length > limit.max) {
      return scope.unsupportedExpr(library.spelled, `${library.spelled} with ${args.length} arguments: ${limit.why}`, range);
    }
    // math.log(x, base) = log(x) / log(base)
    if (library.path === 'math.log' && args.length === 2 && keywords.length === 0) {
      const [x, base] = args as [IrExpr, IrExpr];
      return {
        kind: 'binary',
        op: '/',
        left: { kind: 'call', callee, args: [x], keywords: [], range },
        right: { kind: 'call', callee: { ...callee, range: base.range }, args: [base], keywords: [], range: base.range },
        range,
      };
    }
  }
  return { kind: 'call', callee, args, keywords, ...(keywordSpreads.length ? { keywordSpreads } : {}), range };
}

/** Whether a callee names functools.partial: `functools.partial`, or `partial` imported from functools. */
function isPartial(calleeNode: SyntaxNode, library: ModulePath | undefined, scope: Scope): boolean {
  if (library) return library.binding.kind === 'module' && library.path === 'functools.partial';
  if (calleeNode.name !== 'VariableName') return false;
  const binding = scope.moduleBinding(scope.view.textOf(calleeNode));
  return binding?.kind === 'module' && binding.path === 'functools.partial';
}

function forbiddenCall(name: string, range: IrExpr['range'], scope: Scope): IrExpr {
  const message =
    name === 'print'
      ? 'print(...) is only ignored as a statement of its own; here its result is used'
      : `calls to ${name}() are not supported: GradLens never runs code with side effects or dynamic lookups`;
  return scope.unsupportedExpr(name, message, range);
}

function lowerArguments(argList: SyntaxNode, scope: Scope): { args: IrExpr[]; keywords: IrKeywordArg[]; keywordSpreads: IrExpr[] } {
  const args: IrExpr[] = [];
  const keywords: IrKeywordArg[] = [];
  const keywordSpreads: IrExpr[] = [];
  const inner = insideBrackets(argList, '(', ')');
  // `sum(x * x for x in xs)`: the parentheses of the call are the generator's.
  const firstFor = inner.findIndex((k) => k.name === 'for');
  if (firstFor > 0 && !inner.slice(0, firstFor).some((k) => k.name === ',')) {
    return { args: [lowerComprehensionNodes(argList, inner, scope)], keywords, keywordSpreads };
  }
  for (const group of splitOnCommas(inner).groups) {
    const first = group[0]!;
    const range = scope.view.span(first, group[group.length - 1]!);
    if (first.name === '*') {
      args.push({ kind: 'spread', value: operand(group[1], first, scope), range });
    } else if (first.name === '**') {
      keywordSpreads.push(operand(group[1], first, scope));
    } else if (group.some((k) => k.name === 'for')) {
      args.push(scope.unsupportedExpr('generator expression', 'a generator expression must be the only argument unless it has its own parentheses', range));
    } else if (first.name === 'VariableName' && group[1]?.name === 'AssignOp') {
      if (scope.view.textOf(group[1]) !== '=') {
        args.push(scope.unsupportedExpr('assignment expression (:=)', 'assignment expressions (:=) are not supported; assign on a line of its own', range));
      } else {
        keywords.push({ name: scope.view.textOf(first), value: operand(group[2], group[1], scope), range });
      }
    } else {
      args.push(lowerExpr(first, scope));
    }
  }
  return { args, keywords, keywordSpreads };
}

/**
 * lezer has no Slice node: `A[1:, :2]` is `[`, Number, `:`, `,`, `:`, Number, `]`. Commas split the
 * dimensions; within one, colons split lower, upper and step. `...` is an index only here.
 */
function lowerSubscript(node: SyntaxNode, kids: SyntaxNode[], scope: Scope): IrExpr {
  const range = scope.view.range(node);
  const object = operand(kids[0], node, scope);
  const { groups, trailingComma } = splitOnCommas(insideBrackets(node, '[', ']'));
  if (groups.length === 0) return { kind: 'index', object, index: scope.broken(range), range };
  const elements = groups.map((g): IrExpr => {
    if (g.some((k) => k.name === ':')) return lowerSlice(g, scope);
    if (g[0]!.name === 'Ellipsis') return { kind: 'ellipsis', range: scope.view.range(g[0]!) };
    if (g[0]!.name === '*') {
      return scope.unsupportedExpr('starred expression', 'unpacking with `*` is not supported; index the elements instead', scope.view.span(g[0]!, g[g.length - 1]!));
    }
    return lowerExpr(g[0]!, scope);
  });
  const last = groups[groups.length - 1]!;
  const index: IrExpr =
    elements.length === 1 && !trailingComma
      ? elements[0]!
      : { kind: 'tuple', elements, range: scope.view.span(groups[0]![0]!, last[last.length - 1]!) };
  return { kind: 'index', object, index, range };
}

function lowerSlice(group: SyntaxNode[], scope: Scope): IrExpr {
  const parts: SyntaxNode[][] = [[]];
  for (const k of group) {
    if (k.name === ':') parts.push([]);
    else if (!isError(k)) parts[parts.length - 1]!.push(k);
  }
  const part = (i: number): IrExpr | undefined => {
    const n = parts[i]?.[0];
    return n ? lowerExpr(n, scope) : undefined;
  };
  const lower = part(0);
  const upper = part(1);
  const step = part(2);
  return {
    kind: 'slice',
    ...(lower ? { lower } : {}),
    ...(upper ? { upper } : {}),
    ...(step ? { step } : {}),
    range: scope.view.span(group[0]!, group[group.length - 1]!),
  };
}
