import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * Parameters the code treats as integers (shapes.ts, samplePoints.ts): an exponent the code also
 * compares with an integer or tests for one is an integer order (a count: 3, not differentiated);
 * other integer-tested numbers get whole sample values only when no fractional candidate evaluates.
 */

const JS = [
  'function mean(x) { return x.reduce((s, v) => s + v, 0) / x.length; }',
  // simple-statistics: at a fractional n, Math.pow of a negative deviation is NaN.
  'export function sumNthPowerDeviations(x, n) {',
  '  const m = mean(x);',
  '  let sum = 0;',
  '  if (n === 2) { for (let i = 0; i < x.length; i++) sum += (x[i] - m) * (x[i] - m); }',
  '  else { for (let i = 0; i < x.length; i++) sum += Math.pow(x[i] - m, n); }',
  '  return sum;',
  '}',
  'export function binomialTerm(n, p) {',
  "  if (!Number.isInteger(n)) throw new Error('n must be whole');",
  '  return Math.pow(p, n) * (1 - p);',
  '}',
  'export function wholeOnly(n, x) {',
  "  if (n % 1 !== 0) throw new Error('n must be whole');",
  '  return n * x * x;',
  '}',
  'export function gammaLike(t) { return Number.isInteger(t) ? 2 * t : Math.exp(t); }',
  'export function sinc(x) { if (x === 0) return 1; return Math.sin(x) / x; }',
  'export function power(x, e) { return Math.pow(x, e); }',
].join('\n');

const doc = DocumentAnalysis.fromText(JS, 'file:///stats.js', 'typescript');

function kindOf(fn: string, param: string): string {
  const p = doc.inferShapes(fn)!.parameters.find((q) => q.name === param)!;
  return p.kind.kind === 'count' ? `count ${p.kind.value}` : p.kind.kind;
}

function gradientAtSample(fn: string) {
  const point = doc.resolvePoint(fn);
  assert.ok(point.ok, JSON.stringify(point));
  const r = doc.gradient(fn, point.value);
  assert.ok(r.ok, JSON.stringify(r));
  return { point: point.value, result: r.value };
}

test('an exponent compared with an integer (n === 2) is an integer order: 3, the general branch, not differentiated', () => {
  assert.equal(kindOf('sumNthPowerDeviations', 'n'), 'count 3');
  const { point, result } = gradientAtSample('sumNthPowerDeviations');
  const x = point.values.x as number[];
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  assert.equal(point.values.n, 3);
  assert.ok(Math.abs((result.value as number) - x.reduce((s, v) => s + (v - m) ** 3, 0)) < 1e-14);
  assert.deepEqual(Object.keys(result.gradient!), ['x']);
  // ∂/∂x_j Σ (x_i − m)³ = 3 (x_j − m)² − (3/n) Σ (x_i − m)².
  const sq = x.reduce((s, v) => s + (v - m) ** 2, 0);
  (result.gradient!.x as number[]).forEach((g, j) => assert.ok(Math.abs(g - (3 * (x[j]! - m) ** 2 - sq)) < 1e-14));
});

test('an exponent tested with Number.isInteger is an integer order; a number tested so but never an exponent stays a number', () => {
  assert.equal(kindOf('binomialTerm', 'n'), 'count 3');
  assert.deepEqual(Object.keys(gradientAtSample('binomialTerm').result.gradient!), ['p']);
  // gamma-like code takes both integers and fractions: a fractional sample evaluates, and t is differentiated.
  assert.equal(kindOf('gammaLike', 't'), 'scalar');
  const g = gradientAtSample('gammaLike');
  assert.ok(!Number.isInteger(g.point.values.t));
  assert.deepEqual(Object.keys(g.result.gradient!), ['t']);
});

test('a special case at 0 (sinc) and a real exponent (power) stay numbers', () => {
  assert.equal(kindOf('sinc', 'x'), 'scalar');
  assert.equal(kindOf('power', 'e'), 'scalar');
  assert.deepEqual(Object.keys(gradientAtSample('power').result.gradient!), ['x', 'e']);
});

test('a number the code refuses unless whole gets a whole sample value when no fractional one evaluates, and is held constant', () => {
  assert.equal(kindOf('wholeOnly', 'n'), 'scalar');
  const { point, result } = gradientAtSample('wholeOnly');
  assert.equal(point.values.n, 3);
  assert.deepEqual(point.wholeNumbers, ['n']);
  assert.ok(point.notes!.some((n) => /n: 3, a whole number, not differentiated/.test(n)), point.notes!.join('\n'));
  assert.deepEqual(Object.keys(result.gradient!), ['x']);
  // A point given outright differentiates what it names.
  const given = doc.gradient('wholeOnly', { values: { n: 2, x: 0.5 }, source: 'argument' });
  assert.ok(given.ok);
  if (given.ok) assert.deepEqual({ ...given.value.gradient }, { n: 0.25, x: 2 });
});

test('Python: an exponent compared with an integer (k == 2) is an integer order too', () => {
  const py = [
    'def central_moment(x, k):',
    '    m = sum(x) / len(x)',
    '    if k == 2:',
    '        return sum((v - m) * (v - m) for v in x) / len(x)',
    '    return sum((v - m) ** k for v in x) / len(x)',
  ].join('\n');
  const d = DocumentAnalysis.fromText(py, 'file:///moments.py', 'python');
  const k = d.inferShapes('central_moment')!.parameters.find((p) => p.name === 'k')!;
  assert.deepEqual(k.kind, { kind: 'count', value: 3 });
  const point = d.resolvePoint('central_moment');
  assert.ok(point.ok);
  const r = d.gradient('central_moment', point.value);
  assert.ok(r.ok, JSON.stringify(r));
  if (r.ok) assert.deepEqual(Object.keys(r.value.gradient!), ['x']);
});
