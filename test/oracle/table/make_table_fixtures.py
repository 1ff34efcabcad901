"""Fixtures for the check table (rows.txt): numpy's value and central-difference gradient per row.

Run by /usr/bin/python3 (Debian's, with numpy): `/usr/bin/python3 test/oracle/table/make_table_fixtures.py`.
The product never runs Python; this script runs each row's body with real numpy, at a point drawn
from the row's boxes with a seed taken from the row's text (so a row keeps its point while others
change), and writes test/oracle/table/fixtures.json. Deterministic: re-running rewrites the same file.

For each row: `value` is numpy's output flattened (with its `shape`), `gradient` the derivative of
g = Σ wᵢ·outᵢ (wᵢ = 1 + 0.25·i over the flattened output) with respect to every parameter entry in
declaration order, by the fourth-order central difference
    (−g(x + 2h) + 8 g(x + h) − 8 g(x − h) + g(x − 2h)) / 12h,   h = 1e-4·max(1, |x|),
whose truncation error is O(h⁴) and rounding error about 1e-12·|g|: far below the test's tolerance,
far above the error of a wrong rule. Rows marked `self` (GradLens's own random generator) or
`refuses=` (GradLens refuses them, saying so) get only their point.
"""
import functools
import json
import logging
import math
import numbers
import random
import time
import os
import re
import sys
import types
import warnings
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = os.path.join(HERE, 'rows.txt')
OUT = os.path.join(HERE, 'fixtures.json')
DEFAULT_BOX = (-1.5, 1.5)


def parse_rows():
    rows = []
    for line in open(ROWS, encoding='utf-8'):
        line = line.rstrip('\n')
        if not line.strip() or line.lstrip().startswith('#'):
            continue
        cells = [c.strip() for c in line.split(' | ')]
        if len(cells) < 3 or len(cells) > 4:
            sys.exit(f'rows.txt: a row needs `function | body | parameters [| options]`: {line}')
        name, body, params = cells[0], cells[1], cells[2]
        options = cells[3] if len(cells) == 4 else ''
        rows.append({'key': line.strip(), 'name': name, 'body': body, 'params': parse_params(params, line), 'options': parse_options(options)})
    return rows


PARAM = re.compile(r'^([A-Za-z_]\w*):(s|\d+(?:x\d+)*)(?:\[([^,\]]+),([^\]]+)\])?$')


def parse_params(spec, line):
    out = []
    for token in spec.split():
        m = PARAM.match(token)
        if not m:
            sys.exit(f'rows.txt: cannot read the parameter {token!r} in: {line}')
        shape = None if m.group(2) == 's' else [int(d) for d in m.group(2).split('x')]
        box = (float(m.group(3)), float(m.group(4))) if m.group(3) else DEFAULT_BOX
        out.append({'name': m.group(1), 'shape': shape, 'box': box})
    return out


def parse_options(text):
    opts = {}
    refuses = text.find('refuses=')
    if refuses >= 0:
        opts['refuses'] = text[refuses + 8:].strip()
        text = text[:refuses]
    ref = text.find('ref=')
    if ref >= 0:
        opts['ref'] = text[ref + 4:].strip()
        text = text[:ref]
    for token in text.split():
        if '=' in token:
            k, v = token.split('=', 1)
            opts[k] = v
        else:
            opts[token] = True
    return opts


def source(params, body):
    stmt = body if re.search(r'\breturn\b', body) else f'return {body}'
    return f"def f({', '.join(p['name'] for p in params)}):\n    {stmt}\n"


def namespace():
    ns = {'np': np, 'math': math, 'functools': functools, 'warnings': warnings, 'logging': logging, 'random': random, 'time': time, 'numbers': numbers}
    ns.update(sklearn_helpers())
    try:
        from scipy import special  # only rows that name it need it
        from scipy.stats import norm
        from scipy import stats
        import scipy.linalg as slinalg
        from scipy import signal
    except ImportError:
        return ns
    ns.update({'special': special, 'slinalg': slinalg, 'signal': signal, 'norm': norm, 'stats': stats, 'jstats': stats, 'astats': stats})
    # jax and autograd are not installed here: rows that spell their names (the same math as numpy's
    # and scipy's, which is what those rows check) run numpy and scipy under those names, and jax.nn
    # by its documented definitions.
    ns.update({'jnp': np, 'anp': np, 'ptb': np, 'jspecial': special, 'aspecial': special, 'jnorm': norm, 'anorm': norm, 'nn': jax_nn(special)})
    # scipy.misc.logsumexp (gone since scipy 1.3) and autograd.scipy.misc's were scipy.special's.
    ns.update({'smisc': special, 'amisc': special})
    return ns


