"""Seed 001: the textbook's evaluation trace, one operation per line."""
import numpy as np


# @at v_1=1.5, v0=0.5
def seed001(v_1, v0):
    v1 = v_1 / v0
    v2 = np.sin(v1)
    v3 = np.exp(v0)
    v4 = v1 - v3
    v5 = v2 + v4
    v6 = v5 * v4
    return v6
