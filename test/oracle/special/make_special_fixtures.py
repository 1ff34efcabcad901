#!/usr/bin/python3
"""Build test/oracle/special/special_values.json: reference values of the special functions GradLens
computes itself (src/engine/primitives/special/), from two implementations nobody on the team wrote.

    /usr/bin/python3 test/oracle/special/make_special_fixtures.py      (needs python3-scipy, python3-mpmath)

For each function and point: `mpmath` (40 significant digits, rounded to float64: the truth the
engine's accuracy is measured against) and `scipy` (scipy.special as users call it, float64). The two
are compared here and any pair further apart than scipy's own documented accuracy (1e-12 relative) is
printed: a point where scipy itself is inaccurate is marked `scipyLoose` rather than silently dropped.
Output is deterministic.
"""
import json
import math
from pathlib import Path

import mpmath as mp
import scipy
import scipy.special as sc

mp.mp.dps = 40
OUT = Path(__file__).resolve().parent / 'special_values.json'


def ncdf(x):
    return mp.ncdf(x)


def log_ncdf(x):
    # log1p of the upper tail for x > 0: log(1 - tiny) would need more digits than dps
    return mp.log1p(-mp.ncdf(-x)) if x > 0 else mp.log(mp.ncdf(x))


def ndtri(p):
    # in logs below 1e-20: a root of ncdf(t) - p would be met by any t where both are tiny
    if p > mp.mpf('1e-20'):
        return -mp.sqrt(2) * mp.erfinv(1 - 2 * p)
    return mp.findroot(lambda t: mp.log(mp.ncdf(t)) - mp.log(p), -mp.sqrt(-2 * mp.log(p)))


def erfcinv(y):
    if y < mp.mpf('1e-20'):
        return mp.findroot(lambda w: mp.log(mp.erfc(w)) - mp.log(y), mp.sqrt(-mp.log(y)))
    return mp.erfinv(1 - y)


def loggamma_abs(x):
    return mp.log(abs(mp.gamma(x)))


POS = [1e-300, 1e-10, 1e-3, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1.0, 1.01, 1.2, 1.4616321449683622, 1.5, 1.7, 2.0, 2.2, 2.5, 2.6, 3.0, 4.5, 7.25,
       11.9, 12.0, 12.5, 19.99, 20.0, 25.0, 50.5, 100.0, 171.5, 1e4, 1e8, 1e15]
NEG = [-0.5, -0.999, -1.5, -2.3, -3.7, -10.3, -33.5, -100.7]

FUNCTIONS = {
    'erf': (sc.erf, mp.erf, [-6.5, -3.0, -1.0, -0.3, -1e-12, 0.0, 1e-12, 0.1, 0.5, 0.9, 1.3, 2.0, 2.9, 3.0, 3.1, 4.0, 5.5, 6.0]),
    'erfc': (sc.erfc, mp.erfc, [-6.5, -3.0, -1.0, -0.3, 0.0, 0.1, 0.49, 0.5, 0.6, 0.74, 0.76, 1.0, 1.3, 2.0, 2.9, 3.0, 3.2, 3.25, 3.3, 4.0, 5.5, 10.0, 20.0, 26.0, 27.0]),
    'erfinv': (sc.erfinv, mp.erfinv, [-0.999999, -0.9, -0.5, -0.2, -1e-9, 0.0, 1e-9, 0.1, 0.3, 0.49, 0.5, 0.51, 0.75, 0.9, 0.99, 0.999999, 1 - 2**-40]),
    'erfcinv': (sc.erfcinv, erfcinv, [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.01, 0.1, 0.3, 0.5, 0.51, 0.9, 1.0, 1.1, 1.5, 1.51, 1.9, 1.99, 1.999999]),
    'ndtr': (sc.ndtr, ncdf, [-38.0, -30.0, -20.0, -10.0, -5.0, -3.1, -3.0, -2.9, -1.0, -0.1, 0.0, 0.3, 1.0, 2.5, 3.0, 3.5, 5.0, 8.0, 9.0]),
    'log_ndtr': (sc.log_ndtr, log_ncdf, [-1e5, -1e3, -100.0, -40.0, -20.5, -20.0, -19.5, -10.0, -5.0, -3.1, -3.0, -1.0, 0.0, 1.0, 2.9, 3.1, 5.0, 8.0, 10.0, 30.0]),
    'ndtri': (sc.ndtri, ndtri, [1e-300, 1e-50, 1e-10, 1e-4, 0.01, 0.1, 0.25, 0.3, 0.5, 0.7, 0.75, 0.9, 0.975, 0.99, 1 - 1e-10]),
    'expit': (sc.expit, lambda x: 1 / (1 + mp.exp(-x)), [-745.0, -700.0, -40.0, -10.0, -1.0, -1e-9, 0.0, 0.3, 1.0, 5.0, 20.0, 37.0, 40.0, 800.0]),
    'gammaln': (sc.gammaln, loggamma_abs, POS + NEG),
    'gamma': (sc.gamma, mp.gamma, [x for x in POS if x <= 171.5] + NEG[:-1] + [-170.5]),
    'digamma': (sc.digamma, mp.digamma, POS + NEG),
}
# Bessel functions: both sides of each method's switch (|x| = 25 for J and Y, 30 for I₀e and I₁e), near
# zeros, tiny and large arguments, negative ones where the function is real there
BESSEL = [1e-300, 1e-12, 9.99e-6, 1e-5, 1.001e-5, 1e-3, 0.1, 0.5, 1.0, 2.404825557695773, 3.8317059702075125, 5.0, 7.5, 10.0, 12.5, 17.3, 21.9, 24.99, 25.0, 25.01,
          29.99, 30.0, 30.01, 33.3, 50.0, 77.7, 100.0, 1e3, 1e5]
