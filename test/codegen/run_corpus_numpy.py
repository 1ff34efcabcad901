#!/usr/bin/python3
"""Run GradLens's generated Python for every oracle-corpus function it writes, under real numpy.

    node --import tsx test/codegen/write_corpus_sources.ts | /usr/bin/python3 test/codegen/run_corpus_numpy.py

A test-fixture script: unlike the product, it executes code. It reads the functions and their points
(corpusSources.ts) on stdin; for each it executes the corpus file followed by the generated gradient
with the real numpy, calls the gradient at each point (a method's with an instance made as GradLens
makes it) and records the numbers, with a hash of the generated text they came from, in
test/codegen/corpus_numpy_results.json. test/unit/codegen/corpusNumpy.test.ts compares them with
GradLens's AD and fails when a generated text changed since this script last ran.
"""
import inspect
import json
import pathlib
import sys

import numpy as np

HERE = pathlib.Path(__file__).parent
CORPUS = HERE.parent / "oracle" / "corpus"
OUT = HERE / "corpus_numpy_results.json"


def value(v, differentiated):
    """A point's value as numpy code takes it: arrays of floats; a whole number not differentiated stays an int (a count, an index)."""
    if isinstance(v, list):
        return np.array(v, dtype=float)
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return v
    return int(v) if not differentiated and float(v).is_integer() else float(v)


def instance(cls, given):
    """The instance a method runs on, made as GradLens makes it: the constructor's parameters by name, the rest set as attributes."""
    params = list(inspect.signature(cls.__init__).parameters)[1:] if "__init__" in vars(cls) or cls.__init__ is not object.__init__ else []
    made = cls(**{k: value(v, False) for k, v in given.items() if k in params})
    for k, v in given.items():
        if k not in params:
            setattr(made, k, value(v, False))
    return made


def numbers(g):
    """The gradient's numbers in order: tuples (a Jacobian's rows, several parameters) and arrays flattened."""
    if isinstance(g, (tuple, list)):
        return [x for part in g for x in numbers(part)]
    return [float(x) for x in np.ravel(g)]


def main():
    sources = json.load(sys.stdin)
    results = {}
    namespaces = {}
    for s in sources:
        if s["file"] not in namespaces:
            namespace = {"__name__": "corpus_" + s["file"].replace(".", "_")}
            exec(compile((CORPUS / s["file"]).read_text(), s["file"], "exec"), namespace)
            namespaces[s["file"]] = namespace
        namespace = dict(namespaces[s["file"]])
        exec(compile(s["text"], s["key"], "exec"), namespace)
        grad = namespace[s["gradient"]]
        points = []
        for at in s["points"]:
            args = {k: value(v, k in s["wrt"]) for k, v in at.items()}
            try:
                g = grad(instance(namespace[s["cls"]], s.get("receiver", {})), **args) if s.get("cls") else grad(**args)
                points.append({"at": at, "gradient": numbers(g)})
            except Exception as e:  # recorded, and the test fails on it
                points.append({"at": at, "error": f"{type(e).__name__}: {e}"})
        results[s["key"]] = {"sha256": s["sha256"], "points": points}
    OUT.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    errors = [k for k, r in results.items() if any("error" in p for p in r["points"])]
    print(f"{len(results)} functions run under numpy; {len(errors)} with errors: {errors}")


if __name__ == "__main__":
    main()
