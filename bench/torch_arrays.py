"""PyTorch peer for bench/arrays.ts (run under /usr/bin/python3): the MLP loss and vectorized Rosenbrock.

Reads {"budget_ms", "mlp": {"W1", "b1", "W2", "b2", "X", "y"}, "rosen": {"x"}} on stdin; prints medians
(ns) and value/gradient. float64, one thread, leaf tensors made once; only the point's parameters require
grad (X and y are data, as in GradLens's fixture). Timing as bench/torch_bench.py's `measure`.
"""
import json
import sys

sys.path.insert(0, __import__('os').path.dirname(__file__))
from torch_bench import measure  # noqa: E402

try:
    import torch
except Exception as e:  # pragma: no cover
    print(json.dumps({'available': False, 'reason': str(e)}))
    sys.exit(0)

torch.set_num_threads(1)
inp = json.load(sys.stdin)
budget = inp['budget_ms']
T = lambda v, g=False: torch.tensor(v, dtype=torch.float64, requires_grad=g)  # noqa: E731
out = {'available': True, 'version': torch.__version__}

m = inp['mlp']
W1, b1, W2, b2 = T(m['W1'], True), T(m['b1'], True), T(m['W2'], True), T(m['b2'], True)
X, y = T(m['X']), T(m['y'])


def mlp():
    return torch.mean((torch.tanh(X @ W1 + b1) @ W2 + b2 - y) ** 2)


x = T(inp['rosen']['x'], True)


def rosen():
    return torch.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)


for name, f, params in (('mlp', mlp, [W1, b1, W2, b2]), ('rosen_vec', rosen, [x])):
    def primal():
        with torch.no_grad():
            return f().item()

    def grad():
        v = f()
        gs = torch.autograd.grad(v, params)
        return v.item() + float(gs[0].reshape(-1)[0])

    v = f()
    gs = torch.autograd.grad(v, params)
    out[name] = {
        'primal': measure(primal, budget),
        'value_and_gradient': measure(grad, budget),
        'value': v.item(),
        'gradient': [float(t) for g in gs for t in g.reshape(-1)],
    }
print(json.dumps(out))
