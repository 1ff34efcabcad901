import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import type { PointValue } from '../../../src/engine/run';

/**
 * `@wrt self.w` (ir/receiverInputs.ts): a method differentiated with respect to attributes of the
 * instance it runs on. Each derivative is checked two ways that share nothing with the attribute
 * path: the same arithmetic written as a plain function of the same numbers (whose gradients the
 * torch oracle covers), and central differences over the instance made with `self: w=…`.
 */

const SOURCE = `import numpy as np

class Linear:
    def __init__(self, w=2.0, b=0.5):
        self.w = w
        self.b = b
        self.W = np.array([[0.5, -0.2], [0.1, 0.3]])
        self.c = [0.1, -0.1]
        self.label = "linear"

    # @at x=1.5
    # @wrt self.w
    def forward(self, x):
        return np.tanh(self.w * x + self.b)

    # @at x=1.5; self: w=3.0; wrt x, self.w, self.b
    def loss(self, x):
        return (self.w * x + self.b) ** 2

    # @at x=[1.0, 2.0]
    # @wrt self.W, self.c
    def layer(self, x):
        h = np.tanh(self.W @ x + np.array(self.c))
        return np.sum(h ** 2)

    def named(self, x):
        return x * 2

def forward_plain(w, x, b):
    return np.tanh(w * x + b)

def layer_plain(W, c, x):
    return np.sum(np.tanh(W @ x + np.array(c)) ** 2)
`;

const doc = DocumentAnalysis.fromText(SOURCE, 'attributes.py', 'python');

function grad(name: string, at?: Record<string, PointValue>, receiver?: Record<string, PointValue>, wrt?: string[]) {
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok, JSON.stringify(point));
  const r = doc.gradient(name, receiver ? { ...point.value, receiver: { ...point.value.receiver, ...receiver } } : point.value, wrt ? { wrt } : {});
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  return r.value;
}

const near = (a: number, b: number, tol: number): void => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('@wrt self.w differentiates the attribute and leaves the explicit parameter constant', () => {
  const r = grad('Linear.forward');
  assert.deepEqual(Object.keys(r.gradient!), ['self.w']);
  const plain = grad('forward_plain', { w: 2, x: 1.5, b: 0.5 });
  near(r.value as number, plain.value as number, 1e-15);
  near(r.gradient!['self.w'] as number, plain.gradient!.w as number, 1e-15);
  // Central differences over instances made with self: w=2±h.
  const h = 1e-6;
  const up = grad('Linear.forward', undefined, { w: 2 + h }).value as number;
  const down = grad('Linear.forward', undefined, { w: 2 - h }).value as number;
  near(r.gradient!['self.w'] as number, (up - down) / (2 * h), 1e-7);
});

test('`; wrt x, self.w, self.b` mixes parameters and attributes; the instance is the one `self:` made, and the Hessian covers both', () => {
  const point = doc.resolvePoint('Linear.loss');
  assert.ok(point.ok);
  const r = doc.gradient('Linear.loss', point.value, { hessian: true });
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  // f = (w x + b)² at x = 1.5, w = 3, b = 0.5: 25; ∂x = 2·5·3, ∂w = 2·5·1.5, ∂b = 2·5.
  assert.equal(r.value.value, 25);
  assert.deepEqual({ ...r.value.gradient }, { x: 30, 'self.w': 15, 'self.b': 10 });
  // ∂²/∂x∂w = 2w·x + 2(w x + b) = 19, ∂²/∂w² = 2x² = 4.5.
  assert.deepEqual(r.value.hessian, [[18, 19, 6], [19, 4.5, 3], [6, 3, 2]]);
});

test('an array attribute stays an array and a list attribute a list; gradients come back in their shapes', () => {
  const r = grad('Linear.layer');
  const plain = grad('layer_plain', { W: [[0.5, -0.2], [0.1, 0.3]], c: [0.1, -0.1], x: [1, 2] }, undefined, ['W', 'c']);
  near(r.value as number, plain.value as number, 1e-15);
  assert.deepEqual(r.gradient!['self.W'], plain.gradient!.W);
  assert.deepEqual(r.gradient!['self.c'], plain.gradient!.c);
});

test('forward mode gives the attribute the same derivative as reverse mode', () => {
  const point = doc.resolvePoint('Linear.forward');
  assert.ok(point.ok);
  const f = doc.gradient('Linear.forward', point.value, { mode: 'forward' });
  const b = doc.gradient('Linear.forward', point.value, { mode: 'reverse' });
  assert.ok(f.ok && b.ok);
  if (f.ok && b.ok) near(f.value.gradient!['self.w'] as number, b.value.gradient!['self.w'] as number, 1e-15);
});

test('an attribute that is not numbers, or missing, is a located point error; a non-method cannot name self.w', () => {
  const point = doc.resolvePoint('Linear.named', { x: 1 });
  assert.ok(point.ok);
  const text = doc.gradient('Linear.named', point.value, { wrt: ['self.label'] });
  assert.ok(!text.ok && text.error.code === 'point' && /self\.label is a string on the instance, not a number/.test(text.error.message), JSON.stringify(text));
  const missing = doc.gradient('Linear.named', point.value, { wrt: ['self.nope'] });
  assert.ok(!missing.ok && /no attribute \.nope/.test(missing.error.message), JSON.stringify(missing));
  const bad = DocumentAnalysis.fromText('# @wrt self.w\ndef f(x):\n    return x\n', 'f.py', 'python');
  assert.ok(bad.diagnostics.some((d) => /@wrt names self\.w, which is not a parameter of f \(its parameters are x\)/.test(d.message)), JSON.stringify(bad.diagnostics));
});

