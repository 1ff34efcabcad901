"""Common composite functions, written the way people write them."""
import math

import numpy as np


# @at x=0.4
def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


# @at x=-0.7
def softplus(x):
    return np.log1p(np.exp(x))


# @at x=1.3, y=-2.1
def squares(x, y):
    return np.square(x - y) + np.square(x) * y


# @at x=0.3, y=-1.2
def logaddexps(x, y):
    return np.logaddexp(x, y) + np.logaddexp(2.0 * x, x * y)


# @at x=0.9
def tanh_via_exp(x):
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))


# @at x=0.8
def gelu(x):
    return 0.5 * x * (1.0 + math.erf(x / math.sqrt(2.0)))


# @at x=0.6
def normal_cdf(x):
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


# @at a=1.0, b=2.5, c=-0.5
def logsumexp3(a, b, c):
    m = max(a, b, c)
    return m + np.log(np.exp(a - m) + np.exp(b - m) + np.exp(c - m))


# @at x=-1.1
def swish_mish(x):
    return x / (1.0 + np.exp(-x)) + x * np.tanh(np.log1p(np.exp(x)))


# @at r=1.7, delta=1.0
def huber(r, delta):
    if abs(r) <= delta:
        return 0.5 * r * r
    return delta * (abs(r) - 0.5 * delta)


# @at x=2.0
def log_sigmoid(x):
    return -np.logaddexp(0.0, -x)


# @at x=2.7, y=-0.4
def frac_and_softsign(x, y):
    return x % 1.0 + y / (1.0 + abs(y))
