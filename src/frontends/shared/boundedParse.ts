import type { Tree, TreeFragment } from '@lezer/common';
import type { LRParser } from '@lezer/lr';
import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import type { SourceRange } from '../../core/sourceRange';
import type { ReusedParses } from './reusedParses';

/**
 * lezer's LR parser protects its own recursion with two limits that misread long valid code:
 * - after 300 reductions of one growing node (a left-associative chain `a + b + …`, as sympy prints
 *   a polynomial) it forces the chain closed, so a 500-term sum becomes a syntax error;
 * - when a parse stack passes 8,400 entries (about 2,800 open constructs) it force-reduces it
 *   ("CutDepth"), which merges or drops nodes without always leaving an error node — a silently
 *   different expression.
 * Both exist because lezer builds its tree by recursion (a chain of 3,000 terms exhausts the stack).
 * `parseBounded` drives the parse itself: it lifts the first (chains are bounded before parsing, by
 * nesting.ts's MAX_CHAIN) and stops before the second or at a tree deeper than MAX_EXPRESSION_DEPTH
 * (a right-associative `x ** x ** …` split over lines), throwing `TooDeepForParser` at the position.
 * The caller blanks that line and lowers again, so only the function holding it is refused.
 */

/** Stack entries (three per LR state) at which the parse is stopped: lezer cuts at 8,400, and one advance grows a stack by a few entries at most. */
const STACK_LIMIT = 8_300;

/**
 * How deep a tree may be, counting one node per operator, call or bracket (argument lists are not
 * counted: a call is one level). A chain `a + b + c` is a left-deep tree as deep as it is long, and
 * lowering, compiling and evaluating walk trees by recursion: 1,500 stays well inside the main
 * thread's stack (the CLI's; the editor's worker has more), with nested calls, the costliest level.
 */
export const MAX_EXPRESSION_DEPTH = 1_500;

export const TOO_DEEP_MESSAGE = `this expression is too deeply nested for GradLens: it reads expressions at most ${MAX_EXPRESSION_DEPTH.toLocaleString('en-US')} levels deep (operators and brackets); split it into several statements`;

/** Thrown by `parseBounded`; `offset` is in the whole document's text. */
export class TooDeepForParser extends Error {
  constructor(readonly offset: number) {
    super(TOO_DEEP_MESSAGE);
  }
}

/** What parseBounded reads of lezer's parse object (lezer 1.4's fields; a unit test pins them). */
interface ParseInternals {
  bigReductionCount: number;
  readonly stacks: readonly { readonly pos: number; readonly stack: readonly number[] }[];
  advance(): Tree | null;
}

let parsedCharacters = 0;

/**
 * Characters handed to the parser so far in this process. Tests bound what reading a document
 * costs with it (a re-parse loop gone quadratic shows here whatever the machine's load).
 */
export function charactersParsed(): number {
  return parsedCharacters;
}

/**
 * Parses `text` (which starts at `base` in the document); throws TooDeepForParser instead of misreading.
 * `reuse`: trees of earlier versions (reusedParses.ts), read incrementally when one shares most of
 * `text`; the tree is the one a fresh parse gives.
 */
export function parseBounded(parser: LRParser, text: string, base = 0, reuse?: ReusedParses): Tree {
  parsedCharacters += text.length;
  const old = reuse?.fragmentsFor(text);
  // A reused node's stack depth in its old parse (at most `old.depth`) on top of the deepest stack
  // here stays under the limit, and the tree holds no error (whose recovery may read the input
  // differently); else the text is parsed afresh.
  const incremental = old ? boundedRun(parser, text, base, old.fragments, STACK_LIMIT - old.depth) : undefined;
  if (incremental && !incremental.errors) {
    reuse!.counts.incremental++;
    reuse!.keep(text, incremental.tree, incremental.depth + old!.depth);
    errorFree.add(incremental.tree);
    return incremental.tree;
  }
  const fresh = boundedRun(parser, text, base)!;
  if (reuse) reuse.counts.fresh++;
  if (reuse && !fresh.errors) reuse.keep(text, fresh.tree, fresh.depth);
  if (!fresh.errors) errorFree.add(fresh.tree);
  return fresh.tree;
}

/** The trees `parseBounded` gave that hold no error node (its depth walk saw every node). */
const errorFree = new WeakSet<Tree>();

/** Whether `tree`, given by `parseBounded`, holds no error node: a caller looking for them need not walk it again. */
export function holdsNoError(tree: Tree): boolean {
  return errorFree.has(tree);
}

/**
 * One parse, stopped (TooDeepForParser) at STACK_LIMIT, or undefined at `giveUp` (an incremental
 * parse that may not be trusted); with the deepest stack seen and whether the tree holds an error.
 */
function boundedRun(parser: LRParser, text: string, base: number, fragments?: readonly TreeFragment[], giveUp = STACK_LIMIT): { tree: Tree; depth: number; errors: boolean } | undefined {
  const parse = parser.startParse(text, fragments) as unknown as ParseInternals;
  let depth = 0;
  for (;;) {
    // lezer cuts a chain after 300 reductions it counts in bigReductionCount; chains are bounded
    // before parsing instead (nesting.ts), because lezer's count misses chains after a large node.
    parse.bigReductionCount = 0;
    const tree = parse.advance();
    if (tree) return { tree, depth, errors: checkDepth(tree, base) };
    for (const stack of parse.stacks) {
      depth = Math.max(depth, stack.stack.length);
      if (depth >= giveUp && giveUp < STACK_LIMIT) return undefined;
      if (stack.stack.length >= STACK_LIMIT) throw new TooDeepForParser(base + Math.min(stack.pos, text.length));
    }
  }
}

/**
 * Throws at the first node deeper than MAX_EXPRESSION_DEPTH (the walk itself is a cursor, not
 * recursion); else whether the tree holds an error node.
 */
function checkDepth(tree: Tree, base: number): boolean {
  const cursor = tree.cursor();
  let depth = 0;
  let errors = false;
  // The depth of the node the cursor is on: its ancestors and itself, argument lists not counted.
  const level = (): number => (cursor.name === 'ArgList' ? 0 : 1);
  for (;;) {
    if (depth > MAX_EXPRESSION_DEPTH) throw new TooDeepForParser(base + cursor.from);
    if (cursor.type.isError) errors = true;
    if (cursor.firstChild()) {
      depth += level();
      continue;
    }
    for (;;) {
      const left = level();
      if (cursor.nextSibling()) {
        depth += level() - left;
        break;
      }
      if (!cursor.parent()) return errors;
      depth -= left;
    }
  }
}

let failures = 0;

/** Lowering failures reported so far (`loweringFailure`): a lowering that met one is not kept for reuse (it may have run out of stack only where it ran). */
export function loweringFailures(): number {
  return failures;
}

/**
 * What a front end reports when lowering one statement threw: a stack exhausted by an expression
 * that is deep in a way the depth check does not count is that expression's fault, said as such;
 * anything else is a bug in GradLens.
 */
export function loweringFailure(e: unknown, range: SourceRange): Diagnostic {
  failures++;
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return diagnostic('error', 'syntax', 'GradLens ran out of stack reading this code: is an expression nested too deeply? Split it into several statements', range);
  }
  const why = e instanceof Error ? e.message : String(e);
  return diagnostic('error', 'internal', `GradLens could not read this code (internal error: ${why}); please report it`, range);
}
