import type { SyntaxNode } from '@lezer/common';
import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import { nameTable } from '../../core/keyed';
import type { SourceRange } from '../../core/sourceRange';
import type { IrBinaryOp, IrClass, IrClassAttribute, IrCompareOp, IrExpr, IrFunction, IrMethod, IrMethodRole, IrParam, IrStmt } from '../../ir/nodes';
import { lowerExpr } from './lowerExpressions';
import { lowerDefinition } from './lowerStatements';
import { children, insideBrackets, splitOnCommas, type SourceView } from './parse';
import type { ClassFacts, DataclassField, Scope } from './scope';
import { dataclassFields, dataclassMethods, dataclassOptions, NAMED_TUPLE, type DataclassOptions } from './lowerDataclass';

/**
 * A module-level `class` to an IrClass. Methods lower like defs (their `self` stays an ordinary first
 * parameter); decorators say how a method binds; Python's special method names become the IR's
 * roles. Anything in the body the IR cannot hold is a diagnostic of the class, raised only when the
 * class is used (so an unused class with a `match` in it costs nothing).
 */

// Read with names from source (`__constructor__` must not find Object's constructor): no prototype.
const BINARY_METHODS = nameTable<IrBinaryOp>({ add: '+', sub: '-', mul: '*', truediv: '/', floordiv: '//', mod: '%', pow: '**', matmul: '@' });
const COMPARE_METHODS = nameTable<IrCompareOp>({ lt: '<', le: '<=', gt: '>', ge: '>=', eq: '==', ne: '!=' });

/** Bases that add nothing GradLens needs (abstract-base markers, typing generics). */
const IGNORED_BASES = new Set(['object', 'ABC', 'abc.ABC', 'Generic', 'typing.Generic', 'Protocol', 'typing.Protocol']);

export function roleOf(name: string): IrMethodRole | undefined {
  const m = /^__(r?)([a-z]+)__$/.exec(name);
  if (!m) return undefined;
  const [, r, base] = m as unknown as [string, string, string];
  if (!r && base === 'init') return { kind: 'constructor' };
  if (!r && base === 'call') return { kind: 'call' };
  if (!r && base === 'iter') return { kind: 'iterate' };
  if (!r && base === 'neg') return { kind: 'unary', op: '-' };
  if (!r && base === 'pos') return { kind: 'unary', op: '+' };
  if (!r && COMPARE_METHODS[base]) return { kind: 'compare', op: COMPARE_METHODS[base] };
  const op = BINARY_METHODS[base];
  if (op) return { kind: 'binary', op, reflected: r === 'r' };
  // `__rrshift__` and the like are not roles; `__radd__` etc. need their base name to be binary.
  return undefined;
}

