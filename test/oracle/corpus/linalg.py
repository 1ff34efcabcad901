"""numpy linear algebra, stacked matmul and `...` indexing for the oracle (fixtures: make_array_fixtures.py)."""
import numpy as np


# @at A=[[2.0, 0.5, -0.3], [0.4, -1.8, 0.2], [0.1, 0.3, 2.2]], b=[0.7, -0.3, 0.9]
def solve_vector(A, b):
    x = np.linalg.solve(A, b)
    return np.sum(x * x) + x[0]


# @at A=[[1.5, -0.4], [0.6, 2.0]], B=[[0.3, -1.2, 0.5], [0.8, 0.1, -0.7]]
def solve_matrix(A, B):
    X = np.linalg.solve(A, B)
    return np.sum(np.tanh(X))


# @at A=[[2.0, 0.5, -0.3], [0.4, -1.8, 0.2], [0.1, 0.3, 2.2]], b=[0.7, -0.3, 0.9]
def solve_jacobian(A, b):
    return np.linalg.solve(A, b)


# @at A=[[3.0, 0.2, -0.5], [0.1, 2.5, 0.4], [-0.3, 0.6, 1.8]], x=[0.5, -1.0, 2.0]
def inv_quadratic(A, x):
    Ainv = np.linalg.inv(A)
    return x @ Ainv @ x + np.trace(Ainv) + np.sum(Ainv ** 2)


# @at A=[[0.5, 1.2, -0.3], [2.0, -0.4, 0.8], [0.1, 0.9, 1.5]]
def det_poly(A):
    d = np.linalg.det(A)
    return d ** 2 + np.linalg.det(A @ A.T) + d


# @at L=[[1.2, 0.0, 0.0], [0.3, 0.9, 0.0], [-0.5, 0.4, 1.1]], x=[0.5, -1.0, 2.0]
def gaussian_nll(L, x):
    S = L @ L.T + 0.5 * np.eye(3)
    sign, logdet = np.linalg.slogdet(S)
    return 0.5 * (sign * logdet + x @ np.linalg.solve(S, x))


# @at A=[[0.5, 1.2], [2.0, -0.4]]
def slogdet_negative(A):
    sign, logdet = np.linalg.slogdet(A)
    return sign * logdet ** 2


# @at X=[[[0.2, -0.4, 0.9], [0.3, 0.5, -0.7]], [[0.6, -0.1, 0.4], [0.8, 0.2, 1.1]]], W=[[1.0, 0.5], [-0.3, 0.8], [0.2, -0.6]]
def matmul_stack(X, W):
    return np.sum(np.tanh(X @ W) ** 2) + np.sum(np.matmul(W.T, X[..., None])[1])


# @at X=[[[[0.2, -0.4, 0.9], [0.3, 0.5, -0.7]]], [[[0.6, -0.1, 0.4], [0.8, 0.2, 1.1]]]], Y=[[[1.0, 0.5], [-0.3, 0.8], [0.2, -0.6]], [[0.4, 0.1], [0.7, -0.2], [-0.9, 0.3]], [[0.5, 0.5], [0.1, -0.1], [0.3, 0.6]]]
def matmul_broadcast(X, Y):
    Z = X @ Y
    return np.sum(Z ** 2) + np.sum(np.sin(Z[:, 2]))


# @at v=[0.3, -0.6, 0.9], X=[[[0.2, -0.4], [0.3, 0.5], [0.6, -0.1]], [[0.8, 0.2], [1.1, -0.3], [0.4, 0.7]]]
def matmul_vector_stack(v, X):
    return np.sum(np.exp(v @ X)) + np.sum(X.transpose(0, 2, 1) @ v)


# @at X=[[[0.2, -0.4, 0.9], [0.3, 0.5, -0.7]], [[0.6, -0.1, 0.4], [0.8, 0.2, 1.1]]], W=[[1.0, 0.5], [-0.3, 0.8], [0.2, -0.6]]
def dot_nd(X, W):
    return np.sum(np.dot(X, W) ** 2) + np.sum(np.dot(X, W[:, 0]))


# @at X=[[[0.2, -0.4, 0.9], [0.3, 0.5, -0.7]], [[0.6, -0.1, 0.4], [0.8, 0.2, 1.1]]]
def ellipsis_index(X):
    Y = X.copy()
    Y[..., 0] = X[..., 1] ** 2
    Y[1, ...] *= 3.0
    return np.sum(Y[..., 1:] * X[..., :1]) + np.sum(X[...] ** 3) + np.sum(X[0, ..., 2] * Y[..., 1, 0])
