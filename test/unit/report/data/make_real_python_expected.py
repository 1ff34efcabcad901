"""Values and gradients of the real-style corpus at the points GradLens chose, computed by the
published semantics: the module imported and run by CPython with numpy/scipy, the gradient by
central differences (step 1e-6 relative). Writes realPythonExpected.json.

Run with /usr/bin/python3 (numpy, scipy) after dumpRealPythonPoints.ts:
    /usr/bin/python3 test/unit/report/data/make_real_python_expected.py
autograd is not installed: its numpy is numpy here (autograd's wrappers compute the same values).
"""
import ast
import importlib
import inspect
import json
import math
import random
import os
import runpy
import sys
import textwrap
import types

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.normpath(os.path.join(HERE, "..", "..", "..", "fixtures"))
sys.path.insert(0, FIXTURES)
sys.path.insert(0, os.path.join(FIXTURES, "points"))
# probeRealPython.ts runs this script on a folder of real files kept outside the repository.
PROBE_DIR = os.environ.get("REAL_PY_DIR")
POINTS = os.environ.get("REAL_PY_POINTS", os.path.join(HERE, "realPythonPoints.json"))
EXPECTED = os.environ.get("REAL_PY_EXPECTED", os.path.join(HERE, "realPythonExpected.json"))
if PROBE_DIR:
    sys.path[:0] = [os.path.dirname(PROBE_DIR), PROBE_DIR]

# autograd's examples import autograd.numpy; stand numpy in for it (values only are needed).
autograd = types.ModuleType("autograd")
# A package whose submodules not stood in here (autograd.extend, autograd.util) come from stubs on PYTHONPATH, if any.
autograd.__path__ = [os.path.join(p, "autograd") for p in sys.path if os.path.isdir(os.path.join(p, "autograd"))]
autograd.numpy = np
autograd.grad = autograd.value_and_grad = lambda f: f
misc = types.ModuleType("autograd.misc")
optimizers = types.ModuleType("autograd.misc.optimizers")
optimizers.adam = None


def stand_in_flatten(value):
    """autograd.misc.flatten as documented: leaves of nested lists/tuples/dicts (dict keys sorted),
    raveled and concatenated; unflatten puts a vector back in that structure. Written here apart from
    GradLens's own model (frontends/python/librarySources.ts), by a list of (path, shape) leaves."""
    paths = []

    def walk(v, path):
        if isinstance(v, dict):
            for k in sorted(v):
                walk(v[k], path + (k,))
        elif isinstance(v, (list, tuple)):
            for i, x in enumerate(v):
                walk(x, path + (i,))
        else:
            paths.append((path, np.shape(v)))

    walk(value, ())

    def get(v, path):
        for k in path:
            v = v[k]
        return v

    flat = np.concatenate([np.ravel(get(value, p)) for p, _ in paths])

    def unflatten(vector):
        sizes = [int(np.prod(shape)) for _, shape in paths]
        cuts = np.cumsum([0] + sizes)
        parts = {p: np.reshape(vector[cuts[i]:cuts[i + 1]], shape) for i, (p, shape) in enumerate(paths)}

        def build(v, path):
            if isinstance(v, dict):
                return {k: build(v[k], path + (k,)) for k in v}
            if isinstance(v, (list, tuple)):
                return type(v)(build(x, path + (i,)) for i, x in enumerate(v))
            return parts[path]

        return build(value, ())

    return flat, unflatten


flatten_module = types.ModuleType("autograd.misc.flatten")
flatten_module.flatten = stand_in_flatten
misc.flatten = stand_in_flatten
sys.modules.update({"autograd": autograd, "autograd.numpy": np, "autograd.numpy.random": np.random,
                    "autograd.misc": misc, "autograd.misc.optimizers": optimizers, "autograd.misc.flatten": flatten_module})
# autograd.scipy.stats.norm is scipy's norm with autograd's wrappers: scipy stands in for it.
import scipy.stats  # noqa: E402
autograd_scipy = types.ModuleType("autograd.scipy")
autograd_scipy.__path__ = [os.path.join(p, "scipy") for p in autograd.__path__]
autograd_stats = types.ModuleType("autograd.scipy.stats")
autograd_stats.norm = scipy.stats.norm
sys.modules.update({"autograd.scipy": autograd_scipy, "autograd.scipy.stats": autograd_stats, "autograd.scipy.stats.norm": scipy.stats.norm})
# autograd.scipy.special.logsumexp is scipy's with autograd's wrapper: scipy stands in for it.
import scipy.special  # noqa: E402
sys.modules["autograd.scipy.special"] = scipy.special


