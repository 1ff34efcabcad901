"""
Optimisation helpers for the fitting toolkit.

This module mixes what real numerical modules mix: argument checking, logging, warnings, option
parsing, small classes, relative imports, and a handful of mathematical functions. GradLens must be
quiet about everything it cannot use and still give every mathematical function a number or a lens.
"""
from __future__ import annotations

import os
import sys
import warnings
import logging
import functools
from collections import namedtuple, OrderedDict
from typing import Callable, Optional, Sequence

import numpy as np
from numpy import asarray, sqrt, exp, log
import math

from ._linesearch import line_search_wolfe1, line_search_wolfe2, LineSearchWarning
from ._numdiff import approx_derivative
from .utils import check_random_state, _check_unknown_options
from . import _minpack

__all__ = ['minimize_scalar', 'rosen', 'rosen_der', 'fmin', 'OptimizeResult', 'OptimizeWarning']
__docformat__ = "restructuredtext en"

logger = logging.getLogger(__name__)

_EPSILON = sqrt(np.finfo(float).eps)
_DEFAULT_TOL = 1e-8
_MAX_ITER = 200
_STATUS_MESSAGES = {
    'success': 'Optimization terminated successfully.',
    'maxfev': 'Maximum number of function evaluations has been exceeded.',
    'maxiter': 'Maximum number of iterations has been exceeded.',
    'pr_loss': 'Desired error not necessarily achieved due to precision loss.',
    'nan': 'NaN result encountered.',
    'out_of_bounds': 'The result is outside of the provided bounds.',
}

Result = namedtuple('Result', ['x', 'fun', 'nit'])


class MemoizeJac:
    """Decorator that caches the return values of a function returning (fun, grad)."""

    def __init__(self, fun):
        self.fun = fun
        self.jac = None
        self._value = None
        self.x = None

    def _compute_if_needed(self, x, *args):
        if not np.all(x == self.x) or self._value is None or self.jac is None:
            self.x = np.asarray(x).copy()
            fg = self.fun(x, *args)
            self.jac = fg[1]
            self._value = fg[0]

    def __call__(self, x, *args):
        self._compute_if_needed(x, *args)
        return self._value

    def derivative(self, x, *args):
        self._compute_if_needed(x, *args)
        return self.jac