test('a method taking only self is listed when `# @wrt self.w` names attributes: its point is the instance from the constructor', () => {
  const text = [
    'import numpy as np',
    '',
    'class Ridge:',
    '    def __init__(self, lam=0.1):',
    '        self.w = np.array([0.5, -0.2, 0.1])',
    '        self.X = np.array([[1.0, 2.0, 0.5], [0.3, -1.0, 2.0]])',
    '        self.y = np.array([1.0, 0.0])',
    '        self.lam = lam',
    '',
    '    # @wrt self.w',
    '    def loss(self):',
    '        r = self.X @ self.w - self.y',
    '        return 0.5 * r @ r + self.lam * self.w @ self.w',
    '',
    '    def energy(self):',
    '        return np.sum(self.w ** 2)',
    '',
  ].join('\n');
  const ridge = DocumentAnalysis.fromText(text, 'ridge.py', 'python');
  // Without an annotation a receiver-only method varies the attributes it reads (here w alone),
  // under `self`: ∂Σw²/∂w = 2w at the constructor's instance.
  assert.deepEqual(ridge.functions().map((f) => f.ir.name), ['Ridge.loss', 'Ridge.energy']);
  const energyPoint = ridge.resolvePoint('Ridge.energy');
  assert.ok(energyPoint.ok);
  const energy = energyPoint.ok ? ridge.gradient('Ridge.energy', energyPoint.value) : undefined;
  assert.ok(energy?.ok, JSON.stringify(energy));
  assert.deepEqual(JSON.parse(JSON.stringify(energy.value.gradient)), { self: { w: [1, -0.4, 0.2] } });
  assert.deepEqual(JSON.parse(JSON.stringify(energy.value.at)), { self: { w: [0.5, -0.2, 0.1] } });
  const point = ridge.resolvePoint('Ridge.loss');
  assert.ok(point.ok, JSON.stringify(point));
  if (!point.ok) return;
  assert.deepEqual(Object.keys(point.value.values), []);
  const r = ridge.gradient('Ridge.loss', point.value);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  // By hand: r = Xw − y = (−0.85, 0.55); ∇ = Xᵀr + 2·λ·w.
  const w = [0.5, -0.2, 0.1];
  const X = [[1, 2, 0.5], [0.3, -1, 2]];
  const res = [-0.85, 0.55];
  const expected = w.map((wi, j) => X[0]![j]! * res[0]! + X[1]![j]! * res[1]! + 2 * 0.1 * wi);
  const got = r.value.gradient!['self.w'] as number[];
  assert.equal(got.length, 3);
  got.forEach((g, j) => assert.ok(Math.abs(g - expected[j]!) < 1e-12, `${g} vs ${expected[j]}`));
  assert.ok(Math.abs((r.value.value as number) - 0.5425) < 1e-12);
});

test('TypeScript/JavaScript: JSDoc and // `@wrt this.k` differentiate the attribute as Python’s `@wrt self.k` does, also on a method taking only this', () => {
  const ts = DocumentAnalysis.fromText(
    `export class Spring {
  constructor(public k: number, public m: number) {}

  /**
   * Energy at x.
   * @at x=1.5; this: k=3, m=2
   * @wrt this.k
   */
  energy(x: number): number {
    return 0.5 * this.k * x * x / this.m;
  }

  // @at x=1.5; this: k=3, m=2
  // @wrt x, this.m
  energyBoth(x: number): number {
    return 0.5 * this.k * x * x / this.m;
  }
}

export class Ridge {
  constructor(public w = 0.5, public lam = 0.1) {}

  /** @wrt this.w */
  loss(): number {
    return (this.w - 2) ** 2 + this.lam * this.w * this.w;
  }

  quiet(): number {
    return this.w * 2;
  }
}
`,
    'spring.ts',
    'typescript',
  );
  assert.deepEqual(ts.diagnostics, []);
  const run = (name: string) => {
    const point = ts.resolvePoint(name);
    assert.ok(point.ok, JSON.stringify(point));
    const r = ts.gradient(name, point.value);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
    return JSON.parse(JSON.stringify(r.value.gradient));
  };
  // ∂/∂k of k·x²/(2m) at x=1.5, m=2: x²/(2m) = 0.5625; ∂/∂m = −k·x²/(2m²) = −0.84375; ∂/∂x = k·x/m = 2.25.
  assert.deepEqual(run('Spring.energy'), { 'this.k': 0.5625 });
  assert.deepEqual(run('Spring.energyBoth'), { x: 2.25, 'this.m': -0.84375 });
  // (w − 2)² + λw² at w = 0.5, λ = 0.1: 2(w − 2) + 2λw = −2.9. Without an annotation a method taking
  // only `this` varies what it reads of it: 2w's gradient is 2 in w, nothing of λ.
  assert.deepEqual(run('Ridge.loss'), { 'this.w': -2.9 });
  assert.deepEqual(run('Ridge.quiet'), { this: { w: 2 } });
});
