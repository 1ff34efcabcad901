"""PyTorch peer for bench/loops.ts (run under /usr/bin/python3): the ndarray loops and the naive linear losses.

Reads {"budget_ms", "loops": {"file", "cases": [{"fn", "point"}]}, "losses": {"file", "X", "y", "W", "cases": [fn]}}
on stdin; prints medians (ns) and value/gradient per case ("loop:<k>", "loss:<fn>"). The fixture files are
executed as written with np bound to torch, float64, one thread; the points are leaf tensors made once.
numpy's `a.dot(B)` of a vector and a matrix is a matrix product; torch's Tensor.dot takes two vectors only,
so Tensor.dot is numpy's here (torch.matmul). Timing as bench/torch_bench.py's `measure`.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from torch_bench import load, measure  # noqa: E402

try:
    import torch
except Exception as e:  # pragma: no cover
    print(json.dumps({'available': False, 'reason': str(e)}))
    sys.exit(0)

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
torch.Tensor.dot = lambda a, b: torch.matmul(a, b)
inp = json.load(sys.stdin)
budget = inp['budget_ms']
out = {'available': True, 'version': torch.__version__.split('+')[0], 'cases': {}}


def timed(f, params):
    def primal():
        with torch.no_grad():
            return float(f())

    def grad():
        v = f()
        gs = torch.autograd.grad(v, params)
        return float(v) + float(gs[0].reshape(-1)[0])

    v = f()
    gs = torch.autograd.grad(v, params)
    return {
        'primal': measure(primal, budget),
        'value_and_gradient': measure(grad, budget),
        'value': float(v),
        'gradient': [float(t) for g in gs for t in g.reshape(-1)],
    }


loops = inp['loops']
ns = load(loops['file'], torch)
for k, case in enumerate(loops['cases']):
    fn = ns[case['fn']]
    params = [torch.tensor(v, requires_grad=True) for v in case['point'].values()]
    out['cases'][f'loop:{k}'] = timed(lambda: fn(*params), params)

losses = inp['losses']
ns = load(losses['file'], torch)
X = torch.tensor(losses['X'])
y = torch.tensor(losses['y'], dtype=torch.int64)
W = torch.tensor(losses['W'], requires_grad=True)
for name in losses['cases']:
    # The defaults were made by GradLens's generator: the same data is passed explicitly. svm_loss
    # is svm_loss_loops(W)[0], whose defaults it cannot be given.
    fn = ns['svm_loss_loops'] if name == 'svm_loss' else ns[name]
    pick = (lambda r: r[0]) if name == 'svm_loss' else (lambda r: r)
    out['cases'][f'loss:{name}'] = timed(lambda: pick(fn(W, X, y)), [W])
print(json.dumps(out))