BESSEL_ALL = BESSEL + [-x for x in BESSEL if x >= 1e-3]
FUNCTIONS.update({
    'j0': (sc.j0, lambda x: mp.besselj(0, x), BESSEL_ALL + [0.0]),
    'j1': (sc.j1, lambda x: mp.besselj(1, x), BESSEL_ALL + [0.0]),
    'y0': (sc.y0, lambda x: mp.bessely(0, x), [x for x in BESSEL if x > 1e-300] + [0.8935769662791675, 3.957678419314858]),
    'y1': (sc.y1, lambda x: mp.bessely(1, x), [x for x in BESSEL if x > 1e-300] + [2.197141326031017, 5.429681040794135]),
    'i0': (sc.i0, lambda x: mp.besseli(0, x), [x for x in BESSEL_ALL if abs(x) < 700] + [0.0, 700.0]),
    'i1': (sc.i1, lambda x: mp.besseli(1, x), [x for x in BESSEL_ALL if abs(x) < 700] + [0.0, 700.0]),
    'i0e': (sc.i0e, lambda x: mp.besseli(0, x) * mp.exp(-abs(x)), BESSEL_ALL + [0.0]),
    'i1e': (sc.i1e, lambda x: mp.besseli(1, x) * mp.exp(-abs(x)), BESSEL_ALL + [0.0]),
})
BESSEL_ORDERS = [-7, -2, 2, 3, 5, 10, 30, 100]
BESSEL_ORDER_POINTS = [1e-12, 1e-3, 0.5, 2.0, 7.5, 12.5, 24.99, 25.01, 33.3, 77.7, 150.0, 1e3]
REAL_ORDERS = [-4.75, -1.3, -0.5, 0.01, 0.25, 0.5, 1.3, 2.7, 5.5, 12.3, 40.5, 0.999]
REAL_ORDER_POINTS = [1e-3, 0.5, 1.99, 2.01, 5.0, 10.0, 24.99, 25.01, 33.3, 60.0, 300.0, 2000.0]
MODIFIED_ORDERS = [-4.75, -1.3, -0.5, 0, 0.01, 0.25, 0.5, 1, 1.3, 2, 2.7, 5.5, 12.3, 40.5, 0.999, 100.2]
MODIFIED_POINTS = [1e-3, 0.5, 1.99, 2.01, 5.0, 10.0, 29.9, 30.1, 33.3, 60.0, 300.0, 700.0]
POLYGAMMA_ORDERS = [1, 2, 3, 5, 10]
POLYGAMMA_POINTS = [1e-3, 0.1, 0.5, 1.0, 1.4616321449683622, 2.5, 7.25, 11.9, 20.0, 100.0, 1e4, -0.5, -1.5, -3.7]


