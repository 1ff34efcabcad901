import { numberOps } from '../primitives/registry';
import { SCALAR_PRIMITIVES } from '../primitives/scalar';
import type { ScalarPrimitive, ScalarPrimitiveName } from '../primitives/types';

/**
 * The per-element loops of `elementwise`, calling the registry's own `value`, domain and partial
 * rules. One generic loop would call every primitive through one call site, which V8 cannot inline
 * (about 9 ns an element instead of 1.5). So the primitives that dominate numeric code get a loop
 * of their own below — each still calls the registry entry, nothing restates the math — and the
 * rest share the generic loop.
 *
 * Each loop is its own small function, found by op code, so that V8 compiles and inlines each on
 * its own rather than as branches of one large function.
 *
 * Partial rules are evaluated over whole arrays (vectorRules.ts) where an operand is one number for
 * every element (the rule then collapses to a constant or a constant times an array), and per
 * element otherwise: inside the product with the adjoint (`partialTimesLoop`) for the common rules,
 * as whole-array loops for the rest, and `partialLoop` for rules that branch per element.
 */

const byName = (name: string): ScalarPrimitive => SCALAR_PRIMITIVES.find((p) => p.name === name)!;

/** One small function per primitive name, as an array indexed by op code. */
function byOpcode<F>(loops: Partial<Record<ScalarPrimitiveName, F>>): readonly (F | undefined)[] {
  return SCALAR_PRIMITIVES.map((p) => loops[p.name]);
}

type Loop = (a: Float64Array, b: Float64Array, out: Float64Array) => void;

const add = byName('add').value;
const sub = byName('sub').value;
const mul = byName('mul').value;
const div = byName('div').value;
const pow = byName('pow').value;
const exp = byName('exp').value;
const tanh = byName('tanh').value;
const log = byName('log').value;
const neg = byName('neg').value;
const maximum = byName('maximum').value;

const VALUE_LOOPS = byOpcode<Loop>({
  add: (a, b, out) => {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = add(a[i]!, b[i]!);
  },
  sub: (a, b, out) => {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = sub(a[i]!, b[i]!);
  },
  mul: (a, b, out) => {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = mul(a[i]!, b[i]!);
  },
  div: (a, b, out) => {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = div(a[i]!, b[i]!);
  },
  pow: (a, b, out) => {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = pow(a[i]!, b[i]!);
  },
  exp: (a, _b, out) => {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = exp(a[i]!, 0);
  },
  tanh: (a, _b, out) => {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = tanh(a[i]!, 0);
  },
  log: (a, _b, out) => {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = log(a[i]!, 0);
  },
  neg: (a, _b, out) => {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = neg(a[i]!, 0);
  },
  maximum: (a, b, out) => {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = maximum(a[i]!, b[i]!);
  },
});

/** out[i] = p.value(a[i], b[i]). */
export function valueLoop(p: ScalarPrimitive, a: Float64Array, b: Float64Array, out: Float64Array): void {
  const loop = VALUE_LOOPS[p.opcode];
  if (loop !== undefined) return loop(a, b, out);
  const f = p.value;
  for (let i = 0; i < out.length; i++) out[i] = f(a[i]!, b[i]!);
}

const tanhPartial = byName('tanh').partials[0]!;
const powBase = byName('pow').partials[0]!;
const divNumerator = byName('div').partials[0]!;
const divDenominator = byName('div').partials[1]!;

/**
 * q[i] = ∂ₖ p at element i: the registry's rule over numbers. Only the fallback for rules that
 * branch on an element's value where the fused loop below does not apply (a broadcast operand), so
 * it has no per-primitive loops of its own.
 */
export function partialLoop(p: ScalarPrimitive, k: number, a: Float64Array, b: Float64Array, out: Float64Array, q: Float64Array): void {
  const rule = p.partials[k]!;
  for (let i = 0; i < out.length; i++) q[i] = rule(numberOps, a[i]!, b[i]!, out[i]!);
}

type PartialTimesLoop = (a: Float64Array, b: Float64Array, out: Float64Array, g: Float64Array, target: Float64Array) => void;

/**
 * target[i] += ∂ₖ p(a[i], b[i]) · g[i] in one pass, or g[i] = ∂ₖ · g[i] when `target` is g itself
 * (an adopted adjoint). For the rules that stay arrays over whole arrays (∂tanh = 1 − out², three
 * loops that way), evaluating the rule per element inside the product is one loop instead.
 */
