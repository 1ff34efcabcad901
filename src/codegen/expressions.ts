import { GradLensError, diagnostic } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';
import type { IrExpr } from '../ir/nodes';
import { buildOps, PRIMITIVES } from '../engine/primitives/registry';
import type { Ops, ScalarPrimitive, ScalarPrimitiveName } from '../engine/primitives/types';

/**
 * IR expressions built for generated code, simplified as they are built (x·1 → x, 0 + x → x,
 * numbers folded by the registry's own values) so the code reads as a person would write it. Every
 * node carries the range of the source it came from.
 */

export const num = (value: number, range: SourceRange): IrExpr => ({ kind: 'number', value, range });
export const ref = (name: string, range: SourceRange): IrExpr => ({ kind: 'name', name, range });

const isNumber = (e: IrExpr, v?: number): e is IrExpr & { kind: 'number' } => e.kind === 'number' && (v === undefined || Object.is(e.value, v) || (v === 0 && e.value === 0));

/** Simplified application of a scalar primitive to IR operands. */
export function apply(p: ScalarPrimitive, a: IrExpr, b: IrExpr, range: SourceRange): IrExpr {
  // Numbers fold through the primitive's own value, so the folded constant is the engine's number.
  if (isNumber(a) && (p.arity === 1 || isNumber(b))) {
    const v = p.value(a.value, p.arity === 1 ? a.value : (b as { value: number }).value);
    if (Number.isFinite(v)) return num(v, range);
  }
  switch (p.name) {
    case 'add':
      if (isNumber(a, 0)) return b;
      if (isNumber(b, 0)) return a;
      if (b.kind === 'unary' && b.op === '-') return binary('-', a, b.operand, range);
      return binary('+', a, b, range);
    case 'sub':
      if (isNumber(b, 0)) return a;
      if (isNumber(a, 0)) return neg(b, range);
      return binary('-', a, b, range);
    case 'mul':
      if (isNumber(a, 0) || isNumber(b, 0)) return num(0, range);
      if (isNumber(a, 1)) return b;
      if (isNumber(b, 1)) return a;
      if (isNumber(a, -1)) return neg(b, range);
      if (isNumber(b, -1)) return neg(a, range);
      if (a.kind === 'unary' && a.op === '-') return neg(apply(p, a.operand, b, range), range);
      if (b.kind === 'unary' && b.op === '-') return neg(apply(p, a, b.operand, range), range);
      // (1/y)·g is g/y
      if (a.kind === 'binary' && a.op === '/' && isNumber(a.left, 1)) return apply(PRIMITIVES.div, b, a.right, range);
      return binary('*', a, b, range);
    case 'div':
      if (isNumber(b, 1)) return a;
      if (isNumber(a, 0)) return num(0, range);
      if (a.kind === 'unary' && a.op === '-') return neg(apply(p, a.operand, b, range), range);
      return binary('/', a, b, range);
    case 'pow':
      if (isNumber(b, 1)) return a;
      return binary('**', a, b, range);
    case 'neg':
      return neg(a, range);
    default:
      return { kind: 'call', callee: { kind: 'intrinsic', name: p.name, range }, args: p.arity === 1 ? [a] : [a, b], keywords: [], range };
  }
}

function binary(op: '+' | '-' | '*' | '/' | '**', left: IrExpr, right: IrExpr, range: SourceRange): IrExpr {
  return { kind: 'binary', op, left, right, range };
}

export function neg(a: IrExpr, range: SourceRange): IrExpr {
  if (a.kind === 'number') return num(-a.value, range);
  if (a.kind === 'unary' && a.op === '-') return a.operand;
  return { kind: 'unary', op: '-', operand: a, range };
}

export const add = (a: IrExpr, b: IrExpr, range: SourceRange): IrExpr => apply(PRIMITIVES.add, a, b, range);
export const mul = (a: IrExpr, b: IrExpr, range: SourceRange): IrExpr => apply(PRIMITIVES.mul, a, b, range);

