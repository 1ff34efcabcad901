"""Closures and factories: functions made at module level by a factory (closing over module constants
and the factory's arguments), lambdas stored in variables, and module functions calling them."""
import math

import numpy as np

CENTER = 0.75
WEIGHTS = [1.0, -2.0, 0.5]


def make_loss(center, scale=2.0):
    offset = center * scale

    def loss(w):
        return scale * (w - offset) ** 2 + np.sin(w * center)

    return loss


def make_poly(coefficients):
    def poly(t):
        total = 0.0
        for k, c in enumerate(coefficients):
            total = total + c * t ** k
        return total

    return poly


loss = make_loss(CENTER)
wide = make_loss(0.2, scale=0.5)
poly = make_poly(WEIGHTS)
square = lambda t: t * t + 3.0 * t
softplus = lambda t, beta=1.0: math.log(1.0 + math.exp(beta * t)) / beta


# @at w=0.4
def via_loss(w):
    return loss(w)


# @at w=-1.1
def via_wide(w):
    return wide(w) * loss(w)


# @at t=1.7
def via_poly(t):
    return poly(t) + square(t)


# @at t=0.3
def via_lambdas(t):
    return softplus(t) + softplus(t, beta=2.0) * square(t)
