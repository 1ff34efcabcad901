"""The two seed functions every GradLens front end and engine is checked against first."""
import numpy as np


# @at x1=2, x2=5
def seed000(x1, x2):
    return np.log(x1) + x1 * x2 - np.sin(x2)


# @at v_1=1.5, v0=0.5
def seed001(v_1, v0):
    v1 = v_1 / v0
    v2 = np.sin(v1)
    v3 = np.exp(v0)
    v4 = v1 - v3
    v5 = v2 + v4
    v6 = v5 * v4
    return v6
