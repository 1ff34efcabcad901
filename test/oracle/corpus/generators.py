"""Generator functions as numeric code writes them: yield in loops, yield from, early return, and
every way of consuming one (sum, list, for with break, next, comprehensions, zip, enumerate,
max, sorted, an exhausted generator walked again)."""
import math


def powers(x, n):
    for k in range(1, n + 1):
        yield x ** k


def terms(x):
    yield from powers(x, 3)
    yield math.sin(x)
    if x > 10:
        return
    yield math.exp(-x)


def pairs(a, b):
    for i in range(3):
        yield a * i, b + i


def taylor_exp(x, n):
    term, k = 1.0, 0
    while k < n:
        yield term
        k += 1
        term = term * x / k


# @at x=0.7
def summed(x):
    return sum(terms(x))


# @at x=0.7
def listed(x):
    vals = list(terms(x))
    return vals[0] * vals[-1] + len(vals)


# @at x=0.7, y=1.3
def broken_loop(x, y):
    g = powers(x, 5)
    acc = 0.0
    for v in g:
        acc += v * y
        if v < 0.4:
            break
    return acc + sum(g)


# @at x=0.7
def with_next(x):
    g = terms(x)
    first = next(g)
    second = next(g)
    return first * second + sum(g) + next(g, 2.0)


# @at x=0.7, y=1.3
def comprehended(x, y):
    return sum([v * y for v in terms(x)]) + max(terms(y)) + sum(v for v in powers(x, 2))


# @at a=0.4, b=1.1
def zipped(a, b):
    s = 0.0
    for (p, q), r in zip(pairs(a, b), powers(b, 4)):
        s += p * q * r
    return s


# @at a=0.4, b=1.1
def enumerated(a, b):
    return sum(i * p * q for i, (p, q) in enumerate(pairs(a, b)))


# @at x=0.7
def walked_twice(x):
    g = powers(x, 3)
    first = sum(g)
    return first + sum(g) + len(sorted(g))


# @at x=0.9
def series(x):
    return sum(taylor_exp(x, 18))


class Polynomial:
    """Coefficients walked by `for` through __iter__, which yields them."""

    def __init__(self, coeffs):
        self.coeffs = list(coeffs)

    def __iter__(self):
        yield from self.coeffs

    def __call__(self, t):
        total = 0.0
        for k, c in enumerate(self):
            total = total + c * t ** k
        return total


class Segments:
    """Consecutive pairs of points, yielded one by one from a loop in __iter__."""

    def __init__(self, xs):
        self.xs = xs

    def __iter__(self):
        for a, b in zip(self.xs[:-1], self.xs[1:]):
            yield a, b


# @at x=0.6, y=1.7
def iterated_instances(x, y):
    p = Polynomial([1.0, x, -0.5 * y])
    path = Segments([x, y, x * y, 2.0])
    length = sum(math.sqrt(1.0 + (b - a) ** 2) for a, b in path)
    return p(y) + length + sum(p) * len(list(path))
