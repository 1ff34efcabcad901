import type { SyntaxNode, Tree } from '@lezer/common';
import { parser as jsParser } from '@lezer/javascript';
import { LineMap } from '../../core/sourceRange';
import { childrenWithout, SourceView } from '../shared/sourceView';
import type { SplitSum } from '../shared/longSums';
import { sumsParserText, type ParserText } from '../shared/parserText';
import { parseBounded } from '../shared/boundedParse';
import { append } from '../shared/append';

export { SourceView };

/** The TypeScript dialect: it also reads plain JavaScript, and type annotations become nodes we skip. */
const parser = jsParser.configure({ dialect: 'ts' });

const COMMENTS = new Set(['LineComment', 'BlockComment']);

/** Direct children, comments left out (lezer keeps them in the tree). */
export function children(node: SyntaxNode): SyntaxNode[] {
  return childrenWithout(node, COMMENTS);
}

/**
 * An overload's signature (`function scale(v: number): number;`, a method's `at(t: number): number;`):
 * a declaration without a body that parsed whole. It talks to the type checker only; the
 * implementation follows. (One whose body is missing for a syntax error is no signature.)
 */
export function isOverloadSignature(node: SyntaxNode): boolean {
  if (node.getChild('Block')) return false;
  let broken = false;
  node.cursor().iterate((n) => {
    if (n.type.isError) broken = true;
    return !broken;
  });
  return !broken;
}

export interface TopStatement {
  readonly node: SyntaxNode;
  readonly view: SourceView;
  /** Error nodes inside the statement and, when its piece was parsed alone, in the debris after it. */
  readonly errors: SyntaxNode[];
}

export interface ParsedDocument {
  readonly lines: LineMap;
  readonly statements: readonly TopStatement[];
}

/**
 * Parses the whole file; if that tree has any error, the file is instead parsed piece by piece, a
 * piece starting at each column-0 line that begins a declaration (`function`, `export`, `const`, …).
 * lezer recovers well inside one function, but an unclosed `{` or `(` makes it read every following
 * function as part of the broken one; parsed on its own, a function can only break itself.
 */
export function parseDocument(text: string, sums: readonly SplitSum[] = []): ParsedDocument {
  const lines = new LineMap(text);
  // What lezer reads: the source with its long sums' placeholders (shared/parserText.ts), at the same offsets.
  const parsed = sumsParserText(text, sums);
  const whole = topStatements(parseBounded(parser, parsed.text), new SourceView(text, lines, 0, text.length, parsed.sums));
  if (whole.every((t) => t.errors.length === 0)) return { lines, statements: whole };
  const starts = chunkStarts(text);
  const out: TopStatement[] = [];
  starts.forEach((from, i) => append(out, parseChunk(parsed, lines, from, starts[i + 1] ?? text.length)));
  return { lines, statements: out };
}

function parseChunk(parsed: ParserText, lines: LineMap, from: number, to: number): TopStatement[] {
  const view = new SourceView(parsed.source, lines, from, to, parsed.sums);
  const tops = topStatements(parseBounded(parser, parsed.text.slice(from, to), from), view);
  const owner = tops.find((t) => !t.node.type.isError);
  if (!owner || owner.errors.length === 0) return tops;
  // Errors all inside a class that closed (lezer read it to its last `}`) leave the sound
  // statements after it statements: gl-matrix's `Vec2.mag = Vec2.magnitude;` replaces a stub that
  // returns 0, and dropping it would run the stub.
  const after = tops.slice(tops.indexOf(owner) + 1);
  if (after.every((t) => !t.node.type.isError && t.errors.length === 0) && owner.errors.every((e) => e.to <= owner.node.to) && closes(owner.node)) return tops;
  // After a broken declaration, what follows in its piece is the debris of that error (`return x; }`
  // cut loose by an unclosed parameter list): its errors are the declaration's. After a sound one, a
  // stray `)))` is the module's problem, not the function's.
  const errors = tops.flatMap((t) => t.errors).sort((a, b) => a.from - b.from);
  return [{ ...owner, errors }];
}

/**
 * The statements of `code`, a rewrite of `source.slice(from, from + code.length)` of the same length
 * and line breaks (examplePoints.ts: a doc comment with all but its examples' code blanked), read at
 * the source's offsets: every node's text is the source's where the rewrite kept it.
 */
export function parseRewrittenRegion(source: string, lines: LineMap, from: number, code: string): TopStatement[] {
  return topStatements(parseBounded(parser, code, from), new SourceView(source, lines, from, from + code.length));
}

function topStatements(tree: Tree, view: SourceView): TopStatement[] {
  const tops: TopStatement[] = [];
  for (let c = tree.topNode.firstChild; c; c = c.nextSibling) {
    // A comment is skipped unless it is an unclosed `/*`, which swallows everything after it: that
    // error must send the document to piece-by-piece parsing.
    if (c.name === 'LineComment' || (c.name === 'BlockComment' && !c.firstChild)) continue;
    const errors: SyntaxNode[] = [];
    c.cursor().iterate((ref) => {
      if (ref.type.isError && !isOptionalTupleMark(ref.node, view)) errors.push(ref.node);
    });
    tops.push({ node: c, view, errors });
  }
  return tops;
}

/**
 * The `?` of an optional tuple element (`[Vec2Like, number?]`, gl-matrix's constructor), which
 * lezer's TypeScript grammar lacks: it reads the element's type and the `]` after it, so the error
 * is a type's alone, and types are never read.
 */
function isOptionalTupleMark(node: SyntaxNode, view: SourceView): boolean {
  return node.to === node.from + 1 && view.textOf(node) === '?' && node.parent?.name === 'TypeName' && node.parent.parent?.name === 'TupleType';
}

/** A class (exported or not) whose body lezer closed with its own `}`, not one cut short by an error. */
function closes(node: SyntaxNode): boolean {
  const body = node.getChild('ClassDeclaration')?.getChild('ClassBody') ?? node.getChild('ClassBody');
  const last = body?.lastChild;
  return last?.name === '}' && !last.type.isError;
}

const DECLARATION_START = /^(?:export|async|function|const|let|var|class|import|interface|type|enum|declare|abstract)\b/;

/** Offsets of the column-0 lines that begin a declaration, read from the text alone (brackets not tracked). */
export function chunkStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    const line = text.slice(at + 1, at + 1 + 16);
    if (DECLARATION_START.test(line)) starts.push(at + 1);
  }
  return starts;
}

/** Each sum's list parsed once, however often the function holding it is lowered. */
const parsedSums = new WeakMap<SplitSum, Tree>();

/** The list `[t₀, t₁, …]` of a long sum's terms (shared/longSums.ts), parsed at `base`: its array node. */
export function parseSumList(sum: SplitSum, base: number): SyntaxNode | undefined {
  let tree = parsedSums.get(sum);
  if (!tree) parsedSums.set(sum, (tree = parseBounded(parser, sum.listText, base)));
  const list = tree.topNode.firstChild?.firstChild;
  return list?.name === 'ArrayExpression' ? list : undefined;
}
