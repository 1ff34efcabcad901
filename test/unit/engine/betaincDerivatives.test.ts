import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { betaincWithParameterDerivatives } from '../../../src/engine/primitives/special/incompleteBetaJet';
import { compilePython, differentiate } from '../../oracle/table/engine';

/**
 * betainc's derivatives in a and b (the continued fraction over jets, incompleteBetaJet.ts) against
 * mpmath at 40 digits (test/oracle/special/betainc_derivatives.json, from make_betainc_fixtures.py),
 * over small, unit and large parameters, both branches of the fraction and x near 0 and 1.
 */

interface Point {
  readonly a: number;
  readonly b: number;
  readonly x: number;
  readonly mpmath: number[];
}

const POINTS = (JSON.parse(readFileSync(join(__dirname, '../../oracle/special/betainc_derivatives.json'), 'utf8')) as { points: Point[] }).points;
const NAMES = ['value', '∂a', '∂b', '∂aa', '∂ab', '∂bb'];

test('value, gradient and Hessian in (a, b) match mpmath to 1e-12 relative (of the largest entry where one is ~0)', () => {
  assert.ok(POINTS.length >= 50);
  const wrong: string[] = [];
  let worst = 0;
  for (const p of POINTS) {
    const r = betaincWithParameterDerivatives(p.a, p.b, p.x);
    if (!r) {
      wrong.push(`betainc(${p.a}, ${p.b}, ${p.x}): did not converge`);
      continue;
    }
    const ours = [r.value, ...r.first, ...r.second];
    const scale = Math.max(...p.mpmath.slice(1).map(Math.abs));
    ours.forEach((v, k) => {
      const want = p.mpmath[k]!;
      const error = Math.abs(v - want) / Math.max(Math.abs(want), 1e-3 * scale, 1e-300);
      worst = Math.max(worst, error);
      if (!(error <= 1e-12)) wrong.push(`betainc(${p.a}, ${p.b}, ${p.x}) ${NAMES[k]}: ${v} vs mpmath ${want}`);
    });
  }
  assert.deepEqual(wrong, []);
  assert.ok(worst > 0, 'compared nothing');
});

test('through the engine: the gradient in (a, b, x) in both modes and the Hessian, against the fixture', () => {
  const m = compilePython('from scipy import special\n\ndef f(a, b, x):\n    return special.betainc(a, b, x)\n');
  const p = POINTS.find((q) => q.a === 2 && q.b === 3 && q.x === 0.25)!;
  const r = differentiate(m, 'f', [p.a, p.b, p.x], true);
  const [, da, db, daa, dab, dbb] = p.mpmath as [number, number, number, number, number, number];
  const close = (u: number, v: number): boolean => Math.abs(u - v) <= 1e-12 * Math.max(1, Math.abs(v));
  for (const g of [r.reverse[0]!, r.forward[0]!]) {
    assert.ok(close(g[0]!, da) && close(g[1]!, db), JSON.stringify(g));
  }
  const h = r.hessian!;
  assert.ok(close(h[0]![0]!, daa) && close(h[0]![1]!, dab) && close(h[1]![1]!, dbb), JSON.stringify(h));
  // ∂²I/∂x∂a = ∂I/∂x·(ln x − ψ(a) + ψ(a + b)): with a = 2, b = 3, ψ(5) − ψ(2) = 1/2 + 1/3 + 1/4
  const px = 12 * 0.25 * 0.75 ** 2;
  assert.ok(close(h[0]![2]!, px * (Math.log(0.25) + 1 / 2 + 1 / 3 + 1 / 4)), JSON.stringify(h));
  assert.ok(close(h[2]![0]!, h[0]![2]!) && close(h[1]![2]!, h[2]![1]!));
});