function decoratorNames(node: SyntaxNode, view: SourceView): string[] {
  if (node.name !== 'DecoratedStatement') return [];
  return children(node)
    .filter((k) => k.name === 'Decorator')
    .map((d) => view.textOf(d).replace(/^@\s*/, '').replace(/\(.*$/s, '').replace(/\s+/g, ''));
}

function bindingOf(decorators: readonly string[]): IrMethod['binding'] {
  if (decorators.includes('staticmethod')) return 'static';
  if (decorators.includes('classmethod')) return 'class';
  if (decorators.some((d) => d === 'property' || d === 'cached_property' || d === 'functools.cached_property')) return 'getter';
  return 'instance';
}

/** `@x.setter` → `x`; `@x.deleter` → `x` too, marked; undefined for other methods. */
function accessorOfProperty(decorators: readonly string[]): { property: string; deleter: boolean } | undefined {
  for (const d of decorators) {
    const m = /^([A-Za-z_]\w*)\.(setter|deleter)$/.exec(d);
    if (m) return { property: m[1]!, deleter: m[2] === 'deleter' };
  }
  return undefined;
}

export function classDefinitionOf(node: SyntaxNode): SyntaxNode | null {
  if (node.name === 'ClassDefinition') return node;
  return node.name === 'DecoratedStatement' ? node.getChild('ClassDefinition') : null;
}

/**
 * `known`: the module's classes lowered before this one (a dataclass's base fields, inherited
 * `__match_args__`); this class's facts are added to it.
 */
export function lowerClass(node: SyntaxNode, scope: Scope, known: Map<string, ClassFacts> = new Map()): IrClass {
  const view = scope.view;
  const def = classDefinitionOf(node)!;
  const nameNode = def.getChild('VariableName');
  const name = nameNode ? view.textOf(nameNode) : '';
  const range = view.range(node);
  const nameRange = nameNode ? view.range(nameNode) : range;
  const diagnostics: Diagnostic[] = [];
  const argList = def.getChild('ArgList');
  const written = argList ? readBases(argList, view) : [];
  // `class Tape(NamedTuple)` with annotated fields: a dataclass-like class (lowerDataclass.ts).
  const isNamedTuple = (b: IrExpr): boolean => (b.kind === 'name' && b.name === 'NamedTuple') || (b.kind === 'attribute' && b.name === 'NamedTuple' && b.object.kind === 'name' && b.object.name === 'typing');
  const bases = written.filter((b) => !isNamedTuple(b));
  const dataclass = bases.length < written.length ? NAMED_TUPLE : dataclassOptions(node, view);
  const attributes: IrClassAttribute[] = [];
  const fields: DataclassField[] = [];
  const methods: IrMethod[] = [];
  const body = def.getChild('Body');
  const own = (d: Diagnostic): void => void diagnostics.push(d);
  for (const s of body ? children(body) : []) {
    const statements = s.name === 'StatementGroup' ? children(s) : [s];
    for (const st of statements) {
      switch (st.name) {
        case ':':
        case ';':
        case 'PassStatement':
        case 'ExpressionStatement':
          // Docstrings, `...`, bare expressions: nothing a class keeps.
          continue;
        case 'FunctionDefinition':
        case 'DecoratedStatement': {
          if (st.name === 'DecoratedStatement' && !st.getChild('FunctionDefinition')) break;
          const decorators = decoratorNames(st, view);
          // `@overload` stubs are signatures for type checkers; the plain def after them is the method.
          if (decorators.some((d) => /^(?:typing\.|typing_extensions\.|t\.)?overload$/.test(d))) continue;
          const accessor = accessorOfProperty(decorators);
          // `del obj.x` is not supported, so a deleter is never called.
          if (accessor?.deleter) continue;
          const fn = lowerDefinition(st, scope);
          if (accessor) {
            // Kept under a name no identifier can have, beside the getter (as TypeScript's `set x(v)`).
            methods.push({ fn: { ...fn, name: `set ${accessor.property}` }, binding: 'instance', role: { kind: 'setter', attribute: accessor.property } });
            continue;
          }
          const role = roleOf(fn.name);
          // A def of a name the class body already defines replaces it, as Python's class body does.
          const earlier = methods.findIndex((m) => m.fn.name === fn.name && m.role?.kind !== 'setter');
          if (earlier >= 0) methods.splice(earlier, 1);
          methods.push({ fn, binding: bindingOf(decorators), ...(role ? { role } : {}) });
          continue;
        }
        case 'AssignStatement': {
          const alias = methodAlias(st, view, methods);
          if (alias) methods.push(alias);
          else readAssignment(st, scope, attributes, fields, own);
          continue;
        }
      }
      own(diagnostic('error', 'unsupported', `${st.name === 'ClassDefinition' ? 'a nested class' : view.textOf(st).split('\n')[0]} in a class body is not supported`, view.range(st)));
    }
  }
  const allFields = dataclassFields(bases, dataclass ? fields : [], known);
  if (dataclass) methods.push(...dataclassMethods(name, allFields, methods, dataclass, nameRange));
  known.set(name, classFacts(bases, attributes, allFields, dataclass, known));
  const frozen = dataclass?.frozen ? { frozen: { fields: allFields.map((f) => f.name) } } : {};
  // A NamedTuple's objects are tuples; the operators act on them as on tuples, so its own operator methods are not modelled.
  if (dataclass?.namedTuple) {
    const operator = methods.find((m) => m.role && m.role.kind !== 'constructor');
    if (operator) own(diagnostic('error', 'unsupported', `${name} is a NamedTuple: GradLens does not dispatch its ${operator.fn.name}, whose objects are tuples`, operator.fn.nameRange));
  }
  const tuple = dataclass?.namedTuple ? { tupleFields: allFields.map((f) => f.name) } : {};
  return { name, bases, attributes, methods, range, nameRange, diagnostics, ...frozen, ...tuple };
}

/** A class's `__match_args__`: its own literal one, else the one `@dataclass` writes, else its first base's that has one. */
function classFacts(bases: readonly IrExpr[], attributes: readonly IrClassAttribute[], fields: readonly DataclassField[], dataclass: DataclassOptions | undefined, known: ReadonlyMap<string, ClassFacts>): ClassFacts {
  const literal = attributes.find((a) => a.name === '__match_args__')?.value;
  const strings = literal && (literal.kind === 'tuple' || literal.kind === 'list') ? literal.elements.map((e) => (e.kind === 'string' ? e.value : undefined)) : undefined;
  const own = strings?.every((s) => s !== undefined) ? (strings as string[]) : undefined;
  const inherited = bases.map((b) => (b.kind === 'name' ? known.get(b.name)?.matchArgs : undefined)).find((m) => m !== undefined);
  const matchArgs = own ?? (dataclass?.matchArgs ? fields.filter((f) => f.init !== false).map((f) => f.name) : literal ? undefined : inherited);
  return { ...(fields.length > 0 ? { dataclassFields: fields } : {}), ...(matchArgs ? { matchArgs } : {}) };
}

/** `__radd__ = __add__`: the method above under another name, with the role that name gives it. */
function methodAlias(st: SyntaxNode, view: SourceView, methods: readonly IrMethod[]): IrMethod | undefined {
  const kids = children(st);
  if (kids.length !== 3 || kids[0]!.name !== 'VariableName' || kids[1]!.name !== 'AssignOp' || kids[2]!.name !== 'VariableName') return undefined;
  const original = view.textOf(kids[2]!);
  const method = [...methods].reverse().find((m) => m.fn.name === original);
  if (!method) return undefined;
  const name = view.textOf(kids[0]!);
  const role = roleOf(name);
  return { fn: { ...method.fn, name }, binding: method.binding, aliasOf: original, ...(role ? { role } : {}) };
}

/** `alpha = 0.1`, `k: float = 1.0` (a class attribute, and a dataclass field), `k: float` (a field only). */
function readAssignment(st: SyntaxNode, scope: Scope, attributes: IrClassAttribute[], fields: DataclassField[], report: (d: Diagnostic) => void): void {
  const view = scope.view;
  const kids = children(st);
  const target = kids[0];
  const annotated = kids[1]?.name === 'TypeDef';
  const assignAt = kids.findIndex((k) => k.name === 'AssignOp');
  if (!target || target.name !== 'VariableName' || kids.filter((k) => k.name === 'AssignOp').length > 1) {
    report(diagnostic('error', 'unsupported', 'only `name = value` assignments are supported in a class body', view.range(st)));
    return;
  }
  const name = view.textOf(target);
  const range = view.range(st);
  const valueNode = assignAt >= 0 ? kids[assignAt + 1] : undefined;
  const value = valueNode ? lowerExpr(valueNode, scope) : undefined;
  const spec = value ? readField(value) : undefined;
  if (spec?.classValue) attributes.push({ name, value: spec.classValue, range });
  if (annotated && !/^ClassVar\b|^typing\.ClassVar\b/.test(view.textOf(kids[1]!).replace(/^:\s*/, ''))) {
    fields.push({ name, ...(spec?.default ? { default: spec.default } : {}), ...(spec?.init === false ? { init: false } : {}), ...(spec?.factory ? { factory: true } : {}), range: view.range(target) });
  }
}

/**
 * What `dataclasses.field(…)` says of a field: `default=v` is its default and its class attribute;
 * `default_factory=f` a default `f()` called for each object (`factory`: lowerDataclass.ts makes it in
 * `__init__`'s body, since a default is evaluated once) and no class attribute, as CPython deletes it;
 * `init=False` keeps it out of `__init__`'s parameters. Any other value is its own default and class attribute.
 */
function readField(value: IrExpr): { readonly default?: IrExpr; readonly classValue?: IrExpr; readonly init: boolean; readonly factory?: true } {
  if (!(value.kind === 'call' && value.callee.kind === 'name' && value.callee.name === 'field')) return { default: value, classValue: value, init: true };
  const keyword = (k: string): IrExpr | undefined => value.keywords.find((w) => w.name === k)?.value;
  const init = keyword('init');
  const given = keyword('default');
  const factory = keyword('default_factory');
  const made: IrExpr | undefined = factory && { kind: 'call', callee: factory, args: [], keywords: [], range: factory.range };
  return { ...(given ? { default: given, classValue: given } : made ? { default: made, factory: true } : {}), init: !(init?.kind === 'bool' && !init.value) };
}

/** Base classes as names (`Base`, `nn.Module`), without resolving imports: the engine links what it knows. */
function readBases(argList: SyntaxNode, view: SourceView): IrExpr[] {
  const out: IrExpr[] = [];
  for (const group of splitOnCommas(insideBrackets(argList, '(', ')')).groups) {
    if (group.length !== 1) continue; // `metaclass=ABCMeta` and other keywords
    const spelled = view.textOf(group[0]!).replace(/\s+/g, '');
    const plain = spelled.replace(/\[.*$/s, '');
    if (IGNORED_BASES.has(plain)) continue;
    const range = view.range(group[0]!);
    const parts = plain.split('.');
    // Anything but a dotted name (`make_base()`) stays a base the engine does not know, named as written.
    if (!parts.every((p) => /^[A-Za-z_]\w*$/.test(p))) {
      out.push({ kind: 'name', name: spelled, range });
      continue;
    }
    let e: IrExpr = { kind: 'name', name: parts[0]!, range };
    for (const p of parts.slice(1)) e = { kind: 'attribute', object: e, name: p, range };
    out.push(e);
  }
  return out;
}
