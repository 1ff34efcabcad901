"""The power operator in all its forms."""
import math

import numpy as np


# @at x=1.7
def pow_const_exponent(x):
    return x ** 2 + x ** 0.5 + x ** -1.5 + 0.25 * x ** 3 + x ** (1.0 / 3.0)


# @at x=0.9
def pow_variable_exponent(x):
    return 2.0 ** x + math.e ** x + 0.5 ** (2.0 * x) + 10 ** (x / 4)


# @at x=1.8, y=0.6
def pow_variable_both(x, y):
    return x ** y + (x + y) ** (x - y) + pow(x, y * y)


# @at x=-1.3
def negative_base_int_exponent(x):
    return x ** 3 + x ** 2 - x ** -1 + 2.0 * x ** 4 + x ** -2


# @at x=-1.6
def negative_base_float_int_exponent(x):
    # Integer-valued float exponents of a negative base are real in Python: (-1.6)**3.0 == -4.096.
    return x ** 3.0 + 0.5 * x ** 2.0 - x ** -1.0


# @at x=0.8
def negative_literal_base(x):
    return (-2.0) ** 3 * x + (-1.5) ** 2 * x ** 2 + (-x) ** 3 + (-3) ** 2 / x


# @at x=1.4, y=2.2
def pow_functions(x, y):
    return pow(x, 2) + pow(y, 0.5) * pow(x, y) + np.power(x, 3) + math.pow(y, x)


# @at x=1.1
def pow_loop_exponent(x):
    s = 0.0
    for n in range(5):
        s += x ** n / (n + 1)
    return s


# @at x=1.3
def pow_precedence(x):
    # -x**2 is -(x**2); 2**-x is 2**(-x); x**2**0.5 is x**(2**0.5).
    return -x ** 2 + 2 ** -x + x ** 2 ** 0.5


# @at x=2.0, y=3.0
def pow_fractional(x, y):
    return (x * x + y * y) ** 0.5 / (x ** 2 * y) ** (1 / 3)
