"""numpy's values AND dtypes over a grid of expressions, for test/unit/engine/dtypeGrid.test.ts.

Run by /usr/bin/python3 (Debian's, with numpy): `/usr/bin/python3 test/unit/engine/dtypeGrid/make_dtype_grid.py`.
The product never runs Python; this script runs each block (statements ending in `r = ...`) with
real numpy and writes grid.json: `r` flattened to float64 with its shape, and `np.asarray(r).dtype`
(a Python int/float/bool is read as numpy reads it: int64/float64/bool), or the error numpy raises.

A block marked `guess` holds a whole-valued float GradLens cannot see is a float (an element read
back from a float array): GradLens may take it as int64, and must then say so where it matters
(a non-integer write into it, its `.dtype`), never silently.
"""
import json
import math
import os
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

GRID = [
    # creation
    'r = np.arange(3.0)', 'r = np.arange(3)', 'r = np.arange(0, 3, 1.0)', 'r = np.arange(1, 3, 0.5)',
    'r = np.arange(3, dtype=float)', 'r = np.arange(3.0, dtype=int)', 'r = np.arange(0.0, 2.0, dtype=np.int64)',
    'r = np.full(3, 2)', 'r = np.full(3, 2.0)', 'r = np.full(3, 2.5)', 'r = np.full(3, True)', 'r = np.full((2,), 2, dtype=float)',
    'r = np.full(2, -1.0)', 'r = np.array(2.0)', 'r = np.array(2)', 'r = np.asarray(1.0)', 'r = np.array([1, 2.0])', 'r = np.array([-1.0, 2])',
    'r = np.zeros(2) + np.arange(2)', 'r = np.ones(2, dtype=int) * 3',
    # floats held in names
    'v = 1.0\nr = np.array([v, 2])', 'v = 2.0 * 3\nr = np.array([v])', 'v = 3 / 1\nr = np.array([v])', 'v = float(2)\nr = np.array([v, 1])',
    'n = 2\nr = np.array([n, 1])', 'v = 1.0\nr = np.full(2, v)', 'v = 3.0\nr = np.arange(v)', 'v = 2.0\nv = v + 1\nr = np.array([v])',
    'v = 1.0\nw = -v\nr = np.array([[w, 0], [0, 1]])', 'v = 4.0 ** 0.5\nr = np.array([v])', 'v = 2 ** -1 * 4\nr = np.array([v])',
    'n = len([1, 2])\nr = np.array([n])', 'k = 7 // 2\nr = np.full(2, k)', 'v = 1.0\nr = np.array([v]) * 2',
    'a = np.array([1, 2])\nv = 2.0\nr = a * v', 'a = np.array([1, 2])\nv = 2\nr = a * v', 'a = np.array([1, 2])\nv = 2.0\nr = v - a',
    # int arithmetic
    'r = np.array([1, 2]) * 2.0', 'r = np.array([1, 2]) * 2', 'r = np.array([1, 2]) + True', 'r = np.array([1, 2]) * np.array([3, 4])',
    'r = np.array([7, -7]) // 2', 'r = np.array([7, -7]) % 3', 'r = np.array([7, -7]) ** 2', 'r = np.array([7, -7]) / 2',
    'r = -np.array([7, -7])', 'r = abs(np.array([7, -7]))', 'r = np.abs(np.array([7, -7]))', 'r = np.square(np.array([3, -2]))',
    'r = np.sign(np.array([3, 0, -2]))', 'r = np.array([1, 2]) ** 0.5', 'r = np.array([2, 3]) ** np.array([2, 0])', 'r = 2 ** np.array([2, 3])',
    'r = np.array([1, 0]) // 0', 'r = np.array([5, -5]) % 0', 'r = np.array([7, -7]) // 2.0', 'r = np.array([7.5]) // 2',
    'r = np.maximum(np.array([1, 5]), np.array([3, 2]))', 'r = np.maximum(np.array([1, 5]), 2.5)', 'r = np.minimum(np.array([1, 5]), 2)',
    'r = np.floor(np.array([1, 2]))', 'r = np.sqrt(np.array([4, 9]))', 'r = np.exp(np.array([0]))', 'r = np.clip(np.array([1, 5, 9]), 2, 6)',
    'r = np.clip(np.array([1, 5, 9]), 2.5, 6)', 'r = np.where(np.array([True, False]), np.array([1, 2]), np.array([3, 4]))',
    'r = np.where(np.array([True, False]), 1, 2.0)', 'r = np.where(np.array([True, False]), 1, 2)', 'r = np.add(np.array([1]), 2)', 'r = np.multiply(np.array([1]), 2.0)',
    # booleans
    'r = np.array([True, False]) + np.array([True, True])', 'r = np.array([True, False]) * np.array([True, True])', 'r = np.array([True, False]) + 1',
    'r = np.array([True, False]) * 2.5', 'r = np.sum(np.array([True, True, False]))', 'r = np.array([True, False]).sum()', {'code': 'r = np.max(np.array([True, False]))', 'guess': True},
    'r = np.array([True, False]) & np.array([True, True])', 'r = ~np.array([True, False])', 'r = np.cumsum(np.array([True, True]))',
    # reductions and products
    'r = np.sum(np.array([[1, 2], [3, 4]]), axis=0)', 'r = np.sum(np.array([[1, 2], [3, 4]]))', 'r = np.array([[1, 2], [3, 4]]).sum(axis=1)',
    'r = np.prod(np.array([2, 3]))', 'r = np.max(np.array([2, 3]))', 'r = np.min(np.array([[2, 3]]), axis=1)', 'r = np.cumsum(np.array([1, 2, 3]))',
    'r = np.cumprod(np.array([1, 2, 3]))', 'r = np.mean(np.array([1, 2]))', 'r = np.array([1, 2]).mean()', 'r = np.diff(np.array([1, 4, 9]))',
    'r = np.outer(np.array([1, 2]), np.array([3, 4]))', 'r = np.dot(np.array([1, 2]), np.array([3, 4]))', 'r = np.array([[1, 2], [3, 4]]) @ np.array([1, 1])',
    'r = np.inner(np.array([1, 2]), np.array([3, 4]))', 'r = np.outer(np.array([1, 2]), np.array([0.5, 1.0]))', 'r = np.matmul(np.eye(2), np.array([1, 2]))',
    'r = np.trace(np.array([[1, 2], [3, 4]]))', 'r = np.kron(np.array([1, 2]), np.array([1, 3]))', 'r = np.array([1, 2]).dot(np.array([3, 4]))',
    'r = sum(np.array([1, 2]))', 'r = np.array([3, 1]).max()', 'r = np.array([[1, 2]]).T', 'r = np.stack([np.array([1]), np.array([2])])',
    # element writes cast to the array's dtype
    'a = np.array([1, 2])\na[0] = 0.5\nr = a', 'a = np.array([1, 2])\na[1] = -2.7\nr = a', 'a = np.array([1, 2])\na[0] += 0.7\nr = a',
    'a = np.array([True, False])\na[1] = 2.5\nr = a', 'a = np.zeros(3, dtype=int)\na[1:] = 1.9\nr = a', 'a = np.arange(4)\na[a > 1] = 0.5\nr = a',
    'a = np.array([1, 2])\na += 1\nr = a', 'a = np.array([1, 2])\na += 0.5\nr = a', 'a = np.array([1, 2])\na = a + 0.5\nr = a',
    'a = np.array([1.0, 2.0])\na[0] = 3\nr = a', 'a = np.array([[1, 2], [3, 4]])\na[0, 1] = 9.9\nr = a', 'a = np.array([[1, 2], [3, 4]])\na[1] = [0.5, 7.5]\nr = a',
    'a = np.array([1, 2])\nfor i in range(2):\n    a[i] = i + 0.5\nr = a', 'a = np.array([1, 2])\na *= 3\nr = a',
    # casts
    'r = np.array([1, 2]).astype(float)', 'r = np.array([1, 2]).astype(np.float64)', 'r = np.array([0, 2]).astype(bool)', 'r = np.array([1.5, -2.7]).astype(int)',
    'r = np.int64(2.7)', 'r = np.float64(2)', 'r = np.array([1.5, 2.5], dtype=int)', 'r = np.array([1, 2], dtype=float)', 'r = np.asarray([1, 2], dtype=np.float64)',
    # dtype comparisons
    'a = np.arange(3)\nr = np.array([a.dtype == np.int64, a.dtype == np.float64, a.dtype == float, a.dtype == int, a.dtype == "int64", a.dtype != np.int64])',
    'r = np.array([np.arange(3.0).dtype == np.float64, np.full(3, 2).dtype == np.int64, np.zeros(2).dtype == np.float64, (np.arange(2) > 0).dtype == bool])',
    'a = np.array([1, 2]) * 2\nr = np.array([a.dtype == np.int64, a.dtype in (np.float32, np.float64)])',
    'a = np.ones(2)\nr = 1.0 if a.dtype == np.float64 else 0.0',
    # Python ints and floats that are whole
    {'code': 'a = np.arange(3.0)\nv = a[1]\nr = np.array([v, 2])', 'guess': True},
    {'code': 'a = np.arange(3.0)\nb = np.array([a[1], a[2]])\nb[0] = 0.5\nr = b', 'guess': True},
    # a zero remainder takes the divisor's sign (numpy's npy_divmod, CPython's float_rem); fmod the dividend's
    'r = np.array([-4.0, 4.0, -0.0, 0.0, 5.5, -5.5]) % 2', 'r = np.array([-4.0, 4.0, -0.0, 0.0, 5.5]) % -2', 'r = 4.0 % np.array([-2.0, 2.0, -3.0])',
    'r = np.remainder(np.array([4.0, -4.0]), np.array([-2.0, 2.0]))', 'r = np.mod(np.array([4, -4]), -2)', 'r = np.arctan2(np.array([4.0, -4.0]) % -2, -1.0)',
    'r = -4.0 % 2', 'r = 4.0 % -2', 'r = np.array([4, -4]) % -2',
    'r = np.fmod(np.array([-4.0, 4.0, 5.5, -5.5, -0.0]), 2)', 'r = np.fmod(np.array([4.0, -4.0, 5.5]), -2)', 'r = np.fmod(np.array([7, -7]), 3)',
    'r = np.fmod(np.array([7, -7]), 2.5)', 'r = np.fmod(-4.0, 2)', 'r = math.fmod(-5.5, 2)', 'r = math.fmod(-4.0, 2)', 'r = math.fmod(5.5, 0.1)',
    'r = math.atan2(math.fmod(-4.0, 2), -1.0)', 'r = math.fmod(1.0, 0.0)',
    # a string is no type (only a dtype equals its type)
    "r = 1.0 if 'float64' == np.float64 else 0.0", "r = 1.0 if 'float64' != np.float64 else 0.0", "d = 'int64'\nr = 1.0 if d == np.int64 else 0.0",
    "r = 1.0 if np.array([1.0]).dtype == 'float64' else 0.0", "d = np.array([1]).dtype\nr = np.array([d == np.int64, d == int, d == 'int64', d == np.float64, d == 'float64'])",
    "r = np.array([str(np.zeros(2).dtype) == 'float64', np.zeros(2).dtype.name == 'float64', np.zeros(2, dtype=np.ones(2, dtype=int).dtype).dtype == np.int64])",
    # isinstance follows the source's int or float
    'r = 1.0 if isinstance(1, float) else 0.0', 'r = 1.0 if isinstance(2.0, int) else 0.0', 'k = 2\nr = 1.0 if isinstance(k, float) else 0.0',
    'v = 2.0\nr = 1.0 if isinstance(v, (int, str)) else 0.0', 'r = 1.0 if isinstance(True, int) else 0.0', 'r = 1.0 if isinstance(True, float) else 0.0',
    'r = 1.0 if isinstance(len([1]), int) else 0.0', 'r = 1.0 if isinstance(3 / 1, float) else 0.0', 'r = 1.0 if isinstance(np.float64(1), float) else 0.0',
    'n = 3\nm = n * 2\nr = 1.0 if isinstance(m, int) else 0.0',
    {'code': 'a = np.array([2.0])\nr = 1.0 if isinstance(a[0], int) else 0.0', 'guess': True},
]


def run(code):
    env = {'np': np, 'math': math}
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try:
            exec(code, env)
        except Exception as e:  # the block's error is the expected outcome
            return {'error': type(e).__name__}
    r = np.asarray(env['r'])
    return {'value': [float(x) for x in r.astype(float).ravel()], 'shape': list(r.shape), 'dtype': str(r.dtype)}


def main():
    rows = []
    for item in GRID:
        row = item if isinstance(item, dict) else {'code': item}
        rows.append({**row, **run(row['code'])})
    with open(os.path.join(HERE, 'grid.json'), 'w', encoding='utf-8') as f:
        json.dump({'numpy': np.__version__, 'rows': rows}, f, indent=1)
        f.write('\n')
    print(f'{len(rows)} rows, {sum("error" in r for r in rows)} errors')


main()
