import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { formatRange } from '../../../src/core/sourceRange';
import type { Diagnostic } from '../../../src/core/diagnostic';
import { diagnosticText } from '../../../src/core/diagnosticText';

/**
 * A value that depends on a parameter only through comparisons gets reverse mode's 0 for it: the
 * tape holds no path. That 0 is never shown bare when the value moves with the parameter nearby;
 * ordinary piecewise code, unused parameters and flat stretches stay quiet.
 */

function gradientOf(source: string, name: string, at: Record<string, number | number[]>) {
  const doc = DocumentAnalysis.fromText(source, 'test.py', 'python');
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok, JSON.stringify(point));
  const r = doc.gradient(name, point.value);
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

const controlFlow = (r: { warnings: readonly Diagnostic[] }): Diagnostic[] => r.warnings.filter((w) => w.code === 'control-flow');

/** A golden-section search for the minimum of (t − scale)²: its answer is scale, reached by comparisons alone. */
const GOLDEN = `
def golden(scale):
    a, b = 0.0, 10.0
    gr = (5 ** 0.5 - 1) / 2
    for _ in range(60):
        c = b - gr * (b - a)
        d = a + gr * (b - a)
        if (c - scale) ** 2 < (d - scale) ** 2:
            b = d
        else:
            a = c
    return (a + b) / 2
`;

test('a golden-section search: gradient 0 through comparisons is warned at the parameter, with how the value moves', () => {
  const r = gradientOf(GOLDEN, 'golden', { scale: 1.5 });
  assert.ok(Math.abs((r.value as number) - 1.5) < 1e-9);
  assert.deepEqual({ ...r.gradient }, { scale: 0 });
  const [w, ...rest] = controlFlow(r);
  assert.ok(w, 'a warning');
  assert.equal(rest.length, 0);
  assert.match(w.message, /depends on scale only through control flow/);
  assert.match(diagnosticText(w, 8), /moving it by 1\.5e−7 moves the value by 1\.5\d*e−7, from 1\.5/);
  assert.deepEqual(w.values?.map((v) => Number(v.toPrecision(3))), [1.5e-7, 1.5e-7, 1.5]);
  assert.equal(formatRange(w.range), '2:12-2:17');
});

test('a bisection over an array parameter and an integer index are warned too', () => {
  const bisect = `
def root(c):
    lo, hi = 0.0, 4.0
    for _ in range(50):
        mid = (lo + hi) / 2
        if mid * mid < c[0] + c[1]:
            lo = mid
        else:
            hi = mid
    return lo
`;
  const r = gradientOf(bisect, 'root', { c: [1, 1] });
  assert.match(controlFlow(r)[0]?.message ?? '', /the entries of c only through control flow/);
  const table = 'def pick(x, w):\n    k = 0\n    while k + 1 <= x:\n        k += 1\n    return w[k] * 2\n';
  const p = gradientOf(table, 'pick', { x: 2.0, w: [1, 2, 3, 4] });
  assert.deepEqual({ ...p.gradient }, { x: 0, w: [0, 0, 2, 0] });
  assert.equal(controlFlow(p).length, 1, 'x chooses the entry; the unused entries of w are not warned');
  assert.match(controlFlow(p)[0]!.message, /depends on x only/);
});

test('ordinary code stays quiet: abs, max, a ReLU on its flat side, a step away from its jump, an unused parameter', () => {
  const cases: [string, string, Record<string, number>][] = [
    ['def f(x):\n    return abs(x) * 3\n', 'f', { x: -2 }],
    ['def f(x, y):\n    return max(x, y)\n', 'f', { x: 1, y: 2 }],
    ['def relu(x):\n    if x < 0:\n        return 0.0\n    return x\n', 'relu', { x: -1 }],
    ['def relu(x):\n    if x < 0:\n        return 0.0\n    return x\n', 'relu', { x: 2 }],
    ['def step(x):\n    return 1.0 if x > 0 else 0.0\n', 'step', { x: 0.5 }],
    ['def piece(x):\n    if x < 1:\n        return x * x\n    return 2 * x - 1\n', 'piece', { x: 0 }],
    ['def unused(x, y):\n    return x * x\n', 'unused', { x: 0.5, y: 2 }],
    ['def square(x):\n    return x * x\n', 'square', { x: 0 }],
  ];
  for (const [source, name, at] of cases) {
    const r = gradientOf(source, name, at);
    assert.deepEqual(controlFlow(r), [], `${name} at ${JSON.stringify(at)}`);
  }
});

