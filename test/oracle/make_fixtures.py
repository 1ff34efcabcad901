#!/usr/bin/python3
"""Build the oracle fixtures GradLens is checked against: test/oracle/fixtures/NAME.json.

Run with Debian's interpreter (it has python3-torch, python3-sympy and python3-numpy):

    /usr/bin/python3 test/oracle/make_fixtures.py

This is a test-fixture script: unlike the product, it *executes* the corpus functions. For every
function annotated `# @at name=value, ...` in test/oracle/corpus/*.py (and every `@at` definition in
test/oracle/corpus/*.math, through the hand translations below) it computes three times, with three
implementations nobody on the GradLens team wrote:

  1. PyTorch, float64, define-by-run: the module's `np` and `math` are replaced by shims that map each
     function to its torch equivalent, and the builtins abs/min/max/pow/float/round by torch-aware
     versions. Value, gradient (torch.autograd.grad), Jacobian for tuple outputs
     (torch.autograd.functional.jacobian) and Hessian for scalar outputs
     (torch.autograd.functional.hessian). THESE are the numbers written to the fixtures.
  2. SymPy, exact: the function is called on wrapped SymPy symbols, building the expression of the
     path taken at the point (comparisons, abs, min/max, floor... are decided on the exact value there,
     and the script refuses points that sit on or next to a kink or a branch boundary); sympy.diff
     gives the exact gradient/Jacobian/Hessian, evaluated to 50 digits at the exact float64 point.
     Torch must agree to 1e-11 relative + 1e-13 absolute: ten times tighter than the tolerance the
     engine is held to, so a fixture is never further from the truth than a tenth of that tolerance.
  3. NumPy/math in plain float64 (the module as written, nothing substituted): the value (1e-11) and
     central differences for the gradient/Jacobian (h = 1e-6 * max(1, |x|), relative 1e-6) and second
     differences for the Hessian (h = 1e-4 * max(1, |x|), relative 1e-5).

Any disagreement is printed and the script exits 1 without writing anything. Output is deterministic:
re-running it rewrites byte-identical files.
"""
from __future__ import annotations

import builtins as _builtins
import functools
import importlib.util
import inspect
import json
import math
import operator
import re
import sys
import types
from pathlib import Path

import numpy
import sympy as sp
import torch

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CORPUS = HERE / 'corpus'
FIXTURES = HERE / 'fixtures'

F64 = torch.float64
torch.set_default_dtype(F64)

# Torch vs exact SymPy (the fixtures' own accuracy), NumPy value vs torch, finite differences vs torch.
EXACT_REL, EXACT_ABS = 1e-11, 1e-13
NUMPY_REL, NUMPY_ABS = 1e-11, 1e-13
FD_H, FD_REL, FD_ABS = 1e-6, 1e-6, 1e-9
FD2_H, FD2_REL, FD2_ABS = 1e-4, 1e-5, 1e-6
# A branch decision or a kink closer than this (relative) to the point makes the point unusable.
KINK_MARGIN = 1e-3


class OracleError(Exception):
    pass


# ---------------------------------------------------------------------------------------------------
# Hand translations of the math-notation corpus (no parser: each is written by hand from the .math
# line above it). They are loaded like a corpus module: `np`, `math` and the builtins get substituted.

