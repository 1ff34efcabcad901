import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { formatRange } from '../../../src/core/sourceRange';

/**
 * User classes interpreted and differentiated through (engine/classes.ts, interpreter/objects.ts),
 * and methods run on their own as `Class.method`. The torch-checked cases are in
 * test/oracle/corpus/classes.py; these pin the seeds' published numbers, the instance a method lens
 * runs on, per-run class state, and the budgets.
 */

const CORPUS = readFileSync(join(__dirname, '..', '..', 'oracle', 'corpus', 'classes.py'), 'utf8');
const SEEDS = readFileSync(join(__dirname, '..', '..', 'oracle', 'corpus', 'seeds_classes.py'), 'utf8');
const SEED_REVERSE = readFileSync(join(__dirname, '..', '..', 'oracle', 'corpus', 'seeds_reverse.py'), 'utf8');

function analyse(source: string): DocumentAnalysis {
  return DocumentAnalysis.fromText(source, 'test.py', 'python');
}

function gradient(doc: DocumentAnalysis, name: string, at?: Record<string, number>, budget = {}) {
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok, JSON.stringify(point));
  return doc.gradient(name, point.value, { budget });
}

const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test("seed 000's ADTangent gives the seed's numbers: f(2, 5) = 11.6521, the tangent dx = 5.5, and ∇f = (5.5, 1.7163)", () => {
  const r = gradient(analyse(SEEDS), 'seed000_as_published');
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  const [value, tangent] = r.value.value as number[];
  close(value!, 11.652071455223084);
  close(tangent!, 5.5);
  // Row 0 of the Jacobian is ∇f: the tape saw the floats inside the objects.
  close((r.value.jacobian!.x1 as number[])[0]!, 5.5);
  close((r.value.jacobian!.x2 as number[])[0]!, 1.7163378145367738);
});

test("seed 001's Variable gives the seed's numbers: 2.016646669428201 and the tangents 3.0118 and −13.7240", () => {
  const r = gradient(analyse(SEEDS), 'seed001_as_published');
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  const [value, dx1, dx2] = r.value.value as number[];
  close(value!, 2.016646669428201);
  close(dx1!, 3.0118433276739065);
  close(dx2!, -13.723961509314076);
  // The class's forward tangents equal the engine's own reverse gradient of the value.
  close((r.value.jacobian!.x1 as number[])[0]!, 3.0118433276739065);
  close((r.value.jacobian!.x2 as number[])[0]!, -13.723961509314076);
});

test("seed 001's reverse mode (its Tape, Variable and grad, re-indented) gives the seed's value 2.016646669428201 and gradient (3.0118, −13.7240)", () => {
  const r = gradient(analyse(SEED_REVERSE), 'seed001_reverse_as_published');
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  const [value, dx1, dx2] = r.value.value as number[];
  close(value!, 2.016646669428201);
  close(dx1!, 3.0118433276739065);
  close(dx2!, -13.723961509314076);
});

test('a NamedTuple class gets its fields as constructor parameters; its objects compare and hash as the tuples they are in Python', () => {
  const doc = analyse(`from typing import NamedTuple

class Entry(NamedTuple):
    inputs: list
    scale: float = 2.0

def ok(x):
    return Entry([x], scale=3.0).scale * Entry([x]).inputs[0] + Entry([x]).scale

def compared(x):
    return x if Entry([x]) == Entry([x]) else 0.0

def keyed(x):
    return {Entry([x]): 1}[Entry([x])] * x
`);
  const r = gradient(doc, 'ok', { x: 1.5 });
  assert.ok(r.ok && r.value.value === 6.5 && r.value.gradient!.x === 3, JSON.stringify(r));
  // CPython: ([1.5], 2.0) == ([1.5], 2.0) is True; a tuple holding a list is unhashable (TypeError).
  const c = gradient(doc, 'compared', { x: 1.5 });
  assert.ok(c.ok && c.value.value === 1.5, JSON.stringify(c));
  const k = gradient(doc, 'keyed', { x: 1.5 });
  assert.ok(!k.ok && /unhashable/.test(k.error.message), JSON.stringify(k));
});

const SIGMOID = `import numpy as np

class ActivationBase:
    def __init__(self, **kwargs):
        pass

class Sigmoid:
    def __init__(self, alpha=1.0):
        self.alpha = alpha
        self.nfev = 0

    # @at z=0.5; self: alpha=2
    def fn(self, z):
        self.nfev += 1
        return 1 / (1 + np.exp(-self.alpha * z)) + self.nfev

    def grad(self, x):
        return self.fn(x) * (1 - self.fn(x))

class Affine:
    def __init__(self, slope, intercept=0.0):
        self.slope = slope
        self.intercept = intercept

    def fn(self, z):
        return self.slope * z + self.intercept + self.extra

    @staticmethod
    def scaled(t, k=2.0):
        return k * t * t
`;

