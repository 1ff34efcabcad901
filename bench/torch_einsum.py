"""PyTorch peer for bench/einsum.ts (run under /usr/bin/python3): einsum of a matrix product beside `@`.

Reads {"budget_ms", "cases": {id: {"A", "B", "spec"}}} on stdin; prints, per case, the medians (ns) of
value+gradient of sum(einsum(spec, A, B) ** 2) and of sum((A @ B) ** 2), and the einsum gradient.
float64, one thread. Timing as bench/torch_bench.py's `measure`.
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
out = {'available': True, 'version': torch.__version__}
for name, c in inp['cases'].items():
    A = torch.tensor(c['A'], dtype=torch.float64, requires_grad=True)
    B = torch.tensor(c['B'], dtype=torch.float64, requires_grad=True)
    spec = c['spec']

    def timed(f):
        def run():
            v = f()
            gs = torch.autograd.grad(v, [A, B])
            return v.item() + float(gs[0].reshape(-1)[0])
        return measure(run, budget)

    by_einsum = lambda: torch.sum(torch.einsum(spec, A, B) ** 2)  # noqa: E731
    by_matmul = lambda: torch.sum((A @ B) ** 2)  # noqa: E731
    v = by_einsum()
    gs = torch.autograd.grad(v, [A, B])
    out[name] = {
        'einsum': timed(by_einsum),
        'matmul': timed(by_matmul),
        'gradient': [float(t) for g in gs for t in g.reshape(-1)],
    }
print(json.dumps(out))