MATH_TRANSLATIONS = {
    'math_seeds.math': '''
def f(x1, x2):
    # ln(x1) + x1*x2 - sin(x2)
    return np.log(x1) + x1 * x2 - np.sin(x2)

def g(v_1, v0):
    # (sin(v_1/v0) + v_1/v0 - exp(v0))(v_1/v0 - exp(v0))
    return (np.sin(v_1 / v0) + v_1 / v0 - np.exp(v0)) * (v_1 / v0 - np.exp(v0))
''',
    'math_notation.math': '''
def poly(x, y):
    # 3x^2 y + 2x - y^3
    return 3 * x ** 2 * y + 2 * x - y ** 3

def gauss(x):
    # exp(-x^2/2) / sqrt(2 pi)      (-x^2 is -(x^2))
    return np.exp(-(x ** 2) / 2) / np.sqrt(2 * np.pi)

def absdiff(x, y):
    # |x - y| + 2|x|
    return abs(x - y) + 2 * abs(x)

def trig(t):
    # sin(t)^2 + cos(2t) tan(t/3)
    return np.sin(t) ** 2 + np.cos(2 * t) * np.tan(t / 3)

def ratio(x, y):
    # (x + 1)(y - 2) / (x^2 + y^2)
    return (x + 1) * (y - 2) / (x ** 2 + y ** 2)

def logs(x):
    # ln(x^2 + 1) - ln(x)/x
    return np.log(x ** 2 + 1) - np.log(x) / x

def powers(x):
    # x^(1/2) + 2^x + x^(-1) + x^x
    return x ** (1 / 2) + 2 ** x + x ** (-1) + x ** x

def sigmoid(z):
    # 1 / (1 + exp(-z))
    return 1 / (1 + np.exp(-z))

def rosen2(x, y):
    # (1 - x)^2 + 100(y - x^2)^2
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2

def hyper(x):
    # sinh(x) cosh(x) + tanh(x)^2
    return np.sinh(x) * np.cosh(x) + np.tanh(x) ** 2

def inverse(x):
    # arctan(x) + arcsin(x/2) + arccos(x/3)
    return np.arctan(x) + np.arcsin(x / 2) + np.arccos(x / 3)

def form(x, y, z):
    # x y + y z + z x + x^2 y z
    return x * y + y * z + z * x + x ** 2 * y * z

def norm3(x, y, z):
    # sqrt(x^2 + y^2 + z^2)
    return np.sqrt(x ** 2 + y ** 2 + z ** 2)

def lj(r):
    # 4((1/r)^12 - (1/r)^6)
    return 4 * ((1 / r) ** 12 - (1 / r) ** 6)

def mixed(a, b):
    # a sin(b) - b cos(a) + |a b|
    return a * np.sin(b) - b * np.cos(a) + abs(a * b)

def expo(x, y):
    # exp(x y) - exp(-x)/2
    return np.exp(x * y) - np.exp(-x) / 2

def roots(x):
    # x^(1/3) + sqrt(x)^3 - 2 sqrt(x + 1)
    return x ** (1 / 3) + np.sqrt(x) ** 3 - 2 * np.sqrt(x + 1)
''',
}

# ---------------------------------------------------------------------------------------------------
# Corpus discovery: the `@at` annotations, read with a tiny regex.

PY_AT = re.compile(r'^# @at (.+)$')
PY_DEF = re.compile(r'^def ([A-Za-z_]\w*)\(')
MATH_AT = re.compile(r'^@at (.+)$')
MATH_DEF = re.compile(r'^([A-Za-z_]\w*)\(([^)]*)\)\s*=')
PAIR = re.compile(r'^([A-Za-z_]\w*)=(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)$')


def parse_point(text: str, where: str) -> dict[str, float]:
    point: dict[str, float] = {}
    for part in text.split(', '):
        m = PAIR.match(part)
        if not m:
            raise OracleError(f'{where}: cannot read {part!r} in the @at annotation')
        if m.group(1) in point:
            raise OracleError(f'{where}: {m.group(1)} given twice')
        point[m.group(1)] = float(m.group(2))
    return point


def discover(path: Path) -> list[tuple[str, dict[str, float], list[str] | None]]:
    """(function name, point, parameters as written in a .math header or None) in file order."""
    lines = path.read_text().splitlines()
    at_re, def_re = (MATH_AT, MATH_DEF) if path.suffix == '.math' else (PY_AT, PY_DEF)
    found = []
    for i, line in enumerate(lines):
        m = at_re.match(line)
        if not m:
            continue
        where = f'{path.name}:{i + 1}'
        d = def_re.match(lines[i + 1]) if i + 1 < len(lines) else None
        if not d:
            raise OracleError(f'{where}: an @at line must sit directly above a top-level definition')
        params = [p.strip() for p in d.group(2).split(',')] if path.suffix == '.math' else None
        found.append((d.group(1), parse_point(m.group(1), where), params))
    names = [f[0] for f in found]
    if len(set(names)) != len(names):
        raise OracleError(f'{path.name}: function names must be unique')
    return found


# ---------------------------------------------------------------------------------------------------
# Shims: the same corpus source run three ways. Canonical names are numpy's; math's are aliases.

