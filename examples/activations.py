"""Classes as ML and finance code writes them. A method's instance comes from `__init__`'s defaults
or its `@at`'s `self:` part; `@wrt self.sigma` differentiates an attribute."""
from dataclasses import dataclass

import numpy as np
from scipy.stats import norm


@dataclass
class EuropeanCall:
    strike: float = 105.0
    rate: float = 0.05
    sigma: float = 0.2

    # @at S=100, T=1
    # @wrt S, self.sigma
    def price(self, S, T):
        d1 = (np.log(S / self.strike) + (self.rate + 0.5 * self.sigma ** 2) * T) / (self.sigma * np.sqrt(T))
        d2 = d1 - self.sigma * np.sqrt(T)
        return S * norm.cdf(d1) - self.strike * np.exp(-self.rate * T) * norm.cdf(d2)


class ActivationBase:
    def __init__(self, **kwargs):
        super().__init__()

    def __call__(self, z):
        return self.fn(z)


class Sigmoid(ActivationBase):
    # @at z=0.5
    def fn(self, z):
        return 1 / (1 + np.exp(-z))

    def grad(self, x):
        fn_x = self.fn(x)
        return fn_x * (1 - fn_x)


class SoftPlus(ActivationBase):
    def __init__(self, beta=1.0):
        self.beta = beta
        super().__init__()

    # @at z=0.5; self: beta=2.0
    def fn(self, z):
        return np.log1p(np.exp(self.beta * z)) / self.beta

    def grad(self, x):
        return 1 / (1 + np.exp(-self.beta * x))


class Value:
    """A scalar that records how it was made, as micrograd's does."""

    def __init__(self, data, children=()):
        self.data = data
        self.grad = 0.0
        self._prev = set(children)

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other))

    __radd__ = __add__

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other))

    __rmul__ = __mul__

    def tanh(self):
        return Value(np.tanh(self.data), (self,))


# @at w=0.8, x=-0.6
def neuron(w, x):
    weight = Value(w)
    return (weight * x + 0.5 * weight + 1.0).tanh().data