# pymoo is not installed: its problem base classes stand in as pymoo documents them (the sizes and
# bounds its constructor keeps), and pymoo.gradient.toolbox is numpy, as without autograd.
class StandInProblem:
    def __init__(self, n_var=-1, n_obj=1, n_ieq_constr=0, n_eq_constr=0, xl=None, xu=None, vtype=None, vars=None, elementwise=False, **kwargs):
        self.n_var, self.n_obj, self.n_eq_constr = n_var, n_obj, n_eq_constr
        self.n_ieq_constr = max(n_ieq_constr, kwargs["n_constr"]) if "n_constr" in kwargs else n_ieq_constr
        self.data = dict(**kwargs)
        as_bound = lambda b: b if b is None or n_var <= 0 else (b if isinstance(b, np.ndarray) else np.ones(n_var) * b).astype(float)
        self.xl, self.xu = as_bound(xl), as_bound(xu)
        self.vtype, self.vars, self.elementwise = vtype, vars, elementwise


class StandInElementwiseProblem(StandInProblem):
    def __init__(self, elementwise=True, **kwargs):
        super().__init__(elementwise=elementwise, **kwargs)


try:
    import pymoo  # noqa: F401
except ImportError:
    pymoo_problem = types.ModuleType("pymoo.core.problem")
    pymoo_problem.Problem, pymoo_problem.ElementwiseProblem = StandInProblem, StandInElementwiseProblem
    sys.modules.update({"pymoo": types.ModuleType("pymoo"), "pymoo.core": types.ModuleType("pymoo.core"), "pymoo.core.problem": pymoo_problem,
                        "pymoo.gradient": types.ModuleType("pymoo.gradient"), "pymoo.gradient.toolbox": np})


# matplotlib is not installed: pyplot stands in as drawing that does nothing, a figure's handle
# included (GradLens reads matplotlib so: libraryNames.ts INERT_MODULES).
class StandInDrawing:
    def __getattr__(self, name):
        return self

    def __call__(self, *args, **kwargs):
        return self

    # `fig, ax = plt.subplots()`: a figure and its axes, both drawings.
    def __iter__(self):
        return iter((StandInDrawing(), StandInDrawing()))


try:
    import matplotlib  # noqa: F401
except ImportError:
    matplotlib_module = types.ModuleType("matplotlib")
    # A package (its submodules are imported by name: `import matplotlib.animation`), each a stand-in too.
    matplotlib_module.__path__ = []
    matplotlib_module.__getattr__ = lambda name: StandInDrawing()
    sys.modules["matplotlib"] = matplotlib_module
    for sub in ("pyplot", "pylab", "animation", "cm", "colors", "ticker", "patches", "gridspec", "widgets", "collections"):
        stand_in = types.ModuleType(f"matplotlib.{sub}")
        stand_in.__getattr__ = lambda name: StandInDrawing()
        stand_in.__all__ = []  # `from matplotlib.pyplot import *` binds nothing GradLens reads either
        setattr(matplotlib_module, sub, stand_in)
        sys.modules[f"matplotlib.{sub}"] = stand_in


def load(directory, filename):
    name = filename[:-3]
    if PROBE_DIR:
        # As a module of the folder's package first, so that its relative imports resolve.
        try:
            return importlib.import_module(f"{os.path.basename(PROBE_DIR)}.{name}")
        except ImportError:
            return importlib.import_module(name)
    return importlib.import_module(f"real_python.{name}" if directory == "real_python" else name)


def to_value(v):
    if isinstance(v, dict):
        # Weights kept in a dict (params["W1"]): its lists are arrays, as GradLens reads them in a numpy module.
        return {k: to_value(x) for k, x in v.items()}
    if isinstance(v, list):
        try:
            a = np.array(v)
        except ValueError:
            # A ragged point (a list of (W, b) pairs): a list of tuples of arrays, as the code builds it.
            return [tuple(to_value(x) for x in item) if isinstance(item, list) and ragged(item) else to_value(item) for item in v]
        return a if a.dtype != object else v
    return v


def ragged(v):
    try:
        np.array(v, dtype=float)
        return False
    except ValueError:
        return True


