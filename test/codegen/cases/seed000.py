"""Seed 000: f(x1, x2) = ln(x1) + x1·x2 − sin(x2), the textbook's first example."""
import numpy as np


# @at x1=2, x2=5
def f(x1, x2):
    return np.log(x1) + x1 * x2 - np.sin(x2)