test('a method is listed as Class.method, without self, with its own @at and the instance that @at describes', () => {
  const doc = analyse(SIGMOID);
  const names = doc.functions().map((f) => `${f.ir.name}(${f.ir.params.map((p) => p.name).join(', ')})`);
  assert.deepEqual(names, ['Sigmoid.fn(z)', 'Sigmoid.grad(x)', 'Affine.fn(z)', 'Affine.scaled(t, k)']);
  const fn = doc.functions().find((f) => f.ir.name === 'Sigmoid.fn')!;
  assert.deepEqual({ ...fn.points[0]!.values }, { z: 0.5 });
  assert.deepEqual({ ...fn.points[0]!.receiver }, { alpha: 2 });
  assert.equal(formatRange(fn.ir.nameRange), '13:9-13:11');
  const r = gradient(doc, 'Sigmoid.fn');
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  // alpha = 2 from the annotation: σ(1) + 1 (nfev counted once), dσ/dz = alpha σ(1)(1 − σ(1)); alpha stays constant.
  const s = 1 / (1 + Math.exp(-1));
  close(r.value.value as number, s + 1);
  close(r.value.gradient!.z as number, 2 * s * (1 - s));
  assert.deepEqual(Object.keys(r.value.gradient!), ['z']);
});

test('without a self: part the instance comes from __init__ with its defaults; a point given without one too', () => {
  const doc = analyse(SIGMOID);
  const r = gradient(doc, 'Sigmoid.grad', { x: 0.3 });
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  // fn runs twice on the same instance: nfev is 1, then 2.
  const s = 1 / (1 + Math.exp(-0.3));
  close(r.value.value as number, (s + 1) * (1 - (s + 2)));
});

test('a constructor that needs arguments the point does not give is a located point error that says how to give them', () => {
  const doc = analyse(SIGMOID);
  const r = gradient(doc, 'Affine.fn', { z: 1 });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.error.code, 'point');
  assert.match(r.error.message, /Affine\.fn runs on an instance made by Affine\(…\).*missing a value for slope.*# @at …; self: slope=1$/);
});

test('self: values that are not constructor parameters become attributes; static methods take no instance', () => {
  const source = SIGMOID.replace('    def fn(self, z):\n        return self.slope', '    # @at z=2; self: slope=3, extra=0.5\n    def fn(self, z):\n        return self.slope');
  const doc = analyse(source);
  const r = gradient(doc, 'Affine.fn');
  assert.ok(r.ok, JSON.stringify(r));
  if (r.ok) {
    close(r.value.value as number, 3 * 2 + 0 + 0.5);
    close(r.value.gradient!.z as number, 3);
  }
  const s = gradient(doc, 'Affine.scaled', { t: 1.5 });
  assert.ok(s.ok, JSON.stringify(s));
  if (s.ok) close(s.value.gradient!.t as number, 2 * 2 * 1.5);
});

test('a malformed self: part is a located annotation error', () => {
  const doc = analyse(SIGMOID.replace('# @at z=0.5; self: alpha=2', '# @at z=0.5; self: alpha='));
  assert.ok(doc.diagnostics.some((d) => d.code === 'point' && /malformed # @at annotation.*self: alpha=0\.1/.test(d.message)), JSON.stringify(doc.diagnostics));
});

test('class attributes are per evaluation: a method that accumulates into one cannot leak into the next run', () => {
  const source = `class Counter:
    total = 0.0

    def add(self, v):
        Counter.total = Counter.total + v
        self.total_seen = Counter.total
        return self

def f(t):
    Counter().add(t).add(t * t)
    return Counter.total
`;
  const doc = analyse(source);
  for (let run = 0; run < 3; run++) {
    const r = gradient(doc, 'f', { t: 0.5 });
    assert.ok(r.ok, JSON.stringify(r));
    if (r.ok) {
      close(r.value.value as number, 0.75);
      close(r.value.gradient!.t as number, 2);
    }
  }
});

test('an __add__ that recurses forever stops at the call-depth limit, located in the method', () => {
  const source = `class Loop:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return self + other

def f(x):
    return (Loop(x) + 1).v
`;
  const r = gradient(analyse(source), 'f', { x: 1 });
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error.code, 'recursion');
    assert.equal(formatRange(r.error.range), '6:16-6:28');
  }
});

