import type { SyntaxNode } from '@lezer/common';
import type { SourceRange } from '../../core/sourceRange';
import type { IrCompareOp, IrExpr, IrFunction, IrMethod, IrParam, IrStmt } from '../../ir/nodes';
import { children, type SourceView } from './parse';
import type { ClassFacts, DataclassField } from './scope';

/**
 * `@dataclass` as Python's `dataclasses` module makes it (CPython's `_process_class`): the methods it
 * writes are ordinary IR methods, so the engine runs them like any other. `__init__` takes every field
 * in order (its bases' fields first); `eq=True` (the default) writes `__eq__`, which compares the
 * fields as tuples when both objects are of the very same class and returns `NotImplemented`
 * otherwise — and so leaves the class unhashable, as Python sets `__hash__` to None; `frozen=True`
 * with `eq` (or `unsafe_hash=True`) writes a field `__hash__`, which GradLens does not call;
 * `order=True` writes `__lt__ __le__ __gt__ __ge__`. A method the class defines itself is kept.
 */
export interface DataclassOptions {
  readonly init: boolean;
  readonly eq: boolean;
  readonly order: boolean;
  readonly frozen: boolean;
  readonly unsafeHash: boolean;
  readonly matchArgs: boolean;
  /**
   * A `typing.NamedTuple`: its fields make `__init__` and `__match_args__` as a dataclass's do, and its
   * objects are tuples of them (IrClass.tupleFields): compared, hashed, indexed and unpacked as tuples.
   */
  readonly namedTuple?: boolean;
}

/** `class Tape(NamedTuple)`. */
export const NAMED_TUPLE: DataclassOptions = { init: true, eq: false, order: false, frozen: false, unsafeHash: false, matchArgs: true, namedTuple: true };

const DEFAULTS: DataclassOptions = { init: true, eq: true, order: false, frozen: false, unsafeHash: false, matchArgs: true };
const KEYWORDS: Readonly<Record<string, keyof DataclassOptions>> = { init: 'init', eq: 'eq', order: 'order', frozen: 'frozen', unsafe_hash: 'unsafeHash', match_args: 'matchArgs' };

/** `@dataclass`, `@dataclasses.dataclass(frozen=True, order=True)`: its options; undefined for a plain class. */
export function dataclassOptions(node: SyntaxNode, view: SourceView): DataclassOptions | undefined {
  if (node.name !== 'DecoratedStatement') return undefined;
  for (const d of children(node).filter((k) => k.name === 'Decorator')) {
    const text = view.textOf(d).replace(/^@\s*/, '').replace(/\s+/g, '');
    const m = /^(?:dataclasses\.)?dataclass(?:\((.*)\))?$/s.exec(text);
    if (!m) continue;
    const options: { -readonly [K in keyof DataclassOptions]: DataclassOptions[K] } = { ...DEFAULTS };
    for (const [, key, value] of (m[1] ?? '').matchAll(/(\w+)=(True|False)\b/g)) {
      const option = KEYWORDS[key!];
      if (option) options[option] = value === 'True';
    }
    return options;
  }
  return undefined;
}

/**
 * The fields in Python's order: those of the bases that are dataclasses of this module (the last base
 * first, as the MRO is walked in reverse), then the class's own; a field defined again keeps its place.
 */
export function dataclassFields(bases: readonly IrExpr[], own: readonly DataclassField[], known: ReadonlyMap<string, ClassFacts>): DataclassField[] {
  const out: DataclassField[] = [];
  const add = (f: DataclassField): void => {
    const at = out.findIndex((g) => g.name === f.name);
    if (at >= 0) out[at] = f;
    else out.push(f);
  };
  for (const b of [...bases].reverse()) if (b.kind === 'name') for (const f of known.get(b.name)?.dataclassFields ?? []) add(f);
  own.forEach(add);
  return out;
}