NP_NAMES = [
    'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sqrt', 'cbrt', 'sin', 'cos', 'tan', 'arcsin',
    'arccos', 'arctan', 'arctan2', 'sinh', 'cosh', 'tanh', 'arcsinh', 'arccosh', 'arctanh', 'abs',
    'absolute', 'fabs', 'sign', 'minimum', 'maximum', 'hypot', 'floor', 'ceil', 'round', 'trunc',
    'square', 'logaddexp', 'power',
]
MATH_NAMES = [
    'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sqrt', 'cbrt', 'sin', 'cos', 'tan', 'asin',
    'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'fabs', 'erf', 'erfc',
    'floor', 'ceil', 'trunc', 'pow', 'hypot',
]
ALIASES = {
    'asin': 'arcsin', 'acos': 'arccos', 'atan': 'arctan', 'atan2': 'arctan2', 'asinh': 'arcsinh',
    'acosh': 'arccosh', 'atanh': 'arctanh', 'fabs': 'abs', 'absolute': 'abs', 'pow': 'power',
}
NP_CONSTS = {'pi': math.pi, 'e': math.e}
MATH_CONSTS = {'pi': math.pi, 'e': math.e, 'tau': math.tau}


class Shim:
    def __init__(self, label: str, names: list[str], impl: dict, consts: dict):
        self._label = label
        self._members = {n: impl[ALIASES.get(n, n)] for n in names}
        self._members.update(consts)
        # Names that change no number: numpy's own context managers; math.fsum as a plain left-to-right
        # sum (the corpus sums values whose exact sum is one rounding away either way).
        self._members.update({'errstate': numpy.errstate, 'seterr': numpy.seterr, 'fsum': lambda xs: functools.reduce(operator.add, xs)})

    def __getattr__(self, name):
        try:
            return self._members[name]
        except KeyError:
            raise AttributeError(f'the {self._label} shim has no {name!r}: add it to make_fixtures.py') from None


# --- torch ------------------------------------------------------------------------------------------

class Value(torch.Tensor):
    """A tensor with Python-float semantics for augmented assignment: `z += y` rebinds `z` to `z + y`
    instead of mutating the tensor in place (which would also change every other name bound to it)."""

    def _rebind(self, other):
        return NotImplemented

    __iadd__ = __isub__ = __imul__ = __itruediv__ = __ipow__ = __imod__ = __ifloordiv__ = _rebind
    del _rebind


def _tt(v):
    return v if isinstance(v, torch.Tensor) else torch.tensor(float(v), dtype=F64)


def _values(args):
    return [a.as_subclass(Value) for a in args]


def _lift(fn):
    return lambda *args: fn(*[_tt(a) for a in args])


def _torch_cbrt(x):
    return torch.sign(x) * torch.abs(x) ** (1.0 / 3.0)


TORCH_IMPL = {name: _lift(fn) for name, fn in {
    'exp': torch.exp, 'expm1': torch.special.expm1, 'log': torch.log, 'log1p': torch.log1p,
    'log2': torch.log2, 'log10': torch.log10, 'sqrt': torch.sqrt, 'cbrt': _torch_cbrt,
    'sin': torch.sin, 'cos': torch.cos, 'tan': torch.tan, 'arcsin': torch.asin, 'arccos': torch.acos,
    'arctan': torch.atan, 'arctan2': torch.atan2, 'sinh': torch.sinh, 'cosh': torch.cosh,
    'tanh': torch.tanh, 'arcsinh': torch.asinh, 'arccosh': torch.acosh, 'arctanh': torch.atanh,
    'abs': torch.abs, 'sign': torch.sign, 'minimum': torch.minimum, 'maximum': torch.maximum,
    'hypot': torch.hypot, 'erf': torch.special.erf, 'erfc': torch.special.erfc, 'floor': torch.floor,
    'ceil': torch.ceil, 'round': torch.round, 'trunc': torch.trunc, 'square': torch.square,
    'logaddexp': torch.logaddexp, 'power': torch.pow,
}.items()}


def _torch_extreme(pairwise, builtin):
    def extreme(*args):
        items = list(args[0]) if len(args) == 1 else list(args)
        if not any(isinstance(v, torch.Tensor) for v in items):
            return builtin(*args)
        acc = _tt(items[0])
        for v in items[1:]:
            acc = pairwise(acc, _tt(v))
        return acc
    return extreme


