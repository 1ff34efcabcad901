"""numpy's and scipy's values of every call in calls.txt, for test/unit/engine/issue18Audit.test.ts.

Run by /usr/bin/python3 (Debian's, with numpy and scipy): `/usr/bin/python3 test/unit/engine/issue18Audit/make_issue18_audit.py`.
Each line of calls.txt is one call of a function issue 18 lists, with the keywords the issue names
(axis, keepdims, ddof, k, offset, axis1/axis2, n, prepend/append, mode, out=, ord…), over the arrays
of SETUP. This script runs each with real numpy/scipy and writes audit.json: the result as float64,
flattened, with its shape. The product never runs Python.
"""
import json
import os
import warnings

import numpy as np
from scipy import special
from scipy.stats import norm

HERE = os.path.dirname(os.path.abspath(__file__))

# The arrays the calls read; issue18Audit.test.ts writes the same lines into GradLens's function.
SETUP = [
    'x = np.array([[0.3, -0.8, 0.5], [1.2, 0.1, -0.4]])',
    'x4 = np.array([[0.3, -0.8], [0.5, 1.2], [0.1, -0.4], [0.9, 0.2]])',
    't = np.arange(24.0).reshape(2, 3, 4) * 0.1 - 1.0',
    'v = np.array([0.1, 0.4, 0.7])',
    'v3 = np.array([0.2, -0.5, 1.1])',
    'v4 = np.array([0.3, 0.6, -0.2, 0.8])',
    'w3 = np.array([0.3, -0.2, 0.9])',
    'w2 = np.array([[1.0, 2.0, 0.5], [0.25, 1.5, 3.0]])',
    'sq = np.array([[2.0, 0.3, -0.1], [0.4, 1.5, 0.2], [-0.3, 0.1, 1.8]])',
    'spd = sq @ sq.T + 3.0 * np.eye(3)',
    'stack = np.stack([sq, sq.T + np.eye(3)])',
]


def main():
    calls = [line.strip() for line in open(os.path.join(HERE, 'calls.txt'), encoding='utf-8') if line.strip() and not line.startswith('#')]
    env = {'np': np, 'special': special, 'norm': norm}
    for line in SETUP:
        exec(line, env)
    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        for call in calls:
            local = dict(env)
            r = np.asarray(eval(call, local), dtype=float)
            # JSON has no inf or nan: a call is chosen where numpy's value is finite
            assert np.all(np.isfinite(r)), call
            rows.append({'call': call, 'value': [float(e) for e in r.ravel()], 'shape': list(r.shape)})
    with open(os.path.join(HERE, 'audit.json'), 'w', encoding='utf-8') as f:
        json.dump({'numpy': np.__version__, 'setup': SETUP, 'rows': rows}, f, indent=1)
        f.write('\n')
    print(f'{len(rows)} calls')


main()
