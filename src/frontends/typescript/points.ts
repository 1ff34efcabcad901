import type { SyntaxNode } from '@lezer/common';
import { keyedRecord } from '../../core/keyed';
import { countPointLeaves } from '../../core/pointTree';
import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import type { LineMap, SourceRange } from '../../core/sourceRange';
import type { IrPoint, IrPointValue } from '../../ir/nodes';
import { parseAtValues, type AtSyntax, splitAtLine } from '../shared/atValues';
import { parseGradientOf, readWrt, type DerivativeAnnotations } from '../shared/derivativeAnnotations';
import { children, type TopStatement } from './parse';
import { destructuredNote } from '../../ir/parameterText';

const TYPESCRIPT_AT: AtSyntax = { collection: 'an array', name: /^[\p{L}_$][\p{L}\p{M}\p{N}_$]*/u, words: { true: true, false: false, null: null } };

/** A module-level function, as far as points need it. */
export interface FunctionSummary {
  readonly name: string;
  readonly params: readonly string[];
  /** The line annotations attach to: the declaration's (`export`, `const`), or a method's own line. */
  readonly firstLine: number;
  /** An instance method: its `@at` may say how to make the instance (`; this: k=2, rest=1`). */
  readonly isMethod?: boolean;
  /** Destructured parameters (`arg0`) and their patterns, for messages. */
  readonly patterns?: readonly { readonly name: string; readonly pattern?: string }[];
  /** An instance method: `@wrt this.k` may name an attribute of its instance. */
  readonly hasInstance?: boolean;
}

export interface Annotations extends DerivativeAnnotations {
  readonly points: IrPoint[];
  readonly diagnostics: Diagnostic[];
}

type Kind = 'at' | 'gradient-of' | 'wrt';

interface AnnotationLine {
  readonly kind: Kind;
  readonly rest: string;
  readonly range: SourceRange;
}

const LINE_ANNOTATION = /^([ \t]*)(\/\/[ \t]*@(at|gradient-of|wrt)\b(.*))$/;
/** An `@at`/`@gradient-of`/`@wrt` tag on a line of a `/** … *\/` block. */
const DOC_ANNOTATION = /@(at|gradient-of|wrt)\b(.*?)(?:\*\/)?\s*$/;
const SYNTAX = 'write it as `// @at x=1, y=[2, 3], p={x: 1, y: 2}, kind="cubic"`';

/**
 * As in Python (the README's annotation contract), with `//`:
 * - `// @at x1=2, x2=5` (`; wrt x2` after it), `// @gradient-of f` (`wrt W, b` after it) and
 *   `// @wrt W` on the lines directly above a function, or as tags in the JSDoc block directly above it;
 * - `// @at-all S=100, K=105` at the start of a line anywhere outside a function, or a plain
 *   `// @at …` before the first function and attached to none: a shared point, for every function
 *   with those parameter names.
 * An annotation anywhere else is reported.
 */
export function readAnnotations(lines: LineMap, fns: readonly FunctionSummary[]): Annotations {
  const found = new Map<number, AnnotationLine>();
  for (let line = 0; line < lines.lineCount; line++) {
    const m = LINE_ANNOTATION.exec(lines.lineText(line));
    if (!m) continue;
    const start = { line, column: m[1]!.length };
    found.set(line, { kind: m[3] as Kind, rest: m[4]!, range: { start, end: { line, column: start.column + m[2]!.trimEnd().length } } });
  }
  const out: Annotations = { points: [], gradientOf: new Map(), gradientWrt: new Map(), wrt: new Map(), diagnostics: [] };
  for (const [line, a] of found) {
    if (a.kind === 'at' && /^-all\b/.test(a.rest) && a.range.start.column === 0) {
      found.delete(line);
      readShared(a, a.rest.replace(/^-all/, ''), out);
    }
  }
  for (const fn of fns) {
    let line = fn.firstLine - 1;
    for (; found.has(line); line--) {
      apply(found.get(line)!, fn, out);
      found.delete(line);
    }
    for (const a of docAnnotations(lines, line)) apply(a, fn, out);
  }
  const firstFunction = Math.min(...fns.map((f) => f.firstLine));
  for (const [line, a] of found) {
    if (a.kind === 'at' && a.range.start.column === 0 && line < firstFunction) {
      found.delete(line);
      readShared(a, a.rest, out);
    }
  }
  for (const a of found.values()) {
    const message = `this // @${a.kind} annotation is not attached to a function: put it on the line directly above a function declaration`;
    out.diagnostics.push(diagnostic('warning', 'point', message, a.range));
  }
  return out;
}

