import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * JavaScript's optional arguments (analysis/shapes/optionalParameters.ts): a parameter the code asks
 * whether it was given is left out of a sample point, as most calls leave it out, and is not
 * differentiated; a function that stops without it gets a sample for it. The fixture's numbers are
 * checked against node in realStyle.test.ts; here, which parameters the points hold.
 */
const FILE = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'realStyle', 'optionalArguments.mjs');
const doc = DocumentAnalysis.fromText(readFileSync(FILE, 'utf8'), 'file:///optionalArguments.mjs', 'typescript');

const pointKeys = (name: string): string[] => {
  const point = doc.resolvePoint(name);
  assert.ok(point.ok, `${name}: ${JSON.stringify(point.ok ? '' : point.error.message)}`);
  return Object.keys(point.value.values);
};

test('every way of asking whether an argument was given leaves it out of the sample point', () => {
  assert.deepEqual(pointKeys('springIn'), ['t']); // a == null ? … : …
  assert.deepEqual(pointKeys('overshootOut'), ['t']); // s == null ? 1.5 : +s
  assert.deepEqual(pointKeys('powerInOut'), ['t']); // if (e === undefined)
  assert.deepEqual(pointKeys('smootherStep'), ['x']); // typeof lo === 'undefined'
  assert.deepEqual(pointKeys('polar'), ['r', 'theta']); // out = out || [0, 0]
  assert.deepEqual(pointKeys('damped'), ['x']); // k ?? 4
  assert.deepEqual(pointKeys('Vec2.rotated'), ['angle']); // if (target === undefined)
});

test('the gradient leaves the optional argument out, and the hover says why', () => {
  const point = doc.resolvePoint('springIn');
  assert.ok(point.ok);
  const r = doc.gradient('springIn', point.value);
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  assert.deepEqual(Object.keys(r.value.gradient!), ['t']);
  assert.ok(point.value.notes?.some((n) => /^amplitude: left out — optional \(the code asks whether it is given\)/.test(n)), JSON.stringify(point.value.notes));
});

test('a function that stops without its optional argument gets a sample for it', () => {
  assert.deepEqual(pointKeys('ratio'), ['a', 'b']);
  const point = doc.resolvePoint('ratio');
  assert.ok(point.ok && point.value.notes?.some((n) => /^b: a number — optional .* without it the function stops/.test(n)), JSON.stringify(point.ok && point.value.notes));
});

test('a bare truth test is no question of whether it was given: `y ? x / y : 0` guards a required number', () => {
  const d = DocumentAnalysis.fromText('export function safeRatio(x, y) { return y ? x / y : 0; }\n', 'file:///guard.mjs', 'typescript');
  const point = d.resolvePoint('safeRatio');
  assert.ok(point.ok);
  assert.deepEqual(Object.keys(point.value.values), ['x', 'y']);
});

test('a call leaving an optional argument out is a point, and --at may leave it out; a required one may not', () => {
  const text = 'export function ease(t, s) {\n  s = s == null ? 1.5 : +s;\n  return t * t * ((s + 1) * t - s);\n}\nexport function need(x, y) {\n  return x * y;\n}\nconst v = ease(0.25);\n';
  const d = DocumentAnalysis.fromText(text, 'file:///calls.mjs', 'typescript');
  const point = d.resolvePoint('ease');
  assert.ok(point.ok);
  assert.equal(point.value.source, 'call-site');
  const r = d.gradient('ease', point.value);
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  // t²((s + 1)t − s) at t = 0.25, s = 1.5: value and slope 3(s + 1)t² − 2st.
  assert.ok(Math.abs((r.value.value as number) - 0.0625 * (2.5 * 0.25 - 1.5)) < 1e-15);
  assert.ok(Math.abs((r.value.gradient!['t'] as number) - (3 * 2.5 * 0.0625 - 2 * 1.5 * 0.25)) < 1e-15);
  const missing = d.resolvePoint('need', { x: 1 });
  assert.ok(!missing.ok && /no value for y/.test(missing.error.message), JSON.stringify(missing));
});

test('a flag typed boolean is left out of a sample point (falsy), never sampled as a number', () => {
  const text = [
    'export function squash(x: number, derivative?: boolean) {',
    '  if (!derivative) return 1 / (1 + Math.exp(-x));',
    '  const fx = squash(x);',
    '  return fx * (1 - fx);',
    '}',
    '/**',
    ' * @param {number} x',
    ' * @param {boolean} slope',
    ' */',
    'export function ramp(x, slope) { return slope ? 2 * x : x * x; }',
    '',
  ].join('\n');
  const flags = DocumentAnalysis.fromText(text, 'file:///flags.ts', 'typescript');
  for (const [name, expected] of [['squash', (x: number) => 1 / (1 + Math.exp(-x))], ['ramp', (x: number) => x * x]] as const) {
    const point = flags.resolvePoint(name);
    assert.ok(point.ok, JSON.stringify(point));
    assert.deepEqual(Object.keys(point.value.values), ['x']);
    const r = flags.gradient(name, point.value);
    assert.ok(r.ok && Math.abs((r.value.value as number) - expected(point.value.values.x as number)) < 1e-15, JSON.stringify(r));
  }
});
