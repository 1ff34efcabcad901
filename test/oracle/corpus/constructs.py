"""Everyday Python around the numbers: comprehensions, dicts, sets, strings, exceptions, with, *args,
**kwargs, keyword-only parameters, :=, global/nonlocal and the builtins that take callbacks."""
import functools
import logging
import math
import warnings

import numpy as np

logger = logging.getLogger(__name__)

WEIGHTS = {"a": 0.5, "b": -1.25, "c": 2.0}
ZERO = 0
CALLS = 0


def _norm2(*xs):
    return sum(v * v for v in xs)


def _scaled(x, *, scale=2.0, **extra):
    return scale * x + sum(extra.values())


# @at x=0.7, y=-1.3
def comprehensions(x, y):
    squares = [v * v for v in (x, y, x * y) if v != 0]
    nested = [a * b for a in (x, y) for b in (1.0, 2.0, 3.0) if b != 2.0]
    table = {k: w * x for k, w in WEIGHTS.items() if k != "b"}
    members = {round(w) for w in WEIGHTS.values()}
    return sum(squares) + sum(nested) + table["c"] - table.get("z", y) + len(members) * y


# @at x=1.1, y=0.4
def dicts_and_sets(x, y):
    params = {"x": x, "y": y}
    params.update(z=x * y)
    params["w"] = params.pop("x") + 1.0
    total = 0.0
    for key in sorted(params):
        total += params[key] * (1.0 if key in {"w", "z"} else 2.0)
    for key, value in params.items():
        total += value / 2.0
    merged = {**params, "y": 3.0 * y}
    return total + merged["y"] + len(merged)


# @at x=0.8
def strings_are_carried(x):
    name = "radius"
    label = f"{name}={2:>4}" + " %s/%d" % ("units", 3) + " {}".format(len(name))
    if label.startswith("radius") and "units" in label and label.split("/")[1].strip() == "3 6":
        return x * len(label)
    return -x


# @at x=-0.6
def exceptions(x):
    try:
        r = 1.0 / ZERO
    except ZeroDivisionError:
        r = 2.0
    try:
        if x < 0:
            raise ValueError(f"negative: {3}")
        r += 100.0
    except (TypeError, ValueError) as e:
        r += len(str(e))
    else:
        r += 1000.0
    finally:
        r *= x
    assert r != 0, "r must not vanish"
    return r


# @at x=1.2, y=0.3
def context_managers(x, y):
    with np.errstate(divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        z = x / (1.0 + y * y)
    logger.debug("z=%s", z)
    print("z is", z)
    return z * np.exp(y)


# @at x=0.9, y=1.7
def star_args(x, y):
    return _norm2(x, y, 1.0) + _norm2(*[x, y]) + _scaled(x, scale=y) + _scaled(y, **{"scale": 0.5, "shift": x})


# @at x=2.5
def walrus_and_callbacks(x):
    values = [x, 2.0 * x, -0.5 * x, 0.5]
    if (n := len(values)) > 3:
        values.append(n * x)
    positives = list(filter(lambda v: v > 0, values))
    doubled = list(map(lambda v: 2.0 * v, positives))
    product = functools.reduce(lambda a, b: a * b, doubled[:3], 1.0)
    best = sorted(values, key=lambda v: -abs(v))[0]
    ok = any(v > 4 for v in values) and all(v != 0 for v in values)
    return product + best + (x if ok else 0.0) + math.fsum([x, x, x])


# @at x=0.35
def global_and_nonlocal(x):
    global CALLS
    CALLS = 2
    acc = 0.0

    def add(v):
        nonlocal acc
        acc += v * v

    for k in range(3):
        add(x * (k + 1))
    return acc + CALLS * x


# @at x=0.9, y=-0.6
def dict_views(x, y):
    coefficients = {"a": x, "b": y}
    values = coefficients.values()  # a view: it sees the entry added below
    coefficients["c"] = x * y
    pairs = coefficients.items()
    total = sum(values) + len(pairs) * x
    coefficients["d"] = 1.5
    if ("d", 1.5) in pairs and 1.5 in values and coefficients.keys() == {"a", "b", "c", "d"}:
        total += x * x
    if coefficients.keys() != ["a", "b", "c", "d"] and list(coefficients.keys()) == ["a", "b", "c", "d"]:
        total += 2.0 * y
    return total + sum(k_w[1] for k_w in sorted(pairs, key=lambda kw: kw[1]))
