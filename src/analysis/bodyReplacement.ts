import type { SourceRange } from '../core/sourceRange';
import type { IrFunction, IrStmt } from '../ir/nodes';
import type { DerivativeSource } from './derivativeSource';

/**
 * "Replace with GradLens's derivative" on a wrong hand-written gradient: only the body's statements
 * are replaced. The signature line (with the person's defaults and type annotations), the docstring
 * and the comments above the first statement stay as they were; the generated function's own
 * header comment becomes the first line of the new body.
 */

export interface TextEdit {
  readonly range: SourceRange;
  readonly text: string;
}

/**
 * The edit that puts `generated`'s body in place of `hand`'s statements, or undefined where the body
 * cannot be told from the signature (a Python lambda, a function with no statements): the caller then
 * replaces the whole function.
 */
export function bodyReplacement(text: string, hand: IrFunction, generated: DerivativeSource): TextEdit | undefined {
  if (generated.language === 'math') return undefined;
  const python = generated.language === 'python';
  const lines = text.split('\n');
  // The signature's line (after any decorators); a Python lambda has none, and its body is an
  // expression that statements cannot replace.
  const signature = python ? lines.findIndex((l, i) => i >= hand.range.start.line && i <= hand.range.end.line && /^\s*(async\s+)?def\b/.test(l)) : hand.range.start.line;
  const header = lines[signature];
  if (header === undefined || signature < 0) return undefined;
  if (hand.body.length === 0) return undefined;
  // The docstring stays (the Python front end lowers it to `pass`; the text tells it by its quote).
  const isDocstring = (s: IrStmt): boolean =>
    (s.kind === 'expr' && s.value.kind === 'string') || (s.kind === 'pass' && /^[rRuUbB]?["']/.test((lines[s.range.start.line] ?? '').slice(s.range.start.column)));
  const statements = isDocstring(hand.body[0]!) ? hand.body.slice(1) : hand.body;
  const first = statements[0];
  const last = statements[statements.length - 1];
  if (!first || !last) return undefined;
  const lineOfFirst = lines[first.range.start.line] ?? '';
  const before = lineOfFirst.slice(0, first.range.start.column);
  const headerIndent = /^\s*/.exec(header)![0];
  const unit = python ? '    ' : '  ';
  // The statements' own indentation, or one step in from the signature when they share its line.
  const ownLine = before.trim() === '';
  const indent = ownLine ? before : headerIndent + unit;
  const body = generatedBody(generated, unit).map((l, i) => (l === '' ? '' : i === 0 && ownLine ? l : indent + l));
  let replacement = body.join('\n');
  if (!ownLine) replacement = '\n' + replacement;
  // An arrow function's expression body (`(x) => 1 / x`) becomes a block.
  if (!python && !opensBlock(text, lines, hand.range, first.range)) replacement = `{${ownLine ? '\n' + indent : ''}${replacement}\n${headerIndent}}`;
  return { range: { start: first.range.start, end: last.range.end }, text: replacement };
}

/** The generated function's comment line and body, one indentation step out. */
function generatedBody(generated: DerivativeSource, unit: string): string[] {
  const lines = generated.functionText.replace(/\n$/, '').split('\n');
  const comment = lines[0]!;
  const inner = lines.slice(2, generated.language === 'python' ? undefined : -1);
  return [comment, ...inner.map((l) => (l.startsWith(unit) ? l.slice(unit.length) : l))];
}

/** True when the last code before the first statement (comments skipped) opens a `{` block. */
function opensBlock(text: string, lines: readonly string[], fn: SourceRange, first: SourceRange): boolean {
  const offset = (line: number, column: number): number => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + column;
  const between = text.slice(offset(fn.start.line, fn.start.column), offset(first.start.line, first.start.column));
  const code = between.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '').trimEnd();
  return code.endsWith('{');
}
