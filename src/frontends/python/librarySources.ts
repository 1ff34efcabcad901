/**
 * Library modules GradLens reads as Python source of its own, because what they do is ordinary
 * Python over numpy: autograd's `flatten` walks nested lists, tuples and dicts of arrays. Such a
 * module is imported like a file of the user's (analysis/moduleImports.ts links it under a
 * `gradlens:` path), so its functions are callees the engine interprets as any other: no special
 * case in the engine, and derivatives flow through the concatenation and the slices.
 */

/**
 * autograd.misc.flatten's behaviour (written from its documentation and observed results, not its
 * code): leaves in order — list and tuple items in turn, a dict's values by sorted key, each leaf
 * raveled — concatenated into one vector; `unflatten(v)` cuts v back into the same structure, each
 * leaf reshaped, lists as lists, tuples as tuples, dicts as dicts.
 */
const AUTOGRAD_FLATTEN = `import numpy as np


def _leaves(value, out):
    if isinstance(value, dict):
        for key in sorted(value):
            _leaves(value[key], out)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _leaves(item, out)
    else:
        out.append(np.ravel(value))
    return out


def _rebuild(template, vector, start):
    if isinstance(template, dict):
        rebuilt = {}
        for key in sorted(template):
            part, start = _rebuild(template[key], vector, start)
            rebuilt[key] = part
        return rebuilt, start
    if isinstance(template, (list, tuple)):
        items = []
        for item in template:
            part, start = _rebuild(item, vector, start)
            items.append(part)
        if isinstance(template, tuple):
            return tuple(items), start
        return items, start
    size = np.size(template)
    return np.reshape(vector[start:start + size], np.shape(template)), start + size


def flatten(value):
    flat = np.concatenate(_leaves(value, []))

    def unflatten(vector):
        return _rebuild(value, vector, 0)[0]

    return flat, unflatten
`;

/**
 * scipy.optimize's Rosenbrock function and its derivatives, the test problem its documentation and
 * benchmarks use (written from the documented formula f(x) = Σ 100 (x[i+1] − x[i]²)² + (1 − x[i])²,
 * not scipy's code). The rest of scipy.optimize (minimize, root finders) is not modelled: a name
 * imported from it is refused where it is reached.
 */
const SCIPY_OPTIMIZE = `import numpy as np


def rosen(x):
    x = np.asarray(x)
    head = x[:-1]
    return np.sum(100.0 * (x[1:] - head ** 2) ** 2 + (1.0 - head) ** 2)


def rosen_der(x):
    x = np.asarray(x)
    grad = np.zeros_like(x)
    inner = x[1:] - x[:-1] ** 2
    grad[:-1] = -400.0 * x[:-1] * inner - 2.0 * (1.0 - x[:-1])
    grad[1:] = grad[1:] + 200.0 * inner
    return grad
`;

/**
 * Python's operator module, its arithmetic and comparison functions as the operators they name
 * (written from its documentation: `operator.mul(a, b)` is `a * b`), and itemgetter; used as
 * callbacks: DEAP's `reduce(mul, (cos(x / sqrt(i + 1)) for …), 1)`, `sorted(pairs, key=itemgetter(1))`.
 */
const OPERATOR = `def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def truediv(a, b):
    return a / b


def floordiv(a, b):
    return a // b


def mod(a, b):
    return a % b


def pow(a, b):
    return a ** b


def matmul(a, b):
    return a @ b


def neg(a):
    return -a


def pos(a):
    return +a


def lt(a, b):
    return a < b


def le(a, b):
    return a <= b


def eq(a, b):
    return a == b


def ne(a, b):
    return a != b


def ge(a, b):
    return a >= b


def gt(a, b):
    return a > b


def itemgetter(*items):
    if len(items) == 1:
        item = items[0]

        def get_one(obj):
            return obj[item]

        return get_one

    def get_all(obj):
        return tuple(obj[i] for i in items)

    return get_all
`;

/**
 * pymoo's problem classes, the base of every pymoo problem a user writes (`class MyProblem(
 * ElementwiseProblem)` calling `super().__init__(n_var=2, n_obj=2, xl=…, xu=…)`): what their
 * constructors keep, written from pymoo's documentation — the sizes, the bounds as float arrays of
 * n_var entries (a number given for them is repeated), `n_constr` (the older name) counted as
 * inequality constraints. Evaluating a population (`problem.evaluate`) is pymoo's machinery, not
 * modelled: GradLens differentiates the problem's own `_evaluate(x, out)`, whose output is `out`.
 */
