"""numpy array functions for the oracle (fixtures: make_array_fixtures.py). Seed 002's programs first."""
import numpy as np


# @at a=[[0.1, 0.2, 0.3, 0.4, 0.5], [0.6, 0.7, 0.8, 0.9, 1.0], [1.1, 1.2, 1.3, 1.4, 1.5], [1.6, 1.7, 1.8, 1.9, 2.0], [2.1, 2.2, 2.3, 2.4, 2.5]], b=[[1.0, -0.5, 0.25, 2.0, 1.5], [0.3, 0.9, -1.2, 0.4, 0.8], [1.1, 0.2, 0.6, -0.7, 0.5], [0.9, 1.3, 0.1, 0.2, -0.4], [0.5, -0.6, 0.7, 1.8, 0.3]], c=[[0.2, 0.4, -0.1, 0.3, 0.5], [1.0, -0.3, 0.2, 0.6, 0.1], [0.7, 0.8, 0.9, -0.2, 0.4], [0.3, 0.1, 0.5, 0.7, -0.6], [0.2, 0.9, 0.4, 0.1, 0.8]]
def seed002_dot(a, b, c):
    f2 = (a * b).dot(c)
    return f2[0][0] + f2[0][1]


# @at B=[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [0.5, -1.5, 2.5, -3.5, 4.5, 0.25]]
def seed002_setitem(B):
    A = np.zeros((2, 3))
    A[:, 1] = B[:, 2] + B[:, 5]
    return np.sum(A * A) + np.sum(B[:, 2] * A[:, 1])


# @at a=[3.0, 5.0], b=[1.2, 1.0]
def seed002_pow(a, b):
    c = a ** b + b
    return np.sum(c * c)


# @at W=[[0.5, -0.3], [0.2, 0.8], [-0.6, 0.1]], x=[1.0, -2.0, 0.5]
def seed002_sigmoid_T(W, x):
    z = W.T @ x
    s = 1.0 / (1.0 + np.exp(-z))
    return np.sum(s * s) + s[0]


# @at W1=[[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], b1=[0.05, -0.1, 0.2], W2=[[0.3], [-0.7], [0.5]]
def mlp(W1, b1, W2):
    X = np.array([[1.0, 2.0], [-0.5, 0.3], [0.8, -1.2], [0.1, 0.4]])
    y = np.array([[0.5], [-0.2], [0.1], [0.3]])
    return np.mean((np.tanh(X @ W1 + b1) @ W2 - y) ** 2)


# @at x=[[0.3, 1.2, -0.7], [2.0, 0.4, 0.9]]
def reductions(x):
    a = np.max(x, axis=0).sum() + np.mean(x, axis=1, keepdims=True).sum()
    return a + np.prod(x[0]) + np.linalg.norm(x) + np.min(x[1])


# @at x=[0.3, 0.9, -0.4, 0.7]
def fancy_index(x):
    return np.sum(x[[0, 2, 2, 3]] ** 2) + np.sum(x[x > 0.5] * 3.0) + x[-1] * x[1:3].sum()


# @at x=[1.0, 2.0, 3.0]
def overwrite_read(x):
    y = x.copy()
    y[1] = y[0] * y[2]
    y[0] = 5.0
    y += x * x
    return np.sum(y * x)


# @at x=[0.5, -1.0, 2.0]
def shapes(x):
    m = np.concatenate([x, x ** 2]).reshape(2, -1)
    s = np.stack([x, np.sin(x)], axis=1)
    return np.sum(m @ np.ones(3)) + np.trace(s.T @ s) + np.outer(x, x)[0, 2] + np.inner(x, x)


# @at x=[0.5, -1.0, 2.0]
def vector_output(x):
    return np.tanh(x) * x[0]
