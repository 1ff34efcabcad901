/**
 * Objects of the file's own classes in generated code (codegen/objects.ts): written out as their
 * fields, methods and operator methods written out in place, isinstance deciding its branch. Each
 * written case passes the round trip (read back, run at 9 points against AD) before its text is
 * looked at; each refused case is refused with its reason, never written wrong.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { derivativeSource } from '../../../src/analysis/derivativeSource';

function generate(text: string, name: string, language: 'python' | 'typescript' = 'python') {
  const uri = language === 'python' ? '/tmp/objects_case.py' : '/tmp/objects_case.ts';
  return derivativeSource(DocumentAnalysis.fromText(text, uri, language), name, { text, uri });
}

const DUAL = `import math


class Dual:
    def __init__(self, re, eps=0.0):
        self.re = re
        self.eps = eps

    def __add__(self, other):
        if isinstance(other, Dual):
            return Dual(self.re + other.re, self.eps + other.eps)
        return Dual(self.re + other, self.eps)

    __radd__ = __add__

    def __mul__(self, other):
        if isinstance(other, Dual):
            return Dual(self.re * other.re, self.re * other.eps + self.eps * other.re)
        return Dual(self.re * other, self.eps * other)

    def __rmul__(self, other):
        return Dual(other * self.re, other * self.eps)

    def __neg__(self):
        return self * -1.0

    def sin(self):
        return Dual(math.sin(self.re), math.cos(self.re) * self.eps)
`;

test("dual numbers: operators, reflected operators, an alias, unary minus, a method; no object in the code", () => {
  const text = `${DUAL}

# @at a=0.7, b=1.3
def f(a, b):
    u = Dual(a, 1.0)
    v = Dual(b)
    w = u * v + 2.0 * u + 3.0 + (-v).sin()
    return w.re * w.eps
`;
  const out = generate(text, 'f');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.doesNotMatch(out.value.text, /Dual|isinstance|<object>/, 'the objects are written as their fields, isinstance decided');
  assert.match(out.value.text, /^ {4}\w+ = (np|math)\.sin\(/m);
});

test('a dataclass-style object: fields by keyword and default, a field written, an alias sees the write', () => {
  const text = `class Point:
    scale = 3.0

    def __init__(self, x, y=2.0):
        self.x = x
        self.y = y

    def norm2(self):
        return self.scale * (self.x * self.x + self.y * self.y)


# @at a=0.7, b=-1.2
def f(a, b):
    p = Point(a, b)
    q = p
    q.x = a * b
    q.y += b
    r = Point(y=a, x=b)
    return p.norm2() + p.x + r.norm2()
`;
  const out = generate(text, 'f');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.match(out.value.text, /^ {4}p_x = a \* b$/m, "the field's new value (written through the alias q), named after the object and the field");
  assert.match(out.value.text, /^ {4}t\d = p_x \* p_x$/m, "p.norm2() reads the value written through q");
});

test('a property with a setter runs the setter; a getter is written out where it is read', () => {
  const text = `import math


class Kelvin:
    def __init__(self, k):
        self.k = k

    @property
    def k(self):
        return self._k

    @k.setter
    def k(self, value):
        self._k = value * 1.0
        self.writes = 1.0

    @property
    def celsius(self):
        return self._k - 273.15


# @at a=280.0, b=1.3
def f(a, b):
    t = Kelvin(a)
    t.k = t.k * b + 10.0
    return t.celsius * math.log(t.k) + t.writes
`;
  const out = generate(text, 'f');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
});

test('the seed 001 forward-mode Variable, as published, differentiated again: the tangents become plain code', () => {
  const text = `import numpy as np


class Variable:
    def __init__(self, val, dot=0.0):
        self.val = val
        self.dot = dot

    def __mul__(self, other):
        res = Variable(self.val * other.val)
        res.dot = self.dot * other.val + self.val * other.dot
        return res


def sin(var):
    res = Variable(np.sin(var.val))
    res.dot = np.cos(var.val) * var.dot
    return res


# @at x1=1.5, x2=0.5
def f(x1, x2):
    v = sin(Variable(x1, 1.0) * Variable(x2, 0.0))
    return v.val, v.dot
`;
  const out = generate(text, 'f');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.match(out.value.text, /^# Jacobian/m);
  assert.match(out.value.text, /^ {4}res_val = x1 \* x2$/m);
});

test('a TypeScript class: constructor, method chain, getter, static method and static field', () => {
  const text = `class Vec {
  static WEIGHT = 2;
  x: number;
  y: number;
  constructor(x: number, y: number) {
    this.x = x;
    this.y = y;
  }
  scale(k: number): Vec {
    return new Vec(this.x * k, this.y * k);
  }
  get norm2(): number {
    return this.x * this.x + this.y * this.y;
  }
  static dot(a: Vec, b: Vec): number {
    return a.x * b.x + a.y * b.y;
  }
}

// @at a=0.3, b=1.2
function f(a: number, b: number): number {
  const p = new Vec(a, b).scale(a);
  return p.norm2 + Vec.dot(p, new Vec(b, 1)) * Vec.WEIGHT;
}
`;
  const out = generate(text, 'f', 'typescript');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.doesNotMatch(out.value.text, /Vec|this/);
});

test('refused with a reason: a field of an outer object written in a branch or loop, a different class in each branch, a function in a field, a list of objects', () => {
  const cls = `class Box:
    def __init__(self, v):
        self.v = v



class Other(Box):
    pass

`;
  const cases: [string, RegExp][] = [
    ['# @at a=0.7\ndef f(a):\n    b = Box(a)\n    if a > 0:\n        b.v = a * a\n    return b.v\n', /changed inside it/],
    ['# @at a=0.7\ndef f(a):\n    b = Box(a)\n    for i in range(3):\n        b.v = b.v * a\n    return b.v\n', /changed inside it/],
    ['# @at a=0.7\ndef f(a):\n    b = Box(a)\n    if a > 0:\n        b = Other(a * a)\n    return b.v\n', /a different kind of object in each branch/],
    ['# @at a=0.7\ndef f(a):\n    b = Box(a)\n    b.g = lambda u: u * a\n    return b.v\n', /a function stored in the field g/],
    ['# @at a=0.7\ndef f(a):\n    xs = [Box(a), Box(a * a)]\n    return xs[0].v + xs[1].v\n', /\.v of a differentiated value|a list of objects/],

  ];
  for (const [body, reason] of cases) {
    const out = generate(cls + body, 'f');
    assert.ok(!out.ok, `should be refused: ${body}\n${out.ok ? out.value.text : ''}`);
    assert.equal(out.error.code, 'unsupported', out.error.message);
    assert.match(out.error.message, reason);
  }
});

test('a micrograd-style Value: a comparison method in an if, an object reassigned in a branch (joined field by field), children kept unread', () => {
  const text = `import math


class Value:
    def __init__(self, data, _children=()):
        self.data = data
        self._prev = _children

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other))

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other))

    def __pow__(self, k):
        assert isinstance(k, (int, float))
        return Value(self.data ** k, (self,))

    def __lt__(self, other):
        return self.data < (other.data if isinstance(other, Value) else other)


# @at a=0.7, b=-0.4
def f(a, b):
    x = Value(a)
    y = x * b + 1.0
    if y < 0.5:
        y = y * 2.0
    else:
        y = y ** 2
    return y.data
`;
  const out = generate(text, 'f');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.match(out.value.text, /^ {4}if test < 0\.5:$|^ {4}test = \w+ < 0\.5$/m, 'the comparison method is written out as a boolean before the if');
  assert.doesNotMatch(out.value.text, /_prev|Value|<object/);
});

test("__call__, super() in a constructor and a method, a property, a static and a class method (the corpus's activations)", () => {
  const uri = join(__dirname, '..', '..', 'oracle', 'corpus', 'classes.py');
  const text = readFileSync(uri, 'utf8');
  const out = derivativeSource(DocumentAnalysis.fromText(text, uri, 'python'), 'activations', { text, uri });
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.doesNotMatch(out.value.text, /super|ScaledSigmoid|self|cls/);
  assert.match(out.value.text, /^ {4}act_calls = 0 \+ 1$/m, "__call__'s `self.calls += 1`, named after the object");
});

test("a static method and a module object's functions are written as plain functions; a method taking self as a method", () => {
  const text = `import math


class Shapes:
    UNIT = 1.5

    @staticmethod
    def area(r):
        return math.pi * r * r * Shapes.UNIT

    def scaled(self, r):
        return self.UNIT * r


# @at r=0.7
def use(r):
    return Shapes.area(r) + Shapes().scaled(r)
`;
  const staticOne = generate(text, 'Shapes.area');
  assert.ok(staticOne.ok, staticOne.ok ? '' : staticOne.error.message);
  assert.equal(staticOne.value.checkedPoints, 9);
  assert.match(staticOne.value.text, /^def grad_Shapes_area\(r\):$/m);
  // A method taking self is a method of its class (methods.test.ts), reading the class attribute through self.
  const instance = generate(text, 'Shapes.scaled');
  assert.ok(instance.ok, instance.ok ? '' : instance.error.message);
  assert.match(instance.value.text, /^def grad_scaled\(self, r\):\n(?:    #.*\n)    self_UNIT = self\.UNIT$/m);
  const js = `const pendulum = {
  length: 2.0,
  g: 9.81,
  period(scale) {
    return 2 * Math.PI * Math.sqrt((this.length * scale) / this.g);
  },
  energy(m, theta) {
    return m * this.g * this.length * (1 - Math.cos(theta)) + this.period(m);
  },
};

// @at m=0.5, theta=0.3
export function swing(m, theta) {
  return pendulum.energy(m, theta);
}
`;
  const uri = '/tmp/objects_case.mjs';
  const energy = derivativeSource(DocumentAnalysis.fromText(js, uri, 'typescript'), 'pendulum.energy', { text: js, uri });
  assert.ok(energy.ok, energy.ok ? '' : energy.error.message);
  assert.equal(energy.value.checkedPoints, 9);
  assert.match(energy.value.text, /^function grad_pendulum_energy\(m, theta\) \{$/m);
  assert.doesNotMatch(energy.value.text, /pendulum\.period\(/, 'the module object function it calls is written out in place');
});

test("an object's fields read in a loop's test and body are their values", () => {
  const text = `class Box:
    def __init__(self, v, n):
        self.v = v
        self.n = n


# @at a=0.7
def f(a):
    b = Box(a, 3)
    s = 0.0
    k = 0
    while k < b.n:
        s = s + b.v * a
        k += 1
    return s
`;
  const out = generate(text, 'f');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.match(out.value.text, /^ {4}while k < 3:$/m);
});
