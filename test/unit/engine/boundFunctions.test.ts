import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { formatRange } from '../../../src/core/sourceRange';

/**
 * Functions made at module level get lenses of their own (IrBoundFunction): a factory's nested def
 * under the name it is bound to (`loss = make_loss(CENTER)`), a lambda in a variable. The corpus
 * file's `via_*` wrappers are checked against torch (test/oracle); the bound names must give the
 * same numbers as the wrappers that call them.
 */

const CORPUS = readFileSync(join(__dirname, '..', '..', 'oracle', 'corpus', 'closures.py'), 'utf8');

function gradient(doc: DocumentAnalysis, name: string, at: Record<string, number>) {
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok, JSON.stringify(point));
  return doc.gradient(name, point.value);
}

test('a factory product and a lambda are listed under their module names, lensed on the nested def and the lambda', () => {
  const doc = DocumentAnalysis.fromText(CORPUS, 'closures.py', 'python');
  const listed = new Map(doc.functions().map((f) => [f.ir.name, f.ir]));
  for (const name of ['loss', 'wide', 'poly', 'square', 'softplus']) assert.ok(listed.has(name), `${name} is listed`);
  // Both products of make_loss point at its nested def's name, line 14.
  assert.equal(formatRange(listed.get('loss')!.nameRange), '14:9-14:13');
  assert.equal(formatRange(listed.get('wide')!.nameRange), '14:9-14:13');
  assert.deepEqual(listed.get('softplus')!.params.map((p) => p.name), ['t', 'beta']);
  assert.equal(formatRange(listed.get('square')!.nameRange), '33:1-33:7');
});

test('bound functions give the numbers of the torch-checked wrappers that call them', () => {
  const doc = DocumentAnalysis.fromText(CORPUS, 'closures.py', 'python');
  for (const [bound, wrapper, at] of [['loss', 'via_loss', { w: 0.4 }], ['square', 'via_lambdas', { t: 0.3 }]] as const) {
    const a = gradient(doc, bound, at);
    assert.ok(a.ok, JSON.stringify(a));
    if (!a.ok) continue;
    if (bound === 'loss') {
      const b = gradient(doc, wrapper, at);
      assert.ok(b.ok && b.value.value === a.value.value && b.value.gradient!.w === a.value.gradient!.w, JSON.stringify(b));
    } else {
      assert.equal(a.value.value, 0.3 * 0.3 + 3.0 * 0.3);
      assert.ok(Math.abs((a.value.gradient!.t as number) - (2 * 0.3 + 3)) < 1e-15);
    }
  }
  // The factory's own keyword arguments are kept: wide = make_loss(0.2, scale=0.5).
  const wide = gradient(doc, 'wide', { w: 1 });
  assert.ok(wide.ok, JSON.stringify(wide));
  if (wide.ok) assert.ok(Math.abs((wide.value.value as number) - (0.5 * (1 - 0.1) ** 2 + Math.sin(0.2))) < 1e-15);
});

test('state a factory product closes over is made afresh in every evaluation', () => {
  const source = `import numpy as np

def make_step(rate):
    calls = []
    def step(x):
        calls.append(x)
        return rate * x * len(calls)
    return step

step = make_step(0.5)

# @at x=2
def twice(x):
    return step(x) + step(x)
`;
  const doc = DocumentAnalysis.fromText(source, 'test.py', 'python');
  for (let run = 0; run < 3; run++) {
    const r = gradient(doc, 'twice', { x: 2 });
    assert.ok(r.ok && r.value.value === 0.5 * 2 * 1 + 0.5 * 2 * 2, JSON.stringify(r));
    const s = gradient(doc, 'step', { x: 2 });
    assert.ok(s.ok && s.value.value === 1, JSON.stringify(s));
  }
});

