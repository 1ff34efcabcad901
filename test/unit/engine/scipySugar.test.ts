import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GradLensError } from '../../../src/core/diagnostic';
import type { PointValue } from '../../../src/engine/run';
import { compilePython, differentiate, valueAt } from '../../oracle/table/engine';

/**
 * scipy.special's, scipy.stats.norm's and jax.nn's sugar at the places the check table's random
 * points never reach: scipy's values at boundaries (with the warning where the derivative does not
 * exist), stability far out, the defaults that differ between libraries, and the errors where scipy
 * gives ±∞ or NaN. Reference numbers are scipy 1.10's.
 */

const HEADER = `import numpy as np
from scipy import special
from scipy.stats import norm
from jax import nn
import jax.numpy as jnp
`;

function run(body: string, point: PointValue[], params = 'x'): ReturnType<typeof differentiate> {
  const m = compilePython(`${HEADER}\ndef f(${params}):\n    return ${body}\n`);
  return differentiate(m, 'f', point, true);
}

const close = (a: number, b: number, rel = 1e-13): boolean => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + 1e-300;

test('xlogy(0, 0), xlog1py(0, −1), entr(0), rel_entr(0, y), kl_div(0, y): scipy values, gradient 0 there, a warning', () => {
  const r = run('special.xlogy(x, 0.0) + special.xlog1py(x, -1.0) + special.entr(x) + special.rel_entr(x, 2.0)', [0]);
  assert.deepEqual(r.values, [0]);
  assert.deepEqual(r.reverse, [[0]]);
  assert.deepEqual(r.forward, [[0]]);
  assert.equal(r.warnings.length, 4, r.warnings.join('\n'));
  assert.ok(r.warnings.every((w) => /taken as 0/.test(w)));
  // kl_div(0, y) = y: its y-derivative is 1, its x-derivative −1 (the −x term) + 0 (convention)
  const k = run('special.kl_div(x, y)', [0, 2], 'x, y');
  assert.deepEqual(k.values, [2]);
  assert.deepEqual(k.reverse, [[-1, 1]]);
  // away from the boundary there is no warning, and xlogy(0, y > 0) has ∂x = ln y as JAX gives
  const ok = run('special.xlogy(x, 3.0)', [0]);
  assert.deepEqual(ok.warnings, []);
  assert.ok(close(ok.reverse[0]![0]!, Math.log(3)));
});

test('boundary conventions elementwise: only the boundary elements take them', () => {
  const r = run('np.sum(special.entr(x))', [[0, 0.5, 2]]);
  assert.ok(close(r.values[0]!, 0.5 * Math.LN2 - 2 * Math.log(2)));
  assert.deepEqual(r.reverse[0]!.map((g) => Number(g.toFixed(12))), [0, Number((-Math.log(0.5) - 1).toFixed(12)), Number((-Math.log(2) - 1).toFixed(12))]);
  assert.equal(r.warnings.length, 1);
});

test('logsumexp, softmax and log_softmax do not overflow, and weights b= work', () => {
  const m = compilePython(`${HEADER}\ndef f(x):\n    return special.logsumexp(x) + special.logsumexp(x, b=[2.0, 1.0, 0.5])\n`);
  const v = valueAt(m, 'f', [[1000, 999, -1e308]])[0]!;
  // scipy: logsumexp([1000, 999, -1e308]) = 1000.3132616875182, with b=[2, 1, 0.5] 1000.8619948040582
  assert.ok(close(v, 1000.3132616875182 + 1000.8619948040582), String(v));
  const s = run('np.sum(special.log_softmax(x) * np.array([1.0, 2.0, 3.0]))', [[800, 801, 802]]);
  assert.ok(Number.isFinite(s.values[0]!));
  // d/dx Σ wᵢ(xᵢ − lse(x)) = w − (Σw)·softmax(x)
  const e = [Math.exp(-2), Math.exp(-1), 1];
  const z = e[0]! + e[1]! + e[2]!;
  s.reverse[0]!.forEach((g, i) => assert.ok(close(g, i + 1 - (6 * e[i]!) / z, 1e-12), `${i}: ${g}`));
});

test('softmax over every element (scipy) and along the last axis (jax.nn) differ as their libraries do', () => {
  const scipyAll = run('special.softmax(x)[0]', [[0, 1, 2]]).values[0]!;
  assert.ok(close(scipyAll, 1 / (1 + Math.E + Math.E ** 2)));
  const m = compilePython(`${HEADER}\ndef f(A):\n    return special.softmax(A)[0, 0] + 10 * nn.softmax(A)[0, 0]\n`);
  const v = valueAt(m, 'f', [[[0, 1], [2, 3]]])[0]!;
  const all = 1 / (1 + Math.E + Math.E ** 2 + Math.E ** 3);
  const row = 1 / (1 + Math.E);
  assert.ok(close(v, all + 10 * row), String(v));
});

test('norm.logcdf stays finite far into the left tail; its derivative is Mills ratio', () => {
  const r = run('norm.logcdf(x)', [-40]);
  assert.ok(close(r.values[0]!, -804.6084420137538)); // scipy.special.log_ndtr(-40)
  // φ(x)/Φ(x) at −40, by mpmath at 40 digits (scipy has no derivative)
  assert.ok(close(r.reverse[0]![0]!, 40.02496884720726, 1e-14), String(r.reverse[0]![0]));
  assert.ok(close(r.forward[0]![0]!, r.reverse[0]![0]!, 1e-14));
});

