"""User classes differentiated through (the seeds' own classes, as published, are in seeds_classes.py):
a micrograd-style scalar Value, inheritance with super(), class attributes, properties, static and class methods,
dataclasses and __call__. Each function builds objects from its parameters and returns a number."""
import math
from dataclasses import dataclass

import numpy as np


class Value:
    """A micrograd-style scalar: operators with reflected forms, pow by a constant, tanh, relu."""

    def __init__(self, data, _children=(), _op=''):
        self.data = data
        self.grad = 0.0
        self._prev = _children
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other), '+')

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other), '*')

    def __pow__(self, other):
        assert isinstance(other, (int, float)), "only supporting int/float powers for now"
        return Value(self.data ** other, (self,), '**')

    def relu(self):
        return Value(0 if self.data < 0 else self.data, (self,), 'ReLU')

    def tanh(self):
        t = (math.exp(2 * self.data) - 1) / (math.exp(2 * self.data) + 1)
        return Value(t, (self,), 'tanh')

    def __neg__(self):
        return self * -1

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return other + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other ** -1

    def __rtruediv__(self, other):
        return other * self ** -1

    def __lt__(self, other):
        return self.data < (other.data if isinstance(other, Value) else other)


# @at x1=2.0, x2=0.5
def micrograd_neuron(x1, x2):
    w1, w2, b = -3.0, 1.0, 6.8813735870195432
    x1 = Value(x1)
    x2 = Value(x2)
    n = x1 * w1 + x2 * w2 + b
    o = n.tanh()
    y = 2 - o / 3 + (-o) ** 2 + (x1 * x2).relu() - 1 / x1
    if y < 0.5:
        y = y * 2
    return y.data


class Activation:
    scale = 1.0

    def __init__(self, alpha=1.0):
        self.alpha = alpha
        self.calls = 0

    def __call__(self, z):
        self.calls += 1
        return self.scale * self.fn(z)

    def fn(self, z):
        return z


class Sigmoid(Activation):
    def fn(self, z):
        return 1 / (1 + np.exp(-self.alpha * z))


class ScaledSigmoid(Sigmoid):
    scale = 3.0

    def __init__(self, alpha, shift=0.25):
        super().__init__(alpha)
        self.shift = shift

    def fn(self, z):
        return super().fn(z - self.shift) + self.offset()

    @property
    def offset_base(self):
        return self.shift * 2

    def offset(self):
        return self.offset_base + ScaledSigmoid.half(self.alpha) + self.from_class()

    @staticmethod
    def half(t):
        return t / 2

    @classmethod
    def from_class(cls):
        return cls.scale * 0.1


# @at z=0.3, alpha=1.7
def activations(z, alpha):
    act = ScaledSigmoid(alpha)
    first = act(z)
    second = act(z * z)
    plain = Sigmoid(alpha=2.0)
    return first * second + plain(z) + act.calls


@dataclass
class Point:
    x: float
    y: float = 2.0

    def norm2(self):
        return self.x * self.x + self.y * self.y


# @at a=0.7, b=-1.2
def dataclass_points(a, b):
    p = Point(a, b)
    q = Point(x=a * b)
    return math.sqrt(p.norm2()) + q.norm2()


@dataclass
class Span(Point):
    """Inherits Point's fields: Span(x, y, z)."""
    z: float = 0.5


@dataclass(order=True)
class Ranked:
    key: float
    weight: float = 1.0


class Polar:
    __match_args__ = ("r", "theta")

    def __init__(self, r, theta):
        self.r = r
        self.theta = theta


