/**
 * Python lists of differentiated numbers in generated code (codegen/lists.ts): made once, read by
 * index, looped over, summed and maxed; their adjoints are lists of the same length. Each case is
 * checked by the round trip (read back, run at 9 points against AD) before its text is looked at.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { derivativeSource } from '../../../src/analysis/derivativeSource';

function generate(text: string, name: string) {
  const uri = '/tmp/lists_case.py';
  return derivativeSource(DocumentAnalysis.fromText(text, uri, 'python'), name, { text, uri });
}

test('a loop over a list of parameters reads its entries by position, and the list adjoint collects them', () => {
  const text = `import numpy as np

# @at a=0.4, b=-1.3, c=2.1
def energy(a, b, c):
    xs = [a, b, c]
    total = 0.0
    for i in range(len(xs) - 1):
        total += 100.0 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1.0 - xs[i]) ** 2
    for x in xs:
        total += np.sin(x) * xs[0]
    return total + sum(xs) / len(xs) + max(xs)
`;
  const out = generate(text, 'energy');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  const code = out.value.text;
  assert.match(code, /^    xs = \[a, b, c\]$/m);
  assert.match(code, /^    for i in range\(3 - 1\):$/m, 'len of the list is its length');
  assert.match(code, /^    for k in range\(3\):\n        x = xs\[k\]$/m, 'a loop over the list is a loop over its positions');
  assert.match(code, /^    dxs = \[0, 0, 0\]$/m);
  assert.match(code, /^        dxs\[k\] \+= dx$/m);
  assert.match(code, /^    da \+= dxs\[0\]\n    db \+= dxs\[1\]\n    dc \+= dxs\[2\]$/m, 'each item gets its entry');
});

test('sum with a start, max of a list, float() and int() of a parameter', () => {
  const text = '# @at x=0.9, y=-1.4\ndef f(x, y):\n    v = [x, y]\n    return sum([x * x, y * y], 1.0) + max(v) * float(x) + int(y) * x\n';
  const out = generate(text, 'f');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.match(out.value.text, /= max\(x, y\)\n/);
  assert.match(out.value.text, /= int\(y\) \* x\n/);
});

test('what lists cannot do yet is refused with a reason, never written wrong', () => {
  const grown = generate('# @at x=0.5\ndef f(x):\n    v = [x, 1.0]\n    for i in range(2):\n        v = [v[0] * x, v[1]]\n    return v[0]\n', 'f');
  assert.ok(!grown.ok);
  assert.equal(grown.error.code, 'unsupported');
  assert.match(grown.error.message, /list of differentiated values reassigned in a loop/);
  const asNumber = generate('# @at x=0.5\ndef f(x):\n    v = [x, 1.0]\n    return v * 2\n', 'f');
  assert.ok(!asNumber.ok);
  assert.equal(asNumber.error.code, 'unsupported');
  const returned = generate('# @at x=0.5\ndef f(x):\n    v = [x, x * x]\n    return v\n', 'f');
  assert.ok(!returned.ok);
  assert.equal(returned.error.code, 'unsupported');
});

test('sum of a generator or list comprehension is the loop it stands for, its variables renamed; a tuple in a loop head is a list', () => {
  const text = `import numpy as np


# @at x=[0.5, 1.2, -0.7, 2.0]
def rosen(x):
    i = 3
    return sum(100.0 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(len(x) - 1)) * i


# @at a=0.3, b=1.4
def pairs(a, b):
    v = [a, b, a * b]
    return sum([w * w for w in v if w != 0], 1.0) + sum(np.sin(p) * q for p in (a, b) for q in (1.0, 2.0))
`;
  for (const name of ['rosen', 'pairs']) {
    const out = generate(text, name);
    assert.ok(out.ok, out.ok ? '' : `${name}: ${out.error.message}`);
    assert.equal(out.value.checkedPoints, 9, name);
  }
  const rosen = generate(text, 'rosen');
  assert.ok(rosen.ok);
  // The comprehension's i is its own: the function's i (3) is still there after the loop.
  assert.match(rosen.value.text, /for i_2 in range\(len\(x\) - 1\):/);
});

test('enumerate and zip over lists of differentiated numbers: loops over positions of the known length', () => {
  const text = '# @at a=0.5, b=1.5\ndef f(a, b):\n    xs = [a, b, a * b]\n    ys = [b, a, 2.0 * a]\n    s = 0.0\n    for i, x in enumerate(xs):\n        s += (i + 1) * x * x\n    for x, y in zip(xs, ys):\n        s += x * y\n    return s\n';
  const out = generate(text, 'f');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.match(out.value.text, /^ {4}for i in range\(3\):\n {8}x = xs\[i\]$/m);
  assert.match(out.value.text, /^ {4}for k in range\(3\):\n {8}x_2 = xs\[k\]\n {8}y = ys\[k\]$/m);
});

test('a write into a list at a number index makes the list again with that item; lists and nested tuples unpack into names', () => {
  const text = '# @at x=0.9, y=-1.4, z=2.2\ndef f(x, y, z):\n    v = [x, y, z]\n    v[1] = v[0] * v[2]\n    v[-1] = y\n    first, second, third = v\n    (c, d), e = (first * 2.0, second), third\n    return v[1] * v[2] + c * d - e\n';
  const out = generate(text, 'f');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  // The first write's list is never read (the second replaces it), so it is dropped with the unread steps.
  assert.match(out.value.text, /^ {4}v_3 = \[x, t\d, y\]$/m);
  const shared = generate('# @at x=0.9\ndef g(x):\n    v = [x, 2.0 * x]\n    w = v\n    v[0] = 1.0\n    return w[0] * x\n', 'g');
  assert.ok(!shared.ok);
  assert.match(shared.error.message, /v is also w: a write into a list two names hold is not written yet/);
});

test('JavaScript reduce and map over an array of differentiated numbers: the callback written out once per item, reading the names it closes over', () => {
  const text = `// @at x=0.7, y=-1.2, t=0.4
export function f(x, y, t) {
  const scaled = [x, y, x * y].map((v, i) => v * (i + 1) * t);
  return scaled.reduce((s, v) => s + v * v, 0) + [x, y].reduce((a, b) => a * b);
}
`;
  const uri = '/tmp/callbacks.mjs';
  const out = derivativeSource(DocumentAnalysis.fromText(text, uri, 'typescript'), 'f', { text, uri });
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.doesNotMatch(out.value.text, /reduce|map|=>/, 'no callback is left: each is written out per item');
  const fourParams = '// @at x=0.7\nexport function f(x) {\n  return [x, x * x].reduce((s, v, i, all) => s + v * all.length, 0);\n}\n';
  const refused = derivativeSource(DocumentAnalysis.fromText(fourParams, uri, 'typescript'), 'f', { text: fourParams, uri });
  assert.ok(!refused.ok && refused.error.code === 'unsupported' && /reading the array itself/.test(refused.error.message), refused.ok ? 'written' : refused.error.message);
});
