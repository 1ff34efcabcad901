"""Language structure: helpers, closures, lambdas, unpacking, module constants, defaults, builtins."""
import math

import numpy as np

ALPHA = 0.75
OFFSETS = (0.5, -1.0, 2.0)
SCALE = 2.0 * math.pi


def _helper(t, k=3.0):
    return k * t * t + np.sin(t)


def _twice(t):
    return _helper(t) + _helper(t, 0.5)


# @at x=0.9, y=-0.4
def uses_helpers(x, y):
    return _twice(x) * y + _helper(y, k=ALPHA)


# @at x=1.3
def uses_later_helper(x):
    return _defined_later(x) * 2.0


def _defined_later(u):
    return np.exp(-u) * u


# @at x=0.5, y=1.5
def nested_def(x, y):
    def inner(u):
        return u * u * y

    def outer(u, v=0.5):
        return inner(u) + v * np.cos(u)

    return inner(x) + outer(y) + outer(x, y)


# @at x=0.8
def lambdas(x):
    sq = lambda u: u * u
    decay = lambda u, v=2.0: np.exp(-v * u)
    return sq(x) + decay(x) + decay(x, 0.5) + (lambda w: w * 3.0)(x)


# @at x=1.5, y=-0.5
def tuple_unpacking(x, y):
    a, b = x + y, x - y
    a, b = b, a * b
    (c, d), e = (a * 2.0, b), y
    return a * b + c * d - e


# @at x=1.2, y=0.7
def augmented_assignment(x, y):
    z = x
    z += y
    z *= x
    z -= 1.0
    z /= y
    z **= 2
    w = 3.0
    w -= z * 0.5
    return z + w


# @at x=0.6
def module_constants(x):
    return ALPHA * x ** 2 + SCALE * np.cos(x) + sum(OFFSETS) * x + np.pi - math.tau / 4.0


# @at x=1.2, scale=2.0, shift=-1.0
def default_parameters(x, scale=2.0, shift=-1.0):
    return scale * np.tanh(x + shift)


# @at x=1.5, y=-0.5, z=2.7
def builtins(x, y, z):
    v = [x, y, z]
    return (abs(x - y) + min(x, y, z) + max(v) + pow(z, 2) + float(x) * int(3.7) + len(v) * y
            + sum(v) + sum([x * x, y * y], 1.0) + int(z) * x + min(v) * max(x, y))


# @at x=0.9, y=-1.4, z=2.2
def list_indexing(x, y, z):
    v = [x, y, z]
    v[1] = v[0] * v[2]
    first, second, third = v
    return v[0] + v[1] * v[-1] + len(v) + first * second - third