def _torch_round(v, *ndigits):
    if isinstance(v, torch.Tensor):
        if ndigits:
            raise OracleError('round(x, n) is not in the corpus')
        return torch.round(v)  # half to even, like Python's round
    return _builtins.round(v, *ndigits)


TORCH_BUILTINS = {
    'abs': lambda v: torch.abs(v) if isinstance(v, torch.Tensor) else _builtins.abs(v),
    'pow': lambda a, b: torch.pow(_tt(a), b) if isinstance(a, torch.Tensor) or isinstance(b, torch.Tensor) else _builtins.pow(a, b),
    'min': _torch_extreme(torch.minimum, _builtins.min),
    'max': _torch_extreme(torch.maximum, _builtins.max),
    'float': lambda v: v if isinstance(v, torch.Tensor) else _builtins.float(v),
    'round': _torch_round,
}


# --- sympy ------------------------------------------------------------------------------------------

def _const(v) -> sp.Expr:
    """A Python constant as an exact SymPy number (a float's exact binary value)."""
    if isinstance(v, Sym):
        return v.e
    if isinstance(v, bool):
        return sp.Integer(int(v))
    if isinstance(v, int):
        return sp.Integer(v)
    if isinstance(v, (float, numpy.floating)):
        if not math.isfinite(v):
            raise OracleError(f'non-finite constant {v}')
        return sp.Rational(float(v))
    raise OracleError(f'cannot turn {v!r} into a SymPy number')


class Sym:
    """A SymPy expression in the parameters, plus its exact value at the point (for decisions)."""
    point: dict = {}
    __slots__ = ('e', '_v')
    __hash__ = None

    def __init__(self, e):
        self.e = e
        self._v = None

    @property
    def v(self) -> sp.Float:
        if self._v is None:
            self._v = evaluate(self.e)
        return self._v

    @property
    def symbolic(self) -> bool:
        return bool(self.e.free_symbols)

    # arithmetic
    def _bin(op):
        return lambda self, other: Sym(op(self.e, _const(other)))

    def _rbin(op):
        return lambda self, other: Sym(op(_const(other), self.e))

    __add__, __radd__ = _bin(operator.add), _rbin(operator.add)
    __sub__, __rsub__ = _bin(operator.sub), _rbin(operator.sub)
    __mul__, __rmul__ = _bin(operator.mul), _rbin(operator.mul)
    __truediv__, __rtruediv__ = _bin(operator.truediv), _rbin(operator.truediv)
    __pow__, __rpow__ = _bin(operator.pow), _rbin(operator.pow)
    del _bin, _rbin

    def __neg__(self):
        return Sym(-self.e)

    def __pos__(self):
        return self

    def __abs__(self):
        return s_abs(self)

    def __mod__(self, other):
        c = _const(other)
        k = s_floor(Sym(self.e / c))
        return Sym(self.e - c * k.e)

    def __floordiv__(self, other):
        return s_floor(Sym(self.e / _const(other)))

    # decisions, taken on the exact value and refused next to a tie
    def _cmp(op):
        def cmp(self, other):
            a, b = self.v, (other.v if isinstance(other, Sym) else evaluate(_const(other)))
            if self.symbolic or (isinstance(other, Sym) and other.symbolic):
                near(a, b, 'a comparison')
            return bool(op(a, b))
        return cmp

    __lt__, __le__, __gt__, __ge__ = _cmp(operator.lt), _cmp(operator.le), _cmp(operator.gt), _cmp(operator.ge)
    __eq__, __ne__ = _cmp(operator.eq), _cmp(operator.ne)
    del _cmp

    def __bool__(self):
        if self.symbolic:
            near(self.v, 0, 'a truth test')
        return bool(self.v != 0)

    def __int__(self):
        if self.symbolic:
            near_integer(self.v, 'int()')
        return int(self.v)

    def __float__(self):
        raise OracleError('float() of a traced value: the shim maps the builtin float to the identity')

    def __round__(self, ndigits=None):
        if ndigits is not None:
            raise OracleError('round(x, n) is not in the corpus')
        return int(s_round(self).e)