const PYMOO_PROBLEM = `import numpy as np


class Problem:
    def __init__(self, n_var=-1, n_obj=1, n_ieq_constr=0, n_eq_constr=0, xl=None, xu=None, vtype=None, vars=None, elementwise=False, **kwargs):
        self.n_var = n_var
        self.n_obj = n_obj
        self.n_ieq_constr = max(n_ieq_constr, kwargs["n_constr"]) if "n_constr" in kwargs else n_ieq_constr
        self.n_eq_constr = n_eq_constr
        self.data = dict(**kwargs)
        self.xl = _bound(xl, n_var)
        self.xu = _bound(xu, n_var)
        self.vtype = vtype
        self.vars = vars
        self.elementwise = elementwise


class ElementwiseProblem(Problem):
    def __init__(self, elementwise=True, **kwargs):
        super().__init__(elementwise=elementwise, **kwargs)


def _bound(value, n_var):
    if value is None or n_var <= 0:
        return value
    if not isinstance(value, np.ndarray):
        value = np.ones(n_var) * value
    return value.astype(float)
`;

/**
 * scipy.spatial.distance's pairwise distances between the rows of two matrices (written from its
 * documentation: `cdist(XA, XB)[i, j]` is the distance of `XA[i]` to `XB[j]`, `pdist(X)` the
 * upper triangle of `cdist(X, X)` row by row), for the metrics Gaussian-process kernels and
 * clustering code use. The Euclidean distance of a point to itself is 0, where its derivative is
 * not finite: a kernel evaluated at coincident points says so where it arises.
 */
const SCIPY_DISTANCE = `import numpy as np


def _pairwise(XA, XB, metric):
    diff = XA[:, None, :] - XB[None, :, :]
    if metric == "euclidean":
        return np.sqrt(np.sum(diff ** 2, axis=-1))
    if metric == "sqeuclidean":
        return np.sum(diff ** 2, axis=-1)
    if metric == "cityblock":
        return np.sum(np.abs(diff), axis=-1)
    if metric == "chebyshev":
        return np.max(np.abs(diff), axis=-1)
    raise ValueError("GradLens reads the metrics euclidean, sqeuclidean, cityblock and chebyshev of scipy.spatial.distance, not " + str(metric))


def _matrix(X, name):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(name + " must be a 2-dimensional array.")
    return X


def cdist(XA, XB, metric="euclidean"):
    XA = _matrix(XA, "XA")
    XB = _matrix(XB, "XB")
    if XA.shape[1] != XB.shape[1]:
        raise ValueError("XA and XB must have the same number of columns (i.e. feature dimension.)")
    return _pairwise(XA, XB, metric)


def pdist(X, metric="euclidean"):
    X = _matrix(X, "A")
    n = X.shape[0]
    d = _pairwise(X, X, metric)
    return np.array([d[i, j] for i in range(n) for j in range(i + 1, n)])


def euclidean(u, v):
    return np.sqrt(np.sum((np.asarray(u, dtype=float) - np.asarray(v, dtype=float)) ** 2))


def sqeuclidean(u, v):
    return np.sum((np.asarray(u, dtype=float) - np.asarray(v, dtype=float)) ** 2)


def cityblock(u, v):
    return np.sum(np.abs(np.asarray(u, dtype=float) - np.asarray(v, dtype=float)))
`;

/** Module specifier → its source; `autograd.util` is where older autograd kept `flatten`. */
const SOURCES: Readonly<Record<string, string>> = {
  'autograd.misc.flatten': AUTOGRAD_FLATTEN,
  'autograd.misc': AUTOGRAD_FLATTEN,
  'autograd.util': AUTOGRAD_FLATTEN,
  'scipy.optimize': SCIPY_OPTIMIZE,
  operator: OPERATOR,
  'pymoo.core.problem': PYMOO_PROBLEM,
  'scipy.spatial.distance': SCIPY_DISTANCE,
};

/** The source GradLens reads for a library module, if it reads that module as Python. */
export function librarySource(specifier: string): { readonly path: string; readonly text: string } | undefined {
  const text = Object.prototype.hasOwnProperty.call(SOURCES, specifier) ? SOURCES[specifier] : undefined;
  return text === undefined ? undefined : { path: `gradlens:${specifier.replace(/\./g, '/')}.py`, text };
}