class OptimizeResult(dict):
    """Represents the optimization result."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as e:
            raise AttributeError(name) from e

    __setattr__ = dict.__setitem__
    __delattr__ = dict.__delitem__

    def __repr__(self):
        if self.keys():
            m = max(map(len, list(self.keys()))) + 1
            return '\n'.join([k.rjust(m) + ': ' + repr(v) for k, v in sorted(self.items())])
        else:
            return self.__class__.__name__ + "()"

    def __dir__(self):
        return list(self.keys())


class OptimizeWarning(UserWarning):
    pass


def _check_positive_integer(value, name):
    if not isinstance(value, int):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")
    return value


def _check_tolerance(tol, name="tol"):
    if tol is None:
        return _DEFAULT_TOL
    if tol < 0:
        raise ValueError("%s must be non-negative" % name)
    if tol < 1e-16:
        warnings.warn(f"{name} is very small and may never be reached", OptimizeWarning, stacklevel=3)
    return tol


def _check_options(options, allowed):
    options = dict(options or {})
    unknown = set(options) - set(allowed)
    if unknown:
        warnings.warn("Unknown solver options: %s" % ", ".join(sorted(unknown)), OptimizeWarning)
    for key in allowed:
        options.setdefault(key, None)
    return options


def _status_message(key):
    try:
        return _STATUS_MESSAGES[key]
    except KeyError:
        logger.warning("unknown status %r", key)
        return "Unknown status."


def _print_header(verbose):
    if verbose:
        print("%4s %12s %12s" % ("iter", "f(x)", "|g|"))
        sys.stdout.flush()


def _print_progress(k, fval, gnorm, verbose):
    if verbose > 1:
        print("%4d %12.6g %12.6g" % (k, fval, gnorm))


def _environment_threads():
    value = os.environ.get("OPT_NUM_THREADS", "1")
    try:
        return int(value)
    except ValueError:
        return 1


def _wrap_function(function, args):
    ncalls = [0]
    if function is None:
        return ncalls, None

    def function_wrapper(x, *wrapper_args):
        ncalls[0] += 1
        fx = function(np.copy(x), *(wrapper_args + args))
        if not np.isscalar(fx):
            try:
                fx = np.asarray(fx).item()
            except (TypeError, ValueError) as e:
                raise ValueError("The user-provided objective function must return a scalar value.") from e
        return fx

    return ncalls, function_wrapper


def _prepare_scalar_function(fun, x0, jac=None, args=(), bounds=None, epsilon=None, finite_diff_rel_step=None, hess=None):
    if callable(jac):
        grad = jac
    elif jac in ('2-point', '3-point', 'cs'):
        epsilon = None
        grad = jac
    else:
        grad = '2-point'
        epsilon = epsilon
    if bounds is None:
        bounds = (-np.inf, np.inf)
    logger.debug("preparing scalar function with bounds %s", bounds)
    return fun, grad, bounds


# @at x=[1.3, 0.7, 0.8]
def rosen(x):
    """The Rosenbrock function."""
    x = np.asarray(x)
    r = np.sum(100.0 * (x[1:] - x[:-1] ** 2.0) ** 2.0 + (1 - x[:-1]) ** 2.0, axis=0)
    return r


# @at x=[1.3, 0.7, 0.8]
def rosen_der(x):
    """The derivative (i.e. gradient) of the Rosenbrock function."""
    x = asarray(x)
    xm = x[1:-1]
    xm_m1 = x[:-2]
    xm_p1 = x[2:]
    der = np.zeros_like(x)
    der[1:-1] = (200 * (xm - xm_m1 ** 2) - 400 * (xm_p1 - xm ** 2) * xm - 2 * (1 - xm))
    der[0] = -400 * x[0] * (x[1] - x[0] ** 2) - 2 * (1 - x[0])
    der[-1] = 200 * (x[-1] - x[-2] ** 2)
    return der


# @at x=0.3, y=-0.2
def himmelblau(x, y):
    if not np.isfinite(x) or not np.isfinite(y):
        raise ValueError("x and y must be finite")
    return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2


# @at x=1.2, mu=0.5, sigma=1.5
def gaussian_nll(x, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError(f"sigma must be positive, got {sigma!r}")
    z = (x - mu) / sigma
    logger.debug("z = %.3f", z)
    return 0.5 * z ** 2 + log(sigma) + 0.5 * math.log(2 * math.pi)


# @at s=100.0, k=95.0, t=0.5, r=0.01, v=0.2
def black_scholes_call(s, k, t, r, v):
    if t <= 0:
        return _payoff(s, k)
    d1 = (log(s / k) + (r + 0.5 * v ** 2) * t) / (v * sqrt(t))
    d2 = d1 - v * sqrt(t)
    return s * _norm_cdf(d1) - k * exp(-r * t) * _norm_cdf(d2)


def _payoff(s, k):
    return OrderedDict(call=max(s - k, 0.0))['call']


def _norm_cdf(x):
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


# @at w=[0.5, -0.25]
def logistic_loss(w, X=((1.0, 2.0), (0.5, -1.0), (-1.5, 0.3)), y=(1, 0, 1)):
    losses = []
    for xi, yi in zip(X, y):
        z = sum(wj * xj for wj, xj in zip(w, xi))
        p = 1.0 / (1.0 + math.exp(-z))
        losses.append(-(yi * math.log(p) + (1 - yi) * math.log(1 - p)))
    mean = sum(losses) / len(losses)
    if not math.isfinite(mean):
        warnings.warn("loss is not finite", RuntimeWarning)
    return mean


# @at a=2.0, b=0.5
def smooth_penalty(a, b, eps=1e-3):
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = {"abs": math.sqrt(a * a + eps), "ratio": a / (abs(b) + eps)}
    return sum(terms.values()) + sum(v ** 2 for v in (a, b) if v > 0)


def softplus_sum(values):
    return sum(math.log1p(math.exp(v)) for v in values)


def _line_search(f, xk, pk, gfk, old_fval, old_old_fval, **kwargs):
    extra_condition = kwargs.pop('extra_condition', None)
    ret = line_search_wolfe1(f, None, xk, pk, gfk, old_fval, old_old_fval, **kwargs)
    if ret[0] is not None and extra_condition is not None:
        xp1 = xk + ret[0] * pk
        if not extra_condition(ret[0], xp1, ret[3], ret[5]):
            ret = (None,)
    if ret[0] is None:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', LineSearchWarning)
            kwargs2 = {}
            for key in ('c1', 'c2', 'amax'):
                if key in kwargs:
                    kwargs2[key] = kwargs[key]
            ret = line_search_wolfe2(f, None, xk, pk, gfk, old_fval, old_old_fval, extra_condition=extra_condition, **kwargs2)
    if ret[0] is None:
        raise RuntimeError("line search failed")
    return ret


def fmin(func, x0, args=(), xtol=1e-4, ftol=1e-4, maxiter=None, maxfun=None, full_output=0, disp=1, retall=0, callback=None, initial_simplex=None):
    opts = {'xatol': xtol, 'fatol': ftol, 'maxiter': maxiter, 'maxfev': maxfun, 'disp': disp, 'return_all': retall, 'initial_simplex': initial_simplex}
    callback = _wrap_callback(callback)
    res = _minimize_neldermead(func, x0, args, callback=callback, **opts)
    if full_output:
        retlist = res['x'], res['fun'], res['nit'], res['nfev'], res['status']
        if retall:
            retlist += (res['allvecs'],)
        return retlist
    else:
        if retall:
            return res['x'], res['allvecs']
        else:
            return res['x']


def _wrap_callback(callback, method=None):
    if callback is None or method in {'tnc', 'slsqp', 'cobyla'}:
        return callback
    sig = functools.partial(callback)
    return sig


def _minimize_neldermead(func, x0, args=(), callback=None, maxiter=None, maxfev=None, disp=False, return_all=False, initial_simplex=None, xatol=1e-4, fatol=1e-4, adaptive=False, bounds=None, **unknown_options):
    _check_unknown_options(unknown_options)
    maxfun = maxfev
    retall = return_all
    x0 = np.atleast_1d(x0).flatten()
    dtype = x0.dtype if np.issubdtype(x0.dtype, np.inexact) else np.float64
    x0 = np.asarray(x0, dtype=dtype)
    if adaptive:
        dim = float(len(x0))
        rho, chi, psi, sigma = 1, 1 + 2 / dim, 0.75 - 1 / (2 * dim), 1 - 1 / dim
    else:
        rho, chi, psi, sigma = 1, 2, 0.5, 0.5
    nonzdelt = 0.05
    zdelt = 0.00025
    if bounds is not None:
        lower_bound, upper_bound = bounds.lb, bounds.ub
        if (lower_bound > upper_bound).any():
            raise ValueError("Nelder Mead - one of the lower bounds is greater than an upper bound.")
        if np.any(lower_bound > x0) or np.any(x0 > upper_bound):
            warnings.warn("Initial guess is not within the specified bounds", OptimizeWarning, 3)
    if initial_simplex is None:
        N = len(x0)
        sim = np.empty((N + 1, N), dtype=x0.dtype)
        sim[0] = x0
        for k in range(N):
            y = np.array(x0, copy=True)
            if y[k] != 0:
                y[k] = (1 + nonzdelt) * y[k]
            else:
                y[k] = zdelt
            sim[k + 1] = y
    else:
        sim = np.atleast_2d(initial_simplex).copy()
        if sim.ndim != 2 or sim.shape[0] != sim.shape[1] + 1:
            raise ValueError("`initial_simplex` should be an array of shape (N+1,N)")
    if retall:
        allvecs = [sim[0]]
    if maxiter is None and maxfun is None:
        maxiter = N * 200
        maxfun = N * 200
    elif maxiter is None:
        if maxfun == np.inf:
            maxiter = N * 200
        else:
            maxiter = np.inf
    fcalls, func = _wrap_function(func, args)
    one2np1 = list(range(1, N + 1))
    fsim = np.full((N + 1,), np.inf, dtype=float)
    for k in range(N + 1):
        fsim[k] = func(sim[k])
    ind = np.argsort(fsim)
    sim = np.take(sim, ind, 0)
    fsim = np.take(fsim, ind, 0)
    iterations = 1
    while fcalls[0] < maxfun and iterations < maxiter:
        if (np.max(np.ravel(np.abs(sim[1:] - sim[0]))) <= xatol and np.max(np.abs(fsim[0] - fsim[1:])) <= fatol):
            break
        xbar = np.add.reduce(sim[:-1], 0) / N
        xr = (1 + rho) * xbar - rho * sim[-1]
        fxr = func(xr)
        doshrink = 0
        if fxr < fsim[0]:
            xe = (1 + rho * chi) * xbar - rho * chi * sim[-1]
            fxe = func(xe)
            if fxe < fxr:
                sim[-1] = xe
                fsim[-1] = fxe
            else:
                sim[-1] = xr
                fsim[-1] = fxr
        else:
            if fxr < fsim[-2]:
                sim[-1] = xr
                fsim[-1] = fxr
            else:
                doshrink = 1
        if doshrink:
            for j in one2np1:
                sim[j] = sim[0] + sigma * (sim[j] - sim[0])
                fsim[j] = func(sim[j])
        iterations += 1
        if retall:
            allvecs.append(sim[0])
        if callback is not None:
            callback(sim[0])
    x = sim[0]
    fval = np.min(fsim)
    warnflag = 0
    if fcalls[0] >= maxfun:
        warnflag = 1
        msg = _status_message('maxfev')
        if disp:
            warnings.warn(msg, RuntimeWarning, 3)
    elif iterations >= maxiter:
        warnflag = 2
        msg = _status_message('maxiter')
        if disp:
            warnings.warn(msg, RuntimeWarning, 3)
    else:
        msg = _status_message('success')
        if disp:
            print(msg)
            print("         Current function value: %f" % fval)
            print("         Iterations: %d" % iterations)
            print("         Function evaluations: %d" % fcalls[0])
    result = OptimizeResult(fun=fval, nit=iterations, nfev=fcalls[0], status=warnflag, success=(warnflag == 0), message=msg, x=x, final_simplex=(sim, fsim))
    if retall:
        result['allvecs'] = allvecs
    return result


def minimize_scalar(fun, bracket=None, bounds=None, args=(), method=None, tol=None, options=None):
    if not isinstance(args, tuple):
        args = (args,)
    if callable(method):
        meth = "_custom"
    elif method is None:
        meth = 'brent' if bounds is None else 'bounded'
    else:
        meth = method.lower()
    if options is None:
        options = {}
    if bounds is not None and meth in {'brent', 'golden'}:
        message = f"Use of `bounds` is incompatible with 'method={method}'."
        raise ValueError(message)
    if tol is not None:
        options = dict(options)
        if meth == 'bounded' and 'xatol' not in options:
            warnings.warn("Method 'bounded' does not support relative tolerance in x; defaulting to absolute tolerance.", RuntimeWarning, 2)
            options['xatol'] = tol
        elif meth == '_custom':
            options.setdefault('tol', tol)
        else:
            options.setdefault('xtol', tol)
    disp = options.get('disp')
    if isinstance(disp, bool):
        options['disp'] = 2 * int(disp)
    if meth == '_custom':
        res = method(fun, args=args, bracket=bracket, bounds=bounds, **options)
    elif meth == 'brent':
        res = _recover_from_bracket_error(_minimize_scalar_brent, fun, bracket, args, **options)
    else:
        raise ValueError('Unknown solver %s' % method)
    res.fun = np.asarray(res.fun)[()]
    res.x = np.reshape(res.x, res.fun.shape)[()]
    return res


def _recover_from_bracket_error(solver, fun, bracket, args, **options):
    try:
        res = solver(fun, bracket, args, **options)
    except BracketError as e:
        msg = str(e)
        xa, xb, xc, fa, fb, fc, funcalls = e.data
        xs, fs = [xa, xb, xc], [fa, fb, fc]
        if np.any(np.isnan([xs, fs])):
            x, fun = np.nan, np.nan
        else:
            imin = np.argmin(fs)
            x, fun = xs[imin], fs[imin]
        return OptimizeResult(fun=fun, nfev=funcalls, x=x, nit=0, success=False, message=msg)
    return res


class BracketError(RuntimeError):
    pass


def _minimize_scalar_brent(func, brack=None, args=(), xtol=1.48e-8, maxiter=500, disp=0, **unknown_options):
    _check_unknown_options(unknown_options)
    tol = xtol
    if tol < 0:
        raise ValueError('tolerance should be >= 0, got %r' % tol)
    brent = Brent(func=func, args=args, tol=tol, full_output=True, maxiter=maxiter, disp=disp)
    brent.set_bracket(brack)
    brent.optimize()
    x, fval, nit, nfev = brent.get_result(full_output=True)
    success = nit < maxiter and not (np.isnan(x) or np.isnan(fval))
    if success:
        message = ("\nOptimization terminated successfully;\nThe returned value satisfies the termination criteria\n(using xtol = %s )" % xtol)
    else:
        if nit >= maxiter:
            message = "\nMaximum number of iterations exceeded"
        if np.isnan(x) or np.isnan(fval):
            message = f"{_status_message('nan')}"
    if disp:
        print(message)
    return OptimizeResult(fun=fval, x=x, nit=nit, nfev=nfev, success=success, message=message)


class Brent:
    def __init__(self, func, args=(), tol=1.48e-8, maxiter=500, full_output=0, disp=0):
        self.func = func
        self.args = args
        self.tol = tol
        self.maxiter = maxiter
        self._mintol = 1.0e-11
        self._cg = 0.3819660
        self.xmin = None
        self.fval = None
        self.iter = 0
        self.funcalls = 0
        self.disp = disp

    def set_bracket(self, brack=None):
        self.brack = brack

    def get_bracket_info(self):
        func = self.func
        args = self.args
        brack = self.brack
        if brack is None:
            xa, xb, xc, fa, fb, fc, funcalls = bracket(func, args=args)
        elif len(brack) == 2:
            xa, xb, xc, fa, fb, fc, funcalls = bracket(func, xa=brack[0], xb=brack[1], args=args)
        else:
            raise ValueError("Bracketing interval must be length 2 or 3 sequence.")
        return xa, xb, xc, fa, fb, fc, funcalls

    def optimize(self):
        xa, xb, xc, fa, fb, fc, funcalls = self.get_bracket_info()
        self.xmin = xb
        self.fval = fb
        self.funcalls = funcalls

    def get_result(self, full_output=False):
        if full_output:
            return self.xmin, self.fval, self.iter, self.funcalls
        else:
            return self.xmin


def bracket(func, xa=0.0, xb=1.0, args=(), grow_limit=110.0, maxiter=1000):
    _gold = 1.618034
    _verysmall_num = 1e-21
    fa = func(*(xa,) + args)
    fb = func(*(xb,) + args)
    if fa < fb:
        xa, xb = xb, xa
        fa, fb = fb, fa
    xc = xb + _gold * (xb - xa)
    fc = func(*((xc,) + args))
    funcalls = 3
    iter = 0
    while fc < fb:
        tmp1 = (xb - xa) * (fb - fc)
        tmp2 = (xb - xc) * (fb - fa)
        val = tmp2 - tmp1
        if np.abs(val) < _verysmall_num:
            denom = 2.0 * _verysmall_num
        else:
            denom = 2.0 * val
        w = xb - ((xb - xc) * tmp2 - (xb - xa) * tmp1) / denom
        wlim = xb + grow_limit * (xc - xb)
        if iter > maxiter:
            raise RuntimeError("Too many iterations.")
        iter += 1
        if (w - xc) * (xb - w) > 0.0:
            fw = func(*((w,) + args))
            funcalls += 1
            if fw < fc:
                xa = xb
                xb = w
                fa = fb
                fb = fw
                break
        xa, xb, xc = xb, xc, w
        fa, fb, fc = fb, fc, fw
    return xa, xb, xc, fa, fb, fc, funcalls


def show_options(solver=None, method=None, disp=True):
    import textwrap
    doc_routines = {'minimize': (('bfgs', 'scipy.optimize._optimize._minimize_bfgs'),)}
    if solver is None:
        text = ["\n\n\n========\n", "minimize\n", "========\n"]
        text.append(show_options('minimize', disp=False))
        text = "".join(text)
    else:
        solver = solver.lower()
        if solver not in doc_routines:
            raise ValueError(f'Unknown solver {solver!r}')
        text = textwrap.dedent(str(doc_routines[solver]))
    if disp:
        print(text)
        return
    else:
        return text


if __name__ == "__main__":
    x0 = np.array([1.3, 0.7, 0.8, 1.9, 1.2])
    logging.basicConfig(level=logging.INFO)
    res = fmin(rosen, x0)
    print(res)