def evaluate(e: sp.Expr) -> sp.Float:
    val = e.evalf(50, subs=Sym.point) if e.free_symbols else e.evalf(50)
    if not isinstance(val, sp.Number):
        raise OracleError(f'expression does not evaluate to a real number: {val}')
    return val


def near(a, b, what: str):
    if abs(a - b) <= KINK_MARGIN * (1 + abs(a) + abs(b)):
        raise OracleError(f'{what} is decided {float(a)!r} vs {float(b)!r}: too close to the point; move it')


def near_integer(v, what: str):
    near(v, sp.floor(v + sp.Rational(1, 2)), f'{what} (an integer)')


def _sym(v) -> Sym:
    return v if isinstance(v, Sym) else Sym(_const(v))


def s_abs(x):
    x = _sym(x)
    if x.symbolic:
        near(x.v, 0, 'abs')
    return Sym(x.e if x.v >= 0 else -x.e)


def s_sign(x):
    x = _sym(x)
    if x.symbolic:
        near(x.v, 0, 'sign')
    return Sym(sp.sign(x.v))


def s_floor(x):
    x = _sym(x)
    if x.symbolic:
        near_integer(x.v, 'floor')
    return Sym(sp.floor(x.v))


def s_ceil(x):
    x = _sym(x)
    if x.symbolic:
        near_integer(x.v, 'ceil')
    return Sym(sp.ceiling(x.v))


def s_trunc(x):
    x = _sym(x)
    if x.symbolic:
        near_integer(x.v, 'trunc')
    return Sym(sp.Integer(int(x.v)))


def s_round(x):
    """Half to even, decided on the exact value; a symbolic argument must stay clear of the halves."""
    x = _sym(x)
    v = x.v
    n = sp.floor(v)
    frac = v - n
    half = sp.Rational(1, 2)
    if x.symbolic:
        near(frac, half, 'round (a half)')
    if frac > half or (frac == half and n % 2 == 1):
        n += 1
    return Sym(sp.Integer(n))


def s_cbrt(x):
    x = _sym(x)
    if x.symbolic:
        near(x.v, 0, 'cbrt')
    third = sp.Rational(1, 3)
    return Sym(x.e ** third if x.v > 0 else -((-x.e) ** third))


def _s_extreme(pick_first):
    def pairwise(a, b):
        a, b = _sym(a), _sym(b)
        if a.symbolic or b.symbolic:
            near(a.v, b.v, 'min/max')
        return a if pick_first(a.v, b.v) else b
    return pairwise


s_minimum = _s_extreme(lambda a, b: a <= b)
s_maximum = _s_extreme(lambda a, b: a >= b)


def _s_lift(fn):
    return lambda *args: Sym(fn(*[_const(a) for a in args]))


SYM_IMPL = {name: _s_lift(fn) for name, fn in {
    'exp': sp.exp, 'expm1': lambda e: sp.exp(e) - 1, 'log': sp.log, 'log1p': lambda e: sp.log(1 + e),
    'log2': lambda e: sp.log(e) / sp.log(2), 'log10': lambda e: sp.log(e) / sp.log(10),
    'sqrt': sp.sqrt, 'sin': sp.sin, 'cos': sp.cos, 'tan': sp.tan, 'arcsin': sp.asin,
    'arccos': sp.acos, 'arctan': sp.atan, 'arctan2': sp.atan2, 'sinh': sp.sinh, 'cosh': sp.cosh,
    'tanh': sp.tanh, 'arcsinh': sp.asinh, 'arccosh': sp.acosh, 'arctanh': sp.atanh,
    'hypot': lambda a, b: sp.sqrt(a ** 2 + b ** 2), 'erf': sp.erf, 'erfc': sp.erfc,
    'square': lambda e: e ** 2, 'logaddexp': lambda a, b: sp.log(sp.exp(a) + sp.exp(b)),
    'power': lambda a, b: a ** b,
}.items()}
SYM_IMPL.update({
    'abs': s_abs, 'sign': s_sign, 'floor': s_floor, 'ceil': s_ceil, 'trunc': s_trunc,
    'round': s_round, 'cbrt': s_cbrt, 'minimum': s_minimum, 'maximum': s_maximum,
})


