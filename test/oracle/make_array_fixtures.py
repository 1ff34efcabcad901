"""Fixtures for corpus/arrays.py and corpus/linalg.py: PyTorch float64 autograd on hand translations, else Richardson differences.

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


# corpus/linalg.py: torch.linalg's own solve/inv/det/slogdet rules, torch.matmul's batching.

def l_solve_vector(A, b):
    x = torch.linalg.solve(A, b)
    return torch.sum(x * x) + x[0]


def l_solve_matrix(A, B):
    return torch.sum(torch.tanh(torch.linalg.solve(A, B)))


def l_solve_jacobian(A, b):
    return torch.linalg.solve(A, b)


def l_inv_quadratic(A, x):
    Ainv = torch.linalg.inv(A)
    return x @ Ainv @ x + torch.trace(Ainv) + torch.sum(Ainv ** 2)


def l_det_poly(A):
    d = torch.linalg.det(A)
    return d ** 2 + torch.linalg.det(A @ A.T) + d


def l_gaussian_nll(L, x):
    S = L @ L.T + 0.5 * torch.eye(3)
    sign, logdet = torch.linalg.slogdet(S)
    return 0.5 * (sign * logdet + x @ torch.linalg.solve(S, x))


def l_slogdet_negative(A):
    sign, logdet = torch.linalg.slogdet(A)
    return sign * logdet ** 2


def l_matmul_stack(X, W):
    return torch.sum(torch.tanh(X @ W) ** 2) + torch.sum(torch.matmul(W.T, X[..., None])[1])


def l_matmul_broadcast(X, Y):
    Z = X @ Y
    return torch.sum(Z ** 2) + torch.sum(torch.sin(Z[:, 2]))


def l_matmul_vector_stack(v, X):
    return torch.sum(torch.exp(v @ X)) + torch.sum(X.permute(0, 2, 1) @ v)


def l_dot_nd(X, W):
    # numpy's dot above 2-D: X's last axis against W's second-to-last
    return torch.sum(torch.tensordot(X, W, dims=([2], [0])) ** 2) + torch.sum(torch.tensordot(X, W[:, 0], dims=([2], [0])))


def l_ellipsis_index(X):
    Y = X.clone()
    Y[..., 0] = X[..., 1] ** 2
    Y[1, ...] *= 3.0
    return torch.sum(Y[..., 1:] * X[..., :1]) + torch.sum(X[...] ** 3) + torch.sum(X[0, ..., 2] * Y[..., 1, 0])


LINALG_TRANSLATIONS = {name[2:]: fn for name, fn in globals().items() if name.startswith('l_')}

CORPORA = [
    ('arrays', TRANSLATIONS, 'torch {} float64 autograd (overwrite_read: Richardson differences, torch refuses it)'),
    ('linalg', LINALG_TRANSLATIONS, 'torch {} float64 autograd (torch.linalg, torch.matmul)'),
]


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


def fixture(stem, translations):
    corpus = os.path.join(HERE, 'corpus', stem + '.py')
    spec = importlib.util.spec_from_file_location(stem + '_corpus', corpus)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases = []
    problems = []
    for name, point in annotations(corpus):
        names = list(point.keys())
        f_np = getattr(module, name)
        value_np = f_np(**{k: np.array(v, dtype=float) for k, v in point.items()})
        case = {'function': name, 'at': point}
        if name in translations:
            fn = translations[name]
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
    return cases, problems


def main():
    results = [(stem, note) + fixture(stem, translations) for stem, translations, note in CORPORA]
    problems = [p for _, _, _, ps in results for p in ps]
    if problems:
        print('\n'.join(problems))
        sys.exit(1)
    version = torch.__version__.split('+')[0]
    for stem, note, cases, _ in results:
        out = os.path.join(HERE, 'fixtures', stem + '.json')
        with open(out, 'w') as fh:
            json.dump({'generator': note.format(version), 'file': f'test/oracle/corpus/{stem}.py', 'cases': cases}, fh, indent=1)
            fh.write('\n')
        print(f'wrote {out}: {len(cases)} cases')


if __name__ == '__main__':
    main()