test('a factory that returns something else, or a name rebound later, is not listed; a failing factory is a located error', () => {
  const source = `def make(k):
    def inner(x):
        return x * k
    if k > 0:
        return inner
    return None

def make_bad(k):
    def inner(x):
        return x / k
    return inner

a = make(1.0)
b = make_bad(0.0)
c = lambda x: x
c = 3.0
`;
  const doc = DocumentAnalysis.fromText(source, 'test.py', 'python');
  const names = doc.functions().map((f) => f.ir.name);
  assert.deepEqual(names, ['make', 'make_bad', 'b']);
  // The division happens in the product, at the point: located in the nested def.
  const r = gradient(doc, 'b', { x: 1 });
  assert.ok(!r.ok && r.error.code === 'domain' && formatRange(r.error.range) === '10:16-10:21', JSON.stringify(r));
});

test('a factory returning a tuple binds each of its functions by unpacking (autograd\'s `n, objective = make_gp_funs(...)`)', () => {
  const doc = DocumentAnalysis.fromText(
    `import numpy as np

def make_funs(scale):
    def objective(w):
        return scale * np.sum(w ** 2)

    predict = lambda w, x: scale * w * x
    return 2, objective, predict

count, objective, predict = make_funs(3.0)
first, second = make_funs(1.0)[:2]
`,
    'factories.py',
    'python',
  );
  const listed = new Set(doc.functions().map((f) => f.ir.name));
  assert.ok(listed.has('objective') && listed.has('predict'));
  assert.ok(!listed.has('count') && !listed.has('first') && !listed.has('second'));
  const point = doc.resolvePoint('objective', { w: [1, 2] });
  assert.ok(point.ok, JSON.stringify(point));
  const r = point.ok ? doc.gradient('objective', point.value) : undefined;
  assert.ok(r?.ok, JSON.stringify(r));
  // 3·(1 + 4) and 3·2w.
  if (r?.ok) assert.deepEqual([r.value.value, r.value.gradient!.w], [15, [6, 12]]);
  const p = gradient(doc, 'predict', { w: 2, x: 0.5 });
  assert.ok(p.ok && p.value.value === 3 && p.value.gradient!.w === 1.5, JSON.stringify(p));
});

test('a bound function with no call site and no @at gets a sample point, as a def does (issue 17: the inner function gets a lens)', () => {
  const source = 'import numpy as np\n\ndef make_loss(X, y):\n    def loss(w):\n        return np.mean((X @ w - y) ** 2)\n    return loss\n\nX = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]])\ny = np.array([1.0, 0.0, 2.0])\nloss = make_loss(X, y)\nscaled = lambda t: 3.0 * t ** 2\n';
  const doc = DocumentAnalysis.fromText(source, 'factory.py', 'python');
  const listed = new Map(doc.functions().map((f) => [f.ir.name, f]));
  assert.equal(listed.get('make_loss')?.points.length, 0, 'a factory gets no point');
  const at = listed.get('loss')?.points[0];
  assert.equal(at?.source, 'sample');
  const w = at!.values.w as number[];
  assert.equal(w.length, 2);
  const r = doc.gradient('loss', at!);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  const Xw = [[1, 2], [3, 4], [5, 7]].map(([a, b]) => a! * w[0]! + b! * w[1]!);
  const res = Xw.map((v, i) => v - [1, 0, 2][i]!);
  assert.ok(Math.abs((r.value.value as number) - res.reduce((s, v) => s + v * v, 0) / 3) < 1e-12);
  const grad = [0, 1].map((k) => (2 / 3) * res.reduce((s, v, i) => s + v * [[1, 2], [3, 4], [5, 7]][i]![k]!, 0));
  (r.value.gradient!.w as number[]).forEach((g, k) => assert.ok(Math.abs(g - grad[k]!) < 1e-12));
  const lam = doc.gradient('scaled', listed.get('scaled')!.points[0]!);
  assert.ok(lam.ok && Math.abs((lam.value.gradient!.t as number) - 6 * (listed.get('scaled')!.points[0]!.values.t as number)) < 1e-12);
});
