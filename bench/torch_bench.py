"""PyTorch peer for `npm run bench`: run by bench/torch.ts under /usr/bin/python3.

Reads one JSON object on stdin: {"budget_ms": ..., "seed001": {"file", "point"}, "rosen": {"file", "point"}}.
Prints one JSON object on stdout: medians in nanoseconds, plus value and gradient of each variant for
the correctness check. If torch cannot be imported it prints {"available": false, "reason": ...}.

The functions are the bench's own fixture files, executed as written, with `np` bound to `torch`
(np.sin -> torch.sin, np.exp -> torch.exp). Choices, for a like-with-like comparison:
- float64 (GradLens computes in float64);
- torch.set_num_threads(1): the work is scalar or 2,000-element ops, and JavaScript runs on one
  thread; intra-op threads only add synchronisation;
- inputs created once, outside the timed region (leaf tensors with requires_grad);
- value+gradient = forward + torch.autograd.grad + .item() of the value; primal = forward under
  torch.no_grad() + .item().
"""
import json
import statistics
import sys
import time


SLOW_NS = 2e8


def measure(run, budget_ms, min_samples=None, max_samples=2000, sample_ns=1e6):
    """Median wall-clock and process-CPU ns per call, as bench/timing.ts: warm-up (a fifth of the budget), a doubling burst to
    calibrate, then batches of ~1 ms until the budget is spent (5 samples at least, 3 if slow)."""
    clock = time.perf_counter_ns
    budget = budget_ms * 1e6
    start = clock()
    warm = 0
    first = 0
    while (warm < 2 and first < SLOW_NS) or clock() - start < budget / 5:
        t0 = clock()
        run()
        if warm == 0:
            first = clock() - t0
        warm += 1
    n = 1
    while True:
        t0 = clock()
        for _ in range(n):
            run()
        t = clock() - t0
        if t >= 2e5 or n >= 1 << 20:
            per_call = t / n
            break
        n *= 2
    batch = max(1, round(sample_ns / max(per_call, 1)))
    if min_samples is None:
        min_samples = 3 if per_call > SLOW_NS else 5
    wall = []
    cpu = []
    while len(wall) < max_samples and (len(wall) < min_samples or clock() - start < budget):
        c0 = time.process_time_ns()
        t0 = clock()
        for _ in range(batch):
            run()
        t1 = clock()
        c1 = time.process_time_ns()
        wall.append((t1 - t0) / batch)
        cpu.append((c1 - c0) / batch)
    return {
        "wall_ns": statistics.median(wall),
        "cpu_ns": statistics.median(cpu),
        "samples": len(wall),
        "batch": batch,
    }


def load(path, torch):
    with open(path) as fh:
        source = fh.read()
    namespace = {}
    # The fixtures import numpy only for the name np; bind np to torch after the import line ran.
    exec(compile(source, path, "exec"), namespace)
    namespace["np"] = torch
    return namespace


def variant(label, primal, value_and_grad, check, budget_ms):
    value, gradient = check()
    return {
        "label": label,
        "primal": measure(primal, budget_ms),
        "value_and_gradient": measure(value_and_grad, budget_ms),
        "value": value,
        "gradient": gradient,
    }


def main():
    request = json.load(sys.stdin)
    try:
        import torch
    except Exception as e:  # noqa: BLE001 - any import failure means "not available"
        print(json.dumps({"available": False, "reason": "not installed" if isinstance(e, ImportError) else f"failed to load: {e}"}))
        return
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    budget = request["budget_ms"]
    out = {
        "available": True,
        "version": torch.__version__,
        "threads": torch.get_num_threads(),
        "dtype": "float64",
        "python": sys.version.split()[0],
        "cases": {},
    }

    # (a) seed 001
    seed = request["seed001"]
    f = load(seed["file"], torch)["f"]
    a = torch.tensor(float(seed["point"]["v_1"]), requires_grad=True)
    b = torch.tensor(float(seed["point"]["v0"]), requires_grad=True)

    def seed_primal():
        with torch.no_grad():
            return f(a, b).item()

    def seed_vg():
        y = f(a, b)
        ga, gb = torch.autograd.grad(y, (a, b))
        return y.item()

    def seed_check():
        y = f(a, b)
        ga, gb = torch.autograd.grad(y, (a, b))
        return y.item(), [ga.item(), gb.item()]

    out["cases"]["seed001"] = [variant("scalar tensors", seed_primal, seed_vg, seed_check, budget)]

    # (b) Rosenbrock, the Python for loop as written
    ros = request["rosen"]
    rosen = load(ros["file"], torch)["rosen"]
    values = [float(v) for v in ros["point"]["x"]]
    n = len(values)
    x = torch.tensor(values, requires_grad=True)
    xs = [torch.tensor(v, requires_grad=True) for v in values]

    def rosen_vec(t):
        return torch.sum(100.0 * (t[1:] - t[:-1] ** 2) ** 2 + (1.0 - t[:-1]) ** 2)

    def primal_of(fn, arg):
        def run():
            with torch.no_grad():
                return fn(arg).item()
        return run

    def vg_tensor(fn):
        def run():
            y = fn(x)
            (g,) = torch.autograd.grad(y, (x,))
            return y.item()

        def check():
            y = fn(x)
            (g,) = torch.autograd.grad(y, (x,))
            return y.item(), g.tolist()
        return run, check

    def vg_list():
        y = rosen(xs)
        torch.autograd.grad(y, xs)
        return y.item()

    def check_list():
        y = rosen(xs)
        gs = torch.autograd.grad(y, xs)
        return y.item(), [g.item() for g in gs]

    loop_run, loop_check = vg_tensor(rosen)
    vec_run, vec_check = vg_tensor(rosen_vec)
    out["cases"]["rosen"] = [
        variant("loop, x[i] of a tensor", primal_of(rosen, x), loop_run, loop_check, budget),
        variant("loop, list of scalars", primal_of(rosen, xs), vg_list, check_list, budget),
        variant("VECTORIZED", primal_of(rosen_vec, x), vec_run, vec_check, budget),
    ]
    assert n == len(out["cases"]["rosen"][0]["gradient"])
    print(json.dumps(out))


if __name__ == "__main__":
    main()
