import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * Python's `@x.setter` lowered to the IR's setter role (as TypeScript's `set x(v)` is): the torch
 * check of the numbers is `property_setter` in test/oracle/corpus/classes.py; these pin the rest.
 */

const SOURCE = `class Box:
    def __init__(self, side=2.0):
        self.side = side

    @property
    def side(self):
        return self._side

    @side.setter
    def side(self, value):
        if value <= 0:
            raise ValueError("a side must be positive")
        self._side = value

    @side.deleter
    def side(self):
        del self._side

    @property
    def area(self):
        return self._side ** 2

    def grow(self, by):
        self.side = self.side + by
        return self.area

def negative(x):
    return Box(-x).area

def read_only(x):
    b = Box(x)
    b.area = 3.0
    return x
`;

const doc = DocumentAnalysis.fromText(SOURCE, 'box.py', 'python');

function run(name: string, at: Record<string, number>) {
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok, JSON.stringify(point));
  return doc.gradient(name, point.value);
}

test('a method assigning a property goes through its setter; the setter and deleter get no lens of their own', () => {
  const r = run('Box.grow', { by: 0.5 });
  assert.ok(r.ok, JSON.stringify(r));
  if (r.ok) assert.deepEqual([r.value.value, r.value.gradient!.by], [6.25, 5]);
  assert.deepEqual(doc.functions().map((f) => f.ir.name).filter((n) => n.startsWith('Box.')), ['Box.grow']);
});

test('a setter that raises is a located error where Python raises', () => {
  const r = run('negative', { x: 1 });
  assert.ok(!r.ok && /a side must be positive/.test(r.error.message) && r.error.range.start.line === 11, JSON.stringify(r));
});

test('a property without a setter is read-only, as in Python (AttributeError)', () => {
  const r = run('read_only', { x: 1 });
  assert.ok(!r.ok && /cannot set \.area of a Box object: it is a property without a setter/.test(r.error.message), JSON.stringify(r));
});