/** The tags of the `/** … *\/` block ending on `line`, if there is one. */
function docAnnotations(lines: LineMap, line: number): AnnotationLine[] {
  if (line < 0 || !lines.lineText(line).trimEnd().endsWith('*/')) return [];
  let first = line;
  while (first >= 0 && !lines.lineText(first).includes('/*')) first--;
  if (first < 0) return [];
  const out: AnnotationLine[] = [];
  for (let l = first; l <= line; l++) {
    const text = lines.lineText(l);
    const m = DOC_ANNOTATION.exec(text);
    if (!m) continue;
    const column = m.index;
    out.push({ kind: m[1] as Kind, rest: m[2]!, range: { start: { line: l, column }, end: { line: l, column: column + 1 + m[1]!.length + m[2]!.trimEnd().length } } });
  }
  return out;
}

function apply(a: AnnotationLine, fn: FunctionSummary, out: Annotations): void {
  if (a.kind === 'gradient-of') return readGradientOf(a, fn, out);
  if (a.kind === 'wrt') return readWrt(a.rest, fn, '//', a.range, out, out.diagnostics);
  // `// @at x=1, y=2; wrt y`, and above a method `// @at x=1.5; this: k=2` (the instance: its
  // constructor's arguments by name, the rest set as its fields), as Python's `; self: …`.
  const split = splitAtLine(a.rest, fn.isMethod ? 'this' : undefined);
  if (split.wrt !== undefined) readWrt(split.wrt, fn, '//', a.range, out, out.diagnostics);
  const parsed = split.params.trim() === '' && split.receiver !== undefined ? {} : parseAtValues(split.params, TYPESCRIPT_AT);
  const receiver = split.receiver === undefined ? undefined : parseAtValues(split.receiver, TYPESCRIPT_AT);
  if (typeof parsed === 'string' || typeof receiver === 'string') {
    const syntax = fn.isMethod ? 'write it as `// @at x=1.5; this: k=2`' : SYNTAX;
    out.diagnostics.push(diagnostic('error', 'point', `malformed @at annotation: ${typeof parsed === 'string' ? parsed : receiver}; ${syntax}`, a.range));
    return;
  }
  const unknown = Object.keys(parsed).find((k) => !fn.params.includes(k));
  if (unknown !== undefined) {
    const list = fn.params.length ? `its parameters are ${fn.params.join(', ')}${destructuredNote(fn.patterns ?? [])}` : 'it has no parameters';
    out.diagnostics.push(diagnostic('error', 'point', `@at gives ${unknown}, which is not a parameter of ${fn.name} (${list})`, a.range));
    return;
  }
  out.points.push({ function: fn.name, source: 'annotation', named: parsed, ...(receiver ? { receiver } : {}), range: a.range });
}

function readGradientOf(a: AnnotationLine, fn: FunctionSummary, out: Annotations): void {
  const parsed = parseGradientOf(a.rest);
  if ('name' in parsed) {
    out.gradientOf.set(fn.firstLine, parsed.name);
    if (parsed.wrt) out.gradientWrt.set(fn.firstLine, parsed.wrt);
    return;
  }
  const name = a.rest.trim();
  const message =
    parsed.malformed === 'wrt'
      ? 'malformed annotation: expected parameter names after wrt, as in `// @gradient-of f wrt W, b`'
      : `malformed annotation: expected one function name, as in \`// @gradient-of f\` or \`// @gradient-of f wrt x\`, found ${name === '' ? 'nothing' : `'${name}'`}`;
  out.diagnostics.push(diagnostic('error', 'syntax', message, a.range));
}


