import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { classMembers, sameClassParameters } from '../../../src/ir/instanceParameters';
import { lowerPython } from '../../../src/frontends/python/index';

/**
 * A method's parameter of its own class (`def distance_to(self, other)`): which parameters count
 * (ir/instanceParameters.ts), how a point's object becomes an instance (engine/run.ts), and what a
 * point that cannot make one says. Numbers against CPython: the real-style corpus (vectors.py,
 * physics.py's Particle.distance_to) in realPython.test.ts.
 */

const SOURCE = `import math

class Vec:
    scale = 1.0

    def __init__(self, x, y=0.0):
        self.x = x
        self.y = y

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def length(self):
        return math.hypot(self.x, self.y)

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    def gap(self, other):
        return (self - other).length()

    def cosine(self, other):
        return self.dot(other) / (self.length() * other.length())

    def scaled(self, k, settings):
        return self.x * k * settings.factor

    def mixed(self, other, t):
        return self.x * t + other.x * (1 - t) + other.scale

    # @at other={"y": 2.0}
    def needs_x(self, other):
        return other.x * other.y
`;

test('parameters read as instances of the class, by attribute, operator or own method; others not', () => {
  const cls = lowerPython(SOURCE, 'vec.py').classes!.find((c) => c.name === 'Vec')!;
  const params = (name: string): string[] => sameClassParameters(cls.methods.find((m) => m.fn.name === name)!, cls, [cls]);
  assert.deepEqual(params('dot'), ['other']);
  assert.deepEqual(params('gap'), ['other'], 'self - other with Vec.__sub__');
  assert.deepEqual(params('cosine'), ['other'], 'other.length() and self.dot(other)');
  assert.deepEqual(params('scaled'), [], 'settings.factor is no member of Vec');
  assert.deepEqual(params('mixed'), ['other'], 'a class attribute is a member');
});

test('an object point for such a parameter is an instance: its methods run and its gradient is keyed by field', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'vec.py', 'python');
  const at = { other: { x: 3, y: 4 } };
  const point = doc.resolvePoint('Vec.cosine', at);
  assert.ok(point.ok);
  const r = doc.gradient('Vec.cosine', { ...point.value, receiver: { x: 1, y: 2 } });
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  // cos = (a·b)/(|a||b|) with a = (1, 2), b = (3, 4): ∂/∂b = a/(|a||b|) − (a·b) b/(|a||b|³).
  const na = Math.hypot(1, 2);
  const nb = 5;
  const c = 11;
  const g = r.value.gradient as Record<string, Record<string, number>>;
  assert.ok(Math.abs(r.value.value as number - c / (na * nb)) < 1e-15);
  assert.ok(Math.abs(g.other!.x! - (1 / (na * nb) - (c * 3) / (na * nb ** 3))) < 1e-14, JSON.stringify(g));
  assert.ok(Math.abs(g.other!.y! - (2 / (na * nb) - (c * 4) / (na * nb ** 3))) < 1e-14, JSON.stringify(g));
});

test('an object that cannot make the instance says which values it lacks; a non-member read stays a dict', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'vec.py', 'python');
  const point = doc.resolvePoint('Vec.needs_x');
  assert.ok(point.ok);
  const r = doc.gradient('Vec.needs_x', { ...point.value, receiver: { x: 1 } });
  assert.ok(!r.ok);
  assert.match(r.error.message, /other is an instance of Vec .*missing a value for x\. Give them in its object: other=\{"x": 1, …\}/);
  const s = doc.gradient('Vec.scaled', { values: { k: 2, settings: { factor: 3 } }, source: 'annotation', receiver: { x: 1 } });
  assert.ok(!s.ok);
  assert.match(s.error.message, /a dict has no attribute \.factor/);
});

test('an object of fields only (a sample of `other` in the fields its constructor makes) is an instance with those fields, its __init__ not run', () => {
  const source = 'import numpy as np\n\nclass Molecule:\n    def __init__(self, position):\n        if len(position) != 3:\n            raise ValueError("3 components")\n        self._position = np.array(position)\n\n    def energy(self, other):\n        delta = self._position - other._position\n        return 1.0 / np.dot(delta, delta)\n';
  const doc = DocumentAnalysis.fromText(source, 'lj.py', 'python');
  // The sample: other as the fields an instance has (`_position`), not its constructor's `position`.
  const sample = doc.resolvePoint('Molecule.energy');
  assert.ok(sample.ok, JSON.stringify(sample));
  assert.deepEqual(Object.keys(sample.value.values.other as object), ['_position']);
  const r = doc.gradient('Molecule.energy', { values: { other: { _position: [1, 2, 2] } }, source: 'annotation', receiver: { position: [0, 0, 0] } });
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  // f = 1/|d|² with d = self − other = −(1, 2, 2): value 1/9; ∂f/∂d = −2d/|d|⁴ and ∂d/∂other = −I, so ∂f/∂other = 2d/|d|⁴ = −2·(1, 2, 2)/81.
  assert.equal(r.value.value, 1 / 9);
  assert.deepEqual((r.value.gradient as Record<string, Record<string, number[]>>).other!._position, [-2 / 81, -4 / 81, -4 / 81]);
});

test("a class's members are kept only while its bases resolve to the same classes", () => {
  // The same subclass read beside two different bases of one name (a base class edited in another
  // file): its members follow the base it sees each time, not the first answer kept.
  const child = lowerPython('class Child(Base):\n    def run(self):\n        return self.k\n', 'child.py').classes!.find((c) => c.name === 'Child')!;
  const baseWith = (attribute: string) => lowerPython(`class Base:\n    def __init__(self):\n        self.${attribute} = 1.0\n`, 'base.py').classes!.find((c) => c.name === 'Base')!;
  const first = baseWith('alpha');
  const second = baseWith('beta');
  assert.ok(classMembers(child, [child, first]).has('alpha'));
  assert.ok(!classMembers(child, [child, second]).has('alpha'));
  assert.ok(classMembers(child, [child, second]).has('beta'));
  assert.ok(classMembers(child, [child, first]).has('alpha'));
  assert.ok(!classMembers(child, [child]).has('beta'));
});
