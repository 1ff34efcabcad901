"""numpy.linalg.eig's answers for test/unit/engine/eig.test.ts: its eigenvalues (real and imaginary
parts, in LAPACK's order) and, for real spectra, its unit eigenvectors.

Run: /usr/bin/python3 test/oracle/eig/make_eig_fixtures.py  (writes eig_cases.json)
The matrices: dense random ones of sizes 2 to 40 (mostly complex spectra: the order of the pairs is
checked too), ones with real spectra (S·diag·S⁻¹), triangular ones and ones with zeros (balancing
permutes them), and ones with rows scaled by powers of ten (balancing scales them). Entries are rounded
to 3 decimals so the inputs are exact in the JSON; outputs to 13 significant digits.
"""
import json
from pathlib import Path

import numpy as np

OUT = Path(__file__).with_name('eig_cases.json')


def main():
    rng = np.random.default_rng(18)
    cases = []

    def add(kind, a):
        a = np.round(np.asarray(a, dtype=float), 3)
        w, v = np.linalg.eig(a)
        real = not np.iscomplexobj(w)
        r13 = lambda xs: [float(f'{x:.13g}') for x in xs]
        cases.append({
            'kind': kind,
            'a': a.tolist(),
            'wr': r13(np.real(w)),
            'wi': r13(np.imag(w)) if not real else [0.0] * len(w),
            'v': [r13(row) for row in v] if real else None,
        })

    for n in [2, 3, 4, 5, 6, 8, 10]:
        for _ in range(15):
            add('random', rng.standard_normal((n, n)))
    for n in [20, 20, 40]:
        add('random', rng.standard_normal((n, n)))
    for n in [2, 3, 4, 6]:
        for _ in range(10):
            s = rng.standard_normal((n, n))
            add('real spectrum', s @ np.diag(rng.standard_normal(n) * 3) @ np.linalg.inv(s))
    for n in [3, 4, 5]:
        for _ in range(4):
            add('upper triangular', np.triu(rng.standard_normal((n, n))))
            add('lower triangular', np.tril(rng.standard_normal((n, n))))
            m = rng.standard_normal((n, n))
            m[rng.random((n, n)) < 0.4] = 0
            add('sparse', m)
            add('badly scaled', rng.standard_normal((n, n)) * (10.0 ** rng.integers(-3, 4, size=(n, 1))))
    add('textbook', [[1, 2], [3, 4]])
    add('textbook', [[2, 0], [0, 1]])
    add('textbook', [[0, 1], [-2, -3]])
    add('textbook', [[4, 1, 0], [1, 3, 1], [0, 1, 2]])
    OUT.write_text(json.dumps(cases) + '\n')
    print(len(cases), 'cases ->', OUT)


if __name__ == '__main__':
    main()
