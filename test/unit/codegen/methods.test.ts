/**
 * The derivative of a method taking its instance (`self`, `this`) as code: a method of the same
 * class beside it (`def grad_forward(self, x)`), its gradient with respect to the parameters and,
 * where the lens differentiates them (`@wrt self.w`), the instance's attributes — each read from the
 * instance once at the start (`self_w = self.w`), the method's own writes to the instance kept as
 * local values (the gradient does not change the object). The check reads the method back inside
 * its class and runs it on the point's instance (`self: w=…`) at 9 points against AD.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { derivativeSource } from '../../../src/analysis/derivativeSource';

function generate(text: string, name: string, uri = '/tmp/methods_case.py') {
  const language = uri.endsWith('.py') ? 'python' : 'typescript';
  return derivativeSource(DocumentAnalysis.fromText(text, uri, language), name, { text, uri });
}

function written(text: string, name: string, uri?: string) {
  const out = generate(text, name, uri);
  assert.ok(out.ok, out.ok ? '' : `${out.error.code}: ${out.error.message}`);
  assert.equal(out.value.checkedPoints, 9);
  return out.value;
}

const NEURON = `import numpy as np


class Base:
    def __init__(self, w):
        self.w = w

    def act(self, z):
        return np.tanh(z)


class Neuron(Base):
    def __init__(self, w, b=0.1):
        super().__init__(w)
        self.b = b
        self.calls = 0

    def act(self, z):
        return 2.0 * super().act(z)

    @property
    def gain(self):
        return self.w * self.w

    # @at x=0.8; self: w=1.5
    # @wrt x, self.w, self.b
    def forward(self, x):
        self.calls += 1
        z = self.gain * x + self.b
        self.last = z
        return self.act(self.last) + 0.5 * self.calls * x

    # @at x=0.8; self: w=1.5
    def plain(self, x):
        return self.w * np.sin(x) + self.b

    @classmethod
    def make(cls, x):
        return x * 2.0
`;

test('@wrt x, self.w, self.b: a method beside it returns the gradient for the parameter and both attributes', () => {
  const out = written(NEURON, 'Neuron.forward');
  assert.deepEqual(out.wrt, ['x', 'self.w', 'self.b']);
  assert.equal(out.name, 'grad_forward');
  const code = out.text;
  assert.match(code, /^def grad_forward\(self, x\):$/m);
  assert.match(code, /^    self_w = self\.w\n    self_b = self\.b\n    self_calls = self\.calls$/m, 'the attributes differentiated first, then the others as first read');
  assert.match(code, /^    self_calls_2 = self_calls \+ 1$/m, 'the method\'s write to the instance is a local value');
  assert.doesNotMatch(code, /self\.\w+ =/, 'the gradient never writes into the instance');
  assert.match(code, /^    return dx, dself_w, dself_b$/m);
  // The property, the override and super().act are written out in place.
  assert.match(code, /= self_w \* self_w$/m);
  assert.match(code, /= np\.tanh\(z\)$/m);
});

test('without @wrt, the gradient is with respect to the parameters only; attributes are constants read once', () => {
  const out = written(NEURON, 'Neuron.plain');
  assert.deepEqual(out.wrt, ['x']);
  assert.match(out.text, /^    self_w = self\.w\n/m);
  assert.match(out.text, /^    return dx$/m);
});

test('a class method is a located refusal', () => {
  const out = generate(NEURON.replace('    @classmethod\n', '    # @at x=0.8\n    @classmethod\n'), 'Neuron.make');
  assert.ok(!out.ok);
  assert.equal(out.error.code, 'unsupported');
  assert.match(out.error.message, /class method/);
});

test('an ES5 method assigned to a prototype is a located refusal: there is no class body to put its gradient in', () => {
  const text = 'function Body(mass) {\n  this.mass = mass;\n}\n// @at g=9.81; this: mass=2\nBody.prototype.weight = function (g) {\n  return this.mass * g * g;\n};\n';
  const out = generate(text, 'Body.weight', '/tmp/methods_case.js');
  assert.ok(!out.ok);
  assert.equal(out.error.code, 'unsupported');
  assert.match(out.error.message, /assigned to Body's prototype/);
  assert.equal(out.error.range.start.line, 4);
});

test('numpy attributes: the measured shapes come from a probe run on the instance, and an array attribute gets an array gradient', () => {
  const text = `import numpy as np


class Layer:
    def __init__(self):
        self.W = np.array([[0.5, -0.2], [0.1, 0.3]])
        self.b = np.array([0.1, -0.1])

    # @at x=[1.0, 2.0]
    # @wrt self.W, x
    def loss(self, x):
        h = np.tanh(self.W @ x + self.b)
        return np.sum(h ** 2)
`;
  const out = written(text, 'Layer.loss');
  assert.deepEqual(out.wrt, ['x', 'self.W']);
  assert.match(out.text, /^    dself_W = np\.outer\(/m, 'the matrix attribute\'s adjoint is an outer product');
  assert.match(out.text, /^    return dx, dself_W$/m);
});

test('TypeScript: a method of the class, reading this', () => {
  const text = `export class Spring {
  k: number;
  rest = 1.0;
  constructor(k: number) {
    this.k = k;
  }

  /** @at x=1.5; this: k=3 */
  energy(x: number): number {
    const d = x - this.rest;
    return 0.5 * this.k * d * d + this.damp(x);
  }

  damp(x: number): number {
    return Math.exp(-this.k * x);
  }
}
`;
  const out = written(text, 'Spring.energy', '/tmp/methods_case.ts');
  assert.match(out.text, /^grad_energy\(x: number\): number \{$/m, 'method syntax, no function keyword');
  assert.match(out.text, /^ {2}const this_rest = this\.rest;\n {2}const this_k = this\.k;$/m);
  const js = written(text.replace(/: number/g, '').replace('  k;\n', ''), 'Spring.energy', '/tmp/methods_case.js');
  assert.match(js.text, /^grad_energy\(x\) \{$/m);
});
