import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import type { PointValue } from '../../../src/engine/run';

/**
 * A method without parameters of its own (`length()`, `def norm(self)`) is differentiated with
 * respect to its instance: the attributes it reads that hold numbers, nested under `this`/`self`
 * (ir/instanceParameters.ts `receiverFields`, engine/pointInputs.ts `receiverInput`). An instance the
 * constructor's defaults leave at 0 (`new Vector3()`) is sampled instead (analysis/instanceSamples.ts
 * `degenerateReceiver`). Expected numbers are worked by hand.
 */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

const THREE_STYLE = `
function Vector3(x, y, z) {
  this.x = x || 0;
  this.y = y || 0;
  this.z = z || 0;
  this.name = 'v';
}
Object.assign(Vector3.prototype, {
  dot: function (v) { return this.x * v.x + this.y * v.y + this.z * v.z; },
  lengthSq: function () { return this.x * this.x + this.y * this.y + this.z * this.z; },
  length: function () { return Math.sqrt(this.lengthSq()); },
  normalize: function () { var l = this.length(); this.x /= l; this.y /= l; this.z /= l; return this; },
  label: function () { return this.name + '!'; },
});
`;

function gradientOf(doc: DocumentAnalysis, name: string, given?: Record<string, PointValue>, wrt?: readonly string[]) {
  const point = doc.resolvePoint(name, given);
  assert.ok(point.ok, JSON.stringify(point));
  const r = doc.gradient(name, point.value, wrt ? { wrt } : {});
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  return { point: point.value, result: r.value };
}

test('length() at a given instance: ∂|v|/∂this = v/|v|, under `this`, and "at" shows the instance', () => {
  const doc = DocumentAnalysis.fromText(THREE_STYLE, 'file:///vector3.js', 'typescript');
  const { result } = gradientOf(doc, 'Vector3.length', { this: { x: 1, y: 2, z: 2 } });
  assert.equal(result.value, 3);
  assert.deepEqual(plain(result.gradient), { this: { x: 1 / 3, y: 2 / 3, z: 2 / 3 } });
  assert.deepEqual(plain(result.at), { this: { x: 1, y: 2, z: 2 } });
});

