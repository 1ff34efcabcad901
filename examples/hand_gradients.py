"""Hand-derived gradients, checked by GradLens against its engine. Some are right, some are subtly wrong."""
import numpy as np
import math


# @at x1=2, x2=5
def f(x1, x2):
    return np.log(x1) + x1 * x2 - np.sin(x2)


# Right: grad f = (1/x1 + x2, x1 - cos x2).
def grad_f(x1, x2):
    return 1 / x1 + x2, x1 - np.cos(x2)


# A sign slip in the second component.
# @gradient-of f
def f_gradient_sign_slip(x1, x2):
    return 1 / x1 + x2, x1 + np.cos(x2)


# One partial, right.
def df_dx2(x1, x2):
    return x1 - np.cos(x2)


# @at x=0.7
def g(x):
    return np.sin(x ** 2)


# The chain rule's inner factor 2x is missing.
def dg(x):
    return np.cos(x ** 2)


# @at a=1.3, b=0.4
def h(a, b):
    return a ** 2 * b + math.exp(b)


# Components swapped.
def grad_h(a, b):
    return a ** 2 + math.exp(b), 2 * a * b


# @at x=1
def cube(x):
    return x ** 3


# Right only at the annotated point: 3x agrees with 3x**2 at x = 1 and nowhere else nearby.
def cube_prime(x):
    return 3 * x


# @at r=2, phi=0.5
def polar(r, phi):
    return r * math.cos(phi), r * math.sin(phi)


# The Jacobian [[cos phi, -r sin phi], [sin phi, r cos phi]] with one wrong entry (r cos phi written as cos phi).
def jac_polar(r, phi):
    return [[math.cos(phi), -r * math.sin(phi)], [math.sin(phi), math.cos(phi)]]


# @at x=0.3, y=-1.2
def q(x, y):
    return x ** 2 * y + 3 * x * y ** 3


# Right: the Hessian of q.
def hess_q(x, y):
    return [[2 * y, 2 * x + 9 * y ** 2], [2 * x + 9 * y ** 2, 18 * x * y]]
