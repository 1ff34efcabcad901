"""Fixtures for sqrtm's derivatives in directions that leave the symmetric matrices.

Run: /usr/bin/python3 test/oracle/sqrtm/make_sqrtm_fixtures.py  (writes sqrtm_directions.json)

At symmetric positive definite points and at non-symmetric ones (with a real principal root), the
derivative holds for any direction Ȧ (the square root is analytic where the spectrum is positive), and a
function of a symmetric matrix built from parameters may move it off the symmetric ones. For
A(p) = A₀ + Σₖ pₖ·Eₖ with non-symmetric Eₖ, at p = 0, this script writes the value, gradient and
Hessian of g(p) = Σ W∘sqrtm(A(p)) computed by scipy, independently of GradLens's code:
- S = scipy.linalg.sqrtm(A₀);
- Sₖ = ∂S/∂pₖ solves S·Sₖ + Sₖ·S = Eₖ (scipy.linalg.solve_sylvester), checked against central
  differences of scipy's sqrtm (which takes non-symmetric matrices);
- Sₖₗ = ∂²S/∂pₖ∂pₗ solves S·Sₖₗ + Sₖₗ·S = −(Sₖ·Sₗ + Sₗ·Sₖ) (S² = A differentiated twice; A is linear
  in p), checked against differences of the Sₖ at ±h.
"""
import json
from pathlib import Path

import numpy as np
import scipy
import scipy.linalg as sl

OUT = Path(__file__).with_name('sqrtm_directions.json')


def case(a0, directions, w):
    a0, w = np.array(a0, dtype=float), np.array(w, dtype=float)
    es = [np.array(e, dtype=float) for e in directions]
    root = sl.sqrtm(a0)
    # scipy's root of a matrix with complex eigenvalues is a complex128 array whose imaginary parts are rounding
    assert np.max(np.abs(np.imag(root))) <= 1e-12 * np.max(np.abs(root))
    s = np.real(root)
    first = [sl.solve_sylvester(s, s, e) for e in es]
    second = [[sl.solve_sylvester(s, s, -(first[k] @ first[l] + first[l] @ first[k])) for l in range(len(es))] for k in range(len(es))]
    h = 1e-5
    for k, e in enumerate(es):
        fd = (np.real(sl.sqrtm(a0 + h * e)) - np.real(sl.sqrtm(a0 - h * e))) / (2 * h)
        assert np.allclose(fd, first[k], rtol=1e-7, atol=1e-8), ('first', k)
        for l, f in enumerate(es):
            s_plus = np.real(sl.sqrtm(a0 + h * e))
            s_minus = np.real(sl.sqrtm(a0 - h * e))
            fd2 = (sl.solve_sylvester(s_plus, s_plus, f) - sl.solve_sylvester(s_minus, s_minus, f)) / (2 * h)
            assert np.allclose(fd2, second[k][l], rtol=1e-6, atol=1e-7), ('second', k, l)
    return {
        'A0': a0.tolist(), 'E': [e.tolist() for e in es], 'W': w.tolist(),
        'value': float(np.sum(w * s)),
        'gradient': [float(np.sum(w * sk)) for sk in first],
        'hessian': [[float(np.sum(w * skl)) for skl in row] for row in second],
    }


CASES = [
    case([[2.0, 0.5], [0.5, 1.0]], [[[0.0, 1.0], [0.0, 0.0]], [[0.0, 0.0], [1.0, 0.0]], [[1.0, 0.3], [-0.7, 0.2]]], [[1.0, 2.0], [3.0, 4.0]]),
    case([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]],
         [[[0.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [1.0, 0.0, 0.0]], [[0.3, -0.2, 0.5], [0.1, 0.0, -0.4], [0.2, 0.6, -0.1]]],
         [[1.0, -1.0, 0.5], [2.0, 0.3, -0.7], [0.0, 1.5, 1.0]]),
    # a repeated eigenvalue (A₀ = 2I): S = √2·I, and the Sylvester operator is still invertible
    case([[2.0, 0.0], [0.0, 2.0]], [[[0.0, 1.0], [0.0, 0.0]], [[0.5, 0.0], [1.0, -0.5]]], [[1.0, -2.0], [0.5, 3.0]]),
    # non-symmetric points (GradLens's Denman–Beavers root): complex eigenvalues 1.25 ± 1.39i
    case([[1.0, 2.0], [-1.0, 1.5]], [[[0.0, 1.0], [0.0, 0.0]], [[0.3, -0.2], [0.7, 0.1]]], [[1.0, 2.0], [-1.0, 0.5]]),
    # real distinct eigenvalues, 3×3
    case([[4.0, 1.0, 0.3], [0.5, 3.0, -1.0], [0.2, 0.7, 0.5]],
         [[[0.0, 0.0, 1.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], [[0.2, 0.1, -0.3], [0.0, 0.4, 0.5], [-0.6, 0.2, 0.1]]],
         [[1.0, -1.0, 0.5], [2.0, 0.3, -0.7], [0.0, 1.5, 1.0]]),
    # a Jordan block (eigenvalue 1 twice, one eigenvector): the root exists and is differentiable
    case([[1.0, 2.0], [0.0, 1.0]], [[[0.0, 0.0], [1.0, 0.0]], [[1.0, 0.5], [0.0, -1.0]]], [[1.0, 0.5], [2.0, -1.0]]),
    # eigenvalues ±i: the principal root is real, a rotation by π/4 scaled
    case([[0.0, 1.0], [-1.0, 0.0]], [[[1.0, 0.0], [0.0, 0.0]], [[0.0, 0.3], [0.2, 0.0]]], [[1.0, 2.0], [3.0, 4.0]]),
]

OUT.write_text(json.dumps({'generator': 'test/oracle/sqrtm/make_sqrtm_fixtures.py', 'scipy': scipy.__version__, 'cases': CASES}, indent=1) + '\n')
print(f'{len(CASES)} cases -> {OUT.name}')
