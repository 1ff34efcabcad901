import type { IrComprehension, IrExpr, IrTarget } from '../ir/nodes';
import { num } from './expressions';
import type { Lowering } from './lowering';
import { listLength, packList } from './lists';
import { mentionsActive, refuse, type Env, type Operand, type Step } from './steps';

/**
 * A list comprehension kept as a value (`sq = [v * v for v in (x, y, x * y)]`) over sequences whose
 * length is known where it is made — a list of differentiated numbers (lists.ts), a list or tuple
 * written out, `range(n)` of a number — written out item by item: the element once per item with
 * the comprehension's variables bound to it, the results made into a list of differentiated numbers
 * (so `sq[1]`, `sum(sq)`, `for s in sq` work as on any such list). An `if` clause is decided here
 * when it compares numbers known here; one that reads a differentiated value would make the list's
 * length depend on the point, and is refused. (`sum(… for …)` is written as its loop, lists.ts.)
 */

/** At most this many items are written out: more is a loop to write, not a list. */
const MAX_ITEMS = 32;

export function lowerComprehension(t: Lowering, c: IrComprehension, env: Env, out: Step[], hint: string | undefined): Operand | undefined {
  if ((c.result !== 'list' && c.result !== 'generator') || c.key || !mentionsActive(c, env)) return undefined;
  const items: Operand[] = [];
  const expand = (k: number, scope: Env): void => {
    const clause = c.clauses[k];
    if (!clause) {
      if (items.length >= MAX_ITEMS) refuse(`a comprehension of more than ${MAX_ITEMS} items is not written yet (only inside sum(…))`, c.range);
      items.push(t.value(c.element, scope, out));
      return;
    }
    if (clause.kind === 'if') {
      const test = decided(t.inactive(clause.test, scope, true));
      if (test === undefined) refuse('an if in a comprehension kept as a list, unless it compares numbers known here, is not written yet (its length would depend on the point)', clause.range);
      if (test) expand(k + 1, scope);
      return;
    }
    const paired = pairedItems(t, clause.iterable, scope, out);
    const sequence = paired ?? knownItems(t, clause.iterable, scope, out)?.map((item) => [item]);
    if (!sequence) refuse('a comprehension kept as a list over something whose length is not known here is not written yet', clause.iterable.range);
    for (const parts of sequence!) {
      const inner: Env = new Map(scope);
      // enumerate and zip give tuples, unpacked by the target (`for k, s in enumerate(sq)`).
      if (paired && (clause.target.kind !== 'tuple' || clause.target.elements.length !== parts.length)) refuse('a comprehension over enumerate or zip is written when its variable unpacks each tuple', clause.target.range);
      if (paired) (clause.target as IrTarget & { kind: 'tuple' }).elements.forEach((x, i) => bind(x, parts[i]!, inner));
      else bind(clause.target, parts[0]!, inner);
      expand(k + 1, inner);
    }
  };
  expand(0, new Map(env));
  return packList(t, items, c.range, out, hint);
}

/** The items of a sequence of known length: a list of differentiated numbers, one written out, `range(n)` of a number. */
function knownItems(t: Lowering, e: IrExpr, env: Env, out: Step[]): readonly Operand[] | undefined {
  if (e.kind === 'name') return env.get(e.name)?.items;
  if (e.kind === 'list' || e.kind === 'tuple') return e.elements.some((x) => x.kind === 'spread') ? undefined : e.elements.map((x) => t.value(x, env, out));
  const isRange = e.kind === 'call' && (e.callee.kind === 'intrinsic' || (e.callee.kind === 'name' && !env.has(e.callee.name))) && (e.callee as { name: string }).name === 'range' && e.keywords.length === 0;
  if (!isRange || e.kind !== 'call') return undefined;
  const bounds = e.args.map((a) => (a.kind === 'number' ? a.value : listLength(a, env)));
  if (bounds.length === 0 || bounds.length > 3 || bounds.some((b) => b === undefined || !Number.isInteger(b))) return undefined;
  const [start, stop, step] = bounds.length === 1 ? [0, bounds[0]!, 1] : [bounds[0]!, bounds[1]!, bounds[2] ?? 1];
  if (step === 0) return undefined;
  const values: Operand[] = [];
  for (let v = start!; step! > 0 ? v < stop! : v > stop!; v += step!) {
    if (values.length > MAX_ITEMS) break;
    values.push({ expr: num(v, e.range), active: false });
  }
  return values;
}

/** `enumerate(xs)` and `zip(xs, ys, …)` of sequences of known length: each position's tuple, as its parts. */
function pairedItems(t: Lowering, e: IrExpr, env: Env, out: Step[]): Operand[][] | undefined {
  if (e.kind !== 'call' || e.keywords.length > 0 || (e.callee.kind !== 'intrinsic' && (e.callee.kind !== 'name' || env.has(e.callee.name)))) return undefined;
  const which = (e.callee as { name: string }).name;
  if (which === 'enumerate' && e.args.length === 1) {
    const items = knownItems(t, e.args[0]!, env, out);
    return items?.map((item, k) => [{ expr: num(k, e.range), active: false }, item]);
  }
  if (which !== 'zip' || e.args.length === 0) return undefined;
  const sequences = e.args.map((a) => knownItems(t, a, env, out));
  if (sequences.some((s) => !s)) return undefined;
  const length = Math.min(...sequences.map((s) => s!.length));
  return Array.from({ length }, (_, k) => sequences.map((s) => s![k]!));
}

function bind(target: IrTarget, item: Operand, env: Env): void {
  if (target.kind === 'name') {
    env.set(target.name, item);
    return;
  }
  if (target.kind === 'tuple' && item.items && item.items.length === target.elements.length) {
    target.elements.forEach((x, i) => bind(x, item.items![i]!, env));
    return;
  }
  refuse('a comprehension variable that unpacks something other than a list of known length is not written yet', target.range);
}

const COMPARE: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

function numberValue(x: IrExpr): number | undefined {
  if (x.kind === 'number') return x.value;
  if (x.kind !== 'unary' || x.op !== '-') return undefined;
  const v = numberValue(x.operand);
  return v === undefined ? undefined : -v;
}

/** A test of numbers known here (`b != 2.0` with b from `(1.0, 2.0, 3.0)`): its value; undefined when it is not one. */
function decided(e: IrExpr): boolean | undefined {
  if (e.kind === 'bool') return e.value;
  if (e.kind === 'unary' && e.op === 'not') {
    const inner = decided(e.operand);
    return inner === undefined ? undefined : !inner;
  }
  if (e.kind !== 'compare' || e.ops.some((op) => !COMPARE[op])) return undefined;
  const values = e.operands.map(numberValue);
  if (values.some((v) => v === undefined)) return undefined;
  return e.ops.every((op, i) => COMPARE[op]!(values[i]!, values[i + 1]!));
}
