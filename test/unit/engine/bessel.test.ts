import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePython, differentiate, valueAt } from '../../oracle/table/engine';

/**
 * The Bessel primitives at the points the check table cannot hold (its derivatives are checked
 * against central differences, which a kink defeats): i0e at 0, where e^(−|x|) has a kink, and i1e
 * at 0, where only the second derivative jumps; and the domain of y0 and y1, where scipy gives nan
 * (x < 0) and −∞ (x = 0) and GradLens refuses, located. Values against mpmath and scipy are in
 * specialValues.test.ts, derivatives in test/oracle/table/rows.txt.
 */

const module = (body: string) => compilePython(`from scipy import special\nimport numpy as np\n\ndef f(x):\n    return ${body}\n`);

test('i0e at 0: value 1, derivative 0 by convention with a warning giving the one-sided slopes', () => {
  const r = differentiate(module('special.i0e(x)'), 'f', [0], true);
  assert.deepEqual([r.values, r.reverse, r.forward], [[1], [[0]], [[0]]]);
  assert.ok(r.warnings.some((w) => /i0e\(a\) = e\^\(−\|a\|\)·I₀\(a\) is not differentiable at 0/.test(w)), r.warnings.join('\n'));
  // one-sided: e^(−|x|)·I₀(x) = 1 − |x| + …, slopes +1 on the left and −1 on the right
  const h = 1e-7;
  const m = module('special.i0e(x)');
  assert.ok(Math.abs((valueAt(m, 'f', [h])[0]! - 1) / h + 1) < 1e-6);
  assert.ok(Math.abs((1 - valueAt(m, 'f', [-h])[0]!) / h - 1) < 1e-6);
});

test('i1e at 0: derivative ½ (exact), Hessian 0 with a warning that the second derivative jumps from 1 to −1', () => {
  const r = differentiate(module('special.i1e(x)'), 'f', [0], true);
  assert.deepEqual([r.values, r.reverse, r.forward, r.hessian], [[0], [[0.5]], [[0.5]], [[0]]]);
  assert.ok(r.warnings.some((w) => /second derivative jumps there from 1 to −1/.test(w)), r.warnings.join('\n'));
  // the second derivative just off 0 is −1 (right) and +1 (left): I₁e(x) = x/2 − x·|x|/2 + …
  assert.ok(Math.abs(differentiate(module('special.i1e(x)'), 'f', [1e-6], true).hessian![0]![0]! + 1) < 1e-5);
  assert.ok(Math.abs(differentiate(module('special.i1e(x)'), 'f', [-1e-6], true).hessian![0]![0]! - 1) < 1e-5);
  // away from 0 nothing is said
  assert.deepEqual(differentiate(module('special.i1e(x) + special.i0e(x)'), 'f', [0.3], true).warnings, []);
});

test('y0 and y1 are refused where scipy gives nan (x < 0) or −∞ (x = 0), never a silent NaN', () => {
  assert.throws(() => valueAt(module('special.y0(x)'), 'f', [-1]), /y0 of a negative number is not real \(y0\(−1\); scipy gives nan\)/);
  assert.throws(() => valueAt(module('special.y1(x)'), 'f', [0]), /y1\(0\) is −∞/);
  assert.throws(() => valueAt(module('np.sum(special.y0(np.array([1.0, -2.0])) * x)'), 'f', [1]), /y0 of a negative number is not real/);
  // J is real everywhere: even and odd
  assert.deepEqual(valueAt(module('special.j0(x) - special.j0(-x) + special.j1(x) + special.j1(-x)'), 'f', [3.7]), [0]);
});

test('jn and yn take whole-number orders that are constants: a fractional or a differentiated order is refused, located', () => {
  assert.throws(() => valueAt(module('special.jn(2.5, x)'), 'f', [1]), /GradLens supports jn of whole-number orders only yet \(got 2\.5\)/);
  assert.throws(() => differentiate(module('special.yn(x, 2.0)'), 'f', [2], false), /yn\(n, x\) cannot be differentiated with respect to its order n, an integer/);
  assert.throws(() => valueAt(module('special.yn(3, x)'), 'f', [0]), /yn\(3, 0\) is infinite/);
  // the order read from a constant is fine, and J₋ₙ = (−1)ⁿ·Jₙ
  assert.deepEqual(valueAt(module('special.jn(-3, x) + special.jn(3, x) - special.jn(-2, x) + special.jn(2, x)'), 'f', [4.2]), [0]);
});

