"""np.where's contract against PyTorch: run by /usr/bin/python3 (Debian's, with torch and numpy).

For each case, torch's gradient of the plain form (its "where trap": NaN where the branch not
selected has an infinite or undefined derivative), and torch's gradient of the guarded form (the
branch fed a safe value where it is not selected), which is the selected branch's derivative: the
number GradLens's np.where gives. The value is torch's, which is numpy's here. Writes fixtures.json beside this file.
"""
import json
import math
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

# (name, numpy source of f(x), torch plain, torch guarded, points)
CASES = [
    ("sqrt", "np.sum(np.where(x > 0, np.sqrt(x), 0.0))",
     lambda x: torch.sum(torch.where(x > 0, torch.sqrt(x), 0.0)),
     lambda x: torch.sum(torch.where(x > 0, torch.sqrt(torch.where(x > 0, x, 1.0)), 0.0)),
     [[-1.0, 0.0, 4.0], [0.0, 2.25]]),
    ("xlogx", "np.sum(np.where(x > 0, x * np.log(x), x))",
     lambda x: torch.sum(torch.where(x > 0, x * torch.log(x), x)),
     lambda x: torch.sum(torch.where(x > 0, torch.where(x > 0, x, 1.0) * torch.log(torch.where(x > 0, x, 1.0)), x)),
     [[-1.0, 0.0, 4.0], [-0.5, 0.0, 0.3]]),
    ("y branch", "np.sum(np.where(x <= 0, x ** 2, np.sqrt(x) * np.exp(x)))",
     lambda x: torch.sum(torch.where(x <= 0, x ** 2, torch.sqrt(x) * torch.exp(x))),
     lambda x: torch.sum(torch.where(x <= 0, x ** 2, torch.sqrt(torch.where(x <= 0, 1.0, x)) * torch.exp(x))),
     [[-2.0, 0.0, 1.5]]),
    ("reciprocal", "np.sum(np.where(x != 0, 1.0 / x, 0.0) + x)",
     lambda x: torch.sum(torch.where(x != 0, 1.0 / x, 0.0) + x),
     lambda x: torch.sum(torch.where(x != 0, 1.0 / torch.where(x != 0, x, 1.0), 0.0) + x),
     [[0.0, 2.0, -4.0]]),
    ("scalar", "np.where(x > 0, np.sqrt(x), 0.0)",
     lambda x: torch.where(x > 0, torch.sqrt(x), 0.0),
     lambda x: torch.where(x > 0, torch.sqrt(torch.where(x > 0, x, 1.0)), 0.0),
     [-1.0, 0.0, 9.0]),
]


def grad(fn, point):
    x = torch.tensor(point, requires_grad=True)
    (g,) = torch.autograd.grad(fn(x), x)
    return [None if not math.isfinite(v) else v for v in np.atleast_1d(g.detach().numpy()).tolist()]


def main():
    out = []
    for name, source, plain, guarded, points in CASES:
        for point in points:
            value = float(plain(torch.tensor(point)))  # torch's value is numpy's: the where drops the nan
            out.append({"name": name, "source": source, "point": point, "value": value,
                        "torchPlain": grad(plain, point), "torchGuarded": grad(guarded, point)})
    with open(os.path.join(os.path.dirname(__file__), "fixtures.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