/** The registry's operations over IR expressions at one source range; `primal` answers for numbers only. */
function irOps(range: SourceRange, primal: (t: IrExpr) => number): Ops<IrExpr> {
  return buildOps<IrExpr>((p, a, b) => apply(p, a, b, range), (c) => num(c, range), primal);
}

/** What a rule that looks at a value sees, one value per probe: its expression must not depend on which. */
const PROBES = [Number.NaN, 0.5, -1e30];

/**
 * ∂p(a, b)/∂(argument `which`) as an IR expression, from the registry's own rule run over IR. A rule
 * that branches on a value (`primal`) is read at several probe values: when every probe gives the same
 * expression, the branch only settles a convention at isolated points (pow's exponent 0, atan2 at the
 * origin) and the expression holds everywhere else, which the check before showing confirms; when
 * they differ (min/max choose an argument, log_ndtr switches formula in its tail) the rule cannot be
 * written as one expression yet, and the generator says so at `range`.
 */
export function symbolicPartial(p: ScalarPrimitive, which: number, a: IrExpr, b: IrExpr, out: IrExpr, range: SourceRange): IrExpr {
  const rule = p.partials[which]!;
  let looked = false;
  const run = (probe: number): IrExpr =>
    rule(
      irOps(range, (t) => {
        if (t.kind === 'number') return t.value;
        looked = true;
        return probe;
      }),
      a,
      b,
      out,
    );
  const first = run(PROBES[0]!);
  if (!looked) return first;
  const key = JSON.stringify(stripRanges(first));
  if (PROBES.slice(1).every((probe) => JSON.stringify(stripRanges(run(probe))) === key)) return first;
  const byOrder = p.arity === 2 ? orderPartial(rule, a, b, out, range) : undefined;
  if (byOrder) return byOrder;
  throw new GradLensError(
    diagnostic('error', 'unsupported', `the derivative of ${p.name} chooses its formula by value, which GradLens cannot write as one expression yet`, range),
  );
}

/**
 * A rule that chooses by how its two operands compare (minimum and maximum pick one, half each at a
 * tie), written as `r< if a < b else (r= if a == b else r>)`: the rule is run once for each order of
 * the operands' values, and must look at nothing else and give a number each time.
 */
function orderPartial(rule: ScalarPrimitive['partials'][number], a: IrExpr, b: IrExpr, out: IrExpr, range: SourceRange): IrExpr | undefined {
  const orders: readonly (readonly [number, number])[] = [[0, 1], [0, 0], [1, 0]];
  const results: number[] = [];
  for (const [va, vb] of orders) {
    let foreign = false;
    const r = rule(
      irOps(range, (t) => {
        if (t === a) return va;
        if (t === b) return vb;
        foreign = true;
        return Number.NaN;
      }),
      a,
      b,
      out,
    );
    if (foreign || r.kind !== 'number') return undefined;
    results.push(r.value);
  }
  const [less, tie, greater] = results as [number, number, number];
  const test = (op: '<' | '==', x: IrExpr, y: IrExpr): IrExpr => ({ kind: 'compare', ops: [op], operands: [x, y], range });
  const pick = (t: IrExpr, yes: IrExpr, no: IrExpr): IrExpr => (JSON.stringify(stripRanges(yes)) === JSON.stringify(stripRanges(no)) ? yes : { kind: 'conditional', test: t, then: yes, else: no, range });
  return pick(test('<', a, b), num(less, range), pick(test('==', a, b), num(tie, range), num(greater, range)));
}

function stripRanges(e: unknown): unknown {
  if (Array.isArray(e)) return e.map(stripRanges);
  if (e && typeof e === 'object') return Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'range').map(([k, v]) => [k, stripRanges(v)]));
  return e;
}

/** The scalar primitive an intrinsic call names, when it has one of its own. */
export function primitiveNamed(name: string): ScalarPrimitive | undefined {
  return Object.prototype.hasOwnProperty.call(PRIMITIVES, name) ? PRIMITIVES[name as ScalarPrimitiveName] : undefined;
}