def _sym_extreme(pairwise, builtin):
    def extreme(*args):
        items = list(args[0]) if len(args) == 1 else list(args)
        if not any(isinstance(v, Sym) for v in items):
            return builtin(*args)
        acc = items[0]
        for v in items[1:]:
            acc = pairwise(acc, v)
        return acc
    return extreme


def _sym_round(v, *ndigits):
    if isinstance(v, Sym):
        return round(v, *ndigits)
    return _builtins.round(v, *ndigits)


SYM_BUILTINS = {
    'min': _sym_extreme(s_minimum, _builtins.min),
    'max': _sym_extreme(s_maximum, _builtins.max),
    'float': lambda v: v if isinstance(v, Sym) else _builtins.float(v),
    'round': _sym_round,
}


# ---------------------------------------------------------------------------------------------------
# Loading one corpus file three ways.

def load(path: Path, flavour: str) -> types.ModuleType:
    name = f'gradlens_oracle_{flavour}_{path.stem}'
    if path.suffix == '.py':
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    else:
        module = types.ModuleType(name)
        module.np, module.math = numpy, math
        exec(compile(MATH_TRANSLATIONS[path.name], f'<translation of {path.name}>', 'exec'), module.__dict__)
    # print does nothing in GradLens; here it must not format a tensor or a symbol (seed 000's
    # __str__ formats with :.4f), nor fill this script's output.
    module.print = lambda *args, **kwargs: None
    if flavour == 'torch':
        module.np = Shim('np (torch)', NP_NAMES, TORCH_IMPL, NP_CONSTS)
        module.math = Shim('math (torch)', MATH_NAMES, TORCH_IMPL, MATH_CONSTS)
        module.__dict__.update(TORCH_BUILTINS)
    elif flavour == 'sympy':
        module.np = Shim('np (sympy)', NP_NAMES, SYM_IMPL, NP_CONSTS)
        module.math = Shim('math (sympy)', MATH_NAMES, SYM_IMPL, MATH_CONSTS)
        module.__dict__.update(SYM_BUILTINS)
    return module


# ---------------------------------------------------------------------------------------------------
# The three computations. Each returns (values, first, hessian): values a list over outputs,
# first[k][i] = d output k / d parameter i, hessian[i][j] (scalar outputs only, else None).

def by_torch(fn_raw, xs: list[float], tuple_out: bool):
    def fn(*args):
        return fn_raw(*_values(args))

    inputs = tuple(torch.tensor(x, dtype=F64) for x in xs)
    if tuple_out:
        outs = fn(*inputs)
        values = [_tt(o).item() for o in outs]
        jac = torch.autograd.functional.jacobian(lambda *a: tuple(_tt(o) for o in fn(*a)), inputs)
        first = [[jac[k][i].item() for i in range(len(xs))] for k in range(len(values))]
        return values, first, None
    leaves = [x.clone().requires_grad_(True) for x in inputs]
    out = _tt(fn(*leaves))
    if out.requires_grad:
        grads = torch.autograd.grad(out, leaves, allow_unused=True)
    else:
        grads = [None] * len(leaves)
    first = [[0.0 if g is None else g.item() for g in grads]]
    hess = torch.autograd.functional.hessian(lambda *a: _tt(fn(*a)), inputs)
    hessian = [[hess[i][j].item() for j in range(len(xs))] for i in range(len(xs))]
    return [out.item()], first, hessian


def by_sympy(fn, names: list[str], xs: list[float], tuple_out: bool):
    syms = [sp.Symbol(n, real=True) for n in names]
    Sym.point = {s: sp.Rational(x) for s, x in zip(syms, xs)}
    out = fn(*[Sym(s) for s in syms])
    outs = [_sym(o).e for o in (out if tuple_out else [out])]
    values = [float(evaluate(e)) for e in outs]
    grads = [[sp.diff(e, s) for s in syms] for e in outs]
    first = [[float(evaluate(d)) for d in row] for row in grads]
    hessian = None
    if not tuple_out:
        n = len(syms)
        hessian = [[0.0] * n for _ in range(n)]
        for i in range(n):
            for j in range(i, n):
                hessian[i][j] = hessian[j][i] = float(evaluate(sp.diff(grads[0][i], syms[j])))
    return values, first, hessian


