"""A piecewise loss with an early return and a reassigned name."""
import numpy as np


# @at x=1.9, y=1.0
def smooth_l1(x, y):
    d = x - y
    if abs(d) < 1:
        return 0.5 * d ** 2
    d = abs(d) - 0.5
    return d * np.tanh(y)
