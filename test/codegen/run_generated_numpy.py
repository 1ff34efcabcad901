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
import hashlib
import json
import pathlib
import re

import numpy  # noqa: F401  (the generated code imports it itself; this fails early without numpy)

HERE = pathlib.Path(__file__).parent
OUT = HERE / "numpy_results.json"


def nearby(base, k):
    """Deterministic points near the base: each coordinate moved by a different fraction."""
    return {name: v + 0.1 * max(abs(v), 1) * (((k * 0.618 + j * 0.414) % 1) * 2 - 1) for j, (name, v) in enumerate(base.items())}


def main():
    results = {}
    for case in sorted((HERE / "cases").glob("*.py")):
        source = case.read_text()
        golden = (HERE / "golden" / (case.stem + ".txt")).read_text()
        fn = re.search(r"@at ([^\n]*)\n(?:def)\s+(\w+)", source)
        base = {k.strip(): float(v) for k, v in (pair.split("=") for pair in fn.group(1).split(","))}
        name = re.search(r"^def (\w+)\(", golden, re.M).group(1)
        namespace = {}
        exec(compile(source + "\n\n" + golden, str(case), "exec"), namespace)
        grad = namespace[name]
        points = []
        for k in range(9):
            at = base if k == 0 else nearby(base, k)
            g = grad(**at)
            g = list(g) if isinstance(g, tuple) else [g]
            points.append({"at": at, "gradient": [float(x) for x in g]})
        results[case.name] = {"golden_sha256": hashlib.sha256(golden.encode()).hexdigest(), "function": name, "points": points}
    OUT.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
