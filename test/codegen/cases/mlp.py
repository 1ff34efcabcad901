"""A two-layer network in numpy: a ReLU hidden layer, biases broadcast over the batch, squared error."""
import numpy as np

X = np.array([[0.5, -1.2, 0.3], [1.1, 0.4, -0.7], [-0.3, 0.8, 0.9], [0.2, -0.5, 1.4]])
Y = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [1.0, -1.0]])


# @at W1=[[1.02, -1.28, 0.21, -0.28], [-0.23, -0.11, -1.01, -0.12], [-0.43, 1.66, 0.11, -0.18]], b1=[-0.03, -0.07, -0.11, -0.04], W2=[[0.24, -0.12], [0.48, -0.1], [0.01, 0.77], [0.27, -0.25]], b2=[-0.02, 0.05]
def mlp_loss(W1, b1, W2, b2):
    hidden = np.maximum(0.0, X @ W1 + b1)
    scores = hidden @ W2 + b2
    diff = scores - Y
    return 0.5 * np.sum(diff * diff) / X.shape[0]
