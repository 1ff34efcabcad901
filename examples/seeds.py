"""The functions of GradLens's three seed articles, as a user would write them."""
import numpy as np


# Seed 000 (forward mode with tangents): f(x1, x2) = ln(x1) + x1*x2 - sin(x2)
# @at x1=2, x2=5
def seed000(x1, x2):
    return np.log(x1) + x1 * x2 - np.sin(x2)


# Seed 001 (reverse mode with a tape): the textbook's Wengert list, at (1.5, 0.5) from the call below.
def seed001(v_1, v0):
    v1 = v_1 / v0
    v2 = np.sin(v1)
    v3 = np.exp(v0)
    v4 = v1 - v3
    v5 = v2 + v4
    v6 = v5 * v4
    return v6


print(seed001(1.5, 0.5))