def by_numpy(fn, xs: list[float], tuple_out: bool):
    def f(point):
        out = fn(*point)
        return [float(o) for o in (out if tuple_out else [out])]

    values = f(xs)
    n, m = len(xs), len(values)
    first = [[0.0] * n for _ in range(m)]
    for i in range(n):
        h = FD_H * max(1.0, abs(xs[i]))
        up, down = list(xs), list(xs)
        up[i] += h
        down[i] -= h
        fu, fd = f(up), f(down)
        for k in range(m):
            first[k][i] = (fu[k] - fd[k]) / (2 * h)
    hessian = None
    if not tuple_out:
        hs = [FD2_H * max(1.0, abs(x)) for x in xs]

        def at(*steps):
            p = list(xs)
            for i, s in steps:
                p[i] += s * hs[i]
            return f(p)[0]

        hessian = [[0.0] * n for _ in range(n)]
        for i in range(n):
            hessian[i][i] = (at((i, 1)) - 2 * values[0] + at((i, -1))) / hs[i] ** 2
            for j in range(i + 1, n):
                hessian[i][j] = hessian[j][i] = (
                    at((i, 1), (j, 1)) - at((i, 1), (j, -1)) - at((i, -1), (j, 1)) + at((i, -1), (j, -1))
                ) / (4 * hs[i] * hs[j])
    return values, first, hessian


# ---------------------------------------------------------------------------------------------------

def compare(failures, label, what, reference, got, rel, abs_tol, stats=None):
    """reference/got: nested lists of floats of the same shape."""
    if isinstance(reference, list):
        for idx, (r, g) in enumerate(zip(reference, got)):
            compare(failures, label, f'{what}[{idx}]', r, g, rel, abs_tol, stats)
        return
    if not (math.isfinite(reference) and math.isfinite(got)):
        failures.append(f'{label}: {what}: non-finite ({reference!r} vs {got!r})')
        return
    err = abs(reference - got)
    if stats is not None:
        stats.append(err / (abs(reference) + 1e-300) if reference != 0 else err)
    if err > rel * abs(reference) + abs_tol:
        failures.append(f'{label}: {what}: {reference!r} vs {got!r} (|diff| {err:.3g})')


def scale_of(*arrays) -> float:
    flat = []

    def walk(a):
        if isinstance(a, list):
            for b in a:
                walk(b)
        elif a is not None:
            flat.append(abs(a))

    walk(list(arrays))
    return max([1.0] + flat)


def clean(v: float) -> float:
    if not math.isfinite(v):
        raise OracleError(f'non-finite result {v}')
    return v + 0.0  # -0.0 -> 0.0


def process_file(path: Path, failures: list[str], stats: dict) -> dict:
    rel_path = path.relative_to(REPO).as_posix()
    found = discover(path)
    mods = {flavour: load(path, flavour) for flavour in ('torch', 'sympy', 'numpy')}
    cases = []
    for name, point, math_params in found:
        label = f'{path.name}:{name}'
        try:
            fn_numpy = getattr(mods['numpy'], name)
            params = list(inspect.signature(fn_numpy).parameters)
            if math_params is not None and math_params != params:
                raise OracleError(f'the translation takes {params}, the .math header {math_params}')
            if set(params) != set(point):
                raise OracleError(f'@at gives {sorted(point)} but the parameters are {params}')
            xs = [point[p] for p in params]
            raw = fn_numpy(*xs)
            tuple_out = isinstance(raw, tuple)

            t_vals, t_first, t_hess = by_torch(getattr(mods['torch'], name), xs, tuple_out)
            s_vals, s_first, s_hess = by_sympy(getattr(mods['sympy'], name), params, xs, tuple_out)
            n_vals, n_first, n_hess = by_numpy(fn_numpy, xs, tuple_out)
        except OracleError as err:
            failures.append(f'{label}: {err}')
            continue

        exact = stats.setdefault('torch vs sympy (relative)', [])
        compare(failures, label, 'value torch/sympy', s_vals, t_vals, EXACT_REL, EXACT_ABS, exact)
        compare(failures, label, 'first derivatives torch/sympy', s_first, t_first, EXACT_REL, EXACT_ABS, exact)
        if t_hess is not None:
            compare(failures, label, 'hessian torch/sympy', s_hess, t_hess, EXACT_REL, EXACT_ABS, exact)
        compare(failures, label, 'value torch/numpy', t_vals, n_vals, NUMPY_REL, NUMPY_ABS)
        for k in range(len(t_vals)):
            sc = scale_of(t_vals[k], t_first[k])
            compare(failures, label, f'output {k} gradient torch/central differences', t_first[k], n_first[k],
                    FD_REL, FD_ABS * sc, stats.setdefault('torch vs central differences (relative)', []))
        if t_hess is not None:
            sc = scale_of(t_vals, t_first, t_hess)
            compare(failures, label, 'hessian torch/second differences', t_hess, n_hess, FD2_REL, FD2_ABS * sc,
                    stats.setdefault('torch vs second differences (relative)', []))

        case = {'function': name, 'at': {p: point[p] for p in params}}
        if tuple_out:
            case['value'] = [clean(v) for v in t_vals]
            case['jacobian'] = {p: [clean(t_first[k][i]) for k in range(len(t_vals))] for i, p in enumerate(params)}
        else:
            case['value'] = clean(t_vals[0])
            case['gradient'] = {p: clean(t_first[0][i]) for i, p in enumerate(params)}
            case['hessian'] = [[clean(v) for v in row] for row in t_hess]
        cases.append(case)
    return {
        'generator': f'torch {torch.__version__} + sympy {sp.__version__}',
        'file': rel_path,
        'cases': cases,
    }