test('an array parameter used whole is on the tape: its unused entries are not warned (arrays read through its array row)', () => {
  const source = 'import numpy as np\n\ndef seed(a, b, c):\n    f2 = (a * b).dot(c)\n    return f2[0][0] + f2[0][1]\n';
  const doc = DocumentAnalysis.fromText(source, 'test.py', 'python');
  const point = doc.resolvePoint('seed', { a: [[0.1, 0.2], [0.3, 0.4]], b: [[1, 2], [3, 4]], c: [[0.5, 0.6], [0.7, 0.8]] } as never);
  assert.ok(point.ok);
  const r = doc.gradient('seed', point.value);
  assert.ok(r.ok);
  assert.deepEqual((r.value.gradient!.a as number[][])[1], [0, 0]);
  assert.deepEqual(controlFlow(r.value), []);
});

test('a step function at its jump is warned: the value jumps where its derivative says 0', () => {
  const r = gradientOf('def step(x):\n    return 1.0 if x > 0 else 0.0\n', 'step', { x: 0 });
  const w = controlFlow(r)[0];
  assert.ok(w);
  assert.equal(diagnosticText(w), 'the value depends on x only through control flow (comparisons, branches, loop counts, integer conversions or indices): no derivative flows there, so its gradient 0 is not the slope: moving it by 1e−7 moves the value by 1, from 0');
});

test('a decorator GradLens does not apply is a warning on the result (CLI JSON and lens), not a hidden note', () => {
  const source = 'def twice(f):\n    def g(x):\n        return 2 * f(x)\n    return g\n\n@twice\ndef h(x):\n    return x * x\n\n@jit(nopython=True)\ndef k(x):\n    return x * x\n';
  const h = gradientOf(source, 'h', { x: 1.5 });
  const w = h.warnings.find((d) => d.code === 'ignored-decorator');
  assert.match(w?.message ?? '', /the decorator @twice is ignored: .* those of the undecorated function/);
  assert.equal(formatRange(w!.range), '6:1-6:7');
  assert.deepEqual(gradientOf(source, 'k', { x: 1.5 }).warnings, [], 'a compiler decorator keeps the numbers');
});

test('a hand-written derivative of a search is not called wrong against AD\'s 0: the check says it cannot compare', () => {
  const source = `${GOLDEN}\n# @gradient-of golden\ndef golden_slope(scale):\n    return 1.0\n\ndef relu(x):\n    if x < 0:\n        return 0.0\n    return x\n\n# @gradient-of relu\ndef relu_wrong(x):\n    return 1.0\n`;
  const doc = DocumentAnalysis.fromText(source.replace('def golden(scale):', '# @at scale=1.5\ndef golden(scale):').replace('def relu(x):', '# @at x=-1.0\ndef relu(x):'), 'test.py', 'python');
  const [search, relu] = doc.pairings();
  const c = doc.check(search!);
  assert.equal(c.ok, false, 'no verdict');
  if (!c.ok) {
    assert.equal(c.error.code, 'control-flow');
    assert.match(c.error.message, /AD's 0 here is not a derivative to compare golden_slope with: the value depends on scale only through control flow/);
  }
  const r = doc.check(relu!);
  assert.ok(r.ok && r.value.verdict === 'mismatch', 'a wrong derivative of a flat stretch is still a mismatch');
});
