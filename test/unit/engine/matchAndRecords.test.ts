import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * `match` on a tuple of comparisons, open sequence patterns (`case True, False:`), records updated
 * with `dataclasses.replace` / `_replace` / `_asdict`, and `math.dist`. Every expected number is
 * CPython 3's for the same source (`/usr/bin/python3`, run by hand when this was written); the
 * real-style corpus (test/fixtures/real_python/records.py) checks gradients against central
 * differences, and the check table math.dist's against numpy.
 */

const SOURCE = `import dataclasses
import math
from dataclasses import dataclass, field, replace
from typing import NamedTuple


@dataclass
class Params:
    mu: float
    sigma: float = 1.0
    calls: int = field(default=0, init=False)


class Point(NamedTuple):
    x: float
    y: float


def piecewise(a, b):
    match a > 1, b < 0:
        case True, True:
            return a * b
        case True, False:
            return a + b
        case _:
            return a - b


def open_pattern(a, b):
    t = (1, 0)
    match t:
        case 1, 0:
            return a + b
        case _:
            return a - b


def band(t, s):
    match 0 < t <= 1, s >= 2, (t == s):
        case True, True, False:
            return t * s
        case True, _, _:
            return t + s
        case _:
            return t - s


def shifted(mu, sigma, z):
    p = Params(mu, sigma)
    q = replace(p, mu=p.mu + 1.0)
    r = dataclasses.replace(q, sigma=2 * q.sigma)
    return ((z - r.mu) / r.sigma) ** 2 + r.sigma


def moved(x, y):
    p = Point(x, y)
    q = p._replace(y=p.y * 3)
    d = q._asdict()
    return d['x'] ** 2 + d['y'] * q.x + math.dist(p, q)


def init_false(x):
    return replace(Params(x), calls=3).mu


def unknown_field(x):
    p = Point(x, x)
    try:
        p._replace(z=1)
    except ValueError:
        return x * 10
    return x
`;

const doc = DocumentAnalysis.fromText(SOURCE, 'file:///records.py', 'python');

function at(name: string, values: Record<string, number>) {
  const point = doc.resolvePoint(name, values);
  assert.ok(point.ok, JSON.stringify(point));
  return doc.gradient(name, point.value);
}

function value(name: string, values: Record<string, number>): number {
  const r = at(name, values);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value.value as number;
}

test('match on a tuple of comparisons takes the branch CPython takes (open patterns `case True, False:` included)', () => {
  // CPython: piecewise(2, 3) = 5, piecewise(2, -3) = -6, piecewise(0.5, 3) = -2.5.
  assert.equal(value('piecewise', { a: 2, b: 3 }), 5);
  assert.equal(value('piecewise', { a: 2, b: -3 }), -6);
  assert.equal(value('piecewise', { a: 0.5, b: 3 }), -2.5);
  // `case 1, 0:` once matched only its first element against the whole tuple: the wildcard ran.
  assert.equal(value('open_pattern', { a: 2, b: 3 }), 5);
  // A chained comparison and two-character operators in the subject: band(0.5, 3) = 1.5, band(0.5, 1) = 1.5, band(2, 3) = -1.
  assert.equal(value('band', { t: 0.5, s: 3 }), 1.5);
  assert.equal(value('band', { t: 0.5, s: 1 }), 1.5);
  assert.equal(value('band', { t: 2, s: 3 }), -1);
  const g = at('piecewise', { a: 2, b: 3 });
  assert.ok(g.ok);
  assert.deepEqual({ ...g.value.gradient }, { a: 1, b: 1 });
});

test('dataclasses.replace (both spellings) and NamedTuple _replace/_asdict make new records; math.dist measures them', () => {
  // CPython: shifted(0.3, 1.5, 2.0) = 3.0544444444444445; moved(0.5, 2) = 7.25 (0.25 + 6·0.5 + |2 − 6|).
  const s = at('shifted', { mu: 0.3, sigma: 1.5, z: 2 });
  assert.ok(s.ok);
  assert.ok(Math.abs((s.value.value as number) - 3.0544444444444445) < 1e-12);
  const m = at('moved', { x: 0.5, y: 2 });
  assert.ok(m.ok);
  assert.equal(m.value.value, 7.25);
  // ∂/∂x = 2x + 3y = 7; ∂/∂y = 3x + d|y − 3y|/dy = 1.5 + 2 (y > 0).
  assert.deepEqual({ ...m.value.gradient }, { x: 7, y: 3.5 });
});

test('what Python refuses, GradLens refuses where it is reached: an init=False field in replace(), an unknown _replace name (caught)', () => {
  const r = at('init_false', { x: 0.5 });
  assert.ok(!r.ok);
  assert.match(r.error.message, /ValueError: field calls is declared with init=False, it cannot be specified with replace\(\)/);
  // CPython raises ValueError for _replace(z=1), which the function catches: 10·x.
  assert.equal(value('unknown_field', { x: 0.5 }), 5);
});

test('synthesized record methods take no lens: _replace(**changes) has nothing to vary', () => {
  const names = doc.functions().map((f) => f.ir.name);
  assert.ok(!names.some((n) => n.includes('_replace') || n.includes('_asdict')), names.join(', '));
});