const PARTIAL_TIMES_LOOPS: readonly (readonly (PartialTimesLoop | undefined)[])[] = [
  byOpcode<PartialTimesLoop>({
    tanh: (a, b, out, g, target) => {
      const n = out.length;
      if (target === g) for (let i = 0; i < n; i++) g[i] = tanhPartial(numberOps, a[i]!, b[i]!, out[i]!) * g[i]!;
      else for (let i = 0; i < n; i++) target[i] = target[i]! + tanhPartial(numberOps, a[i]!, b[i]!, out[i]!) * g[i]!;
    },
    pow: (a, b, out, g, target) => {
      const n = out.length;
      if (target === g) for (let i = 0; i < n; i++) g[i] = powBase(numberOps, a[i]!, b[i]!, out[i]!) * g[i]!;
      else for (let i = 0; i < n; i++) target[i] = target[i]! + powBase(numberOps, a[i]!, b[i]!, out[i]!) * g[i]!;
    },
    div: (a, b, out, g, target) => {
      const n = out.length;
      if (target === g) for (let i = 0; i < n; i++) g[i] = divNumerator(numberOps, a[i]!, b[i]!, out[i]!) * g[i]!;
      else for (let i = 0; i < n; i++) target[i] = target[i]! + divNumerator(numberOps, a[i]!, b[i]!, out[i]!) * g[i]!;
    },
  }),
  byOpcode<PartialTimesLoop>({
    div: (a, b, out, g, target) => {
      const n = out.length;
      if (target === g) for (let i = 0; i < n; i++) g[i] = divDenominator(numberOps, a[i]!, b[i]!, out[i]!) * g[i]!;
      else for (let i = 0; i < n; i++) target[i] = target[i]! + divDenominator(numberOps, a[i]!, b[i]!, out[i]!) * g[i]!;
    },
  }),
];

/** The one-pass loop for ∂ₖ p times an adjoint, when p has one (see PARTIAL_TIMES_LOOPS). */
export function partialTimesLoop(p: ScalarPrimitive, k: number): PartialTimesLoop | undefined {
  return PARTIAL_TIMES_LOOPS[k]![p.opcode];
}

type DomainLoop = (a: Float64Array, b: Float64Array, out: Float64Array, ta: boolean, tb: boolean) => number;

const powDomain = byName('pow').domain!;
const divDomain = byName('div').domain!;
const logDomain = byName('log').domain!;

const DOMAIN_LOOPS = byOpcode<DomainLoop>({
  pow: (a, b, out, ta, tb) => {
    const n = out.length;
    for (let i = 0; i < n; i++) if (powDomain(a[i]!, b[i]!, out[i]!, ta, tb) !== undefined) return i;
    return -1;
  },
  div: (a, b, out, ta, tb) => {
    const n = out.length;
    for (let i = 0; i < n; i++) if (divDomain(a[i]!, b[i]!, out[i]!, ta, tb) !== undefined) return i;
    return -1;
  },
  log: (a, b, out, ta, tb) => {
    const n = out.length;
    for (let i = 0; i < n; i++) if (logDomain(a[i]!, b[i]!, out[i]!, ta, tb) !== undefined) return i;
    return -1;
  },
});

/**
 * The index of the first element on which the registry's domain rule has a verdict, or -1. The
 * common domains get a loop of their own so V8 can inline the rule (through one shared call site
 * it costs a call per element); the verdicts themselves are the registry's.
 */
export function firstDomainVerdict(p: ScalarPrimitive, a: Float64Array, b: Float64Array, out: Float64Array, ta: boolean, tb: boolean): number {
  const loop = DOMAIN_LOOPS[p.opcode];
  if (loop !== undefined) return loop(a, b, out, ta, tb);
  const domain = p.domain;
  if (domain === undefined) return -1;
  for (let i = 0; i < out.length; i++) if (domain(a[i]!, b[i]!, out[i]!, ta, tb) !== undefined) return i;
  return -1;
}

/**
 * Whether every element of `out` is finite: x·0 is 0 for finite x and NaN otherwise, so the sums
 * stay 0 exactly when all are. Four sums, so no add waits on the one before (a branch per element,
 * or one running sum, costs about three times as much).
 */
export function allFinite(out: Float64Array): boolean {
  const n = out.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += out[i]! * 0;
    s1 += out[i + 1]! * 0;
    s2 += out[i + 2]! * 0;
    s3 += out[i + 3]! * 0;
  }
  for (; i < n; i++) s0 += out[i]! * 0;
  return s0 + s1 + s2 + s3 === 0;
}