def leaves(v):
    """The numbers of a point value in order: lists, tuples and arrays flattened."""
    if isinstance(v, (list, tuple)):
        return [x for item in v for x in leaves(item)]
    return [float(x) for x in np.asarray(v, dtype=float).reshape(-1)]


def rebuild(template, flat, pos):
    """`template`'s structure holding the numbers `flat[pos[0]:]`, in `leaves` order."""
    if isinstance(template, (list, tuple)) and ragged(template):
        return type(template)(rebuild(x, flat, pos) for x in template)
    a = np.asarray(template, dtype=float)
    out = np.array(flat[pos[0]:pos[0] + a.size], dtype=float).reshape(a.shape)
    pos[0] += a.size
    return out if a.ndim else float(out)


def make(cls, values):
    """An instance as GradLens makes one from `self:` values (or a parameter's object): the
    constructor's parameters passed to it, the other values set as attributes afterwards."""
    params = inspect.signature(cls.__init__).parameters
    given = {k: v for k, v in values.items() if k in params}
    try:
        obj = cls(**given)
    except TypeError:
        if not values and not given:
            # A method that never reads its instance (GradLens: engine/receivers.ts) runs on one whose
            # constructor, needing arguments none gives, did not run.
            return cls.__new__(cls)
        if given:
            raise
        # An object of an instance's fields only, which its constructor cannot take: GradLens makes
        # the instance those fields make, __init__ not run (engine/receivers.ts), as __new__ does.
        obj = cls.__new__(cls)
    for k, v in values.items():
        if k in params:
            continue
        held = getattr(obj, k, None)
        if isinstance(v, dict) and hasattr(held, "__dict__") and not isinstance(held, (dict, np.ndarray)):
            # A field holding an instance (micrograd's `self.b = Value(0)`), sampled by its numbers.
            for field, x in v.items():
                setattr(held, field, x)
        else:
            # As GradLens puts a point's values on the instance: a frozen dataclass's fields too.
            object.__setattr__(obj, k, v)
    return obj


def target(module, name, receiver):
    if "." in name:
        cls, method = name.split(".")
        obj = make(getattr(module, cls), {k: to_value(v) for k, v in (receiver or {}).items()})
        # A private method (`__forward`) is stored under Python's mangled name.
        private = method.startswith("__") and not method.endswith("__")
        return getattr(obj, f"_{cls.lstrip('_')}{method}" if private else method)
    if not hasattr(module, name):
        # A def (or a factory's function) made inside `if __name__ == "__main__":`: run the file as the program.
        return runpy.run_path(module.__file__, run_name="__main__")[name]
    return getattr(module, name)


def argument(module, name, v, param=None):
    """A point's value as the call's argument: an object for a method's parameter is an instance of
    its class; a plain function's is a dict (weights kept in a dict), or an object of those
    attributes where the function only reads attributes of it (GradLens: ir/plainParameterClasses.ts)."""
    if isinstance(v, dict) and "." in name and v:
        return make(getattr(module, name.split(".")[0]), {k: to_value(x) for k, x in v.items()})
    if isinstance(v, dict) and v and param is not None and attributes_only(module, name, param):
        return types.SimpleNamespace(**{k: to_value(x) for k, x in v.items()})
    return to_value(v)


def attributes_only(module, name, param, depth=0):
    """Whether the plain function `name` uses `param` only by reading its attributes (`atom1.R`) and
    passing it on to module functions that do (`pair_potential` calling `Morse_potential(atom1, …)`)."""
    try:
        fn = getattr(module, name)
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, AttributeError, SyntaxError):
        return False
    names = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == param]
    reads = [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == param]
    passed = [
        (call.func.id, i)
        for call in ast.walk(tree)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and inspect.isfunction(getattr(module, call.func.id, None))
        for i, a in enumerate(call.args)
        if isinstance(a, ast.Name) and a.id == param
    ]
    if depth > 3 or not names or len(names) != len(reads) + len(passed):
        return False
    for callee, i in passed:
        theirs = list(inspect.signature(getattr(module, callee)).parameters)
        if callee == name or i >= len(theirs) or not attributes_only(module, callee, theirs[i], depth + 1):
            return False
    return True