def dump(obj, indent: str = '') -> str:
    """JSON with two-space indentation, except that lists of plain numbers stay on one line."""
    inner = indent + '  '
    if isinstance(obj, dict):
        if not obj:
            return '{}'
        items = [f'{inner}{json.dumps(k)}: {dump(v, inner)}' for k, v in obj.items()]
        return '{\n' + ',\n'.join(items) + '\n' + indent + '}'
    if isinstance(obj, list):
        if all(isinstance(v, (int, float)) for v in obj):
            return '[' + ', '.join(json.dumps(v, allow_nan=False) for v in obj) + ']'
        return '[\n' + ',\n'.join(inner + dump(v, inner) for v in obj) + '\n' + indent + ']'
    return json.dumps(obj, allow_nan=False)


# Array corpora have a script of their own (make_array_fixtures.py): their fixtures are left alone.
ARRAY_CORPUS = {'arrays.py', 'linalg.py'}
OTHER_FIXTURES = {'arrays', 'linalg', 'typescript'}


def main() -> int:
    files = [p for p in sorted(CORPUS.glob('*.py')) if p.name not in ARRAY_CORPUS] + sorted(CORPUS.glob('*.math'))
    stems = [p.stem for p in files]
    if len(set(stems)) != len(stems):
        print('two corpus files share a name; fixtures are named after the stem', file=sys.stderr)
        return 1
    missing = set(p.name for p in files if p.suffix == '.math') ^ set(MATH_TRANSLATIONS)
    if missing:
        print(f'.math files and MATH_TRANSLATIONS disagree: {sorted(missing)}', file=sys.stderr)
        return 1
    failures: list[str] = []
    stats: dict[str, list[float]] = {}
    outputs = {}
    for path in files:
        try:
            outputs[path.stem] = process_file(path, failures, stats)
        except OracleError as err:
            failures.append(f'{path.name}: {err}')
    if failures:
        print(f'{len(failures)} disagreement(s); no fixtures written:', file=sys.stderr)
        for f in failures:
            print('  ' + f, file=sys.stderr)
        return 1
    FIXTURES.mkdir(exist_ok=True)
    for stale in FIXTURES.glob('*.json'):
        if stale.stem not in outputs and stale.stem not in OTHER_FIXTURES:
            stale.unlink()
    total = 0
    for stem, obj in outputs.items():
        (FIXTURES / f'{stem}.json').write_text(dump(obj) + '\n')
        total += len(obj['cases'])
        print(f'{obj["file"]}: {len(obj["cases"])} functions')
    print(f'{total} functions, {len(outputs)} fixture files in {FIXTURES.relative_to(REPO)}')
    for what, errs in stats.items():
        print(f'  worst {what}: {max(errs):.2e}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
