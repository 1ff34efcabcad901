import type { SyntaxNode } from '@lezer/common';
import type { SourceRange } from '../../core/sourceRange';
import type { IrExpr, IrStmt } from '../../ir/nodes';
import { isChangingMethod } from '../../ir/moduleNames';
import { someNode } from '../../ir/walk';

/**
 * Generator functions (`def pairs(w): for …: yield a, b`, `yield from xs`), lowered to what the IR
 * already runs: the body appends what each `yield` gives to a list of its own, and every way out
 * returns `iter(that list)`, the one-shot iterator `for`, `next()`, `list()`, `sum()`, `zip()` walk
 * (engine's IteratorValue). So the body runs to its end when the generator is called, not item by
 * item as the consumer asks. Where that difference could show, the generator is refused where it is
 * called: a write the caller can see (an attribute, an element of something it did not make, a
 * `global`, a changing method such as `.append` on a parameter), and a `yield` whose value is used
 * (`x = yield v`, `send()`). One that never finishes runs out of the step budget, which says so
 * (the interpreter reads `IrFunction.generator`).
 */

/** The list the yields append to: a local no program can spell. */
const YIELDED = '%yielded';

/** Whether this def's own body yields (not a def, lambda or class inside it). `text`: the body's, to skip most at once. */
export function yields(body: SyntaxNode | null, text: string): boolean {
  if (!body || !/\byield\b/.test(text)) return false;
  const stack: SyntaxNode[] = [body];
  while (stack.length > 0) {
    for (let c = stack.pop()!.firstChild; c; c = c.nextSibling) {
      if (c.name === 'YieldStatement' || c.name === 'YieldExpression') return true;
      if (!NESTED_SCOPES.has(c.name)) stack.push(c);
    }
  }
  return false;
}

const NESTED_SCOPES: ReadonlySet<string> = new Set(['FunctionDefinition', 'LambdaExpression', 'ClassDefinition', 'DecoratedStatement']);

const name = (range: SourceRange): IrExpr => ({ kind: 'name', name: YIELDED, range });

/** `yield v` appends v (None when bare), `yield from xs` every item of xs. */
export function yieldStatement(value: IrExpr | undefined, delegate: boolean, range: SourceRange): IrStmt {
  const callee: IrExpr = { kind: 'attribute', object: name(range), name: delegate ? 'extend' : 'append', range };
  return { kind: 'expr', value: { kind: 'call', callee, args: [value ?? { kind: 'none', range }], keywords: [], range }, range };
}

/**
 * The body of a generator: the list made first, each `return` (its value is StopIteration's, which no
 * consumer here reads) and the end returning the iterator over it. `refusal`: what stops it when called.
 */
export function generatorBody(body: readonly IrStmt[], range: SourceRange, refusal?: IrStmt): IrStmt[] {
  const done = (r: SourceRange): IrStmt => ({ kind: 'return', value: { kind: 'call', callee: { kind: 'intrinsic', name: 'iter', range: r }, args: [name(r)], keywords: [], range: r }, range: r });
  const start: IrStmt = { kind: 'assign', target: { kind: 'name', name: YIELDED, range }, value: { kind: 'list', elements: [], range }, range };
  return [...(refusal ? [refusal] : []), start, ...(rewriteReturns(body, done) as IrStmt[]), done(range)];
}

/** Each `return` of this body (not of a def or lambda inside it) made `done(its range)`. */
function rewriteReturns(node: unknown, done: (r: SourceRange) => IrStmt): unknown {
  if (Array.isArray(node)) return node.map((x) => rewriteReturns(x, done));
  if (!node || typeof node !== 'object') return node;
  const o = node as { kind?: string; range?: SourceRange };
  if (o.kind === 'return' && o.range) return done(o.range);
  if (o.kind === 'def' || o.kind === 'function' || o.kind === 'lambda') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'range' || k === 'nameRange' ? v : rewriteReturns(v, done);
  return out;
}

/**
 * The first write of the body a caller could see while it walks the generator (so that running the
 * body first would change what it sees): an attribute or an element of a name the body did not make,
 * a changing method on one (`xs.append`), a `global`/`nonlocal` name.
 */
export function visibleWrite(body: readonly IrStmt[], params: readonly string[]): SourceRange | undefined {
  const made = new Set<string>();
  someNode(body, { stmt: (s) => (s.kind === 'assign' && s.target.kind === 'name' && made.add(s.target.name), false) });
  for (const p of params) made.delete(p);
  const outside = (e: IrExpr): boolean => {
    let base = e;
    while (base.kind === 'attribute' || base.kind === 'index') base = base.object;
    return !(base.kind === 'name' && made.has(base.name));
  };
  let found: SourceRange | undefined;
  someNode(body, {
    stmt: (s) => {
      if ((s.kind === 'assign' || s.kind === 'augAssign') && (s.target.kind === 'attribute' || s.target.kind === 'index') && outside(s.target)) found = s.range;
      else if (s.kind === 'scope') found = s.range;
      return found !== undefined;
    },
    expr: (e) => {
      if (e.kind === 'call' && e.callee.kind === 'attribute' && isChangingMethod(e.callee.name) && outside(e.callee.object) && !(e.callee.object.kind === 'name' && e.callee.object.name === YIELDED)) found = e.range;
      return found !== undefined;
    },
  });
  return found;
}
