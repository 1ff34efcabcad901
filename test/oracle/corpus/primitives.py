"""One or a few scalar primitives per function, at ordinary points (away from kinks, poles, integers)."""
import math

import numpy as np


# @at x=1.5, y=-0.3
def arith(x, y):
    return (x + y) * (x - y) / (2.0 + x * y) - -x + (-y) / x + +y


# @at x=0.7
def exps(x):
    return np.exp(2.0 * x) - math.exp(-x) + np.expm1(x) * math.expm1(0.5 * x)


# @at x=2.5
def logs(x):
    return np.log(x) * math.log(3.0 * x) + np.log1p(x) - math.log1p(x * x)


# @at x=3.7, y=0.4
def log_bases(x, y):
    return np.log2(x * y) + math.log2(x) - np.log10(x + y) * math.log10(y)


# @at x=3.2
def roots(x):
    return np.sqrt(x) * math.sqrt(x + 1.0) + np.cbrt(x)


# @at x=-2.7
def cbrt_negative(x):
    return np.cbrt(x) * x + math.cbrt(2.0 * x)


# @at x=0.8
def trig(x):
    return np.sin(x) * math.cos(2.0 * x) + np.tan(x) - math.tan(x / 3.0)


# @at x=0.35
def inverse_trig(x):
    return np.arcsin(x) + math.acos(x) * np.arccos(x / 2.0) + math.asin(x * x)


# @at x=1.3, y=-0.6
def arctans(x, y):
    return np.arctan(x * y) + math.atan(y) + np.arctan2(y, x) + math.atan2(x, y) + np.arctan2(-x, y)


# @at x=0.45
def hyperbolic(x):
    return np.sinh(x) * math.cosh(x) + np.tanh(2.0 * x) - math.sinh(x) / np.cosh(x) + math.tanh(x)


# @at x=0.6
def inverse_hyperbolic(x):
    return np.arcsinh(3.0 * x) + math.acosh(1.0 + x * x) + np.arccosh(x + 1.5) + np.arctanh(x) - math.atanh(x / 2.0)


# @at x=-1.2, y=0.7
def abs_sign(x, y):
    return np.abs(x) * y + math.fabs(y - x) + abs(x * y) + np.sign(x) * y ** 2 + np.sign(y) * x


# @at x=0.4, y=1.1
def min_max(x, y):
    return np.minimum(x * x, y) + np.maximum(x, 0.5 * y) + min(x, y) * max(x - y, -0.2) + max(y, x)


# @at x=3.0, y=-4.5
def hypots(x, y):
    return np.hypot(x, y) + math.hypot(2.0 * x, y - 1.0)


# @at x=0.3
def erfs(x):
    return math.erf(x) + math.erf(2.0 * x - 1.0) * x + math.erfc(0.5 * x)


# @at x=2.7
def rounding(x):
    return (np.floor(x) * x + math.ceil(x) + np.round(x) * x * x + round(x) + np.trunc(x)
            + math.trunc(-x) * x + math.floor(-x) + np.ceil(-x) * x)


# @at x=1.25
def round_half_even(x):
    # Constant ties: Python and numpy round half to even, so these are 2, 4, 0, -2 and -4
    # (half away from zero would give 3, 5, 1, -3, -4; half up 3, 5, 1, -2, -3).
    return (round(2.5) * x + np.round(4.5) * x * x + round(0.5) + np.round(-2.5) * x + np.round(-3.5)
            + round(x + 0.2) * x)