def jax_nn(special):
    def gelu(x, approximate=True):
        if approximate:
            return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))
        return x * special.ndtr(x)

    return types.SimpleNamespace(
        sigmoid=special.expit,
        relu=lambda x: np.maximum(x, 0),
        softplus=lambda x: np.logaddexp(x, 0),
        gelu=gelu,
        silu=lambda x: x * special.expit(x),
        swish=lambda x: x * special.expit(x),
        softmax=lambda x, axis=-1: special.softmax(x, axis=axis),
        log_softmax=lambda x, axis=-1: special.log_softmax(x, axis=axis),
        logsumexp=special.logsumexp,
        log_sigmoid=lambda x: -np.logaddexp(-x, 0),
        elu=lambda x, alpha=1.0: np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0))),
        celu=lambda x, alpha=1.0: np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0) / alpha)),
        selu=lambda x: 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * np.expm1(np.minimum(x, 0))),
        leaky_relu=lambda x, negative_slope=0.01: np.where(x >= 0, x, negative_slope * x),
        relu6=lambda x: np.minimum(np.maximum(x, 0), 6.0),
        hard_tanh=lambda x: np.clip(x, -1.0, 1.0),
        soft_sign=lambda x: x / (np.abs(x) + 1),
    )


def sklearn_helpers():
    """scikit-learn's dense helpers by what their dense branches do (scikit-learn is not installed
    here): sklearn.utils.extmath's, and axis0_safe_slice of sklearn.utils._mask (and sklearn.utils)."""

    def safe_sparse_dot(a, b, *, dense_output=False):
        return np.dot(a, b) if a.ndim > 2 or b.ndim > 2 else a @ b

    def squared_norm(x):
        flat = np.ravel(x)
        return np.dot(flat, flat)

    def row_norms(X, squared=False):
        norms = np.einsum('ij,ij->i', X, X)
        return norms if squared else np.sqrt(norms)

    def softmax(X, copy=True):
        if copy:
            X = np.copy(X)
        X -= np.max(X, axis=1).reshape((-1, 1))
        np.exp(X, out=X)
        X /= np.sum(X, axis=1).reshape((-1, 1))
        return X

    def axis0_safe_slice(X, mask, len_mask):
        return X[mask, :] if len_mask != 0 else np.zeros(shape=(0, X.shape[1]))

    def logsumexp(*args, **kwargs):
        # scikit-learn before 0.21 re-exported scipy's (`from scipy.misc import logsumexp`).
        from scipy.special import logsumexp as scipy_logsumexp
        return scipy_logsumexp(*args, **kwargs)

    extmath = types.SimpleNamespace(safe_sparse_dot=safe_sparse_dot, squared_norm=squared_norm, row_norms=row_norms,
                                    log_logistic=lambda X: -np.logaddexp(0, -X), softmax=softmax, logsumexp=logsumexp)
    mask = types.SimpleNamespace(axis0_safe_slice=axis0_safe_slice)
    return {'extmath': extmath, 'skmask': mask, 'skutils': mask}


def point_for(row):
    rng = np.random.default_rng(zlib.crc32(row['key'].encode('utf-8')))
    point = []
    for p in row['params']:
        lo, hi = p['box']
        if p['shape'] is None:
            point.append(float(rng.uniform(lo, hi)))
        else:
            point.append(rng.uniform(lo, hi, size=p['shape']).tolist())
    return point


def as_args(params, flat):
    args, k = [], 0
    for p in params:
        if p['shape'] is None:
            args.append(float(flat[k]))
            k += 1
        else:
            n = int(np.prod(p['shape']))
            args.append(np.array(flat[k:k + n], dtype=float).reshape(p['shape']))
            k += n
    return args


def main():
    rows = parse_rows()
    ns = namespace()
    out = {}
    for row in rows:
        point = point_for(row)
        entry = {'point': point}
        if not row['options'].get('self') and not row['options'].get('refuses'):
            code = source(row['params'], row['options'].get('ref', row['body']))
            local = dict(ns)
            exec(code, local)  # the row's body, run by numpy: this script's purpose
            f = local['f']
            flat = np.concatenate([np.ravel(np.asarray(v, dtype=float)) for v in point]) if point else np.zeros(0)
            with np.errstate(all='raise'):
                y = np.asarray(f(*as_args(row['params'], flat)), dtype=float)
            w = 1.0 + 0.25 * np.arange(y.size)

            def g(x):
                return float(np.sum(np.ravel(np.asarray(f(*as_args(row['params'], x)), dtype=float)) * w))

            grad = []
            for j in range(flat.size):
                h = 1e-4 * max(1.0, abs(flat[j]))

                def at(d):
                    x = flat.copy()
                    x[j] += d
                    return g(x)

                grad.append((-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h))
            if not all(math.isfinite(v) for v in grad):
                sys.exit(f'rows.txt: the differences are not finite for: {row["key"]}')
            entry.update({'shape': list(y.shape), 'value': [float(v) for v in y.ravel()], 'gradient': grad})
        out[row['key']] = entry
    with open(OUT, 'w', encoding='utf-8') as fh:
        json.dump({'generator': 'test/oracle/table/make_table_fixtures.py', 'numpy': np.__version__, 'rows': out}, fh, indent=0, sort_keys=True)
        fh.write('\n')
    print(f'{len(out)} rows -> {os.path.relpath(OUT)}')


if __name__ == '__main__':
    main()
