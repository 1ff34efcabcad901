import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * What real scripts do around their math (PythonRobotics, yield-curve libraries): matplotlib draws
 * and changes no number, `np.math` is Python's math module, `isinstance(T, Number)` tells numbers
 * from arrays. Expected: CPython with numpy 1.24 at the same points.
 */
const SOURCE = `from numbers import Number, Real, Integral
import numbers
import matplotlib.pyplot as plt
import numpy as np

show_animation = True

def wrist(theta1, theta2):
    elbow = np.array([np.cos(theta1), np.sin(theta1)])
    hand = elbow + 0.8 * np.array([np.cos(theta1 + theta2), np.sin(theta1 + theta2)])
    if show_animation:
        plt.cla()
        fig = plt.gcf()
        fig.canvas.mpl_connect("key_release_event", None)
        plt.plot([0.0, elbow[0], hand[0]], [0.0, elbow[1], hand[1]], "k-")
        plt.pause(0.01)
    return hand

def drawn_number(x):
    return x * plt.plot([x], [x])

def bearing(x, y):
    return np.math.atan2(y, x) + np.math.hypot(x, y)

def kinds(T):
    answers = [isinstance(T, Number), isinstance(T, Real), isinstance(T, numbers.Complex), isinstance(T, Integral), isinstance(np.zeros(2), Number), isinstance([T], Number), isinstance(True, Number)]
    return [T * float(a) for a in answers]

def rate(T, level=0.03, slope=-0.02):
    if isinstance(T, Number) and T <= 0:
        return level + slope
    return level + slope * (1 - np.exp(-T)) / T
`;

const doc = (): DocumentAnalysis => DocumentAnalysis.fromText(SOURCE, 'drawn.py', 'python');

test('drawing with matplotlib changes no number, and a figure handle is inert too', () => {
  const d = doc();
  assert.deepEqual(d.diagnostics.filter((x) => x.severity === 'error'), []);
  const r = d.gradient('wrist', { values: { theta1: 0.4, theta2: 0.9 }, source: 'annotation' });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  if (!r.ok) return;
  // CPython: [cos 0.4 + 0.8 cos 1.3, sin 0.4 + 0.8 sin 1.3]
  const value = r.value.value as number[];
  assert.ok(Math.abs(value[0]! - 1.135060056902555) < 1e-14 && Math.abs(value[1]! - 1.160264890642405) < 1e-14, JSON.stringify(value));
  assert.deepEqual(r.value.warnings, []);
});

test('a number made from a drawing is refused where the arithmetic reaches it', () => {
  const r = doc().evaluate('drawn_number', { values: { x: 0.5 }, source: 'annotation' });
  assert.ok(!r.ok, 'arithmetic with what plt.plot returns is no number');
});

test("np.math is Python's math module", () => {
  const r = doc().gradient('bearing', { values: { x: 0.6, y: 0.8 }, source: 'annotation' });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  if (!r.ok) return;
  assert.ok(Math.abs((r.value.value as number) - 1.9272952180016123) < 1e-14, String(r.value.value));
  // ∂/∂x = −y/(x²+y²) + x/r = −0.2, ∂/∂y = x/(x²+y²) + y/r = 1.4 at r = 1
  assert.ok(Math.abs((r.value.gradient!.x as number) + 0.2) < 1e-14 && Math.abs((r.value.gradient!.y as number) - 1.4) < 1e-14, JSON.stringify(r.value.gradient));
});

test('isinstance with numbers.Number, Real, Complex and Integral answers as CPython does', () => {
  const r = doc().evaluate('kinds', { values: { T: 2.5 }, source: 'annotation' });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  if (r.ok) assert.deepEqual(r.value.value, [2.5, 2.5, 2.5, 0, 0, 0, 2.5]);
});

test('a yield curve taking numbers or arrays: the number branch at T ≤ 0, the formula elsewhere', () => {
  const d = doc();
  const at0 = d.evaluate('rate', { values: { T: -1 }, source: 'annotation' });
  assert.ok(at0.ok && Math.abs((at0.value.value as number) - 0.01) < 1e-15, JSON.stringify(at0));
  const r = d.gradient('rate', { values: { T: 2 }, source: 'annotation' });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  // CPython: 0.03 - 0.02 * (1 - e^-2) / 2
  if (r.ok) assert.ok(Math.abs((r.value.value as number) - 0.021353352832366127) < 1e-15, String(r.value.value));
});
