import { keyedRecord } from '../../core/keyed';
import type { SyntaxNode } from '@lezer/common';
import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import type { LineMap, SourceRange } from '../../core/sourceRange';
import type { IrPoint, IrPointValue } from '../../ir/nodes';
import type { TopStatement } from './document';
import { parseAtValues as parseAt, type AtSyntax, splitAtLine } from '../shared/atValues';
import { parseGradientOf, readWrt, type DerivativeAnnotations } from '../shared/derivativeAnnotations';

export { withDerivativeAnnotations } from '../shared/derivativeAnnotations';
import { isTrailingDotNumber, parseNumber, parseString } from './literals';
import { countPointLeaves } from '../../core/pointTree';
import { keyedByParameters } from './nfkcNames';
import { children, insideBrackets, splitOnCommas, type SourceView } from './parse';
import { solverCallPoints } from './solverPoints';

/** A module-level def, as far as points need it. */
export interface DefSummary {
  readonly name: string;
  readonly params: readonly string[];
  /** Line of the def, or of its first decorator. */
  readonly firstLine: number;
  /** A method with a receiver: its `@at` may say how to make the instance (`; self: alpha=0.1`). */
  readonly isMethod?: boolean;
  /** An instance method: `@wrt self.w` may name an attribute of its instance. */
  readonly hasInstance?: boolean;
}

export interface Annotations extends DerivativeAnnotations {
  readonly points: IrPoint[];
  readonly diagnostics: Diagnostic[];
}