test('a method reading an attribute that may come from a base GradLens cannot read names that base', () => {
  const source = `import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()

def f(x):
    return Net().weight * x
`;
  const r = gradient(analyse(source), 'f', { x: 1 });
  assert.equal(r.ok, false);
  // `super().__init__()` into the unread base stands in as setting nothing: the read of .weight is what stops.
  if (!r.ok) assert.match(r.error.message, /a Net object has no attribute \.weight that GradLens can see: it may come from nn\.Module/);
});

test('operators without a method, comparisons without one, and setting a property are located type errors', () => {
  const source = `class P:
    def __init__(self, v):
        self.v = v

    @property
    def double(self):
        return 2 * self.v

def add(x):
    return P(x) * 2

def setp(x):
    p = P(x)
    p.double = 3
    return p.v

def eq(x):
    return 1.0 if P(x) == P(x) else 0.0
`;
  const doc = analyse(source);
  const add = gradient(doc, 'add', { x: 1 });
  assert.ok(!add.ok && /unsupported operand types for \*: a P object and a number/.test(add.error.message), JSON.stringify(add));
  const setp = gradient(doc, 'setp', { x: 1 });
  assert.ok(!setp.ok && /property without a setter/.test(setp.error.message), JSON.stringify(setp));
  // Without __eq__, == is identity, as in Python.
  const eq = gradient(doc, 'eq', { x: 1 });
  assert.ok(eq.ok && eq.value.value === 0, JSON.stringify(eq));
});

test('isinstance(k, float) and isinstance(k, int) follow the source\'s int or float (k = 2, v = 2.0), as CPython decides', () => {
  const doc = analyse('def f(x):\n    k = 2\n    v = 2.0\n    a = 3 if isinstance(k, float) else 5\n    b = 7 if isinstance(v, int) else 11\n    c = 13 if isinstance(k, (str, int)) and isinstance(v / 1, float) else 17\n    return x * (a + b + c)\n');
  const r = gradient(doc, 'f', { x: 1 });
  assert.ok(r.ok && r.value.gradient!.x === 5 + 11 + 13 && r.value.warnings.length === 0, JSON.stringify(r));
});

test('isinstance of a whole number whose type the source does not say decides with a warning', () => {
  for (const type of ['float', 'int']) {
    const r = gradient(analyse(`import numpy as np\ndef f(x):\n    k = np.array([2.0, 1.0])[0]\n    return x * 3 if isinstance(k, ${type}) else x\n`), 'f', { x: 1 });
    assert.ok(r.ok, JSON.stringify(r));
    if (r.ok) assert.ok(r.value.warnings.some((w) => new RegExp(`isinstance\\(2, ${type}\\): the source does not say whether this whole number is an int or a float`).test(w.message)), JSON.stringify(r.value.warnings));
  }
});

