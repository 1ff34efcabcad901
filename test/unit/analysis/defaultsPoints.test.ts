import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A function whose every parameter has a number for a default (a physics formula's
 * `pendulum_period(L=1.0, g=9.81)`, kalmanjs's `predict(u = 0)`) is differentiated at its defaults,
 * the call that leaves them all out. Before, it had no point and its lens asked for an empty `@at`.
 * Python's integer defaults are held (a count, a degree); a None default or only integers leave it
 * without one, as before. Values and gradients by hand.
 */
const PYTHON = `import math

def pendulum_period(L=1.0, g=9.81):
    return 2 * math.pi * math.sqrt(L / g)

def partial_sum(x=0.5, n=4):
    return sum(x ** k for k in range(n))

def only_counts(n=3, k=2):
    return n * k + 1.5

def needs_data(x=None, scale=2.0):
    return scale * x

class Spring:
    def __init__(self, k=3.0):
        self.k = k

    def energy(self, x=0.5):
        return 0.5 * self.k * x ** 2
`;
const py = DocumentAnalysis.fromText(PYTHON, 'file:///defaults.py', 'python');

const gradientAt = (doc: DocumentAnalysis, name: string) => {
  const at = doc.samplePoint(name) ?? assert.fail(`${name} has no sample point`);
  const r = doc.gradient(name, at);
  assert.ok(r.ok, `${name}: ${JSON.stringify(r.ok ? '' : r.error)}`);
  return { at: { ...at.values }, notes: at.notes, value: r.value.value as number, gradient: JSON.parse(JSON.stringify(r.value.gradient)) as Record<string, number> };
};

test('every parameter defaulted to a float: the point is the defaults, each differentiated', () => {
  const p = gradientAt(py, 'pendulum_period');
  assert.deepEqual(p.at, { L: 1, g: 9.81 });
  const T = 2 * Math.PI * Math.sqrt(1 / 9.81);
  assert.ok(Math.abs(p.value - T) < 1e-15);
  assert.ok(Math.abs(p.gradient.L! - T / 2) < 1e-15, JSON.stringify(p.gradient));
  assert.ok(Math.abs(p.gradient.g! + T / (2 * 9.81)) < 1e-15, JSON.stringify(p.gradient));
  assert.ok((p.notes ?? []).some((n) => /L, g: their defaults, differentiated/.test(n)), JSON.stringify(p.notes));
  const s = gradientAt(py, 'Spring.energy');
  assert.deepEqual(s.at, { x: 0.5 });
  assert.equal(s.value, 0.375);
  assert.deepEqual(s.gradient, { x: 1.5 });
});

test('an integer default is held, a whole number; with only integers, or a None, there is no point', () => {
  const s = gradientAt(py, 'partial_sum');
  assert.deepEqual(s.at, { x: 0.5, n: 4 });
  assert.equal(s.value, 1 + 0.5 + 0.25 + 0.125);
  assert.deepEqual(Object.keys(s.gradient), ['x']);
  assert.equal(s.gradient.x, 1 + 2 * 0.5 + 3 * 0.25);
  assert.equal(py.samplePoint('only_counts'), undefined);
  assert.equal(py.samplePoint('needs_data'), undefined);
});

test('JavaScript: a method whose parameter defaults to 0 is differentiated there, on its constructor\'s instance', () => {
  const js = DocumentAnalysis.fromText(
    'class Kalman {\n  constructor() { this.x = 1.5; this.cov = 2.0; }\n  predict(u = 0) {\n    return this.x + u * this.cov;\n  }\n}\nfunction energy(m = 2, v = 3) {\n  return 0.5 * m * v * v;\n}\n',
    'file:///kalman.js',
    'typescript',
  );
  const k = gradientAt(js, 'Kalman.predict');
  assert.deepEqual(k.at, { u: 0 });
  assert.equal(k.value, 1.5);
  assert.deepEqual(k.gradient, { u: 2 });
  const e = gradientAt(js, 'energy');
  assert.deepEqual(e.gradient, { m: 4.5, v: 6 });
});
