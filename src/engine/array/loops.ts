import { numberOps } from '../primitives/registry';
import { SCALAR_PRIMITIVES } from '../primitives/scalar';
import type { ScalarPrimitive } from '../primitives/types';

/**
 * The per-element loops of `elementwise`, calling the registry's own `value` and partial rules.
 * One generic loop would call every primitive through one call site, which V8 cannot inline
 * (about 9 ns an element instead of 1.5). So the primitives that dominate numeric code get a loop
 * of their own below — each still calls the registry entry, nothing restates the math — and the
 * rest share the generic loop.
 */

const byName = (name: string): ScalarPrimitive => SCALAR_PRIMITIVES.find((p) => p.name === name)!;
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

/** out[i] = p.value(a[i], b[i]). */
export function valueLoop(p: ScalarPrimitive, a: Float64Array, b: Float64Array, out: Float64Array): void {
  const n = out.length;
  switch (p.name) {
    case 'add':
      for (let i = 0; i < n; i++) out[i] = add(a[i]!, b[i]!);
      return;
    case 'sub':
      for (let i = 0; i < n; i++) out[i] = sub(a[i]!, b[i]!);
      return;
    case 'mul':
      for (let i = 0; i < n; i++) out[i] = mul(a[i]!, b[i]!);
      return;
    case 'div':
      for (let i = 0; i < n; i++) out[i] = div(a[i]!, b[i]!);
      return;
    case 'pow':
      for (let i = 0; i < n; i++) out[i] = pow(a[i]!, b[i]!);
      return;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = exp(a[i]!, 0);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = tanh(a[i]!, 0);
      return;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = log(a[i]!, 0);
      return;
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = neg(a[i]!, 0);
      return;
    case 'maximum':
      for (let i = 0; i < n; i++) out[i] = maximum(a[i]!, b[i]!);
      return;
    default: {
      const f = p.value;
      for (let i = 0; i < n; i++) out[i] = f(a[i]!, b[i]!);
    }
  }
}

const tanhPartial = byName('tanh').partials[0]!;
const powBase = byName('pow').partials[0]!;
const divDenominator = byName('div').partials[1]!;
const divNumerator = byName('div').partials[0]!;

/** q[i] = ∂ₖ p at element i: the registry's rule over numbers. */
export function partialLoop(p: ScalarPrimitive, k: number, a: Float64Array, b: Float64Array, out: Float64Array, q: Float64Array): void {
  const n = out.length;
  const key = `${p.name}/${k}`;
  switch (key) {
    case 'tanh/0':
      for (let i = 0; i < n; i++) q[i] = tanhPartial(numberOps, a[i]!, b[i]!, out[i]!);
      return;
    case 'pow/0':
      for (let i = 0; i < n; i++) q[i] = powBase(numberOps, a[i]!, b[i]!, out[i]!);
      return;
    case 'div/0':
      for (let i = 0; i < n; i++) q[i] = divNumerator(numberOps, a[i]!, b[i]!, out[i]!);
      return;
    case 'div/1':
      for (let i = 0; i < n; i++) q[i] = divDenominator(numberOps, a[i]!, b[i]!, out[i]!);
      return;
    default: {
      const rule = p.partials[k]!;
      for (let i = 0; i < n; i++) q[i] = rule(numberOps, a[i]!, b[i]!, out[i]!);
    }
  }
}

const powDomain = byName('pow').domain!;
const divDomain = byName('div').domain!;
const logDomain = byName('log').domain!;

/**
 * The index of the first element on which the registry's domain rule has a verdict, or -1. The
 * common domains get a loop of their own so V8 can inline the rule (through one shared call site
 * it costs a call per element); the verdicts themselves are the registry's.
 */
export function firstDomainVerdict(p: ScalarPrimitive, a: Float64Array, b: Float64Array, out: Float64Array, ta: boolean, tb: boolean): number {
  const n = out.length;
  switch (p.name) {
    case 'pow':
      for (let i = 0; i < n; i++) if (powDomain(a[i]!, b[i]!, out[i]!, ta, tb) !== undefined) return i;
      return -1;
    case 'div':
      for (let i = 0; i < n; i++) if (divDomain(a[i]!, b[i]!, out[i]!, ta, tb) !== undefined) return i;
      return -1;
    case 'log':
      for (let i = 0; i < n; i++) if (logDomain(a[i]!, b[i]!, out[i]!, ta, tb) !== undefined) return i;
      return -1;
    default: {
      const domain = p.domain;
      if (domain === undefined) return -1;
      for (let i = 0; i < n; i++) if (domain(a[i]!, b[i]!, out[i]!, ta, tb) !== undefined) return i;
      return -1;
    }
  }
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
