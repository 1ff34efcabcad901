import { fail } from '../../core/diagnostic';
import type { IrBinaryOp, IrCompareOp } from '../../ir/nodes';
import { PRIMITIVES } from '../primitives/registry';
import type { Runtime } from './runtime';
import { NoneValue, RangeValue, SequenceValue, Tracked, typeName, type Value } from './values';

const P = PRIMITIVES;

/** A number-like operand: booleans count as 0 and 1, as in Python. */
export function asScalar(v: Value): number | Tracked | undefined {
  if (typeof v === 'number' || v instanceof Tracked) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

export function requireScalar(rt: Runtime, v: Value, site: number, what: string): number | Tracked {
  const s = asScalar(v);
  if (s === undefined) fail('type', `${what} needs a number, got ${typeName(v)}`, rt.sites[site]!);
  return s;
}

/** Python's `%`: the sign of the divisor. d/da = 1, d/db = −floor(a/b). */
export function modulo(rt: Runtime, a: number | Tracked, b: number | Tracked, site: number): number | Tracked {
  const q = rt.apply(P.floor, rt.apply(P.div, a, b, site), 0, site, true);
  return rt.apply(P.sub, a, rt.apply(P.mul, b, q, site), site);
}

export function floorDivide(rt: Runtime, a: number | Tracked, b: number | Tracked, site: number): number | Tracked {
  return rt.apply(P.floor, rt.apply(P.div, a, b, site), 0, site, true);
}

export function scalarBinary(rt: Runtime, op: IrBinaryOp, a: number | Tracked, b: number | Tracked, site: number): number | Tracked {
  // Constants fold without touching the tape; division by zero still goes through the primitive so
  // that its error is the same everywhere.
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      default:
        break;
    }
  }
  switch (op) {
    case '+':
      return rt.apply(P.add, a, b, site);
    case '-':
      return rt.apply(P.sub, a, b, site);
    case '*':
      return rt.apply(P.mul, a, b, site);
    case '/':
      return rt.apply(P.div, a, b, site);
    case '**':
      return rt.apply(P.pow, a, b, site);
    case '//':
      return floorDivide(rt, a, b, site);
    case '%':
      return modulo(rt, a, b, site);
    case '@':
      return fail('type', 'the @ operator needs arrays, and both operands here are numbers', rt.sites[site]!);
  }
}

export function binary(rt: Runtime, op: IrBinaryOp, left: Value, right: Value, site: number): Value {
  const a = asScalar(left);
  const b = asScalar(right);
  if (a !== undefined && b !== undefined) return scalarBinary(rt, op, a, b, site);
  if (left instanceof SequenceValue && right instanceof SequenceValue && op === '+' && left.isTuple === right.isTuple) {
    rt.allocate(8 * (left.items.length + right.items.length), site);
    return new SequenceValue([...left.items, ...right.items], left.isTuple);
  }
  if (op === '*' && (left instanceof SequenceValue || right instanceof SequenceValue)) {
    const seq = (left instanceof SequenceValue ? left : right) as SequenceValue;
    const count = left instanceof SequenceValue ? b : a;
    if (typeof count === 'number' && Number.isInteger(count)) {
      const n = Math.max(0, count);
      rt.allocate(8 * seq.items.length * n, site);
      const items: Value[] = [];
      for (let i = 0; i < n; i++) items.push(...seq.items);
      return new SequenceValue(items, seq.isTuple);
    }
  }
  return fail('type', `unsupported operand types for ${op}: ${typeName(left)} and ${typeName(right)}`, rt.sites[site]!);
}

export function negate(rt: Runtime, v: Value, site: number): Value {
  const s = requireScalar(rt, v, site, 'unary minus');
  return typeof s === 'number' ? -s : rt.apply(P.neg, s, 0, site);
}

export function truthy(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v instanceof Tracked) return v.value !== 0;
  if (v instanceof NoneValue) return false;
  if (v instanceof SequenceValue) return v.items.length > 0;
  if (v instanceof RangeValue) return v.length > 0;
  if (typeof v === 'string') return v.length > 0;
  return true;
}

/** Comparisons look at primal values only: control flow follows the point, as in the seeds. */
export function compare(rt: Runtime, op: IrCompareOp, left: Value, right: Value, site: number): boolean {
  const a = asScalar(left);
  const b = asScalar(right);
  if (a !== undefined && b !== undefined) {
    const x = typeof a === 'number' ? a : a.value;
    const y = typeof b === 'number' ? b : b.value;
    switch (op) {
      case '<':
        return x < y;
      case '<=':
        return x <= y;
      case '>':
        return x > y;
      case '>=':
        return x >= y;
      case '==':
        return x === y;
      case '!=':
        return x !== y;
    }
  }
  if (op === '==' || op === '!=') {
    const same = structurallyEqual(left, right);
    return op === '==' ? same : !same;
  }
  return fail('type', `cannot compare ${typeName(left)} with ${typeName(right)} using ${op}`, rt.sites[site]!);
}

function structurallyEqual(a: Value, b: Value): boolean {
  const x = asScalar(a);
  const y = asScalar(b);
  if (x !== undefined && y !== undefined) return (typeof x === 'number' ? x : x.value) === (typeof y === 'number' ? y : y.value);
  if (a instanceof SequenceValue && b instanceof SequenceValue) {
    return a.items.length === b.items.length && a.items.every((v, i) => structurallyEqual(v, b.items[i]!));
  }
  return a === b;
}
