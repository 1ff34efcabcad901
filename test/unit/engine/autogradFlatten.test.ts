import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * autograd.misc.flatten, read from GradLens's own Python model of it (frontends/python/librarySources.ts):
 * leaves in order — list and tuple items in turn, a dict's values by sorted key (autograd's
 * `_flatten` sorts them) — raveled into one vector; unflatten cuts a vector back into lists, tuples
 * and dicts. Derivatives flow through both as through any concatenation and slice.
 */

const SOURCE = `import autograd.numpy as np
from autograd.misc.flatten import flatten
from autograd.util import flatten as old_flatten


def picks(params):
    flat, _ = flatten(params)
    return flat[0] * 10 + flat[2] + flat[4] * 100


def kinds(w):
    params = {"z": (w, np.array([w, 2 * w])), "a": [np.ones(2) * w]}
    flat, unflatten = flatten(params)
    back = unflatten(flat * 3.0)
    ok = isinstance(back, dict) and isinstance(back["z"], tuple) and isinstance(back["a"], list)
    return (back["z"][1][1] + back["a"][0][0] * 10) * (1.0 if ok else -1.0)


def older(params):
    flat, _ = old_flatten(params)
    return np.dot(flat, flat)
`;

const AT = { b: [1, 2], a: [[3, 4], [5]], t: [7, 8] };

const doc = DocumentAnalysis.fromText(SOURCE, 'file:///flat.py', 'python');
const at = (name: string, params: unknown, values: Record<string, unknown> = { params }) => {
  const r = doc.gradient(name, { values, source: 'cli' } as never);
  assert.ok(r.ok, `${name}: ${!r.ok && r.error.message}`);
  return r.value;
};

test("flatten's order: a dict's values by sorted key, list items in turn", () => {
  // sorted keys a, b, t: flat = [3, 4, 5, 1, 2, 7, 8] → 3·10 + 5 + 2·100
  const r = at('picks', AT);
  assert.equal(r.value, 235);
  assert.deepEqual(JSON.parse(JSON.stringify(r.gradient)), { params: { b: [0, 100], a: [[10, 0], [1]], t: [0, 0] } });
});

test('unflatten gives back lists, tuples and dicts, each leaf reshaped, and gradients flow through it', () => {
  // back = 3·params: z[1][1] = 6w, a[0][0] = 3w → 6w + 30w at w = 1
  const r = at('kinds', undefined, { w: 1 });
  assert.equal(r.value, 36);
  assert.deepEqual(JSON.parse(JSON.stringify(r.gradient)), { w: 36 });
});

test("autograd.util's older flatten is the same", () => {
  const r = at('older', AT);
  assert.equal(r.value, 9 + 16 + 25 + 1 + 4 + 49 + 64);
});