/** The methods `@dataclass` writes that the class does not define itself. */
export function dataclassMethods(className: string, fields: readonly DataclassField[], own: readonly IrMethod[], options: DataclassOptions, at: SourceRange): IrMethod[] {
  const defines = (name: string): boolean => own.some((m) => m.fn.name === name);
  const out: IrMethod[] = [];
  if (options.init && !defines('__init__')) out.push(initMethod(fields, defines('__post_init__'), options.frozen, at));
  if (options.eq && !defines('__eq__')) out.push(comparison('__eq__', '==', fields, at));
  if (options.order) {
    for (const [name, op] of [['__lt__', '<'], ['__le__', '<='], ['__gt__', '>'], ['__ge__', '>=']] as const) if (!defines(name)) out.push(comparison(name, op, fields, at));
  }
  if (((options.eq && options.frozen) || options.unsafeHash) && !defines('__hash__')) out.push(hashMethod(className, at));
  if (options.init && !defines('__replace__')) out.push(replaceMethod('__replace__', className, fields, false, at));
  if (options.namedTuple) {
    if (!defines('_replace')) out.push(replaceMethod('_replace', className, fields, true, at));
    if (!defines('_asdict')) out.push(asDictMethod(fields, at));
  }
  return out;
}

const str = (value: string, range: SourceRange): IrExpr => ({ kind: 'string', value, range });
const raise = (message: string, at: SourceRange): IrStmt => ({
  kind: 'raise',
  exception: { kind: 'call', callee: { kind: 'errorType', name: 'ValueError', range: at }, args: [str(message, at)], keywords: [], range: at },
  range: at,
});

/**
 * `dataclasses.replace(obj, **changes)` is `obj.__replace__(**changes)` (Python 3.13's protocol, which
 * `copy.replace` calls too), and a NamedTuple's `_replace`: a new object of the class from the
 * fields `__init__` takes, each the changed value or the object's own. As Python does, a field with
 * `init=False` cannot be changed (ValueError), nor can a NamedTuple be given a name it lacks; other
 * unknown names reach `__init__`, which refuses them (TypeError).
 */
function replaceMethod(fnName: string, className: string, fields: readonly DataclassField[], namedTuple: boolean, at: SourceRange): IrMethod {
  const changes = name('changes', at);
  const given = (field: string): IrExpr => ({ kind: 'compare', ops: ['in'], operands: [str(field, at), changes], range: at });
  const body: IrStmt[] = [];
  for (const f of fields.filter((g) => g.init === false)) {
    body.push({ kind: 'if', test: given(f.name), then: [raise(`field ${f.name} is declared with init=False, it cannot be specified with replace()`, at)], else: [], range: at });
  }
  if (namedTuple) {
    // for key in changes: if key not in (fields): raise ValueError(...)
    const known: IrExpr = { kind: 'tuple', elements: fields.map((f) => str(f.name, at)), range: at };
    const unknown: IrExpr = { kind: 'compare', ops: ['not in'], operands: [name('key', at), known], range: at };
    body.push({ kind: 'for', target: { kind: 'name', name: 'key', range: at }, iterable: changes, body: [{ kind: 'if', test: unknown, then: [raise('Got unexpected field names', at)], else: [], range: at }], range: at });
  }
  const own: IrExpr = {
    kind: 'dict',
    entries: [...fields.filter((f) => f.init !== false).map((f) => ({ key: str(f.name, at), value: { kind: 'attribute', object: name('self', at), name: f.name, range: at } as IrExpr })), { spread: changes }],
    range: at,
  };
  const made: IrExpr = { kind: 'call', callee: name(className, at), args: [], keywords: [], keywordSpreads: [own], range: at };
  body.push({ kind: 'return', value: made, range: at });
  const m = method(fnName, [], body, at);
  return { ...m, fn: { ...m.fn, params: [{ name: 'self', range: at }, { name: 'changes', kind: 'varkw', range: at }] } };
}

/** A NamedTuple's `_asdict()`: a dict of its fields in order. */
function asDictMethod(fields: readonly DataclassField[], at: SourceRange): IrMethod {
  const entries = fields.map((f) => ({ key: str(f.name, at), value: { kind: 'attribute', object: name('self', at), name: f.name, range: at } as IrExpr }));
  return method('_asdict', ['self'], [{ kind: 'return', value: { kind: 'dict', entries, range: at }, range: at }], at);
}

const name = (n: string, range: SourceRange): IrExpr => ({ kind: 'name', name: n, range });