test('jax.nn.gelu: the tanh form by default, x·Φ(x) with approximate=False', () => {
  const approx = run('nn.gelu(x)', [1.5]).values[0]!;
  const exact = run('nn.gelu(x, approximate=False)', [1.5]).values[0]!;
  assert.ok(close(approx, 0.5 * 1.5 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (1.5 + 0.044715 * 1.5 ** 3)))));
  assert.ok(close(exact, 1.399789198096713)); // 1.5·scipy.special.ndtr(1.5)
});

test('scipy gives ±∞ or NaN: GradLens stops with an error naming the function', () => {
  const cases: [string, number, RegExp][] = [
    ['special.entr(x)', -1, /entr\(x\) is −∞ for x < 0/],
    ['special.huber(x, 1.0)', -0.5, /huber\(delta, r\) needs delta ≥ 0/],
    ['special.pseudo_huber(x, 1.0)', -0.5, /pseudo_huber\(delta, r\) needs delta ≥ 0/],
    ['norm.pdf(1.0, 0.0, x)', -2, /norm\.pdf needs scale > 0/],
    ['norm.ppf(0.3, 0.0, x)', 0, /norm\.ppf needs scale > 0/],
    ['special.rel_entr(1.0, x)', 0, /rel_entr\(x, y\) is \+∞/],
    ['special.gammaln(x)', -2, /gammaln has a pole at −2/],
    ['special.erfinv(x)', 1, /erfinv\(1\) is \+∞/],
    ['special.ndtri(x)', 0, /ndtri\(0\) is −∞/],
    ['special.polygamma(x, 2.0)', 1, /cannot be differentiated with respect to its order/],
    ['special.polygamma(1.5, x)', 2, /order n must be a non-negative integer/],
    // Σ b·eᵃ = 0: scipy gives (−∞, 0)
    ['special.logsumexp(np.array([0.0, 0.0]), b=np.array([1.0, -1.0]) * x, return_sign=True)[0]', 1, /log\(0\) is −∞/],
  ];
  for (const [body, x, message] of cases) {
    assert.throws(() => run(body, [x]), (e: unknown) => e instanceof GradLensError && message.test(e.message), body);
  }
});

function refusalOf(body: string, point: PointValue[], params = 'x'): string {
  try {
    run(body, point, params);
  } catch (e) {
    if (e instanceof GradLensError) return e.diagnostic.message;
    throw e;
  }
  return 'ran';
}

test("betainc: scipy's values at the ends and far out; a tracked a or b differentiated; outside the domain a located error", () => {
  assert.deepEqual(run('special.betainc(2.0, 3.0, x)', [0]).values, [0]);
  assert.deepEqual(run('special.betainc(2.0, 3.0, x)', [1]).values, [1]);
  // I_¼(½, ½) = (2/π)·asin(½) = 1/3; a large case, scipy 1.10's number
  assert.ok(close(run('special.betainc(0.5, 0.5, x)', [0.25]).values[0]!, 1 / 3, 1e-14));
  assert.ok(close(run('special.betainc(200.0, 300.0, x)', [0.41]).values[0]!, 0.6776281647721865, 1e-11));
  // at x = 0 with a < 1 the derivative x^(a−1)… is infinite: warned
  assert.ok(run('special.betainc(0.5, 2.0, x)', [0]).warnings.some((w) => /betainc has an infinite derivative at x = 0/.test(w)));
  // a and b are differentiated (betaincDerivatives.test.ts checks the numbers against mpmath); at x = 0
  // or 1, I is 0 or 1 for every a: its derivative in a is 0
  assert.equal(refusalOf('special.betainc(x, 2.0, 0.5)', [1.5]), 'ran');
  const atZero = run('special.betainc(x, 2.0, 0.0)', [1.5]);
  assert.deepEqual([atZero.values, atZero.reverse, atZero.forward], [[0], [[0]], [[0]]]);
  assert.match(refusalOf('special.betainc(2.0, 3.0, x)', [1.5]), /betainc needs 0 ≤ x ≤ 1 \(x = 1\.5\)/);
  assert.match(refusalOf('special.betainc(-1.0, 3.0, x)', [0.5]), /betainc needs a > 0 and b > 0/);
  // a = 1 at x = 0 (b = 1 at x = 1): x^0 is 1, so I_x(1, 2) = 1 − (1 − x)² has slope 2 and curvature −2, I_y(3, 1) = y³
  // (it was 0·(−∞) = nan there); the table cannot difference across x = 0
  const edge = run('special.betainc(1.0, 2.0, x) + special.betainc(3.0, 1.0, 1.0 - x)', [0]);
  assert.deepEqual(edge.values, [1]);
  for (const [got, want] of [[edge.reverse[0]![0]!, -1], [edge.forward[0]![0]!, -1], [edge.hessian![0]![0]!, 4]] as const) assert.ok(close(got, want, 1e-14), `${got} vs ${want}`);
});

test('gammainc and gammaincc at x = 0: P(1, x) = 1 − e^(−x) has slope 1 and curvature −1 there; its derivative in a is 0', () => {
  const p = run('special.gammainc(1.0, x) - special.gammaincc(2.0, x)', [0]);
  assert.deepEqual([p.values, p.reverse, p.forward], [[-1], [[1]], [[1]]]);
  assert.ok(run('special.gammainc(0.5, x)', [0]).warnings.some((w) => /gammainc has an infinite derivative at x = 0/.test(w)));
  const inA = run('special.gammainc(x, 0.0) + special.gammaincc(x, 0.0)', [1.5]);
  assert.deepEqual([inA.values, inA.reverse, inA.forward], [[1], [[0]], [[0]]]);
});