test('jv and yv of real orders: the order is never differentiated (a limit of GradLens), and the domain says where scipy gives nan or ∞', () => {
  assert.throws(() => differentiate(module('special.jv(x, 2.0)'), 'f', [1.2], false), /GradLens does not differentiate jv\(v, x\) in its order v \(a limit of GradLens\)/);
  assert.throws(() => differentiate(module('special.yv(x, 2.0)'), 'f', [1.2], false), /GradLens does not differentiate yv\(v, x\) in its order v/);
  // the same call at a constant order is differentiated in x: ∂J_ν/∂x = (J_{ν−1} − J_{ν+1})/2
  const r = differentiate(module('special.jv(1.2, x)'), 'f', [2.0], true);
  const h = 1e-5;
  const m = module('special.jv(1.2, x)');
  const fd = (valueAt(m, 'f', [2 + h])[0]! - valueAt(m, 'f', [2 - h])[0]!) / (2 * h);
  assert.ok(Math.abs(r.reverse[0]![0]! - fd) < 1e-9 && Math.abs(r.forward[0]![0]! - fd) < 1e-9, `${r.reverse} ${fd}`);
  assert.throws(() => valueAt(module('special.jv(2.5, x)'), 'f', [-1]), /jv of a negative number is not real for a fractional order/);
  assert.throws(() => valueAt(module('special.yv(2.5, x)'), 'f', [0]), /yv\(2\.5, 0\) is infinite/);
  assert.throws(() => valueAt(module('special.jv(-2.5, x)'), 'f', [0]), /jv\(−2\.5, 0\) is infinite/);
  assert.throws(() => valueAt(module('special.yv(3.0004, x)'), 'f', [1]), /GradLens's yv is not exact within 1e-3 of a whole order/);
  // a whole order is jn's and yn's, negative x included for jv
  assert.equal(valueAt(module('special.jv(2.0, x)'), 'f', [-1.5])[0], valueAt(module('special.jn(2, x)'), 'f', [-1.5])[0]);
  // J_{1/2}(x) = √(2/(πx))·sin x exactly
  assert.ok(Math.abs(valueAt(module('special.jv(0.5, x)'), 'f', [3])[0]! - Math.sqrt(2 / (3 * Math.PI)) * Math.sin(3)) < 1e-15);
});

test('iv and kv of real orders: the order is never differentiated, the domain says where scipy gives nan or ∞, and the identities hold', () => {
  assert.throws(() => differentiate(module('special.iv(x, 2.0)'), 'f', [1.2], false), /GradLens does not differentiate iv\(v, x\) in its order v \(a limit of GradLens\)/);
  assert.throws(() => differentiate(module('special.kv(x, 2.0)'), 'f', [1.2], false), /GradLens does not differentiate kv\(v, x\) in its order v/);
  // ∂I_ν/∂x = (I_{ν−1} + I_{ν+1})/2 and ∂K_ν/∂x = −(K_{ν−1} + K_{ν+1})/2, against differences, both modes
  for (const body of ['special.iv(1.2, x)', 'special.kv(1.2, x)', 'special.iv(-0.7, x)']) {
    const m = module(body);
    const r = differentiate(m, 'f', [2.0], true);
    const h = 1e-5;
    const fd = (valueAt(m, 'f', [2 + h])[0]! - valueAt(m, 'f', [2 - h])[0]!) / (2 * h);
    assert.ok(Math.abs(r.reverse[0]![0]! - fd) < 1e-9 * Math.max(1, Math.abs(fd)) && Math.abs(r.forward[0]![0]! - fd) < 1e-9 * Math.max(1, Math.abs(fd)), `${body}: ${r.reverse} ${r.forward} ${fd}`);
  }
  assert.throws(() => valueAt(module('special.iv(2.5, x)'), 'f', [-1]), /iv of a negative number is not real for a fractional order/);
  assert.throws(() => valueAt(module('special.iv(-2.5, x)'), 'f', [0]), /iv\(−2\.5, 0\) is infinite/);
  assert.throws(() => differentiate(module('special.iv(0.5, x)'), 'f', [0], false), /infinite derivative at x = 0/);
  assert.throws(() => valueAt(module('special.kv(2.5, x)'), 'f', [0]), /kv\(2\.5, 0\) is infinite/);
  assert.throws(() => valueAt(module('special.kv(2, x)'), 'f', [-1]), /kv of a negative number is not real/);
  // whole orders: I₋ₙ = Iₙ, Iₙ(−x) = (−1)ⁿ·Iₙ(x), and i0/i1 are the same functions
  assert.deepEqual(valueAt(module('special.iv(-3, x) - special.iv(3, x) + special.iv(3, -x) + special.iv(3, x)'), 'f', [1.7]), [0]);
  const near = (a: number, b: number, rel: number, what: string): void => assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `${what}: ${a} vs ${b}`);
  near(valueAt(module('special.iv(1, x)'), 'f', [3.3])[0]!, valueAt(module('special.i1(x)'), 'f', [3.3])[0]!, 2e-15, 'I₁ = i1');
  // closed forms of half orders: I_{1/2} = √(2/(πx))·sinh x, I₋½ = √(2/(πx))·cosh x, K_{1/2} = √(π/(2x))·e^(−x)
  for (const x of [0.3, 4, 45]) {
    near(valueAt(module('special.iv(0.5, x)'), 'f', [x])[0]!, Math.sqrt(2 / (Math.PI * x)) * Math.sinh(x), 1e-14, `I½(${x})`);
    near(valueAt(module('special.iv(-0.5, x)'), 'f', [x])[0]!, Math.sqrt(2 / (Math.PI * x)) * Math.cosh(x), 1e-14, `I₋½(${x})`);
    near(valueAt(module('special.kv(0.5, x)'), 'f', [x])[0]!, Math.sqrt(Math.PI / (2 * x)) * Math.exp(-x), 1e-14, `K½(${x})`);
    // the Wronskian I_ν·K_{ν+1} + I_{ν+1}·K_ν = 1/x (DLMF 10.28.2)
    near(valueAt(module('special.iv(2.3, x) * special.kv(3.3, x) + special.iv(3.3, x) * special.kv(2.3, x)'), 'f', [x])[0]!, 1 / x, 1e-13, `Wronskian at ${x}`);
  }
});