test('the zero vector the constructor makes is sampled: a length there has no slope', () => {
  const doc = DocumentAnalysis.fromText(THREE_STYLE, 'file:///vector3.js', 'typescript');
  const { point, result } = gradientOf(doc, 'Vector3.length');
  const self = plain(result.at) as { this: { x: number; y: number; z: number } };
  const { x, y, z } = self.this;
  assert.ok(x > 1 && y > 1 && z > 1, JSON.stringify(self));
  const n = Math.hypot(x, y, z);
  const g = plain(result.gradient) as { this: Record<string, number> };
  assert.ok(Math.abs(g.this['x']! - x / n) < 1e-15 && Math.abs(g.this['z']! - z / n) < 1e-15);
  assert.match(point.notes!.join(' '), /Vector3's instance has x, y, z at 0/);
  // A method with parameters on the same class: the receiver sampled too, so dot's gradient is the instance, not 0.
  const dot = gradientOf(doc, 'Vector3.dot');
  const gv = (plain(dot.result.gradient) as { v: Record<string, number> }).v;
  assert.deepEqual(gv, { x, y, z });
});

test('normalize() returning this: the Jacobian of v/|v| in the fields, the text field left out of the output', () => {
  const doc = DocumentAnalysis.fromText(THREE_STYLE, 'file:///vector3.js', 'typescript');
  const { result } = gradientOf(doc, 'Vector3.normalize', { this: { x: 3, y: 0, z: 4 } });
  assert.deepEqual(plain(result.value), { x: 0.6, y: 0, z: 0.8 });
  // ∂(v_i/|v|)/∂v_j = (δ_ij − u_i u_j)/|v| with u = (0.6, 0, 0.8), |v| = 5.
  const J = plain(result.jacobian) as { this: Record<string, Record<string, number>> };
  const u: Record<string, number> = { x: 0.6, y: 0, z: 0.8 };
  for (const i of ['x', 'y', 'z']) for (const j of ['x', 'y', 'z']) assert.ok(Math.abs(J.this[i]![j]! - ((i === j ? 1 : 0) - u[i]! * u[j]!) / 5) < 1e-15, `${i},${j}`);
});

test('--wrt this beside a parameter, and a method that reads no number gets no derivative', () => {
  const doc = DocumentAnalysis.fromText(THREE_STYLE, 'file:///vector3.js', 'typescript');
  const { result } = gradientOf(doc, 'Vector3.dot', { v: { x: 1, y: 0, z: 0 }, this: { x: 1, y: 2, z: 2 } }, ['v', 'this']);
  assert.deepEqual(plain(result.gradient), { v: { x: 1, y: 2, z: 2 }, this: { x: 1, y: 0, z: 0 } });
  const label = doc.resolvePoint('Vector3.label', { this: { x: 1 } });
  assert.ok(label.ok);
  const r = doc.gradient('Vector3.label', label.value);
  assert.ok(!r.ok);
});

test('Python: def norm(self) under `self`; a method through another method reads its fields', () => {
  const text = [
    'import math',
    '',
    'class Vector:',
    '    def __init__(self, x=0.0, y=0.0):',
    '        self.x = x',
    '        self.y = y',
    '        self.scale = 2.0',
    '',
    '    def norm(self):',
    '        return math.sqrt(self.x ** 2 + self.y ** 2)',
    '',
    '    def scaled_norm(self):',
    '        return self.scale * self.norm()',
    '',
  ].join('\n');
  const doc = DocumentAnalysis.fromText(text, 'file:///vector.py', 'python');
  const near = (got: unknown, want: Record<string, number>): void => {
    const g = (plain(got) as { self: Record<string, number> }).self;
    assert.deepEqual(Object.keys(g), Object.keys(want));
    for (const k of Object.keys(want)) assert.ok(Math.abs(g[k]! - want[k]!) < 1e-15, `${k}: ${g[k]} vs ${want[k]}`);
  };
  near(gradientOf(doc, 'Vector.norm', { self: { x: 3, y: 4 } }).result.gradient, { x: 0.6, y: 0.8 });
  near(gradientOf(doc, 'Vector.scaled_norm', { self: { x: 3, y: 4 } }).result.gradient, { x: 1.2, y: 1.6, scale: 5 });
  // Without a point: (0, 0) is sampled, scale (2.0) is kept.
  const sampled = gradientOf(doc, 'Vector.norm').result;
  const at = (plain(sampled.at) as { self: { x: number; y: number } }).self;
  assert.ok(at.x > 1 && at.y > 1, JSON.stringify(at));
});

test('a frozen dataclass\'s method without parameters is differentiated in its fields: the point puts them on the instance as object.__setattr__ does, where before it raised FrozenInstanceError', () => {
  const text = 'import math\nfrom dataclasses import dataclass\n\n@dataclass(frozen=True)\nclass Forward:\n    spot: float\n    rate: float = 0.05\n\n    def price(self):\n        return self.spot * math.exp(self.rate * 2.0)\n\n    def bump(self):\n        self.spot = 1.0\n        return self.spot\n';
  const doc = DocumentAnalysis.fromText(text, 'file:///fwd.py', 'python');
  const r = doc.gradient('Forward.price', { values: {}, source: 'annotation', receiver: { spot: 100, rate: 0.05 } });
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  assert.equal(r.value.value, 100 * Math.exp(0.1));
  assert.deepEqual(plain(r.value.gradient), { self: { spot: Math.exp(0.1), rate: 200 * Math.exp(0.1) } });
  // The program's own assignment to a field is still the error CPython raises.
  const bump = doc.gradient('Forward.bump', { values: {}, source: 'annotation', receiver: { spot: 100 } });
  assert.ok(!bump.ok && /FrozenInstanceError: cannot assign to field 'spot'/.test(bump.error.message), JSON.stringify(bump));
});
