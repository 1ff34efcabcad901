import { buildOps, PRIMITIVES } from '../primitives/registry';
import type { Ops, ScalarPrimitive } from '../primitives/types';
import { valueLoop } from './loops';
import { filled } from './ndarray';

/**
 * A primitive's partial rule evaluated once over whole arrays, instead of once per element.
 *
 * The rules are written against `Ops<T>` and run over numbers, dual numbers, strings (the webview's
 * rule texts) and probes (the form classifier in elementwise.ts). V8 keeps one set of type feedback
 * per function, so inside a rule every `k.mul(…)` has seen all of those and is a slow generic call:
 * a rule applied per element costs about 20 ns an element. Over `VectorOps` the rule runs once per
 * array operation and each of its operations is one tight loop (`valueLoop`), so ∂(x²)/∂x = 2·x¹
 * over 2,000 elements is two loops, not 2,000 generic calls.
 *
 * A lane is a number (the same for every element: a constant, or an untracked scalar operand such
 * as the 2 of `x ** 2`) or an array. A rule that branches on an element's value (`primal` of an
 * array: pow's convention at 0 when the exponent is an array, min/max ties) cannot run this way;
 * `partialOverArrays` then answers `undefined` and the caller takes the per-element loop.
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
 * computed and used, given back right after (`release`), so a sweep makes no garbage for them.
 */
const free = new Map<number, Float64Array[]>();
const lent: Float64Array[] = [];
const FREE_PER_LENGTH = 8;

function borrow(n: number): Float64Array {
  const a = free.get(n)?.pop() ?? new Float64Array(n);
  lent.push(a);
  return a;
}

/** Gives back every buffer lent since `mark` (what `partialOverArrays` returned included). */
export function releaseScratch(mark: number): void {
  for (let i = mark; i < lent.length; i++) {
    const a = lent[i]!;
    let list = free.get(a.length);
    if (!list) free.set(a.length, (list = []));
    if (list.length < FREE_PER_LENGTH) list.push(a);
  }
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
  valueLoop(mulPrimitive, filled(s.c, length), s.x, out);
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
    valueLoop(p, laneArray(x), laneArray(y), out);
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
