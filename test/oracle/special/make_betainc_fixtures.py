"""Fixtures for betainc's derivatives in a and b: mpmath at 40 digits (value, ∂a, ∂b, ∂aa, ∂ab, ∂bb).

Run: /usr/bin/python3 test/oracle/special/make_betainc_fixtures.py  (writes betainc_derivatives.json)
The points cover small, unit and large parameters, both branches of the continued fraction
(x below and above (a + 1)/(a + b + 2)) and x near 0 and 1.
"""
import json
from pathlib import Path

import mpmath as mp

mp.mp.dps = 40
OUT = Path(__file__).with_name('betainc_derivatives.json')

PARAMS = [(0.1, 0.2), (0.5, 0.5), (1.0, 1.0), (2.0, 3.0), (1.5, 0.8), (0.3, 4.0), (5.0, 0.4), (12.5, 7.25), (40.0, 60.0), (200.0, 300.0)]
XS = [0.01, 0.25, 0.5, 0.75, 0.99]


def derivatives(a, b, x):
    # where I is near 1 its derivatives are those of −(1 − I) = −I₁₋ₓ(b, a), which mpmath gets to full
    # relative precision (1 − I at 40 digits would leave only noise in derivatives of 1e-60)
    upper = x > a / (a + b)
    if upper:
        f = lambda s, t: -mp.betainc(t, s, 0, 1 - x, regularized=True)
    else:
        f = lambda s, t: mp.betainc(s, t, 0, x, regularized=True)
    a, b = mp.mpf(a), mp.mpf(b)
    return [
        mp.betainc(a, b, 0, x, regularized=True),
        mp.diff(lambda t: f(t, b), a),
        mp.diff(lambda t: f(a, t), b),
        mp.diff(lambda t: f(t, b), a, 2),
        mp.diff(f, (a, b), (1, 1)),
        mp.diff(lambda t: f(a, t), b, 2),
    ]


def main():
    rows = []
    for a, b in PARAMS:
        for x in XS:
            rows.append({'a': a, 'b': b, 'x': x, 'mpmath': [float(v) for v in derivatives(a, b, mp.mpf(x))]})
    OUT.write_text(json.dumps({'order': ['value', 'da', 'db', 'daa', 'dab', 'dbb'], 'points': rows}, indent=1) + '\n')


if __name__ == '__main__':
    main()