/** A whole comment line; groups: indentation, the comment, its keyword, the text after the keyword. */
const ANNOTATION = /^([ \t]*)(#[ \t]*@(at|gradient-of|wrt)\b(.*))$/gm;
const SYNTAX = 'write it as `# @at x=1, y=[2, 3], kind="call"`';

interface AnnotationLine {
  readonly kind: 'at' | 'gradient-of' | 'wrt';
  readonly rest: string;
  readonly range: SourceRange;
}

/**
 * `# @at x1=2, x2=5` and `# @gradient-of f` on the lines directly above a module-level def (above its
 * decorators), in any order. Anywhere else they are reported, so a misplaced one is not silently lost.
 */
export function readAnnotations(lines: LineMap, defs: readonly DefSummary[]): Annotations {
  const found = new Map<number, AnnotationLine>();
  for (const m of lines.text.matchAll(ANNOTATION)) {
    const start = lines.position(m.index + m[1]!.length);
    const end = { line: start.line, column: start.column + m[2]!.trimEnd().length };
    found.set(start.line, { kind: m[3] as AnnotationLine['kind'], rest: m[4]!, range: { start, end } });
  }
  const out: Annotations = { points: [], gradientOf: new Map(), gradientWrt: new Map(), wrt: new Map(), diagnostics: [] };
  for (const [line, a] of found) {
    if (a.kind === 'at' && /^-all\b/.test(a.rest) && a.range.start.column === 0) {
      found.delete(line);
      readShared(a, a.rest.replace(/^-all/, ''), out);
    }
  }
  for (const def of defs) {
    for (let line = def.firstLine - 1; found.has(line); line--) {
      const a = found.get(line)!;
      found.delete(line);
      if (a.kind === 'gradient-of') readGradientOf(a, def, out);
      else if (a.kind === 'wrt') readWrt(a.rest, def, '#', a.range, out, out.diagnostics);
      else readAt(a, def, out);
    }
  }
  const firstDef = Math.min(...defs.map((d) => d.firstLine));
  for (const [line, a] of found) {
    if (a.kind === 'at' && a.range.start.column === 0 && line < firstDef) {
      found.delete(line);
      readShared(a, a.rest, out);
    }
  }
  for (const a of found.values()) {
    const what = `# @${a.kind}`;
    const message = `this ${what} annotation is not attached to a function: put it on the line directly above a module-level def (or above its decorators)`;
    out.diagnostics.push(diagnostic('warning', 'point', message, a.range));
  }
  return out;
}

function readGradientOf(a: AnnotationLine, def: DefSummary, out: Annotations): void {
  const parsed = parseGradientOf(a.rest);
  if ('name' in parsed) {
    out.gradientOf.set(def.firstLine, parsed.name);
    if (parsed.wrt) out.gradientWrt.set(def.firstLine, parsed.wrt);
  } else if (parsed.malformed === 'wrt') {
    out.diagnostics.push(diagnostic('error', 'syntax', `malformed annotation: expected parameter names after wrt, as in \`# @gradient-of f wrt W, b\``, a.range));
  } else {
    const name = a.rest.trim();
    const found = name === '' ? 'nothing' : `'${name}'`;
    const message = `malformed annotation: expected one function name, as in \`# @gradient-of f\` or \`# @gradient-of f wrt W\`, found ${found}`;
    out.diagnostics.push(diagnostic('error', 'syntax', message, a.range));
  }
}


const PYTHON_AT: AtSyntax = { collection: 'a list', name: /^[\p{L}_][\p{L}\p{M}\p{N}_]*/u, words: { True: true, False: false, None: null } };

/** `x1=2, x2=[1, -2.5e3]` to values, or what is wrong with it (the shared `@at` syntax). */
export const parseAtValues = (text: string): Record<string, IrPointValue> | string => parseAt(text, PYTHON_AT);

/** `# @at-all S=100, K=105` (or an `# @at` above every def, attached to none): a point for every function with those names. */
function readShared(a: AnnotationLine, text: string, out: Annotations): void {
  const parsed = parseAtValues(text);
  if (typeof parsed === 'string') {
    out.diagnostics.push(diagnostic('error', 'point', `malformed shared @at annotation: ${parsed}; write it as \`# @at-all S=100, K=105\``, a.range));
    return;
  }
  out.points.push({ function: '', source: 'shared', named: parsed, range: a.range });
}

function readAt(a: AnnotationLine, def: DefSummary, out: Annotations): void {
  // `# @at x=1, y=2; wrt y`, and above a method `# @at z=0.5; self: alpha=0.1` (either or both).
  const split = splitAtLine(a.rest, def.isMethod ? 'self' : undefined);
  if (split.wrt !== undefined) readWrt(split.wrt, def, '#', a.range, out, out.diagnostics);
  const parsed = split.params.trim() === '' && split.receiver !== undefined ? {} : parseAtValues(split.params);
  const receiver = split.receiver === undefined ? undefined : parseAtValues(split.receiver);
  if (typeof parsed === 'string' || typeof receiver === 'string') {
    const syntax = def.isMethod ? 'write it as `# @at z=0.5; self: alpha=0.1`' : SYNTAX;
    out.diagnostics.push(diagnostic('error', 'point', `malformed # @at annotation: ${typeof parsed === 'string' ? parsed : receiver}; ${syntax}`, a.range));
    return;
  }
  keyedByParameters(parsed, def.params);
  const unknown = Object.keys(parsed).find((k) => !def.params.includes(k));
  if (unknown !== undefined) {
    const list = def.params.length ? `its parameters are ${def.params.join(', ')}` : 'it has no parameters';
    out.diagnostics.push(diagnostic('error', 'point', `# @at gives ${unknown}, which is not a parameter of ${def.name} (${list})`, a.range));
    return;
  }
  out.points.push({ function: def.name, source: 'annotation', named: parsed, ...(receiver ? { receiver } : {}), range: a.range });
}


/**
 * Calls of a module-level function (or of a name imported from a workspace file, which a test file
 * calls: `defs` lists those too) whose arguments are numbers, lists of them, `np.array(…)` of them,
 * simple arithmetic on them, or names bound to such values by an earlier assignment in the same
 * scope — outside any def (at module level or in `if __name__ == "__main__":`), or in the same def
 * (a test function's `x = np.array([1.0, 1.0]); assert rosen(x) == 0`): `f(1.5, 0.5)`,
 * `f(x=1, y=2)`, `x0 = np.array([1.3, 0.7]); rosen(x0)`. A mix of positional and keyword arguments
 * becomes named, using the def's parameter names. A function handed by name to a scipy solver or
 * gradient checker gets the solver's start and `args` (`minimize(rosen, x0, args=(a,))`; solverPoints.ts).
 */
export function findCallSites(
  statements: readonly TopStatement[],
  defs: ReadonlyMap<string, DefSummary>,
  internal: (e: unknown, s: TopStatement) => void,
  classes: ReadonlyMap<string, ClassSummary> = new Map(),
): IrPoint[] {
  const points: IrPoint[] = [];
  const bindings = new Bindings();
  for (const s of statements) {
    const cursor = s.node.cursor();
    try {
      do {
        if (cursor.name === 'AssignStatement') binding(cursor.node, s.view, bindings, classes);
        if (cursor.name !== 'CallExpression') continue;
        const point = callSite(cursor.node, s.view, defs, bindings, classes);
        if (point) points.push(point);
        else {
          const known = bindings.seenFrom(scopeOf(cursor.node), cursor.node.from);
          points.push(...solverCallPoints(cursor.node, s.view, (name) => defs.has(name) && !defs.get(name)!.isMethod, (node) => literal(node, s.view, known)));
        }
      } while (cursor.next() && cursor.from < s.node.to);
    } catch (e) {
      internal(e, s);
    }
  }
  return points;
}

/** `x0 = np.array([1.3, 0.7])`: a name, its value, where the value is known from, and the def (or class) it is in. */
interface Binding {
  readonly name: string;
  readonly value: IrPointValue;
  readonly from: number;
  /** The enclosing def's (or class's) start; −1 outside any. */
  readonly scope: number;
  /** `act = LeakyReLU(alpha=0.2)`: an instance made with values, whose method calls are points. */
  readonly instance?: Instance;
}

/** The bindings one statement sees, by name: the last made before it wins. */
interface Known {
  last(name: string): Binding | undefined;
}

/**
 * Every binding so far, by scope and name, in the order made (document order): a statement's view
 * of them is a lookup, not a copy, so a module of 100,000 assignments is read in linear time.
 */
class Bindings {
  private readonly byScope = new Map<number, Map<string, Binding[]>>();

  add(b: Binding): void {
    let names = this.byScope.get(b.scope);
    if (!names) this.byScope.set(b.scope, (names = new Map()));
    const list = names.get(b.name);
    if (list) list.push(b);
    else names.set(b.name, [b]);
  }

  /** What a statement of `scope` at offset `before` sees. */
  seenFrom(scope: number, before = Infinity): Known {
    const names = this.byScope.get(scope);
    return {
      last: (name) => {
        const list = names?.get(name);
        if (!list) return undefined;
        for (let i = list.length - 1; i >= 0; i--) if (list[i]!.from <= before) return list[i];
        return undefined;
      },
    };
  }
}

/** A class of the module, as method call sites need it: its methods are `Class.method` in `defs`. */
export interface ClassSummary {
  /** The constructor's parameters after `self` (its own `__init__`, else the first base's that has one). */
  readonly constructorParams: readonly string[];
}

interface Instance {
  readonly cls: string;
  readonly receiver?: Readonly<Record<string, IrPointValue>>;
}

/** The start of the innermost def or class around `node`, −1 at module level: a binding is seen only in its own scope. */
function scopeOf(node: SyntaxNode): number {
  for (let n = node.parent; n; n = n.parent) if (n.name === 'FunctionDefinition' || n.name === 'ClassDefinition') return n.from;
  return -1;
}

function binding(node: SyntaxNode, view: SourceView, bindings: Bindings, classes: ReadonlyMap<string, ClassSummary>): void {
  const parts = children(node);
  if (parts.length !== 3 || parts[0]!.name !== 'VariableName' || parts[1]!.name !== 'AssignOp') return;
  const scope = scopeOf(node);
  const known = bindings.seenFrom(scope);
  const value = literal(parts[2]!, view, known);
  const instance = value === undefined ? instanceMade(parts[2]!, view, known, classes) : undefined;
  // A later assignment of something else unbinds the name from here on.
  bindings.add({ name: view.textOf(parts[0]!), value: value === undefined ? NaN : value, from: node.to, scope, ...(instance ? { instance } : {}) });
}

/** `LeakyReLU(0.2)`, `Sigmoid()`: a class of the module called with values; the receiver names them by the constructor's parameters. */
function instanceMade(node: SyntaxNode, view: SourceView, known: Known, classes: ReadonlyMap<string, ClassSummary>): Instance | undefined {
  const callee = node.name === 'CallExpression' ? node.firstChild : null;
  const argList = callee?.nextSibling;
  if (callee?.name !== 'VariableName' || argList?.name !== 'ArgList') return undefined;
  const cls = view.textOf(callee);
  const summary = classes.get(cls);
  const args = summary ? callArguments(argList, view, known) : undefined;
  if (!summary || !args || args.positional.length > summary.constructorParams.length) return undefined;
  const receiver = keyedRecord<IrPointValue>();
  args.positional.forEach((v, i) => (receiver[summary.constructorParams[i]!] = v));
  for (const [k, v] of Object.entries(args.named)) {
    if (Object.hasOwn(receiver, k)) return undefined;
    receiver[k] = v;
  }
  return Object.keys(receiver).length > 0 ? { cls, receiver } : { cls };
}

/** The arguments of a call as point values (positional, then named); undefined when one is not a value. */
function callArguments(argList: SyntaxNode, view: SourceView, known: Known): { positional: IrPointValue[]; named: Record<string, IrPointValue> } | undefined {
  const positional: IrPointValue[] = [];
  const named = keyedRecord<IrPointValue>();
  for (const group of splitOnCommas(insideBrackets(argList, '(', ')')).groups) {
    const keyword = group.length === 3 && group[0]!.name === 'VariableName' && group[1]!.name === 'AssignOp';
    const v = literal(keyword ? group[2]! : group[0]!, view, known);
    if (v === undefined || (!keyword && group.length !== 1)) return undefined;
    if (keyword) named[view.textOf(group[0]!)] = v;
    else if (Object.keys(named).length > 0) return undefined;
    else positional.push(v);
  }
  return { positional, named };
}

/**
 * What a call's callee names: a module function (`f(…)`), or a method of an instance made with
 * values (`act.fn(…)` after `act = Sigmoid()`, or `Sigmoid().fn(…)`), whose receiver the point carries.
 */
function calledDef(callee: SyntaxNode, view: SourceView, defs: ReadonlyMap<string, DefSummary>, known: Known, classes: ReadonlyMap<string, ClassSummary>): { def: DefSummary; instance?: Instance } | undefined {
  if (callee.name === 'VariableName') {
    const def = defs.get(view.textOf(callee));
    return def ? { def } : undefined;
  }
  const parts = callee.name === 'MemberExpression' ? children(callee) : [];
  if (parts.length !== 3 || parts[1]!.name !== '.' || parts[2]!.name !== 'PropertyName') return undefined;
  const object = parts[0]!;
  const name = view.textOf(object);
  const instance = object.name === 'VariableName' ? known.last(name)?.instance : instanceMade(object, view, known, classes);
  const def = instance ? defs.get(`${instance.cls}.${view.textOf(parts[2]!)}`) : undefined;
  return def?.isMethod ? { def, instance: instance! } : undefined;
}

function callSite(call: SyntaxNode, view: SourceView, defs: ReadonlyMap<string, DefSummary>, bindings: Bindings, classes: ReadonlyMap<string, ClassSummary>): IrPoint | undefined {
  const callee = call.firstChild;
  const argList = callee?.nextSibling;
  if (!callee || argList?.name !== 'ArgList') return undefined;
  // A def sees only its own bindings: a module-level one of the same name may be its parameter's.
  const scope = scopeOf(call);
  const known = bindings.seenFrom(scope, call.from);
  const called = calledDef(callee, view, defs, known, classes);
  const args = called ? callArguments(argList, view, known) : undefined;
  if (!called || !args) return undefined;
  const def = called.def;
  const receiver = called.instance?.receiver ? { receiver: called.instance.receiver } : {};
  const { positional, named } = args;
  const range = view.range(call);
  // `main()`, `sys.exit(main())`: a call without arguments asks for no derivative (a program's entry
  // point, often doing I/O GradLens does not read), so it is not a point either.
  if (positional.length === 0 && Object.keys(named).length === 0) return undefined;
  // Nor is one whose arguments hold no number (`load("data.csv")`): there is nothing to differentiate.
  if (![...positional, ...Object.values(named)].some((v) => countPointLeaves(v) > 0)) return undefined;
  if (Object.keys(named).length === 0) return { function: def.name, source: 'call-site', positional, ...receiver, range };
  if (positional.length > def.params.length) return undefined;
  const all = keyedRecord<IrPointValue>();
  positional.forEach((v, k) => (all[def.params[k]!] = v));
  for (const [k, v] of Object.entries(named)) {
    if (Object.hasOwn(all, k)) return undefined;
    all[k] = v;
  }
  return { function: def.name, source: 'call-site', named: all, ...receiver, range };
}

const ARRAY_CONSTRUCTORS = /^(?:np|numpy|onp|jnp)\.(?:array|asarray|asfarray)$|^(?:array|asarray)$/;
const ARITHMETIC: Readonly<Record<string, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '**': (a, b) => a ** b,
};
const NAMED_NUMBERS: Readonly<Record<string, number>> = { 'np.pi': Math.PI, 'math.pi': Math.PI, 'numpy.pi': Math.PI, 'np.e': Math.E, 'math.e': Math.E, pi: Math.PI };

