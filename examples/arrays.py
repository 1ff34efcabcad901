"""numpy arrays in GradLens: points are nested lists (`# @at x=[[1, 2], [3, 4]]`), gradients come back
in each parameter's shape. Seed 002's programs, done right."""
import numpy as np


# @at a=[[0.1, 0.2], [0.3, 0.4]], b=[[1.0, 2.0], [3.0, 4.0]], c=[[0.5, 0.6], [0.7, 0.8]]
def seed002(a, b, c):
    f2 = (a * b).dot(c)
    return f2[0][0] + f2[0][1]


# @at B=[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [7.0, 8.0, 9.0, 10.0, 11.0, 12.0]]
def column_write(B):
    A = np.zeros((2, 3))
    A[:, 1] = B[:, 2] + B[:, 5]
    return np.sum(A ** 2)


# @at x=[1.0, 2.0, 3.0]
def overwrite(x):
    y = x.copy()
    y[1] = y[0] * y[2]
    y[0] = 5.0
    return np.sum(y * x)


# @at W=[[0.5, -0.3], [0.2, 0.8], [-0.6, 0.1]], b=[0.1, -0.2]
def logistic_loss(W, b):
    X = np.array([[1.0, 2.0, 0.5], [-1.0, 0.3, 2.0], [0.2, -0.4, 1.0]])
    y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    p = 1.0 / (1.0 + np.exp(-(X @ W + b)))
    return -np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))


# @at x=[0.5, 0.8, 1.1, 1.4, 1.7]
def rosenbrock(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)


# @at x=[0.3, -1.2, 0.7]
def softmax(x):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)