def entry(name, args, scipy_value, exact):
    truth = float(exact)
    loose = not (abs(scipy_value - truth) <= 1e-12 * abs(truth) + 1e-300) if math.isfinite(truth) else scipy_value != truth
    out = {'args': args, 'mpmath': truth, 'scipy': float(scipy_value)}
    if loose:
        out['scipyLoose'] = True
        print(f'note: scipy {name}{tuple(args)} = {scipy_value!r}, mpmath {truth!r}')
    return out


def main():
    table = {}
    for name, (sci, exact, points) in FUNCTIONS.items():
        table[name] = [entry(name, [x], float(sci(x)), exact(mp.mpf(x))) for x in points]
    # jn/yn of integer orders: both of jn's methods (Miller's recurrence; the forward recurrence from
    # Hankel's J₀, J₁ past x = 25 with n < x), negative orders and arguments, scipy's overflow of yn
    # to nan left out (the fixture keeps finite references only)
    table['jn'] = [entry('jn', [n, x], float(sc.jn(n, x)), mp.besselj(n, mp.mpf(x))) for n in BESSEL_ORDERS for x in BESSEL_ORDER_POINTS + [-x for x in BESSEL_ORDER_POINTS]]
    table['yn'] = [
        entry('yn', [n, x], float(sc.yn(n, x)), mp.bessely(n, mp.mpf(x))) for n in BESSEL_ORDERS for x in BESSEL_ORDER_POINTS if math.isfinite(float(sc.yn(n, x)))
    ]
    # jv/yv of real orders: the series (x ≤ 2), Miller's recurrence and Hankel's expansion (x > 25 and
    # x > ν²/2 + 25) on both sides of each switch; negative orders by reflection
    table['jv'] = [entry('jv', [v, x], float(sc.jv(v, x)), mp.besselj(v, mp.mpf(x))) for v in REAL_ORDERS for x in REAL_ORDER_POINTS]
    table['yv'] = [entry('yv', [v, x], float(sc.yv(v, x)), mp.bessely(v, mp.mpf(x))) for v in REAL_ORDERS for x in REAL_ORDER_POINTS if math.isfinite(float(sc.yv(v, x)))]
    # iv/kv of real orders: I's series and its large-argument expansion (x > 30 and x > ν²/2 + 30) on
    # both sides of the switch, K's trapezoidal integral from x = 1e-3 to 700, negative orders by
    # reflection; negative x of whole orders for iv (Iₙ(−x) = (−1)ⁿ·Iₙ(x)). scipy's kv underflows to 0
    # near x = 700 where K is still a normal number (marked scipyLoose by entry).
    table['iv'] = [entry('iv', [v, x], float(sc.iv(v, x)), mp.besseli(v, mp.mpf(x))) for v in MODIFIED_ORDERS for x in MODIFIED_POINTS if math.isfinite(float(sc.iv(v, x)))]
    table['iv'] += [entry('iv', [n, x], float(sc.iv(n, x)), mp.re(mp.besseli(n, mp.mpf(x)))) for n in [-3, 0, 1, 2, 7] for x in [-0.5, -4.5, -40.0]]
    table['kv'] = [entry('kv', [v, x], float(sc.kv(v, x)), mp.besselk(v, mp.mpf(x))) for v in MODIFIED_ORDERS for x in MODIFIED_POINTS if math.isfinite(float(mp.besselk(v, mp.mpf(x))))]
    table['polygamma'] = [
        entry('polygamma', [n, x], float(sc.polygamma(n, x)), mp.polygamma(n, mp.mpf(x))) for n in POLYGAMMA_ORDERS for x in POLYGAMMA_POINTS
    ]
    doc = {'generator': 'test/oracle/special/make_special_fixtures.py', 'scipy': scipy.__version__, 'mpmath': mp.__version__, 'functions': table}
    OUT.write_text(json.dumps(doc, indent=1) + '\n')


if __name__ == '__main__':
    main()
