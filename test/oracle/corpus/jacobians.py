"""Functions returning a tuple: the engine reports a Jacobian instead of a gradient."""
import numpy as np


# @at r=2.0, theta=0.7
def polar_to_cartesian(r, theta):
    return r * np.cos(theta), r * np.sin(theta)


# @at x=-1.5, y=2.0
def cartesian_to_polar(x, y):
    return np.hypot(x, y), np.arctan2(y, x)


# @at r=1.5, theta=0.9, phi=-0.4
def spherical_to_cartesian(r, theta, phi):
    s = np.sin(theta)
    return r * s * np.cos(phi), r * s * np.sin(phi), r * np.cos(theta)


# @at a=0.2, b=-1.0, c=1.5
def softmax3(a, b, c):
    m = max(a, b, c)
    ea, eb, ec = np.exp(a - m), np.exp(b - m), np.exp(c - m)
    s = ea + eb + ec
    return (ea / s, eb / s, ec / s)


# @at t=0.6
def curve(t):
    return (np.cos(3.0 * t), t * np.sin(2.0 * t))


# @at a=1.0, b=2.5, c=-0.7
def mean_variance(a, b, c):
    xs = [a, b, c]
    mean = sum(xs) / len(xs)
    var = 0.0
    for x in xs:
        var += (x - mean) ** 2
    return mean, var / len(xs)