def central(call, base):
    """Central differences of `call` (a function of a flat array) at `base`, in `base`'s shape, as lists."""
    flat = base.reshape(-1)
    g = np.zeros_like(flat)
    for i in range(flat.size):
        h = 1e-6 * (abs(flat[i]) or 1.0)
        hi, lo = flat.copy(), flat.copy()
        hi[i] += h
        lo[i] -= h
        g[i] = (call(hi) - call(lo)) / (2 * h)
    return g.reshape(base.shape).tolist() if base.ndim else float(g[0])


def copied(args):
    """Arguments no call can write into: each array (and dict) copied."""
    return {k: v.copy() if isinstance(v, (np.ndarray, dict)) else v for k, v in args.items()}


def written(fn, args):
    """The one array (or dict: pymoo's `out`) argument `fn` writes into, after a call on fresh copies; None when not exactly one."""
    fresh = copied(args)
    fn(**fresh)
    changed = [k for k, v in fresh.items() if (isinstance(v, np.ndarray) and not np.array_equal(v, args[k])) or (isinstance(v, dict) and not args[k] and v)]
    return fresh[changed[0]] if len(changed) == 1 else None


def holds_number(v):
    """Whether GradLens keeps this field of a returned instance: it holds a number somewhere."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return False
    if isinstance(v, (int, float, np.floating, np.integer)):
        return True
    if isinstance(v, np.ndarray):
        return v.dtype != bool
    if isinstance(v, (tuple, list)):
        return any(holds_number(x) for x in v)
    if isinstance(v, dict):
        return any(holds_number(x) for x in v.values())
    if hasattr(v, "__dict__") and not callable(v):
        return any(holds_number(x) for x in vars(v).values())
    return False


def plain(v):
    if isinstance(v, dict):
        # A dict returned (autograd's weights made by their init function): its entries, as GradLens gives them.
        return {k: plain(x) for k, x in v.items()}
    if hasattr(v, "__dict__") and not isinstance(v, type):
        # An object returned (micrograd's Value): its fields that hold numbers, as GradLens gives them.
        return {k: plain(x) for k, x in vars(v).items() if holds_numbers(x)}
    if isinstance(v, (tuple, list)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        # A dict returned (CS231n's grads): its entries, as GradLens gives them.
        return {k: plain(x) for k, x in v.items()}
    if hasattr(v, "__dict__") and not callable(v) and not isinstance(v, np.ndarray):
        # A returned instance is its fields that hold numbers, as GradLens shows it.
        return {k: plain(x) for k, x in vars(v).items() if holds_number(x)}
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, (np.floating, np.integer, np.bool_)):
        return v.item()
    return v


def holds_numbers(v):
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float, np.floating, np.integer)):
        return True
    if isinstance(v, np.ndarray):
        return v.dtype != bool
    if isinstance(v, (list, tuple)):
        return len(v) > 0 and all(holds_numbers(x) for x in v)
    if hasattr(v, "__dict__") and not callable(v):
        return any(holds_numbers(x) for x in vars(v).values())
    return False


def scalar(v):
    if isinstance(v, (tuple, list, dict)) or (hasattr(v, "__dict__") and not isinstance(v, np.ndarray)):
        return None
    v = np.asarray(v, dtype=float)
    return float(v) if v.size == 1 else None


def output_leaves(v):
    """The numbers of an array output, or of a dict an output argument became (pymoo's `out`), in order."""
    if isinstance(v, dict):
        return [x for item in v.values() for x in output_leaves(item)]
    return leaves(v)


def jacobian_shaped(v, rows, at):
    """`v`'s structure with each of its numbers replaced by its row of the Jacobian, in the input's shape."""
    if isinstance(v, dict):
        return {k: jacobian_shaped(x, rows, at) for k, x in v.items()}
    if isinstance(v, (list, tuple)) or (isinstance(v, np.ndarray) and v.ndim > 0):
        return [jacobian_shaped(x, rows, at) for x in v]
    row = rows[at[0]]
    at[0] += 1
    return row


def jacobian_of(fn, args, value, wrt):
    """Central-difference Jacobians of an array output (or an output argument's dict of arrays and
    lists of numbers), in each array or number parameter, shaped as GradLens gives them: the
    output's structure, each number replaced by its gradient. None for other outputs."""
    arrays = lambda v: isinstance(v, np.ndarray) or (isinstance(v, (list, tuple)) and not ragged(v) and len(v) > 0) or isinstance(v, (int, float))
    if not (isinstance(value, np.ndarray) and value.dtype != bool and value.size > 1) and not (isinstance(value, dict) and value and all(arrays(x) for x in value.values())):
        return None
    out = {}
    for p in wrt:
        if p not in args or not isinstance(args[p], (np.ndarray, float, int)) or isinstance(args[p], bool):
            continue
        base = np.array(args[p], dtype=float)
        shaped = lambda a, base=base: a.reshape(base.shape) if base.ndim else float(a[0])
        flat = base.reshape(-1)
        columns = []
        for i in range(flat.size):
            h = 1e-6 * (abs(flat[i]) or 1.0)
            hi, lo = flat.copy(), flat.copy()
            hi[i] += h
            lo[i] -= h
            up = np.array(output_leaves(result_of(fn, {**args, p: shaped(hi)})))
            down = np.array(output_leaves(result_of(fn, {**args, p: shaped(lo)})))
            columns.append((up - down) / (2 * h))
        rows = [np.array(r).reshape(base.shape).tolist() if base.ndim else float(r[0]) for r in np.array(columns).T]
        out[p] = jacobian_shaped(plain(value), rows, [0])
    return out


def result_of(fn, args):
    """What GradLens takes as the output: the value returned, else the output a layer keeps, else the argument written into."""
    value = fn(**copied(args))
    instance = getattr(fn, "__self__", None)
    if value is None and instance is not None and hasattr(instance, "output"):
        return instance.output
    return value if value is not None else written(fn, args)


def spread_varargs(fn):
    """`fn` called by keywords, where a point names its `*args` (`stacked_affine(weights, *parts)`):
    the parameters before it by position, then its items, each an array, as GradLens passes them."""
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return fn
    star = next((p for p in params if p.kind == p.VAR_POSITIONAL), None)
    if star is None:
        return fn
    lead = [p.name for p in params[: params.index(star)]]

    def call(**kwargs):
        if star.name not in kwargs:
            return fn(**kwargs)
        rest = tuple(np.asarray(x) for x in kwargs.pop(star.name))
        return fn(*[kwargs.pop(n) for n in lead], *rest, **kwargs)

    return call


def main():
    with open(POINTS) as fh:
        points = json.load(fh)
    out = {}
    for key, spec in points.items():
        filename, name = key.split(":")
        filename = filename.split("/")[-1]
        try:
            module = load(spec["dir"], filename)
        except Exception as e:  # noqa: BLE001 — a probed real file whose imports CPython here lacks
            if not PROBE_DIR:
                raise
            out[key] = {"at": spec["at"], "unavailable": f"{type(e).__name__}: {e}"}
            continue
        args = {k: argument(module, name, v, k) for k, v in spec["at"].items()}
        # An unseeded draw (micrograd's random.uniform in Neuron.__init__) is shown by GradLens as seed 0's, with a warning.
        random.seed(0)
        np.random.seed(0)
        try:
            bound = target(module, name, spec["receiver"])
        except Exception as e:  # noqa: BLE001 — a probed program whose `__main__` block fails here (its autograd stand-ins)
            if not PROBE_DIR:
                raise
            out[key] = {"at": spec["at"], "unavailable": f"{type(e).__name__}: {e}"}
            continue
        fn = spread_varargs(bound)
        try:
            value = fn(**copied(args))
            instance = getattr(bound, "__self__", None)
            if value is None and instance is not None and hasattr(instance, "output"):
                # A layer's forward that returns nothing and keeps its output (nnfs's `self.output`).
                value = instance.output
            elif value is None:
                # A function that returns nothing and writes into one argument (`fprime(x, out)`): that argument after the call.
                value = written(fn, args)
        except Exception as e:  # noqa: BLE001 — recorded, the test then expects GradLens to fail too
            out[key] = {"at": spec["at"], "error": f"{type(e).__name__}: {e}"}
            if PROBE_DIR:
                out[key]["receiver"] = spec["receiver"]
            continue
        entry = {"at": spec["at"], "receiver": spec["receiver"], "value": plain(value)}
        try:
            if scalar(value) is not None:
                gradient = {}
                # Rounding in f(x ± h) bounds what a difference quotient can resolve: eps·|f|/h.
                noise = {}
                for p in spec["wrt"]:
                    if p == "self" and p not in spec["at"]:
                        # A method without parameters: the attributes of its instance it reads, each
                        # perturbed in turn on a fresh instance made as GradLens makes it.
                        cls_name, method_name = name.split(".")
                        made = lambda: make(getattr(module, cls_name), {k: to_value(v) for k, v in (spec["receiver"] or {}).items()})
                        gradient[p], noise[p] = {}, 0.0
                        for k in spec["receiverFields"]:
                            base = np.array(getattr(made(), k), dtype=float)

                            def call(a, k=k, base=base):
                                obj = made()
                                object.__setattr__(obj, k, a.reshape(base.shape) if base.ndim else float(a[0]))
                                return scalar(getattr(obj, method_name)(**copied(args)))

                            gradient[p][k] = central(call, base)
                            noise[p] = max(noise[p], 4 * np.finfo(float).eps * abs(scalar(value)) / min(1e-6 * (abs(x) or 1.0) for x in base.reshape(-1)))
                        continue
                    if isinstance(spec["at"][p], dict) and "." not in name and isinstance(args[p], dict):
                        # A dict of numbers and arrays: each numeric entry differenced as a parameter is.
                        entries = args[p]
                        gradient[p], noise[p] = {}, 0.0
                        for k, v in entries.items():
                            if isinstance(v, str) or v is None or isinstance(v, bool):
                                continue
                            base = np.array(v, dtype=float)
                            shaped = lambda a, base=base: a.reshape(base.shape) if base.ndim else float(a[0])
                            call = lambda a, k=k, shaped=shaped: scalar(fn(**{**args, p: {**entries, k: shaped(a)}}))
                            gradient[p][k] = central(call, base)
                            noise[p] = max(noise[p], 4 * np.finfo(float).eps * abs(scalar(value)) / min(1e-6 * (abs(x) or 1.0) for x in base.reshape(-1)))
                        continue
                    if isinstance(spec["at"][p], dict):
                        # An instance's fields, each perturbed in turn on a fresh instance.
                        fields = spec["at"][p]
                        gradient[p], noise[p] = {}, 0.0
                        for k, v in fields.items():
                            base = np.array(v, dtype=float)
                            shaped = lambda a, base=base: a.reshape(base.shape).tolist() if base.ndim else float(a[0])
                            call = lambda a, k=k, shaped=shaped: scalar(fn(**{**args, p: argument(module, name, {**fields, k: shaped(a)}, p)}))
                            gradient[p][k] = central(call, base)
                            noise[p] = max(noise[p], 4 * np.finfo(float).eps * abs(scalar(value)) / min(1e-6 * (abs(x) or 1.0) for x in base.reshape(-1)))
                        continue
                    if isinstance(args[p], list) and ragged(args[p]):
                        flat = leaves(args[p])
                        g = []
                        for i in range(len(flat)):
                            h = 1e-6 * (abs(flat[i]) or 1.0)
                            hi, lo = list(flat), list(flat)
                            hi[i] += h
                            lo[i] -= h
                            g.append((scalar(fn(**{**args, p: rebuild(args[p], hi, [0])})) - scalar(fn(**{**args, p: rebuild(args[p], lo, [0])}))) / (2 * h))
                        gradient[p] = plain(rebuild(spec["at"][p], g, [0]))
                        noise[p] = 4 * np.finfo(float).eps * abs(scalar(value)) / min(1e-6 * (abs(v) or 1.0) for v in flat)
                        continue
                    base = np.array(args[p], dtype=float)
                    flat = base.reshape(-1)
                    shaped = lambda a: a.reshape(base.shape) if base.ndim else float(a[0])
                    gradient[p] = central(lambda a: scalar(fn(**{**args, p: shaped(a)})), base)
                    steps = [1e-6 * (abs(v) or 1.0) for v in flat]
                    noise[p] = 4 * np.finfo(float).eps * abs(scalar(value)) / min(steps)
                entry["gradient"] = gradient
                entry["gradient_noise"] = noise
            else:
                jacobian = jacobian_of(fn, args, value, spec["wrt"])
                if jacobian:
                    entry["jacobian"] = jacobian
        except Exception as e:  # noqa: BLE001
            if not PROBE_DIR:
                raise
            entry["gradient_error"] = f"{type(e).__name__}: {e}"
        out[key] = entry
    with open(EXPECTED, "w") as fh:
        json.dump(out, fh, indent=1, allow_nan=True)
        fh.write("\n")


if __name__ == "__main__":
    main()
