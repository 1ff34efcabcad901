import { SCALAR_PRIMITIVES } from './scalar';
import type { Ops, PartialRule, ScalarPrimitive } from './types';

/**
 * The form of each partial rule, derived once by evaluating the rule symbolically: a constant
 * (∂(a+b)/∂a = 1), one of the rule's own arguments (∂(ab)/∂a = b, d eᵃ = eᵃ is the output), or
 * anything else. A constant or an argument needs no call of the rule: the scalar tape reads it
 * directly (Runtime.apply), and array nodes store no partial array for it (array/elementwise.ts).
 * Both give exactly what the rule would return, since the rule returns that very number.
 */

/** A rule's form: a constant, argument 0/1 or the output (2) itself, or anything else. */
export type PartialForm = { readonly kind: 'constant'; readonly c: number } | { readonly kind: 'argument'; readonly which: 0 | 1 | 2 } | { readonly kind: 'general' };

interface Probe {
  readonly dep: boolean;
  readonly v: number;
}

/**
 * Evaluates a rule over values that remember whether they depend on the arguments. A rule that
 * looks at a value (`primal`, to branch) is general, whatever it returned at the probe point.
 */
function classify(p: ScalarPrimitive, rule: PartialRule): PartialForm {
  let branched = false;
  const ops: Record<string, unknown> = {
    constant: (c: number): Probe => ({ dep: false, v: c }),
    primal: (t: Probe): number => {
      if (t.dep) branched = true;
      return t.v;
    },
  };
  for (const q of SCALAR_PRIMITIVES) {
    ops[q.name] = (a: Probe, b: Probe = a): Probe => ({ dep: a.dep || b.dep, v: q.value(a.v, b.v) });
  }
  const a: Probe = { dep: true, v: 0.7 };
  const b: Probe = p.arity === 1 ? a : { dep: true, v: 1.3 };
  const out: Probe = { dep: true, v: p.value(a.v, b.v) };
  const r = rule(ops as unknown as Ops<Probe>, a, b, out);
  if (branched) return { kind: 'general' };
  if (r === out) return { kind: 'argument', which: 2 };
  if (r === a) return { kind: 'argument', which: 0 };
  if (r === b) return { kind: 'argument', which: 1 };
  if (!r.dep) return { kind: 'constant', c: r.v };
  return { kind: 'general' };
}

/** By op code, then partial index. */
export const PARTIAL_FORMS: readonly (readonly PartialForm[])[] = SCALAR_PRIMITIVES.map((p) => p.partials.map((rule) => classify(p, rule)));

/**
 * The same forms as flat tables for the scalar tape's hot path, at op code·2 + partial index:
 * FORM_CODE 0 a constant (FORM_CONSTANT), 1 argument a, 2 argument b, 3 the output, 4 general.
 */
export const FORM_CODE = new Int8Array(2 * SCALAR_PRIMITIVES.length).fill(4);
export const FORM_CONSTANT = new Float64Array(2 * SCALAR_PRIMITIVES.length);
PARTIAL_FORMS.forEach((forms, opcode) =>
  forms.forEach((f, k) => {
    const at = 2 * opcode + k;
    if (f.kind === 'constant') {
      FORM_CODE[at] = 0;
      FORM_CONSTANT[at] = f.c;
    } else if (f.kind === 'argument') FORM_CODE[at] = 1 + f.which;
  }),
);
