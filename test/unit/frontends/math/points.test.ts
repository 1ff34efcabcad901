import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNamed, looksLikePointArgs, parseAnnotation, parseCallArgs } from '../../../../src/frontends/math/points';
import { tokenize } from '../../../../src/frontends/math/tokenizer';

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