test('a class body statement GradLens cannot read refuses only the attribute lookups that miss, not the class', () => {
  const source = ['class Act:', '    class Meta:', '        name = "act"', '', '    def fn(self, z):', '        return z * z', '', '    def meta(self, z):', '        return self.Meta.name', '', 'def f(z):', '    return Act().fn(z)', '', 'def g(z):', '    return Act().meta(z)', ''].join('\n');
  const doc = analyse(source);
  const f = gradient(doc, 'f', { z: 2 });
  assert.ok(f.ok && f.value.value === 4 && f.value.gradient!.z === 4, JSON.stringify(f));
  const method = gradient(doc, 'Act.fn', { z: 3 });
  assert.ok(method.ok && method.value.gradient!.z === 6, JSON.stringify(method));
  const g = gradient(doc, 'g', { z: 2 });
  assert.ok(!g.ok && /no attribute \.Meta .*the class body's line 2/.test(g.error.message) && g.error.range.start.line === 8, JSON.stringify(g));
});

test('print(x) is None, as in Python', () => {
  const r = gradient(analyse('def f(x):\n    if print(x) is None:\n        return 2 * x\n    return x\n'), 'f', { x: 1.5 });
  assert.ok(r.ok && r.value.value === 3, JSON.stringify(r));
});

test('a method call on an instance made with values is the method\'s point, run on that instance', () => {
  const doc = analyse(['import numpy as np', 'class Leaky:', '    def __init__(self, alpha=0.01):', '        self.alpha = alpha', '    def fn(self, z):', '        return np.where(z > 0, z, self.alpha * z)', '', 'if __name__ == "__main__":', '    act = Leaky(alpha=0.2)', '    act.fn(-2.0)', ''].join('\n'));
  const fn = doc.functions().find((f) => f.ir.name === 'Leaky.fn')!;
  assert.equal(fn.points[0]?.source, 'call-site');
  const r = doc.gradient('Leaky.fn', fn.points[0]!);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  close(r.value.value as number, -0.4);
  close(r.value.gradient!.z as number, 0.2);
});

test('instances hash by identity (a micrograd set of nodes), unless the class defines __eq__ without __hash__, as in Python', () => {
  const doc = analyse(`class N:
    def __init__(self, v):
        self.v = v

class E(N):
    def __eq__(self, other):
        return self.v == other.v

def count(x):
    a = N(x)
    b = N(x)
    seen = {a, b, a}
    d = {a: 1.0, N: 2.0}
    return x * len(seen) + d[a] + d[N] + (1.0 if b in seen else 0.0)

def unhashable(x):
    return len({E(x)})
`);
  const r = doc.gradient('count', { values: { x: 1.5 }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  assert.equal(r.value.value, 1.5 * 2 + 1 + 2 + 1);
  assert.equal(r.value.gradient!.x, 2);
  const bad = doc.gradient('unhashable', { values: { x: 1.5 }, source: 'argument' });
  assert.ok(!bad.ok && /E defines __eq__ without __hash__/.test(bad.error.message) && bad.error.range.start.line === 16, JSON.stringify(bad));
});

test("the seeds' classes as published: seed 000's own bug fails where Python fails, with Python's reason", () => {
  const published = SEEDS;
  const doc = analyse(`${published}

def minus_float(x1):
    x = ADTangent(x=x1, dx=1)
    return (x - 1.0).x
`);
  // __sub__ with a float assigns `ex`, then reads `dx`: Python's UnboundLocalError, at that line.
  const sub = doc.gradient('minus_float', { values: { x1: 2 }, source: 'argument' });
  assert.ok(!sub.ok, 'the seed\'s __sub__ with a float must fail');
  if (sub.ok) return;
  assert.match(sub.error.message, /dx is used before it is assigned/);
  assert.equal(published.split('\n')[sub.error.range.start.line]!.trim(), 'return ADTangent(x, dx)');
});

test('a class attribute GradLens cannot evaluate fails only where it is read; the others work', () => {
  const doc = analyse(`import os
import logging

class K:
    scale = 2.0
    _log = logging.getLogger(__name__)
    here = os.getcwd()

    def m(self, x):
        return x * self.scale

    def where(self, x):
        return x * len(self.here)
`);
  const r = doc.gradient('K.m', { values: { x: 1.5 }, source: 'argument' });
  assert.ok(r.ok && r.value.value === 3 && r.value.gradient!.x === 2, r.ok ? String(r.value.value) : r.error.message);
  const bad = doc.gradient('K.where', { values: { x: 1.5 }, source: 'argument' });
  assert.ok(!bad.ok && /os/.test(bad.error.message) && bad.error.range.start.line === 6, bad.ok ? 'ran' : bad.error.message);
});

test('a default GradLens cannot evaluate is stored, and refused only where it is used (never a branch taken on it)', () => {
  const doc = analyse(`from mlpkg.scaling import Scaler

class Objective:
    def __init__(self, scaler=Scaler()):
        self.scaler = scaler

    def __call__(self, theta):
        return theta[0] ** 2 + theta[1]

    def gradient(self, theta):
        g = [2 * theta[0], 1.0]
        if self.scaler is None:
            return g
        return g

def plain(x, s=Scaler()):
    return x * s
`);
  const r = doc.gradient('Objective.__call__', { values: { theta: [1.5, 2] }, source: 'argument' });
  assert.ok(r.ok && r.value.value === 4.25, r.ok ? String(r.value.value) : r.error.message);
  const isNone = doc.evaluate('Objective.gradient', { values: { theta: [1.5, 2] }, source: 'argument' });
  assert.ok(!isNone.ok && /mlpkg\.scaling/.test(isNone.error.message), isNone.ok ? 'a branch was taken on an unread value' : isNone.error.message);
  const used = doc.evaluate('plain', { values: { x: 2 }, source: 'argument' });
  assert.ok(!used.ok && /mlpkg\.scaling/.test(used.error.message), used.ok ? 'ran' : used.error.message);
});

test('a method whose instance cannot be made without arguments says which the point must give: only those without a default', () => {
  const doc = analyse(`class Neuron:
    def __init__(self, nin, nonlin=True):
        self.w = [0.5] * nin
        self.nonlin = nonlin

    def __call__(self, x):
        return sum(wi * xi for wi, xi in zip(self.w, x))
`);
  const r = gradient(doc, 'Neuron.__call__', { x: [1, 2] } as never);
  assert.ok(!r.ok && /Say how to make it: # @at …; self: nin=1$/.test(r.error.message), JSON.stringify(r));
});
