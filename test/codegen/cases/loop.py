"""A loop: the Taylor series of eˣ to eight terms, each term made from the one before."""
import numpy as np


# @at x=0.7, scale=1.5
def exp_series(x, scale):
    total = 0.0
    term = 1.0
    for k in range(1, 9):
        total += term
        term = term * x / k
    return scale * np.tanh(total)
