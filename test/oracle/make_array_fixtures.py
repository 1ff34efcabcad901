"""Fixtures for corpus/arrays.py: PyTorch float64 autograd on hand translations, else Richardson differences.

Run by /usr/bin/python3 (Debian's, with torch and numpy); the product never runs Python. Each corpus
function has a translation below written against torch (the corpus file is also executed with numpy to
check the value). Where torch refuses the pattern (overwriting an entry an earlier operation read), the
gradient comes from central differences with Richardson extrapolation on the numpy function, and the
fixture carries no Hessian.
"""
import importlib.util
import json
import os
import re
import sys

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, 'corpus', 'arrays.py')
OUT = os.path.join(HERE, 'fixtures', 'arrays.json')


def t_seed002_dot(a, b, c):
    f2 = (a * b) @ c
    return f2[0][0] + f2[0][1]


def t_seed002_setitem(B):
    A = torch.zeros((2, 3))
    A[:, 1] = B[:, 2] + B[:, 5]
    return torch.sum(A * A) + torch.sum(B[:, 2] * A[:, 1])


def t_seed002_pow(a, b):
    c = a ** b + b
    return torch.sum(c * c)


def t_seed002_sigmoid_T(W, x):
    s = torch.sigmoid(W.T @ x)
    return torch.sum(s * s) + s[0]


def t_mlp(W1, b1, W2):
    X = torch.tensor([[1.0, 2.0], [-0.5, 0.3], [0.8, -1.2], [0.1, 0.4]])
    y = torch.tensor([[0.5], [-0.2], [0.1], [0.3]])
    return torch.mean((torch.tanh(X @ W1 + b1) @ W2 - y) ** 2)


def t_reductions(x):
    a = torch.amax(x, dim=0).sum() + torch.mean(x, dim=1, keepdim=True).sum()
    return a + torch.prod(x[0]) + torch.linalg.norm(x) + torch.amin(x[1])


def t_fancy_index(x):
    return torch.sum(x[[0, 2, 2, 3]] ** 2) + torch.sum(x[x > 0.5] * 3.0) + x[-1] * x[1:3].sum()


def t_shapes(x):
    m = torch.cat([x, x ** 2]).reshape(2, -1)
    s = torch.stack([x, torch.sin(x)], dim=1)
    return torch.sum(m @ torch.ones(3)) + torch.trace(s.T @ s) + torch.outer(x, x)[0, 2] + torch.inner(x, x)


def t_vector_output(x):
    return torch.tanh(x) * x[0]


TRANSLATIONS = {name[2:]: fn for name, fn in globals().items() if name.startswith('t_')}


def annotations(path):
    lines = open(path).read().split('\n')
    found = []
    for i, line in enumerate(lines):
        m = re.match(r'^# @at (.+)$', line)
        d = re.match(r'^def ([A-Za-z_]\w*)\(', lines[i + 1]) if m and i + 1 < len(lines) else None
        if m and d:
            point = {}
            for part in re.split(r',\s*(?=[A-Za-z_]\w*=)', m.group(1)):
                name, value = part.split('=', 1)
                point[name.strip()] = json.loads(value)
            found.append((d.group(1), point))
    return found


def flat(v):
    return [float(x) for x in np.asarray(v, dtype=float).ravel()]


def num(x):
    x = float(x)
    return 0.0 if x == 0 else x


def nested(a):
    a = np.asarray(a, dtype=float)
    if a.ndim == 0:
        return num(a)
    return [nested(x) for x in a]


def richardson_gradient(f, point, names):
    """Central differences at h and h/2, combined to cancel the h² term (error O(h⁴))."""
    grads = {}
    for name in names:
        base = np.asarray(point[name], dtype=float)
        g = np.zeros_like(base)
        for idx in np.ndindex(base.shape):
            def at(h):
                args = {k: np.array(v, dtype=float) for k, v in point.items()}
                plus = base.copy(); plus[idx] += h
                minus = base.copy(); minus[idx] -= h
                args[name] = plus; fp = f(**args)
                args[name] = minus; fm = f(**args)
                return (fp - fm) / (2 * h)
            h = 1e-3 * max(1.0, abs(base[idx]))
            g[idx] = (4 * at(h / 2) - at(h)) / 3
        grads[name] = nested(g)
    return grads


def main():
    spec = importlib.util.spec_from_file_location('arrays_corpus', CORPUS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases = []
    problems = []
    for name, point in annotations(CORPUS):
        names = list(point.keys())
        f_np = getattr(module, name)
        value_np = f_np(**{k: np.array(v, dtype=float) for k, v in point.items()})
        case = {'function': name, 'at': point}
        if name in TRANSLATIONS:
            fn = TRANSLATIONS[name]
            leaves = [torch.tensor(point[k], requires_grad=True) for k in names]
            out = fn(*leaves)
            if not np.allclose(out.detach().numpy(), value_np, rtol=1e-12, atol=1e-13):
                problems.append(f'{name}: torch value {out} vs numpy {value_np}')
            case['value'] = nested(out.detach().numpy())
            if out.dim() == 0:
                grads = torch.autograd.grad(out, leaves)
                case['gradient'] = {k: nested(g.numpy()) for k, g in zip(names, grads)}
                H = torch.autograd.functional.hessian(fn, tuple(torch.tensor(point[k]) for k in names))
                sizes = [int(np.prod(np.shape(point[k]))) for k in names]
                rows = []
                for i, si in enumerate(sizes):
                    block_row = [H[i][j].reshape(si, sj).numpy() for j, sj in enumerate(sizes)]
                    rows.append(np.concatenate(block_row, axis=1))
                case['hessian'] = [[num(x) for x in r] for r in np.concatenate(rows, axis=0)]
                fd = richardson_gradient(f_np, point, names)
                for k in names:
                    if not np.allclose(flat(fd[k]), flat(case['gradient'][k]), rtol=1e-7, atol=1e-9):
                        problems.append(f'{name}: torch gradient {k} disagrees with differences')
            else:
                J = torch.autograd.functional.jacobian(fn, tuple(torch.tensor(point[k]) for k in names))
                case['jacobian'] = {k: nested(J[i].numpy()) for i, k in enumerate(names)}
        else:
            case['value'] = nested(value_np)
            case['gradient'] = richardson_gradient(f_np, point, names)
        cases.append(case)
    if problems:
        print('\n'.join(problems))
        sys.exit(1)
    with open(OUT, 'w') as fh:
        json.dump({'generator': 'torch ' + torch.__version__.split('+')[0] + ' float64 autograd (overwrite_read: Richardson differences, torch refuses it)',
                   'file': 'test/oracle/corpus/arrays.py', 'cases': cases}, fh, indent=1)
        fh.write('\n')
    print(f'wrote {OUT}: {len(cases)} cases')


if __name__ == '__main__':
    main()
