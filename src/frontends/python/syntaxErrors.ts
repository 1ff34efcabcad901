import { nameTable } from '../../core/keyed';
import type { SyntaxNode } from '@lezer/common';
import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import type { SourceRange } from '../../core/sourceRange';
import { parseString } from './literals';
import { children, type SourceView } from './parse';

/**
 * Turns lezer's error nodes into messages a person can act on. lezer only says *where* it gave up
 * (often a zero-width node), so the message is inferred from the neighbours: the operator left without
 * an operand, the bracket never closed, the header without its colon. Best effort, always quoting
 * the text involved.
 */
export function describeSyntaxErrors(errors: readonly SyntaxNode[], view: SourceView): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lines = new Set<number>();
  for (const err of errors) {
    // At the end of a piece parsed on its own, lezer only notices that something above was left open.
    if (out.length > 0 && view.from(err) >= view.end) continue;
    const bracket = unclosedBracketAt(err);
    const string = bracket ? undefined : unclosedStringBefore(err, view);
    const d = bracket ? neverClosed(bracket, view) : string ? string : describe(err, view);
    if (lines.has(d.range.start.line)) continue;
    lines.add(d.range.start.line);
    out.push(d);
    // After an unclosed bracket everything else is lezer's recovery, not the author's mistake; past a
    // few errors, likewise.
    if (out.length === MAX_PER_UNIT || bracket || string) break;
  }
  return out;
}
const MAX_PER_UNIT = 3;

export const UNCLOSED_STRING = 'syntax error: this string is never closed';

/** A triple-quoted string left open swallows the rest of the text; lezer then fails right after it. */
function unclosedStringBefore(err: SyntaxNode, view: SourceView): Diagnostic | undefined {
  let n: SyntaxNode | null = err.prevSibling ?? err.parent;
  while (n && n.name !== 'String' && n.lastChild) n = n.lastChild;
  for (let s: SyntaxNode | null = n; s; s = s.parent) {
    if (s.name !== 'String') continue;
    const parsed = parseString(view.textOf(s));
    if (parsed.kind !== 'unterminated') return undefined;
    const from = view.from(s);
    const lineEnd = view.source.indexOf('\n', from);
    return diagnostic('error', 'syntax', UNCLOSED_STRING, view.rangeOf(from, lineEnd < 0 ? view.to(s) : Math.min(lineEnd, view.to(s))));
  }
  return undefined;
}

const BRACKETS: Readonly<Record<string, readonly [string, string]>> = nameTable({
  ArgList: ['(', ')'],
  ParamList: ['(', ')'],
  ParenthesizedExpression: ['(', ')'],
  TupleExpression: ['(', ')'],
  ComprehensionExpression: ['(', ')'],
  ArrayExpression: ['[', ']'],
  ArrayComprehensionExpression: ['[', ']'],
  MemberExpression: ['[', ']'],
  DictionaryExpression: ['{', '}'],
  SetExpression: ['{', '}'],
  ImportStatement: ['(', ')'],
});

/** Tokens after which an expression must follow. */
const NEEDS_OPERAND = new Set([
  'ArithOp', 'BitOp', 'CompareOp', 'AssignOp', 'UpdateOp', 'and', 'or', 'not', 'in', 'is', 'if', 'elif',
  'while', 'else', 'return', 'lambda', 'yield', 'await', 'assert', 'del', 'raise', '*', '**',
]);

const HEADERS = new Set([
  'IfStatement', 'WhileStatement', 'ForStatement', 'FunctionDefinition', 'ClassDefinition', 'WithStatement',
  'TryStatement',
]);

function describe(err: SyntaxNode, view: SourceView): Diagnostic {
  const at = view.from(err);
  const text = view.textOf(err).trim();
  const parent = err.parent;
  const prev = previousSibling(err);

  if (prev && prev.name === '.') {
    return syntax(`expected an attribute name after '.'`, view.range(prev));
  }
  if (prev && NEEDS_OPERAND.has(prev.name) && text === '') {
    return syntax(`expected an expression after '${view.textOf(prev)}'`, view.range(prev));
  }
  if (prev && (prev.name === 'def' || prev.name === 'class') && text === '') {
    return syntax(`expected a name after '${prev.name}'`, view.range(prev));
  }
  if (prev && prev.name === 'for' && text === '') {
    return syntax(`expected a loop variable after 'for'`, view.range(prev));
  }
  const indent = unexpectedIndent(at, view);
  if (indent) return syntax('unexpected indentation', indent);
  if (parent && parent.name === 'Body') {
    const colon = parent.firstChild;
    const header = headerText(parent.parent, at, view);
    if (!colon || colon.name !== ':' || colon.from > err.from) {
      return syntax(`expected ':' after '${header}'`, endOfHeader(parent, view));
    }
    if (onlyTokensBefore(parent, err)) {
      return syntax(`expected an indented block after '${header}:'`, view.range(colon));
    }
  }
  if (parent && HEADERS.has(parent.name) && !parent.getChild('Body') && prev) {
    return syntax(`expected ':' after '${headerText(parent, at, view)}'`, view.range(lastLeaf(prev)));
  }
  if (text !== '') return syntax(`unexpected '${quote(text)}'`, view.range(err));
  const next = nextText(view, at);
  if (next === '') {
    const line = view.lines.lineText(view.lines.position(at).line).trim();
    return syntax(
      line ? `'${quote(line)}' is incomplete` : 'unexpected end of the file',
      view.rangeOf(at, at),
    );
  }
  return syntax(`unexpected '${quote(next)}'`, view.rangeOf(at, at + next.length));
}