function method(fnName: string, params: readonly string[], body: IrStmt[], at: SourceRange, extra: Partial<IrMethod> = {}): IrMethod {
  const fn: IrFunction = { name: fnName, params: params.map((p) => ({ name: p, range: at })), body, range: at, nameRange: at, diagnostics: [] };
  return { fn, binding: 'instance', synthesized: true, ...extra };
}

/**
 * `__init__(self, a, b=1.0)` assigning each field, then `self.__post_init__()` if the class has one. A
 * `field(init=False)` is no parameter: it is assigned its default (or its factory's value) if it has one;
 * a factory field's parameter defaults to CPython's kind of sentinel (here `NotImplemented`), replaced by a new value.
 * A frozen class's `__init__` stores through `object.__setattr__` (the intrinsic `object_setattr`), as
 * CPython's does, since its own assignments are refused.
 */
function initMethod(fields: readonly DataclassField[], postInit: boolean, frozen: boolean, at: SourceRange): IrMethod {
  const body: IrStmt[] = [];
  for (const f of fields) {
    const value = f.init === false ? f.default : name(f.name, f.range);
    if (!value) continue;
    if (f.factory && f.init !== false) {
      // CPython's sentinel: the parameter's default is a marker, and a missing argument is made here.
      const missing: IrExpr = { kind: 'compare', ops: ['is'], operands: [value, { kind: 'notImplemented', range: f.range }], range: f.range };
      const make: IrStmt = { kind: 'assign', target: { kind: 'name', name: f.name, range: f.range }, value: f.default!, range: f.range };
      body.push({ kind: 'if', test: missing, then: [make], else: [], range: f.range });
    }
    if (frozen) {
      const store: IrExpr = { kind: 'call', callee: { kind: 'intrinsic', name: 'object_setattr', range: f.range }, args: [name('self', f.range), { kind: 'string', value: f.name, range: f.range }, value], keywords: [], range: f.range };
      body.push({ kind: 'expr', value: store, range: f.range });
    } else body.push({ kind: 'assign', target: { kind: 'attribute', object: name('self', f.range), name: f.name, range: f.range }, value, range: f.range });
  }
  if (postInit) {
    const callee: IrExpr = { kind: 'attribute', object: name('self', at), name: '__post_init__', range: at };
    body.push({ kind: 'expr', value: { kind: 'call', callee, args: [], keywords: [], range: at }, range: at });
  }
  const m = method('__init__', [], body, at, { role: { kind: 'constructor' } });
  const params: IrParam[] = fields.filter((f) => f.init !== false).map(({ name: n, default: d, factory, range }) => ({ name: n, ...(d ? { default: factory ? { kind: 'notImplemented', range } : d } : {}), range }));
  return { ...m, fn: { ...m.fn, params: [{ name: 'self', range: at }, ...params] } };
}

/** `(self.a, self.b) op (other.a, other.b)` when both are of the same class, else `NotImplemented`. */
function comparison(fnName: string, op: IrCompareOp, fields: readonly IrParam[], at: SourceRange): IrMethod {
  const tuple = (of: string): IrExpr => ({ kind: 'tuple', elements: fields.map((f) => ({ kind: 'attribute', object: name(of, at), name: f.name, range: at })), range: at });
  const same: IrExpr = { kind: 'call', callee: { kind: 'intrinsic', name: 'same_class', range: at }, args: [name('other', at), name('self', at)], keywords: [], range: at };
  const compared: IrExpr = { kind: 'compare', ops: [op], operands: [tuple('self'), tuple('other')], range: at };
  const body: IrStmt[] = [
    { kind: 'if', test: same, then: [{ kind: 'return', value: compared, range: at }], else: [], range: at },
    { kind: 'return', value: { kind: 'notImplemented', range: at }, range: at },
  ];
  return method(fnName, ['self', 'other'], body, at, { role: { kind: 'compare', op } });
}

/** A frozen dataclass (or a NamedTuple) hashes its fields; GradLens does not call `__hash__` (containers.ts), so it says so when reached. */
function hashMethod(className: string, at: SourceRange): IrMethod {
  const message = `a ${className} object hashes its fields; GradLens does not compute that hash`;
  return method('__hash__', ['self'], [{ kind: 'unsupported', construct: '__hash__', message, range: at }], at);
}
