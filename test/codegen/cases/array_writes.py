"""Writes into arrays, as hand-written numpy code makes them: a hidden layer filled row by row, and a
gradient accumulated column by column with +=."""
import numpy as np


# @at W=[[0.5, -0.3], [0.2, 0.8], [-0.6, 0.1]], X=[[1.0, -2.0, 0.5], [0.3, 0.4, -0.2]], v=[0.7, -1.1]
def layer_rows(W, X, v):
    n = X.shape[0]
    H = np.zeros((n, W.shape[1]))
    for i in range(n):
        H[i] = np.tanh(X[i] @ W)
    G = np.zeros_like(W)
    for j in range(2):
        G[:, j] += v[j] * W[:, j]
    return np.sum(H @ v) + np.sum(G * G)