const namedNumber = (name: string): number | undefined => (Object.hasOwn(NAMED_NUMBERS, name) ? NAMED_NUMBERS[name] : undefined);

function literal(node: SyntaxNode, view: SourceView, bindings: Known): IrPointValue | undefined {
  switch (node.name) {
    case 'Number': {
      const n = parseNumber(view.textOf(node));
      return n.kind === 'number' ? n.value : undefined;
    }
    // Text is carried to the function, never differentiated: `bs(100, 105, option_type="put")`.
    case 'String': {
      const text = parseString(view.textOf(node));
      return text.kind === 'string' ? text.value : undefined;
    }
    case 'Boolean':
      return view.textOf(node) === 'True';
    case 'None':
      return null;
    case 'VariableName': {
      if (view.sumAt(node)) return undefined; // a long sum's placeholder (shared/parserText.ts): no literal
      const name = view.textOf(node);
      const bound = bindings.last(name);
      if (bound) return typeof bound.value === 'number' && Number.isNaN(bound.value) ? undefined : bound.value;
      return namedNumber(name);
    }
    case 'MemberExpression': {
      const text = view.textOf(node);
      // `q=0.`: lezer reads a trailing-dot float as an attribute of `0`.
      if (isTrailingDotNumber(text)) {
        const n = parseNumber(text);
        return n.kind === 'number' ? n.value : undefined;
      }
      return namedNumber(text.replace(/\s+/g, ''));
    }
    case 'UnaryExpression': {
      const [op, arg] = children(node);
      const sign = op ? view.textOf(op) : '';
      const v = arg && (sign === '-' || sign === '+') ? literal(arg, view, bindings) : undefined;
      return typeof v === 'number' ? (sign === '-' ? -v : v) : undefined;
    }
    case 'BinaryExpression': {
      const [a, op, b] = children(node);
      const f = op && Object.hasOwn(ARITHMETIC, view.textOf(op)) ? ARITHMETIC[view.textOf(op)] : undefined;
      const x = a && literal(a, view, bindings);
      const y = b && literal(b, view, bindings);
      return f && typeof x === 'number' && typeof y === 'number' ? f(x, y) : undefined;
    }
    case 'CallExpression': {
      // np.array([1.3, 0.7]) and np.array([...], dtype=float)
      const callee = node.firstChild;
      const args = callee?.nextSibling;
      if (!callee || args?.name !== 'ArgList' || !ARRAY_CONSTRUCTORS.test(view.textOf(callee).replace(/\s+/g, ''))) return undefined;
      const groups = splitOnCommas(insideBrackets(args, '(', ')')).groups;
      if (groups.length === 0 || groups[0]!.length !== 1) return undefined;
      const v = literal(groups[0]![0]!, view, bindings);
      return Array.isArray(v) ? v : undefined;
    }
    case 'ParenthesizedExpression':
      return ((inner) => (inner.length === 1 ? literal(inner[0]!, view, bindings) : undefined))(insideBrackets(node, '(', ')'));
    case 'DictionaryExpression': {
      // `{"mode": "train", "eps": 1e-5}` (a course's bn_param): string keys, values read as any argument is.
      const entries = keyedRecord<IrPointValue>();
      for (const group of splitOnCommas(insideBrackets(node, '{', '}')).groups) {
        const [key, colon, value, ...rest] = group;
        if (!key || key.name !== 'String' || colon?.name !== ':' || !value || rest.length > 0) return undefined;
        const k = parseString(view.textOf(key));
        const v = literal(value, view, bindings);
        if (k.kind !== 'string' || v === undefined) return undefined;
        entries[k.value] = v;
      }
      return entries;
    }
    case 'ArrayExpression':
    case 'TupleExpression': {
      const [open, close] = node.name === 'ArrayExpression' ? ['[', ']'] : ['(', ')'];
      const items: IrPointValue[] = [];
      for (const group of splitOnCommas(insideBrackets(node, open!, close!)).groups) {
        const v = group.length === 1 ? literal(group[0]!, view, bindings) : undefined;
        if (v === undefined) return undefined;
        items.push(v);
      }
      return items;
    }
  }
  return undefined;
}