function syntax(message: string, range: SourceRange): Diagnostic {
  return diagnostic('error', 'syntax', `syntax error: ${message}`, range);
}

function previousSibling(node: SyntaxNode): SyntaxNode | undefined {
  for (let p = node.prevSibling; p; p = p.prevSibling) {
    if (p.name !== 'Comment' && !p.type.isError) return p;
  }
  return undefined;
}

function neverClosed(bracket: SyntaxNode, view: SourceView): Diagnostic {
  return syntax(`'${view.textOf(bracket)}' is never closed${bracketContext(bracket.parent!, view)}`, view.range(bracket));
}

/** The opening bracket of the error's parent, when the parent never got its closing one. */
function unclosedBracketAt(err: SyntaxNode): SyntaxNode | undefined {
  const node = err.parent;
  if (!node) return undefined;
  const pair = BRACKETS[node.name];
  if (!pair) return undefined;
  const kids = children(node);
  const open = kids.find((k) => k.name === pair[0]);
  if (!open || kids.some((k) => k.name === pair[1] && k.from > open.from)) return undefined;
  return open;
}

function bracketContext(node: SyntaxNode, view: SourceView): string {
  if (node.name === 'ArgList' && node.prevSibling) return ` in the call to ${quote(view.textOf(node.prevSibling))}`;
  if (node.name === 'ParamList' && node.parent?.name === 'FunctionDefinition') {
    const name = node.parent.getChild('VariableName');
    if (name) return ` in the parameters of ${view.textOf(name)}`;
  }
  return '';
}

/** The error sits at the start of a line indented deeper than the statement before it. */
function unexpectedIndent(at: number, view: SourceView): SourceRange | undefined {
  const pos = view.lines.position(at);
  const line = view.lines.lineText(pos.line);
  const indent = line.length - line.trimStart().length;
  if (pos.column > indent || line.trim() === '' || pos.line === 0) return undefined;
  let before = pos.line - 1;
  while (before >= 0 && isBlankOrComment(view.lines.lineText(before))) before--;
  if (before < 0) return undefined;
  const previous = view.lines.lineText(before);
  if (previous.trimEnd().endsWith(':')) return undefined;
  const previousIndent = previous.length - previous.trimStart().length;
  if (indent <= previousIndent) return undefined;
  return { start: { line: pos.line, column: indent }, end: { line: pos.line, column: line.trimEnd().length } };
}

function isBlankOrComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

function headerText(statement: SyntaxNode | null, at: number, view: SourceView): string {
  if (!statement) return '';
  const start = view.from(statement);
  const firstLine = view.source.slice(start, Math.max(start, at)).split('\n')[0] ?? '';
  return quote(firstLine.trim().replace(/:$/, ''));
}

/** The last token before a Body that is missing its colon. */
function endOfHeader(body: SyntaxNode, view: SourceView): SourceRange {
  const before = body.prevSibling;
  return before ? view.range(lastLeaf(before)) : view.rangeOf(view.from(body), view.from(body));
}

function lastLeaf(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.lastChild) n = n.lastChild;
  return n;
}

function onlyTokensBefore(body: SyntaxNode, err: SyntaxNode): boolean {
  for (let c = body.firstChild; c && c.from < err.from; c = c.nextSibling) {
    if (c.name !== ':' && c.name !== 'Comment') return false;
  }
  return true;
}

function nextText(view: SourceView, at: number): string {
  const rest = view.source.slice(at, Math.min(at + 80, view.end));
  const lineRest = rest.split('\n')[0]!.trim();
  const m = /^(\w+|\S)/.exec(lineRest);
  return m ? m[0] : '';
}

function quote(text: string): string {
  const oneLine = text.split('\n')[0]!.trim();
  return oneLine.length > 40 ? oneLine.slice(0, 37) + '...' : oneLine;
}
