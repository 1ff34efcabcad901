"""CPython's float `//` and `%` on random pairs, for test/unit/engine/pythonModulo.test.ts.

Run with /usr/bin/python3 (any CPython 3): writes pythonDivmod.json next to this file, a list of
[a, b, a // b, a % b]. The pairs mix magnitudes and signs, quotients that round to a whole number
(a = k·b ± a few ulps, where a − b·floor(a/b) is not CPython's value), zeros of both signs and
remainders tiny beside the divisor.
"""
import json
import math
import os
import random

rng = random.Random(20261206)


def magnitude():
    return 10.0 ** rng.uniform(-6, 8)


def signed(x):
    return x if rng.random() < 0.5 else -x


pairs = []
for _ in range(1500):  # general pairs
    pairs.append((signed(magnitude()), signed(magnitude())))
for _ in range(1000):  # a whole number of b's, nudged by 0–3 ulps: the jump's neighbourhood
    b = signed(10.0 ** rng.uniform(-3, 2))
    a = rng.randint(-10**6, 10**6) * b
    for _ in range(rng.randint(0, 3)):
        a = math.nextafter(a, math.inf if rng.random() < 0.5 else -math.inf)
    pairs.append((a, b))
for _ in range(400):  # decimal-looking operands (5.5 % 0.1, angles modulo 2π)
    b = rng.choice([0.1, 0.2, 0.3, 0.7, 2 * math.pi, math.pi, 1.0, 2.5, 360.0, -0.1, -2 * math.pi])
    a = round(rng.uniform(-100, 100), rng.randint(0, 3))
    pairs.append((a, b))
for _ in range(100):  # remainders tiny beside the divisor, and the other way round
    pairs.append((signed(10.0 ** rng.uniform(-320, -300)), signed(magnitude())))
    pairs.append((signed(10.0 ** rng.uniform(15, 18)), signed(rng.uniform(1, 7))))
pairs += [(0.0, 3.0), (-0.0, 3.0), (0.0, -3.0), (-0.0, -3.0), (6.0, 3.0), (-6.0, 3.0), (6.0, -3.0), (5.5, 0.1)]

rows = [[a, b, a // b, a % b] for a, b in pairs]
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pythonDivmod.json"), "w") as f:
    json.dump(rows, f, separators=(",", ":"))
print(len(rows), "pairs")
