import { keyedRecord } from '../../core/keyed';
import type { SyntaxNode } from '@lezer/common';
import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import type { LineMap, SourceRange } from '../../core/sourceRange';
import type { IrPoint, IrPointValue } from '../../ir/nodes';
import type { TopStatement } from './document';
import { parseAtValues as parseAt, type AtSyntax } from '../shared/atValues';
import { parseNumber } from './literals';
import { children, insideBrackets, splitOnCommas, type SourceView } from './parse';

/** A module-level def, as far as points need it. */
export interface DefSummary {
  readonly name: string;
  readonly params: readonly string[];
  /** Line of the def, or of its first decorator. */
  readonly firstLine: number;
  /** A method with a receiver: its `@at` may say how to make the instance (`; self: alpha=0.1`). */
  readonly isMethod?: boolean;
}

export interface Annotations {
  readonly points: IrPoint[];
  /** `# @gradient-of f` above a def, by the def's first line. */
  readonly gradientOf: Map<number, string>;
  readonly diagnostics: Diagnostic[];
}

/** A whole comment line; groups: indentation, the comment, its keyword, the text after the keyword. */
const ANNOTATION = /^([ \t]*)(#[ \t]*@(at|gradient-of)\b(.*))$/gm;
const SYNTAX = 'write it as `# @at x=1, y=2` (numbers or lists of numbers)';

interface AnnotationLine {
  readonly kind: 'at' | 'gradient-of';
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
    found.set(start.line, { kind: m[3] as 'at' | 'gradient-of', rest: m[4]!, range: { start, end } });
  }
  const out: Annotations = { points: [], gradientOf: new Map(), diagnostics: [] };
  for (const def of defs) {
    for (let line = def.firstLine - 1; found.has(line); line--) {
      const a = found.get(line)!;
      found.delete(line);
      if (a.kind === 'gradient-of') readGradientOf(a, def, out);
      else readAt(a, def, out);
    }
  }
  for (const a of found.values()) {
    const what = a.kind === 'at' ? '# @at' : '# @gradient-of';
    const message = `this ${what} annotation is not attached to a function: put it on the line directly above a module-level def (or above its decorators)`;
    out.diagnostics.push(diagnostic('warning', 'point', message, a.range));
  }
  return out;
}

function readGradientOf(a: AnnotationLine, def: DefSummary, out: Annotations): void {
  const name = a.rest.trim();
  if (/^[A-Za-z_]\w*$/.test(name)) out.gradientOf.set(def.firstLine, name);
  else {
    const found = name === '' ? 'nothing' : `'${name}'`;
    const message = `malformed annotation: expected one function name, as in \`# @gradient-of f\`, found ${found}`;
    out.diagnostics.push(diagnostic('error', 'syntax', message, a.range));
  }
}

const PYTHON_AT: AtSyntax = { collection: 'a list', name: /^[\p{L}_][\p{L}\p{M}\p{N}_]*/u };

/** `x1=2, x2=[1, -2.5e3]` to values, or what is wrong with it (the shared `@at` syntax). */
export const parseAtValues = (text: string): Record<string, IrPointValue> | string => parseAt(text, PYTHON_AT);

/** `z=0.5; self: alpha=0.1` → the parameters' part and the receiver's part (either may be absent). */
function splitReceiver(rest: string): { params: string; receiver?: string } {
  const parts = rest.split(';');
  const self = /^\s*self\s*:(.*)$/s;
  if (parts.length === 1) {
    const m = self.exec(parts[0]!);
    return m ? { params: '', receiver: m[1]! } : { params: parts[0]! };
  }
  const m = self.exec(parts.slice(1).join(';'));
  return m ? { params: parts[0]!, receiver: m[1]! } : { params: rest };
}