# @at a=0.7, b=-1.2
def dataclass_semantics(a, b):
    # @dataclass's __eq__ compares fields, only between objects of the very same class.
    same = Point(1.0) == Point(1.0, 2.0)
    other = Point(1.0) == Span(1.0, 2.0)
    k = (1.0 if same else 0.0) + (1.0 if other else 0.0)
    # order=True compares the fields as tuples.
    ranked = sorted([Ranked(2.0, a), Ranked(1.0, b), Ranked(2.0, -1.0)])
    s = ranked[0].weight + 2 * ranked[1].weight + 3 * ranked[2].weight
    # Positional class patterns read __match_args__ (a dataclass's fields, inherited ones first).
    total = 0.0
    for shape in [Span(a, b), Polar(a, b), Point(b)]:
        match shape:
            case Span(x, y, z):
                total += x * y + z
            case Polar(r, t):
                total += r * math.cos(t)
            case Point(x, y):
                total += x - y
    return k * a + s + total


class Thermometer:
    """A property with a setter: every write goes through it, __init__'s too."""

    def __init__(self, kelvin=300.0):
        self.kelvin = kelvin

    @property
    def kelvin(self):
        return self._kelvin

    @kelvin.setter
    def kelvin(self, value):
        if value < 0:
            raise ValueError("below absolute zero")
        self._kelvin = value
        self.writes = 1

    @property
    def celsius(self):
        return self._kelvin - 273.15


# @at a=280.0, b=1.3
def property_setter(a, b):
    t = Thermometer(a)
    t.kelvin = t.kelvin * b + 10.0
    return t.celsius * math.log(t.kelvin) + t.writes


class Dual:
    """A dual number whose operators decline what they do not know (NotImplemented), as numbers.py advises."""

    def __init__(self, re, eps=0.0):
        self.re = re
        self.eps = eps

    def __add__(self, other):
        if isinstance(other, Dual):
            return Dual(self.re + other.re, self.eps + other.eps)
        if isinstance(other, Scale):
            return NotImplemented
        return Dual(self.re + other, self.eps)

    def __mul__(self, other):
        if isinstance(other, Dual):
            return Dual(self.re * other.re, self.re * other.eps + self.eps * other.re)
        return NotImplemented

    def __rmul__(self, other):
        return Dual(other * self.re, other * self.eps)

    __radd__ = __add__

    def __eq__(self, other):
        if not isinstance(other, Dual):
            return NotImplemented
        return self.re == other.re


class Scale:
    """Declines a product with a Dual, so the Dual's __rmul__ answers (and multiplies back by a number)."""

    def __init__(self, k):
        self.k = k

    def __radd__(self, other):
        return Dual(other.re + self.k * self.k, other.eps)

    def __mul__(self, other):
        if isinstance(other, Dual):
            return NotImplemented
        return self.k * other


# @at a=1.3, b=0.4
def not_implemented_fallback(a, b):
    u = Dual(a, 1.0)
    v = Dual(b)
    w = u * v + 2.0 * u + 3.0 + u + Scale(b) * u + Scale(b)
    same = u != v and not (u == 1.5) and not (u == Dual(b))
    return w.re * w.eps + (1.0 if same else 0.0)


class Node:
    """A micrograd-style scalar: children kept in a set (hashed by identity), backward by closures."""

    def __init__(self, data, children=(), op=''):
        self.data = data
        self.grad = 0.0
        self._prev = set(children)
        self._op = op
        self._backward = lambda: None

    def __add__(self, other):
        other = other if isinstance(other, Node) else Node(other)
        out = Node(self.data + other.data, (self, other), '+')

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Node) else Node(other)
        out = Node(self.data * other.data, (self, other), '*')

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def tanh(self):
        t = math.tanh(self.data)
        out = Node(t, (self,), 'tanh')

        def _backward():
            self.grad += (1 - t ** 2) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        order = []
        seen = set()

        def visit(v):
            if v not in seen:
                seen.add(v)
                for child in v._prev:
                    visit(child)
                order.append(v)
        visit(self)
        self.grad = 1.0
        for v in reversed(order):
            v._backward()


# @at a=0.8, b=-0.6
def micrograd_backward(a, b):
    x = Node(a)
    w = Node(b)
    y = (x * w + 0.5 * x + 1.0).tanh() * x
    y.backward()
    return y.data + x.grad * w.grad