/** `// @at-all S=100, K=105`: a point for every function with those parameter names. */
function readShared(a: AnnotationLine, text: string, out: Annotations): void {
  const parsed = parseAtValues(text, TYPESCRIPT_AT);
  if (typeof parsed === 'string') {
    out.diagnostics.push(diagnostic('error', 'point', `malformed shared @at annotation: ${parsed}; write it as \`// @at-all S=100, K=105\``, a.range));
    return;
  }
  out.points.push({ function: '', source: 'shared', named: parsed, range: a.range });
}

/**
 * Calls with literal arguments (`f(1.5, 0.5)`, `physics.energy(2, [1, 2])`) to a function of this file,
 * anywhere in the file — inside `console.log(…)`, inside other functions — as positional points.
 */
export function findCallSites(statements: readonly TopStatement[], names: ReadonlySet<string>, constructors: ReadonlyMap<string, readonly string[]> = new Map()): IrPoint[] {
  const out: IrPoint[] = [];
  const bindings = moduleConstants(statements);
  const instances = moduleInstances(statements, constructors, bindings);
  for (const s of statements) {
    s.node.cursor().iterate((ref) => {
      if (ref.name !== 'CallExpression') return;
      const call = ref.node;
      const callee = call.firstChild;
      const argList = call.getChild('ArgList');
      if (!callee || !argList || call.getChild('?.')) return;
      const before = (b: { readonly from: number }): boolean => b.from <= s.view.from(call);
      // `finance.CAGR(10000, 19500, 3)` after `const finance = new Finance()`: Finance.CAGR's point, with that instance.
      const written = calleeName(callee, s);
      const [object, method] = written?.split('.') ?? [];
      const instance = method === undefined ? undefined : [...instances].reverse().find((b) => b.name === object && before(b));
      // An instance method beside a static of its name is listed as `Vec2.prototype.add` (ir/methodNames.ts).
      const onPrototype = `${instance?.cls}.prototype.${method}`;
      const name = instance ? (names.has(onPrototype) ? onPrototype : `${instance.cls}.${method}`) : written;
      if (name === undefined || !names.has(name)) return;
      const args = children(argList).filter((k) => k.name !== '(' && k.name !== ')' && k.name !== ',');
      const values: IrPointValue[] = [];
      for (const a of args) {
        const v = literal(a, s, bindings.filter(before));
        if (v === undefined) return;
        values.push(v);
      }
      // A call holding no number (`load("data.json")`, matter's `Vector.create()` filling a pool) asks for
      // no derivative; `v.length()` on a module instance made with numbers does (its receiver's).
      const receiverNumbers = instance ? Object.values(instance.receiver).some((v) => countPointLeaves(v) > 0) : false;
      if (!receiverNumbers && !values.some((v) => countPointLeaves(v) > 0)) return;
      out.push({ function: name, source: 'call-site', positional: values, ...(instance ? { receiver: instance.receiver } : {}), range: s.view.range(call) });
    });
  }
  return out;
}

/** `const finance = new Finance(…)` at module level, its arguments literals: the instance a later method call is on. */
interface InstanceBinding {
  readonly name: string;
  readonly cls: string;
  /** The constructor's arguments by its parameters' names (a point's receiver). */
  readonly receiver: Record<string, IrPointValue>;
  readonly from: number;
}

function moduleInstances(statements: readonly TopStatement[], constructors: ReadonlyMap<string, readonly string[]>, bindings: readonly Binding[]): InstanceBinding[] {
  const out: InstanceBinding[] = [];
  for (const s of statements) {
    if (s.node.name !== 'VariableDeclaration') continue;
    const parts = children(s.node);
    parts.forEach((k, i) => {
      const value = parts[i + 1]?.name === 'Equals' ? parts[i + 2] : undefined;
      if (k.name !== 'VariableDefinition' || value?.name !== 'NewExpression') return;
      const ctor = children(value).find((c) => c.name === 'VariableName');
      const params = ctor ? constructors.get(s.view.textOf(ctor)) : undefined;
      if (!ctor || !params) return;
      const list = value.getChild('ArgList');
      const args = list ? children(list).filter((a) => a.name !== '(' && a.name !== ')' && a.name !== ',') : [];
      const receiver = keyedRecord<IrPointValue>();
      for (const [j, a] of args.entries()) {
        const v = literal(a, s, bindings.filter((b) => b.from <= s.view.from(value)));
        // An argument GradLens cannot read, or one past the parameters: no instance it could make.
        if (v === undefined || params[j] === undefined) return;
        receiver[params[j]!] = v;
      }
      out.push({ name: s.view.textOf(k), cls: s.view.textOf(ctor), receiver, from: s.view.to(s.node) });
    });
  }
  return out;
}