function readAt(a: AnnotationLine, def: DefSummary, out: Annotations): void {
  const split = def.isMethod ? splitReceiver(a.rest) : { params: a.rest };
  const parsed = split.params.trim() === '' && split.receiver !== undefined ? {} : parseAtValues(split.params);
  const receiver = split.receiver === undefined ? undefined : parseAtValues(split.receiver);
  if (typeof parsed === 'string' || typeof receiver === 'string') {
    const syntax = def.isMethod ? 'write it as `# @at z=0.5; self: alpha=0.1` (numbers or lists of numbers)' : SYNTAX;
    out.diagnostics.push(diagnostic('error', 'point', `malformed # @at annotation: ${typeof parsed === 'string' ? parsed : receiver}; ${syntax}`, a.range));
    return;
  }
  const unknown = Object.keys(parsed).find((k) => !def.params.includes(k));
  if (unknown !== undefined) {
    const list = def.params.length ? `its parameters are ${def.params.join(', ')}` : 'it has no parameters';
    out.diagnostics.push(diagnostic('error', 'point', `# @at gives ${unknown}, which is not a parameter of ${def.name} (${list})`, a.range));
    return;
  }
  out.points.push({ function: def.name, source: 'annotation', named: parsed, ...(receiver ? { receiver } : {}), range: a.range });
}


/**
 * Calls of a module-level function whose arguments are all numeric literals (or lists of them),
 * anywhere in the file: `f(1.5, 0.5)`, `f(x=1, y=2)`. A mix of both becomes named, using the def's
 * parameter names.
 */
export function findCallSites(
  statements: readonly TopStatement[],
  defs: ReadonlyMap<string, DefSummary>,
  internal: (e: unknown, s: TopStatement) => void,
): IrPoint[] {
  const points: IrPoint[] = [];
  for (const s of statements) {
    const cursor = s.node.cursor();
    try {
      do {
        if (cursor.name !== 'CallExpression') continue;
        const point = callSite(cursor.node, s.view, defs);
        if (point) points.push(point);
      } while (cursor.next() && cursor.from < s.node.to);
    } catch (e) {
      internal(e, s);
    }
  }
  return points;
}

function callSite(call: SyntaxNode, view: SourceView, defs: ReadonlyMap<string, DefSummary>): IrPoint | undefined {
  const callee = call.firstChild;
  const argList = callee?.nextSibling;
  if (!callee || callee.name !== 'VariableName' || argList?.name !== 'ArgList') return undefined;
  const def = defs.get(view.textOf(callee));
  if (!def) return undefined;
  const positional: IrPointValue[] = [];
  const named = keyedRecord<IrPointValue>();
  for (const group of splitOnCommas(insideBrackets(argList, '(', ')')).groups) {
    const keyword = group.length === 3 && group[0]!.name === 'VariableName' && group[1]!.name === 'AssignOp';
    const v = literal(keyword ? group[2]! : group[0]!, view);
    if (v === undefined || (!keyword && group.length !== 1)) return undefined;
    if (keyword) named[view.textOf(group[0]!)] = v;
    else if (Object.keys(named).length > 0) return undefined;
    else positional.push(v);
  }
  const range = view.range(call);
  if (Object.keys(named).length === 0) return { function: def.name, source: 'call-site', positional, range };
  if (positional.length > def.params.length) return undefined;
  const all = keyedRecord<IrPointValue>();
  positional.forEach((v, k) => (all[def.params[k]!] = v));
  for (const [k, v] of Object.entries(named)) {
    if (Object.hasOwn(all, k)) return undefined;
    all[k] = v;
  }
  return { function: def.name, source: 'call-site', named: all, range };
}

function literal(node: SyntaxNode, view: SourceView): IrPointValue | undefined {
  switch (node.name) {
    case 'Number': {
      const n = parseNumber(view.textOf(node));
      return n.kind === 'number' ? n.value : undefined;
    }
    case 'UnaryExpression': {
      const [op, arg] = children(node);
      const sign = op ? view.textOf(op) : '';
      const v = arg && (sign === '-' || sign === '+') ? literal(arg, view) : undefined;
      return typeof v === 'number' ? (sign === '-' ? -v : v) : undefined;
    }
    case 'ParenthesizedExpression':
      return ((inner) => (inner.length === 1 ? literal(inner[0]!, view) : undefined))(insideBrackets(node, '(', ')'));
    case 'ArrayExpression':
    case 'TupleExpression': {
      const [open, close] = node.name === 'ArrayExpression' ? ['[', ']'] : ['(', ')'];
      const items: IrPointValue[] = [];
      for (const group of splitOnCommas(insideBrackets(node, open!, close!)).groups) {
        const v = group.length === 1 ? literal(group[0]!, view) : undefined;
        if (v === undefined) return undefined;
        items.push(v);
      }
      return items;
    }
  }
  return undefined;
}
