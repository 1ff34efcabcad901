import { BufferPool } from '../bufferPool';
import { buildOps, PRIMITIVES } from '../primitives/registry';
import type { Ops, ScalarPrimitive } from '../primitives/types';
import { lanewiseApply } from './lanewise';
import { valueLoop } from './loops';
import { filled } from './ndarray';

/**
 * A primitive's partial rule evaluated once over whole arrays, instead of once per element.
 *
 * Most array operations in numeric code have an operand that is one number for every element: the
 * 2 of `x ** 2`, the 100 of `100 * x`, the 1 of `1 - x`. Run once with that number as a number, the
 * registry's rule collapses — ∂(x²)/∂x = 2·x¹ becomes "2 times x" (`Scaled`, no loop at all, since
 * the registry declares x¹ = x), ∂(x/c)/∂x becomes one number — and the sweep multiplies it into
 * the adjoint in the pass it makes anyway. Per element, the same rule would be evaluated 2,000 times.
 * Where no operand is uniform, each operation of the rule is one loop (a SIMD kernel where the
 * registry allows, lanewise.ts, else `valueLoop`); elementwise.ts
 * prefers a per-element loop fused with the adjoint product there when loops.ts has one.
 *
 * A lane is a number (the same for every element), an array, or a constant times an array. A rule
 * that branches on an element's value (`primal` of an array: pow's convention at 0 when the
 * exponent is an array, min/max ties) cannot run this way; `partialOverArrays` then answers
 * `undefined` and the caller takes the per-element loop.
 */
export type Lane = number | Float64Array | Scaled;

/**
 * c·x for an array x, left unevaluated: most partials are a constant times an array (∂(x²)/∂x = 2·x,
 * ∂(c·x)/∂x = c), and the sweep multiplies it into the adjoint in the same loop. Evaluated, it is
 * the registry's own `mul(c, x[i])`, so the bits are the same either way. One level only: c·(d·x)
 * is evaluated as written, never folded into (c·d)·x, which rounds differently.
 */
export class Scaled {
  constructor(
    readonly c: number,
    readonly x: Float64Array,
  ) {}
}

const mulPrimitive = PRIMITIVES.mul;
const mul = mulPrimitive.value;

/** Thrown by `primal` on an array lane: this rule must be evaluated element by element. */
const PER_ELEMENT = Symbol('per-element');

/**
 * Buffers for a rule's intermediate arrays, reused across calls: borrowed while one partial is
 * computed and used, given back right after (`releaseScratch`), so a sweep makes no garbage for them.
 * At most 8 of a length and 8 MiB in all (bufferPool.ts).
 */
const free = new BufferPool<Float64Array>(8 << 20, 8, (a) => a.byteLength);
const lent: Float64Array[] = [];

function borrow(n: number): Float64Array {
  const a = free.take(n) ?? new Float64Array(n);
  lent.push(a);
  return a;
}

/** Gives back every buffer lent since `mark` (what `partialOverArrays` returned included). */
export function releaseScratch(mark: number): void {
  for (let i = mark; i < lent.length; i++) free.give(lent[i]!.length, lent[i]!);
  lent.length = mark;
}

/** Where the next borrowed buffer goes: pass it to `releaseScratch` when done. */
export function scratchMark(): number {
  return lent.length;
}

/** The length of the arrays in play (every array lane has the operation's length). */
let length = 0;

function laneArray(x: Lane): Float64Array {
  if (typeof x === 'number') return filled(x, length);
  if (x instanceof Scaled) return evaluateScaled(x);
  return x;
}

function evaluateScaled(s: Scaled): Float64Array {
  const out = borrow(length);
  if (lanewiseApply(mulPrimitive, s.c, s.x, out) === undefined) valueLoop(mulPrimitive, filled(s.c, length), s.x, out);
  return out;
}

const vectorOps: Ops<Lane> = buildOps<Lane>(
  (p: ScalarPrimitive, x: Lane, y: Lane): Lane => {
    if (typeof x === 'number' && typeof y === 'number') return p.value(x, y);
    // x ** 1 is x itself, as the registry declares: no loop.
    if (typeof y === 'number' && p.identityForSecond?.(y) === true) return x;
    if (p === mulPrimitive && typeof x === 'number' && y instanceof Float64Array) return new Scaled(x, y);
    if (p === mulPrimitive && typeof y === 'number' && x instanceof Float64Array) return new Scaled(y, x);
    const out = borrow(length);
    // Domain verdicts and non-finite values were settled when the operation's value was computed;
    // a partial's own intermediate values need no second verdict.
    const xs = x instanceof Scaled ? evaluateScaled(x) : x;
    const ys = y instanceof Scaled ? evaluateScaled(y) : y;
    if (lanewiseApply(p, xs, ys, out) === undefined) valueLoop(p, laneArray(xs), laneArray(ys), out);
    return out;
  },
  (c) => c,
  (t) => {
    if (typeof t === 'number') return t;
    throw PER_ELEMENT;
  },
);

/** A lane as numbers: a number, or an array (borrowed when it had to be evaluated). */
export function evaluateLane(x: Lane, n: number): number | Float64Array {
  if (!(x instanceof Scaled)) return x;
  length = n;
  return evaluateScaled(x);
}

/** The registry's mul, for loops that evaluate a `Scaled` element by element. */
export { mul as scaledTimes };

/**
 * ∂ₖ p over the whole operation: a number when it is the same for every element, an array (borrowed:
 * read it before `releaseScratch`) or a constant times an array otherwise, or undefined when the
 * rule branches per element.
 */
export function partialOverArrays(p: ScalarPrimitive, k: number, a: Lane, b: Lane, out: Float64Array): Lane | undefined {
  length = out.length;
  try {
    return p.partials[k]!(vectorOps, a, b, out);
  } catch (e) {
    if (e === PER_ELEMENT) return undefined;
    throw e;
  }
}
