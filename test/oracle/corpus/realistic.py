"""Small realistic objectives: test functions, losses, physics and finance formulas."""
import math

import numpy as np

G = 9.81

# Constant data for the losses.
XS = [(0.5, 1.2), (-1.0, 0.3), (2.0, -0.7), (0.1, 0.9)]
YS = [1.0, 0.0, 1.0, 0.0]
TS = [0.0, 1.0, 2.0, 3.0, 4.0]
OBS = [0.9, 3.1, 4.8, 7.2, 9.1]
SAMPLES = [1.2, 0.7, 2.3, 1.9, 1.1, 1.6]
TARGET = 2
LJ_SIGMA = 1.0
LJ_EPSILON = 1.0


# @at x0=-1.2, x1=1.0, x2=0.8, x3=1.1
def rosen(x0, x1, x2, x3):
    x = [x0, x1, x2, x3]
    total = 0.0
    for i in range(len(x) - 1):
        total += 100.0 * (x[i + 1] - x[i] ** 2) ** 2 + (1.0 - x[i]) ** 2
    return total


# @at x=1.0, y=0.5
def beale(x, y):
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2 + (2.625 - x + x * y ** 3) ** 2


# @at w0=0.3, w1=-0.5, b=0.1
def logistic_loss(w0, w1, b):
    loss = 0.0
    for (a, c), y in zip(XS, YS):
        z = w0 * a + w1 * c + b
        p = 1.0 / (1.0 + np.exp(-z))
        loss -= y * np.log(p) + (1.0 - y) * np.log(1.0 - p)
    return loss / len(XS)


# @at z0=1.0, z1=-0.5, z2=2.0
def softmax_cross_entropy(z0, z1, z2):
    logits = [z0, z1, z2]
    m = max(logits)
    total = 0.0
    for z in logits:
        total += np.exp(z - m)
    return -(logits[TARGET] - m - np.log(total))


# @at w=1.8, b=0.4
def mse_linear(w, b):
    s = 0.0
    for i, t in enumerate(TS):
        err = w * t + b - OBS[i]
        s += err * err
    return s / len(TS)


# @at mu=1.4, log_sigma=-0.6
def gaussian_nll(mu, log_sigma):
    sigma = np.exp(log_sigma)
    nll = 0.0
    for x in SAMPLES:
        nll += 0.5 * ((x - mu) / sigma) ** 2 + log_sigma + 0.5 * np.log(2.0 * np.pi)
    return nll


# @at v=12.0, theta=0.6, h=1.5
def projectile_range(v, theta, h):
    vx = v * np.cos(theta)
    vy = v * np.sin(theta)
    return vx / G * (vy + np.sqrt(vy ** 2 + 2.0 * G * h))


# @at m=1.3, length=0.8, theta=0.4, omega=-1.1
def pendulum_energy(m, length, theta, omega):
    return 0.5 * m * (length * omega) ** 2 + m * G * length * (1.0 - np.cos(theta))


def _norm_cdf(x):
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


# @at s=100.0, k=95.0, t=0.5, r=0.03, sigma=0.2
def black_scholes_call(s, k, t, r, sigma):
    d1 = (math.log(s / k) + (r + 0.5 * sigma ** 2) * t) / (sigma * math.sqrt(t))
    d2 = d1 - sigma * math.sqrt(t)
    return s * _norm_cdf(d1) - k * math.exp(-r * t) * _norm_cdf(d2)


# @at x1=0.1, y1=0.2, z1=-0.3, x2=0.9, y2=-0.5, z2=0.4
def lennard_jones(x1, y1, z1, x2, y2, z2):
    r = np.sqrt((x1 - x2) ** 2 + (y1 - y2) ** 2 + (z1 - z2) ** 2)
    sr6 = (LJ_SIGMA / r) ** 6
    return 4.0 * LJ_EPSILON * (sr6 * sr6 - sr6)
