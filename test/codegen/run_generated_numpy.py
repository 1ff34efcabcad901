#!/usr/bin/python3
"""Run GradLens's generated Python gradients under real numpy: test/codegen/numpy_results.json.

    /usr/bin/python3 test/codegen/run_generated_numpy.py

A test-fixture script: unlike the product, it executes code. For every Python case in
test/codegen/cases/ it executes the case file followed by its golden generated code
(test/codegen/golden/NAME.txt) with the real numpy, calls the generated gradient at the case's @at
point and at eight points near it, and records the results with a hash of the golden text they came
from. test/unit/codegen/numpyFixture.test.ts compares them with GradLens's AD and fails when a golden
file changed since this script last ran.
"""
import ast
import hashlib
import inspect
import json
import pathlib
import re

import numpy as np

HERE = pathlib.Path(__file__).parent
OUT = HERE / "numpy_results.json"


def nearby(base, k):
    """Deterministic points near the base: each number moved by a different fraction (arrays entry by entry)."""
    out = {}
    j = 0
    for name, v in base.items():
        flat = np.ravel(np.asarray(v, dtype=float)).copy()
        for i in range(flat.size):
            flat[i] += 0.1 * max(abs(flat[i]), 1) * (((k * 0.618 + j * 0.414) % 1) * 2 - 1)
            j += 1
        out[name] = flat.reshape(np.shape(v)).tolist() if np.ndim(v) else float(flat[0])
    return out


def parse_at(text):
    """`x=0.7, W=[[1, 2], [3, 4]]`: names and Python literals, split at the commas outside brackets."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch in "[(" and 1 or ch in "])" and -1 or 0
        if ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return {k.strip(): ast.literal_eval(v.strip()) for k, v in (p.split("=", 1) for p in parts)}


def arguments(at):
    return {k: np.array(v, dtype=float) if isinstance(v, list) else float(v) for k, v in at.items()}


def instance(cls, given):
    """The instance a method case runs on, made as GradLens makes it: the constructor's parameters by name, the rest set as attributes."""
    params = list(inspect.signature(cls.__init__).parameters)[1:]
    made = cls(**{k: v for k, v in given.items() if k in params})
    for k, v in given.items():
        if k not in params:
            setattr(made, k, v)
    return made


def main():
    results = {}
    for case in sorted((HERE / "cases").glob("*.py")):
        source = case.read_text()
        golden = (HERE / "golden" / (case.stem + ".txt")).read_text()
        # `# @at x=0.8; self: w=1.5` above a def, comment lines between; an indented def is a method.
        fn = re.search(r"@at ([^\n;]*)(?:; self: ([^\n;]*))?[^\n]*\n(?:[ \t]*#[^\n]*\n)*([ \t]*)def\s+(\w+)", source)
        base = parse_at(fn.group(1))
        receiver = parse_at(fn.group(2)) if fn.group(2) else {}
        cls = re.findall(r"^class (\w+)", source[: fn.start()], re.M)[-1] if fn.group(3) else None
        name = re.search(r"^def (\w+)\(", golden, re.M).group(1)
        namespace = {}
        # A method's gradient is defined at the top level here and called with the instance as self.
        exec(compile(source + "\n\n" + golden, str(case), "exec"), namespace)
        grad = namespace[name]
        points = []
        for k in range(9):
            at = base if k == 0 else nearby(base, k)
            g = grad(instance(namespace[cls], receiver), **arguments(at)) if cls else grad(**arguments(at))
            g = list(g) if isinstance(g, tuple) else [g]
            points.append({"at": at, "gradient": [float(x) for part in g for x in np.ravel(part)]})
        results[case.name] = {"golden_sha256": hashlib.sha256(golden.encode()).hexdigest(), "function": name, "points": points}
        if cls:
            results[case.name].update({"of": f"{cls}.{fn.group(4)}", "receiver": receiver})
    OUT.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
