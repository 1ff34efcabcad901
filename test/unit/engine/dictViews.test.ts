import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pythonRun } from '../pythonRuns';

/**
 * A Python 3 dict's keys(), values() and items() are views, not lists (engine DictViewValue). Code
 * written for Python 2 (`for k, v in d1.items() + d2.items()`, `d.keys()[0]`) raises a TypeError in
 * CPython; GradLens must fail there too, never give the number a list would. The views' values —
 * live, sized, searchable, compared as sets — are checked against torch in test/oracle
 * (constructs.py: dict_views). Every error here is what /usr/bin/python3 raises for the same code.
 */

const run = (body: string) => pythonRun(`import numpy as np\n\ndef f(x):\n${body}\n`, 'f', { x: 1.5 });

function refused(body: string): string {
  const r = run(body);
  assert.ok(!r.ok, `expected an error, got ${JSON.stringify(r)}`);
  return r.error.message;
}

test('joining two items() views with + is a TypeError, with the Python 3 spelling in the message', () => {
  // python3: TypeError: unsupported operand type(s) for +: 'dict_items' and 'dict_items'
  const message = refused('    d1 = {"a": x}\n    d2 = {"b": 2.0 * x}\n    total = 0.0\n    for k, v in d1.items() + d2.items():\n        total += v\n    return total');
  assert.match(message, /unsupported operand types for \+: a dict_items view .* and a dict_items view/);
  assert.match(message, /list\(d\.items\(\)\)/);
  assert.match(refused('    d = {"a": x}\n    return sum(d.values() * 2)'), /dict_values view/);
});

test('a view is not indexed, has no list methods, and numpy does not read it as numbers', () => {
  // python3: TypeError: 'dict_keys' object is not subscriptable
  assert.match(refused('    d = {"a": x}\n    return d[d.keys()[0]]'), /dict_keys view .* cannot be indexed/);
  // python3: AttributeError: 'dict_values' object has no attribute 'append'
  assert.match(refused('    d = {"a": x}\n    vs = d.values()\n    vs.append(1.0)\n    return x'), /dict_values view/);
  // numpy makes a 0-d object array of a view; its sum is the view itself, not a number
  assert.match(refused('    d = {"a": x, "b": 2.0}\n    return float(np.sum(np.array(d.values())))'), /dict_values view/);
});

test('what a view does do: list(), sorted(), zip and a loop over it give the list\'s numbers', () => {
  const r = run('    d = {"a": x, "b": 3.0 * x}\n    ks = list(d.keys())\n    return sum(v for v in d.values()) + sum(w for _, w in sorted(d.items())) + len(ks) * x');
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.value, 4 * 1.5 + 4 * 1.5 + 2 * 1.5); // python3: 15.0
  assert.deepEqual({ ...r.value.gradient }, { x: 10 });
});