function calleeName(callee: SyntaxNode, s: TopStatement): string | undefined {
  if (callee.name === 'VariableName') return s.view.textOf(callee);
  if (callee.name === 'MemberExpression' && callee.firstChild?.name === 'VariableName' && callee.getChild('PropertyName') && !callee.getChild('?.')) {
    return `${s.view.textOf(callee.firstChild)}.${s.view.textOf(callee.getChild('PropertyName')!)}`;
  }
  return undefined;
}

/** `const x0 = [1.3, 0.7];` at module level: a name a later call's argument may use. */
interface Binding {
  readonly name: string;
  readonly value: IrPointValue | undefined;
  readonly from: number;
}

function moduleConstants(statements: readonly TopStatement[]): Binding[] {
  const out: Binding[] = [];
  for (const s of statements) {
    if (s.node.name !== 'VariableDeclaration') continue;
    const parts = children(s.node);
    parts.forEach((k, i) => {
      if (k.name !== 'VariableDefinition' || parts[i + 1]?.name !== 'Equals' || !parts[i + 2]) return;
      out.push({ name: s.view.textOf(k), value: literal(parts[i + 2]!, s, out), from: s.view.to(s.node) });
    });
  }
  return out;
}

function literal(node: SyntaxNode, s: TopStatement, bindings: readonly Binding[] = []): IrPointValue | undefined {
  if (node.type.isError) return undefined;
  if (node.name === 'VariableName') {
    const name = s.view.textOf(node);
    return [...bindings].reverse().find((b) => b.name === name)?.value;
  }
  if (node.name === 'Number') {
    const text = s.view.textOf(node).replace(/_/g, '');
    return text.endsWith('n') || /^0\d/.test(text) ? undefined : Number(text);
  }
  if (node.name === 'UnaryExpression') {
    const [op, operand] = children(node);
    if (!op || !operand || operand.name !== 'Number') return undefined;
    const sign = s.view.textOf(op);
    const v = literal(operand, s);
    if (typeof v !== 'number' || (sign !== '-' && sign !== '+')) return undefined;
    return sign === '-' ? -v : v;
  }
  // Text is carried to the function, never differentiated: `ease(0.3, "cubic")`. A string with an
  // escape is left out (no point) rather than read one way here and another in the function.
  if (node.name === 'String') {
    const raw = s.view.textOf(node);
    return raw.length >= 2 && raw.endsWith(raw[0]!) && !raw.includes('\\') ? raw.slice(1, -1) : undefined;
  }
  if (node.name === 'BooleanLiteral') return s.view.textOf(node) === 'true';
  if (node.name === 'null') return null;
  if (node.name === 'ArrayExpression') {
    const items: IrPointValue[] = [];
    for (const k of children(node)) {
      if (k.name === '[' || k.name === ']' || k.name === ',') continue;
      const v = literal(k, s, bindings);
      if (v === undefined) return undefined;
      items.push(v);
    }
    return items;
  }
  if (node.name === 'ObjectExpression') return objectLiteral(node, s, bindings);
  return undefined;
}

/** `{x: 1, 'y': [2, 3]}` with literal values only (no spreads, methods or computed keys). */
function objectLiteral(node: SyntaxNode, s: TopStatement, bindings: readonly Binding[]): IrPointValue | undefined {
  const out = keyedRecord<IrPointValue>();
  for (const prop of children(node)) {
    if (prop.name === '{' || prop.name === '}' || prop.name === ',') continue;
    const [key, colon, value] = prop.name === 'Property' ? children(prop) : [];
    if (!key || colon?.name !== ':' || !value || (key.name !== 'PropertyDefinition' && key.name !== 'String')) return undefined;
    const v = literal(value, s, bindings);
    if (v === undefined) return undefined;
    const text = s.view.textOf(key);
    out[key.name === 'String' ? text.slice(1, -1) : text] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
