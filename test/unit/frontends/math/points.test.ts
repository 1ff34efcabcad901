import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNamed, looksLikePointArgs, parseAnnotation, parseCallArgs } from '../../../../src/frontends/math/points';
import { tokenize } from '../../../../src/frontends/math/tokenizer';
import { DocumentAnalysis } from '../../../../src/analysis/document';

const tokens = (s: string) => tokenize(s, 0, s.length);

test('an annotation reads named literal values and its optional function name', () => {
  const parsed = parseAnnotation(tokens('@at f: a = -2, b = [1, [pi]], c = +.5'));
  assert.ok('ok' in parsed);
  assert.equal(parsed.ok.fn?.name, 'f');
  assert.deepEqual(parsed.ok.named.map((n) => [n.name, n.value]), [['a', -2], ['b', [1, [Math.PI]]], ['c', 0.5]]);
  assert.deepEqual([parsed.ok.from, parsed.ok.to], [0, 37]);
});

test('nothing is evaluated: an expression is not a point value', () => {
  const parsed = parseAnnotation(tokens('@at x = pi/2'));
  assert.ok('problem' in parsed);
  assert.match(parsed.problem.message, /expected ',' or the end of the point, found '\/'/);
  assert.deepEqual([parsed.problem.from, parsed.problem.to], [10, 11]);
});

test('call arguments are all positional or all named', () => {
  const line = tokens('f(1, -2)');
  assert.deepEqual(parseCallArgs(line, 2, 6), { ok: { positional: [1, -2] } });
  const named = parseCallArgs(tokens('f(x = 1, y = 2)'), 2, 9);
  assert.ok('ok' in named && 'named' in named.ok);
  const mixed = parseCallArgs(tokens('f(x = 1, 2)'), 2, 7);
  assert.ok('problem' in mixed);
});

test('a problem at the end of the arguments points at the closing parenthesis', () => {
  const parsed = parseCallArgs(tokens('f(1, )'), 2, 4);
  assert.ok('problem' in parsed);
  assert.deepEqual([parsed.problem.from, parsed.problem.to], [5, 6]);
  assert.match(parsed.problem.message, /found '\)'/);
});

test('which call lines are points: values or named arguments, not names', () => {
  const looks = (s: string) => {
    const t = tokens(s);
    return looksLikePointArgs(t, 2, t.length - 1);
  };
  assert.equal(looks('f(1)'), true);
  assert.equal(looks('f(-1)'), true);
  assert.equal(looks('f(pi)'), true);
  assert.equal(looks('f([1])'), true);
  assert.equal(looks('f(x = 1)'), true);
  assert.equal(looks('f(x)'), false);
  assert.equal(looks('f()'), false);
});

test('named values are checked against the parameters', () => {
  const params = [{ name: 'x', from: 0, to: 1 }, { name: 'y', from: 0, to: 1 }];
  const v = (name: string) => ({ name, from: 0, to: 1, value: 1 });
  assert.deepEqual(checkNamed('f', params, [v('x'), v('y')], { from: 0, to: 9 }), []);
  const problems = checkNamed('f', params, [v('x'), v('z'), v('x')], { from: 0, to: 9 }).map((p) => p.message);
  assert.deepEqual(problems, ["'z' is not a parameter of f(x, y)", "'x' is given twice", "no value for 'y' of f(x, y)"]);
});

test('Σ to a name: the length of the vector the term indexes (n − 1 for Rosenbrock), or a parameter that is a count and not differentiated', () => {
  const doc = DocumentAnalysis.fromText('@at x = [1.5, 0.5, -1]\nrosen(x) = Σ_{i=1}^{n−1} (100(x_{i+1} − x_i^2)^2 + (1 − x_i)^2)\n\n@at x = [1, 2, 3, 4], n = 2\nfirst(x, n) = Σ_{i=1}^{n} x_i^2\n\nbare(x) = Σ_{i=1}^{n} x_i^3\n', 'file:///notes.md', 'math');
  const at = (name: string) => doc.functions().find((f) => f.ir.name === name)!.points[0]!;
  const rosen = doc.gradient('rosen', at('rosen'));
  assert.ok(rosen.ok);
  // 100(0.5 − 2.25)² + 0.25 + 100(−1 − 0.25)² + 0.25 = 306.25 + 0.25 + 156.25 + 0.25
  assert.equal(rosen.value.value, 463);
  const first = doc.gradient('first', at('first'));
  assert.ok(first.ok);
  assert.equal(first.value.value, 5);
  assert.deepEqual({ ...first.value.gradient }, { x: [2, 4, 0, 0] }); // n is a count: no ∂/∂n
  // With no point given, the sum's vector gets a sample point.
  assert.equal(at('bare').source, 'sample');
  assert.ok(Array.isArray(at('bare').values.x));
});

test('∂/∂x [x² y] = 2x y and d/dx [sin x] = cos x are checked as a function and its partial; a wrong one mismatches', () => {
  const doc = DocumentAnalysis.fromText('∂/∂x [x² y] = 2x y\n\nd/dx [sin x] = cos x\n\n∂/∂y [x² y + xy] = x² + 2x\n', 'file:///notes.md', 'math');
  const verdicts = doc.pairings().map((p) => {
    const c = doc.check(p);
    return `${p.derivative.name} ${c.ok ? c.value.verdict : c.error.message}`;
  });
  assert.deepEqual(verdicts, ['∂[x² y]/∂x match', '∂[sin x]/∂x match', '∂[x² y + xy]/∂y mismatch']);
});
