import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIMITIVES } from '../../../src/engine/primitives/registry';
import type { ScalarPrimitiveName } from '../../../src/engine/primitives/types';

/**
 * The special functions' values against test/oracle/special/special_values.json: mpmath at 40 digits
 * (the truth) and scipy.special (what users compare with), made by make_special_fixtures.py. Each
 * value is held to a relative tolerance times the function's condition number at the point
 * (|x·f′(x)/f(x)|, the error any float64 implementation inherits from rounding its argument), so a
 * tolerance is loose exactly where the problem is ill-conditioned — near a zero of f — and 1e-14
 * elsewhere.
 */

interface Entry {
  readonly args: number[];
  readonly mpmath: number;
  readonly scipy: number;
  readonly scipyLoose?: boolean;
}

const FIXTURES = JSON.parse(readFileSync(join(__dirname, '../../oracle/special/special_values.json'), 'utf8')) as {
  functions: Record<string, Entry[]>;
};

/** Relative accuracy asked of us, before conditioning. */
const REL = 5e-15;
/**
 * Looser for the real-order Bessel functions (besselReal.ts): J's recurrence normalisation and Y's
 * formula (J_a·cos aπ − J₋ₐ)/sin aπ, whose subtraction loses digits as a nears a whole order (measured
 * worst: J 3e-14, Y 3.4e-12 at a = 0.01; the domain refuses within 1e-3 of a whole order).
 */
const REL_OF: Readonly<Record<string, number>> = { jv: 5e-14, yv: 5e-12 };

/** |x·f′(x)/f(x)| by a central difference of the reference (the argument's own rounding amplified). */
function conditionNumber(f: (x: number) => number, x: number, fx: number): number {
  if (x === 0 || fx === 0 || !Number.isFinite(fx)) return 1;
  const h = 1e-6 * Math.abs(x);
  const d = (f(x + h) - f(x - h)) / (2 * h);
  return Number.isFinite(d) ? Math.max(1, Math.abs((x * d) / fx)) : 1;
}

const within = (ours: number, want: number, rel: number): boolean =>
  Object.is(ours, want) || ours === want || Math.abs(ours - want) <= rel * Math.abs(want) + 1e-300;

for (const [name, entries] of Object.entries(FIXTURES.functions)) {
  const p = PRIMITIVES[name as ScalarPrimitiveName];
  test(`special values: ${name} matches mpmath (and scipy) at ${entries.length} points`, () => {
    assert.ok(p, `${name} is a registry primitive`);
    const problems: string[] = [];
    for (const e of entries) {
      const [a, b] = e.args;
      const ours = p.arity === 1 ? p.value(a!, a!) : p.value(a!, b!);
      const x = e.args[e.args.length - 1]!;
      const along = (t: number): number => (p.arity === 1 ? p.value(t, t) : p.value(a!, t));
      const kappa = conditionNumber(along, x, e.mpmath);
      const rel = REL_OF[name] ?? REL;
      if (!within(ours, e.mpmath, rel * kappa)) problems.push(`${name}(${e.args}) = ${ours}, mpmath ${e.mpmath} (rel ${Math.abs(ours / e.mpmath - 1).toExponential(2)}, κ ${kappa.toPrecision(3)})`);
      if (!e.scipyLoose && !within(ours, e.scipy, Math.max(1e-12, rel) * kappa)) problems.push(`${name}(${e.args}) = ${ours}, scipy ${e.scipy}`);
    }
    assert.deepEqual(problems, []);
  });
}

test('special values: the fixtures cover every special primitive', () => {
  const names = Object.keys(FIXTURES.functions).sort();
  for (const n of ['expit', 'erf', 'erfc', 'erfinv', 'erfcinv', 'ndtr', 'log_ndtr', 'ndtri', 'gammaln', 'gamma', 'digamma', 'polygamma', 'i0', 'i1', 'i0e', 'i1e', 'j0', 'j1', 'y0', 'y1', 'jn', 'yn', 'jv', 'yv', 'iv', 'kv']) assert.ok(names.includes(n), n);
});
