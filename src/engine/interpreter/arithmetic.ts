import { PRIMITIVES } from '../primitives/registry';
import type { Runtime } from './runtime';
import { Tracked } from './values';

const P = PRIMITIVES;
const ADD = P.add.opcode;
const SUB = P.sub.opcode;
const MUL = P.mul.opcode;
const POW = P.pow.opcode;

/**
 * +, −, × and `a ** 2` of scalars, recording the rows `Runtime.apply` records, bit for bit: the
 * same value (the registry's add, sub and mul are one IEEE operation each; its pow of exponent 2 is
 * a·a), the same partials (add's 1 and 1, sub's 1 and −1, mul's other operand, and the square's
 * 2·a, which is the rule's b·a^(b−1) with a^1 = a), the same constant operand. These primitives
 * have no domain and no zero-derivative flag, so what `apply` does besides is its generic dispatch:
 * a call through the primitive's value, a look-up of each partial's form. Scalar loops spend most
 * of their time in these four. A result that is not finite goes through `apply`, which says where
 * it arose or refuses it.
 */

export function addScalars(rt: Runtime, a: number | Tracked, b: number | Tracked, site: number): number | Tracked {
  const ta = typeof a !== 'number';
  const tb = typeof b !== 'number';
  const av = ta ? a.value : a;
  const bv = tb ? b.value : b;
  const out = av + bv;
  if (out - out !== 0) return rt.apply(P.add, a, b, site);
  if (!ta && !tb) return out;
  const tape = rt.tape!;
  const id = tape.pushRow(ADD, ta ? a.id : -1, tb ? b.id : -1, site);
  tape.value[id] = out;
  tape.partial0[id] = ta ? 1 : 0;
  tape.partial1[id] = tb ? 1 : 0;
  tape.constant[id] = !ta ? av : !tb ? bv : 0;
  return new Tracked(id, out);
}

export function subtractScalars(rt: Runtime, a: number | Tracked, b: number | Tracked, site: number): number | Tracked {
  const ta = typeof a !== 'number';
  const tb = typeof b !== 'number';
  const av = ta ? a.value : a;
  const bv = tb ? b.value : b;
  const out = av - bv;
  if (out - out !== 0) return rt.apply(P.sub, a, b, site);
  if (!ta && !tb) return out;
  const tape = rt.tape!;
  const id = tape.pushRow(SUB, ta ? a.id : -1, tb ? b.id : -1, site);
  tape.value[id] = out;
  tape.partial0[id] = ta ? 1 : 0;
  tape.partial1[id] = tb ? -1 : 0;
  tape.constant[id] = !ta ? av : !tb ? bv : 0;
  return new Tracked(id, out);
}

export function multiplyScalars(rt: Runtime, a: number | Tracked, b: number | Tracked, site: number): number | Tracked {
  const ta = typeof a !== 'number';
  const tb = typeof b !== 'number';
  const av = ta ? a.value : a;
  const bv = tb ? b.value : b;
  const out = av * bv;
  if (out - out !== 0) return rt.apply(P.mul, a, b, site);
  if (!ta && !tb) return out;
  const tape = rt.tape!;
  const id = tape.pushRow(MUL, ta ? a.id : -1, tb ? b.id : -1, site);
  tape.value[id] = out;
  tape.partial0[id] = ta ? bv : 0;
  tape.partial1[id] = tb ? av : 0;
  tape.constant[id] = !ta ? av : !tb ? bv : 0;
  return new Tracked(id, out);
}

/**
 * `a ** 2` with the exponent a literal 2. At a = 0 (and nan) pow's domain has something to say, and
 * a non-finite square needs `apply`'s note: both go through `apply`.
 */
export function squareScalar(rt: Runtime, a: number | Tracked, site: number): number | Tracked {
  const ta = typeof a !== 'number';
  const av = ta ? a.value : a;
  const out = av * av;
  if (!(av > 0 || av < 0) || out - out !== 0) return rt.apply(P.pow, a, 2, site);
  if (!ta) return out;
  const tape = rt.tape!;
  const id = tape.pushRow(POW, a.id, -1, site);
  tape.value[id] = out;
  tape.partial0[id] = 2 * av;
  tape.partial1[id] = 0;
  tape.constant[id] = 2;
  return new Tracked(id, out);
}
