import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { plainParameterClass } from '../../../src/engine/plainInstances';

/**
 * A plain Python function's parameter read only through attributes of one class of its file
 * (ir/plainParameterClasses.ts): which parameters are instances of which class, and a point's object
 * for one run as that instance. Numbers against CPython: test/fixtures/real_python/particle_pairs.py
 * (realPython.test.ts).
 */

const SOURCE = `
import numpy as np

class Body:
    def __init__(self, mass):
        self.mass = mass
        self.x = None

    def place(self, x):
        self.x = x

    def momentum(self, v):
        return self.mass * v

class Probe:
    def __init__(self, gain):
        self.gain = gain
        self.x = 0.0

class Heavy(Body):
    pass

def gap(a, b):
    return np.sqrt((a.x - b.x) ** 2)

def both(p):
    # Body has mass, Probe has gain: no class has both.
    return p.mass * p.gain

def shared(p):
    # x is a field of Body, Probe and Heavy: no single class.
    return p.x * 2.0

def weighted_gap(a, b):
    return a.mass * gap(a, b)

def scaled(b, k):
    # b is also multiplied: not only read through attributes.
    return b.gain * k + b

def rebound(b):
    b = Probe(1.0)
    return b.gain

def drag(b, v):
    return b.gain * v ** 2

def drag_twice(b, v):
    return 2.0 * drag(b, v) + b.gain
`;

const doc = DocumentAnalysis.fromText(SOURCE, 'file:///plain_classes.py', 'python');

function classesOf(name: string, params: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of params) {
    const cls = plainParameterClass(doc.compiled, name, p);
    if (cls) out[p] = cls.name;
  }
  return out;
}

test('a parameter read only through attributes of one class is an instance of it', () => {
  assert.deepEqual(classesOf('drag', ['b', 'v']), { b: 'Probe' });
  assert.deepEqual(classesOf('both', ['p']), {});
  assert.deepEqual(classesOf('shared', ['p']), {});
  assert.deepEqual(classesOf('scaled', ['b', 'k']), {});
  assert.deepEqual(classesOf('rebound', ['b']), {});
});

test('a parameter passed on is an instance of the class its callee takes there', () => {
  // gap's a and b are read for x alone, which three classes have: none, so weighted_gap's neither.
  assert.deepEqual(classesOf('gap', ['a', 'b']), {});
  assert.deepEqual(classesOf('weighted_gap', ['a', 'b']), {});
  assert.deepEqual(classesOf('drag_twice', ['b', 'v']), { b: 'Probe' });
});

test('a point object for such a parameter runs as an instance, its constructor left out when it lacks a value', () => {
  // drag(b, v) = gain·v²: ∂/∂gain = v², ∂/∂v = 2·gain·v.
  const point = doc.resolvePoint('drag', { b: { gain: 0.5 }, v: 3 });
  assert.ok(point.ok, JSON.stringify(point));
  const r = doc.gradient('drag', point.value);
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  assert.equal(r.value.value, 4.5);
  assert.deepEqual(JSON.parse(JSON.stringify(r.value.gradient)), { b: { gain: 9 }, v: 3 });
});

test('a sample point gives such a parameter an object of the attributes the function reads', () => {
  const point = doc.resolvePoint('drag');
  assert.ok(point.ok, JSON.stringify(point));
  assert.deepEqual(Object.keys(point.value.values), ['b', 'v']);
  assert.deepEqual(Object.keys(point.value.values.b as object), ['gain']);
});
