import { nameTable } from '../../core/keyed';
import type { SyntaxNode } from '@lezer/common';
import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import type { SourceView } from './parse';

/** After a few errors in one function the rest is usually lezer's recovery, not the author's mistake. */
const MAX_PER_UNIT = 3;

const OPENERS: Readonly<Record<string, string>> = nameTable({ '(': ')', '[': ']', '{': '}' });

/**
 * lezer only says where it gave up (often with a zero-width node); the message is inferred from the
 * neighbours: the operator left without an operand, the bracket never closed, the unexpected token.
 */
export function describeSyntaxErrors(errors: readonly SyntaxNode[], view: SourceView): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lines = new Set<number>();
  for (const err of errors) {
    const open = unclosedBracket(err);
    const d = open ? syntax(`'${view.textOf(open)}' is never closed`, view.range(open)) : describe(err, view);
    if (lines.has(d.range.start.line)) continue;
    lines.add(d.range.start.line);
    out.push(d);
    // After an unclosed bracket everything else is lezer's recovery, not the author's mistake.
    if (out.length === MAX_PER_UNIT || open) break;
  }
  return out;
}

function describe(err: SyntaxNode, view: SourceView): Diagnostic {
  const text = view.textOf(err).trim();
  const at = view.from(err);
  if (err.parent?.name === 'BlockComment') return syntax('this comment is never closed', view.rangeOf(view.from(err.parent), view.from(err.parent) + 2));
  const prev = previousLeaf(err);
  if (prev && text === '' && /^(ArithOp|CompareOp|LogicOp|Equals|UpdateOp|return|=>|Arrow)$/.test(prev.name)) {
    return syntax(`expected an expression after '${view.textOf(prev)}'`, view.range(prev));
  }
  if (prev && /^(if|while|for|switch)$/.test(prev.name)) return syntax(`expected '(' after '${prev.name}'`, view.range(prev));
  if (prev && prev.name === '.') return syntax(`expected a property name after '.'`, view.range(prev));
  if (text !== '') return syntax(`unexpected '${quote(text)}'`, view.range(err));
  const rest = view.source.slice(at, view.end).split('\n')[0]!.trim();
  const next = /^(\w+|\S)/.exec(rest)?.[0] ?? '';
  if (next === '') {
    // Zero width at a line end: point at the end of the code it interrupts.
    let p = at;
    while (p > 0 && /\s/.test(view.source[p - 1]!)) p--;
    return syntax(prev ? `'${quote(view.lines.lineText(view.lines.position(p).line))}' is incomplete` : 'unexpected end of the file', view.lines.range(p, p));
  }
  return syntax(`unexpected '${quote(next)}'`, view.rangeOf(at, at + next.length));
}

function syntax(message: string, range: Diagnostic['range']): Diagnostic {
  return diagnostic('error', 'syntax', `syntax error: ${message}`, range);
}

/** The last token before the error, error nodes and comments skipped. */
function previousLeaf(err: SyntaxNode): SyntaxNode | undefined {
  for (let n: SyntaxNode | null = err; n; n = n.parent) {
    for (let p = n.prevSibling; p; p = p.prevSibling) {
      if (p.type.isError || p.name === 'LineComment' || p.name === 'BlockComment') continue;
      let leaf = p;
      while (leaf.lastChild) leaf = leaf.lastChild;
      return leaf;
    }
  }
  return undefined;
}

/** An opening bracket among the error's ancestors' children with no closing one after it. */
function unclosedBracket(err: SyntaxNode): SyntaxNode | undefined {
  for (let node = err.parent; node; node = node.parent) {
    const first = node.firstChild;
    if (!first || !(first.name in OPENERS) || first.from > err.from) continue;
    const close = OPENERS[first.name]!;
    if (node.lastChild?.name !== close) return first;
  }
  return undefined;
}

function quote(text: string): string {
  const oneLine = text.split('\n')[0]!.trim();
  return oneLine.length > 40 ? oneLine.slice(0, 37) + '...' : oneLine;
}
