"""A loop that skips and stops: a series of sines, every third term skipped (continue), summed
until the terms are small (break), so the trip count depends on x."""
import numpy as np


# @at x=0.8
def damped_series(x):
    total = 0.0
    term = x
    for k in range(1, 50):
        term = term * x / k
        if k % 3 == 0:
            continue
        total += np.sin(term)
        if abs(term) < 1e-4:
            break
    return total
