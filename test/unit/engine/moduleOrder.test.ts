import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A module's top level read in program order (frontends/python/globals.ts, engine/moduleInit.ts):
 * `np.random.seed(0)` and `random.seed(11)` before the data, a name drawn again further down (its
 * first draws still made, in their place, and read by what was bound with them), a generator made
 * afresh and rebound, a value rebound from itself: CPython's and numpy's numbers (module_order.py,
 * make_module_init_expected.py). What GradLens does not follow it refuses, located, instead of
 * giving the value the name had before.
 */

const DIR = join(__dirname, '../../fixtures/random');
const SOURCE = readFileSync(join(DIR, 'module_order.py'), 'utf8');
const EXPECTED = JSON.parse(readFileSync(join(DIR, 'module_order_expected.json'), 'utf8')) as Record<string, number[] | string>;
const names = Object.keys(EXPECTED).filter((k) => Array.isArray(EXPECTED[k]));
const lineOf = (text: string, start: string): number => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;

const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

function evaluate(doc: DocumentAnalysis, name: string) {
  const point = doc.resolvePoint(name, { x: 1 });
  assert.ok(point.ok, name);
  return doc.gradient(name, point.value);
}

function streams(doc: DocumentAnalysis, name: string): { line: number; message: string }[] {
  const r = evaluate(doc, name);
  assert.ok(r.ok, `${name}: ${!r.ok && r.error.message}`);
  return r.value.warnings.filter((w) => w.code === 'random-stream').map((w) => ({ line: w.range.start.line + 1, message: w.message }));
}

test('the fixture seeds both global generators at module level, rebinds names, and draws after the module', () => {
  assert.equal(names.length, 10);
  for (const n of ['noise', 'first_total', 'last_w', 'fresh', 'scaled', 'late', 'global_after_module']) assert.ok(names.includes(n), n);
});

for (const name of names) {
  test(`${name}: CPython's and numpy's numbers, in every run`, () => {
    const doc = DocumentAnalysis.fromText(SOURCE, 'file:///module_order.py', 'python');
    const want = EXPECTED[name] as number[];
    for (let run = 0; run < 2; run++) {
      const r = evaluate(doc, name);
      assert.ok(r.ok, `${name}: ${!r.ok && r.error.message}`);
      const got = flat(r.value.value);
      assert.equal(got.length, want.length, name);
      // The draws bit for bit; W.sum() and W @ V add in numpy's order, within a unit in the last place.
      got.forEach((v, i) => assert.ok(Math.abs(v - want[i]!) <= 2 * Number.EPSILON * Math.abs(want[i]!), `${name}[${i}], evaluation ${run + 1}: ${v} ≠ ${want[i]}`));
    }
  });
}

test("draws the module makes after seeding are the program's own; a function drawing after the module is told the stream continues, never that it is unseeded", () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'file:///module_order.py', 'python');
  for (const name of ['noise', 'jitter', 'first_total', 'last_w', 'fresh', 'scaled', 'late']) assert.deepEqual(streams(doc, name), [], name);
  for (const [name, start] of [['global_after_module', '    return x * np.random'], ['python_after_module', '    return x * random'], ['gen_after_module', '    return x * gen']] as const) {
    const said = streams(doc, name);
    assert.equal(said.length, 1, `${name}: ${JSON.stringify(said)}`);
    assert.equal(said[0]!.line, lineOf(SOURCE, start), name);
    assert.match(said[0]!.message, /seeded outside this evaluation/, name);
  }
});

test('module-level code GradLens does not run makes the names it may change refused where read, located at that code', () => {
  const source = `import random
import numpy as np
import numpy.random as npr

rs = npr.RandomState(0)
W = np.zeros(3)
for i in range(3):
    W[i] = i + 1.0
V = np.ones(2)
BEFORE = V.sum()
ALIAS = V
V[0] = 5.0
L = [1.0]
L.append(2.0)
idx = np.arange(4)
rs.shuffle(idx)
np.random.randn(2)
AFTER = np.random.rand(2)


def fill(a):
    a[0] = 9.0


K = np.ones(2)
fill(K)


def uses_w(x):
    return x * np.sum(W)


def uses_v(x):
    return x * np.sum(V)


def uses_l(x):
    return x * sum(L)


def uses_idx(x):
    return x * np.sum(idx)


def uses_rs(x):
    return x * rs.rand()


def uses_k(x):
    return x * np.sum(K)


def uses_alias(x):
    return x * np.sum(ALIAS)


def uses_before(x):
    return x * BEFORE


def uses_after(x):
    return x * np.sum(AFTER)
`;
  const doc = DocumentAnalysis.fromText(source, 'file:///refused.py', 'python');
  for (const [name, changed, start] of [
    ['uses_w', 'W', 'for i'],
    ['uses_l', 'L', 'L.append'],
    ['uses_idx', 'idx', 'rs.shuffle'],
    ['uses_rs', 'rs', 'rs.shuffle'],
    ['uses_k', 'K', 'fill(K)'],
  ] as const) {
    const r = evaluate(doc, name);
    assert.ok(!r.ok, `${name} gave ${!r.ok || JSON.stringify(r.value.value)}`);
    assert.match(r.error.message, new RegExp(`^${changed} may be changed on line ${lineOf(source, start)} by module-level code GradLens does not run`), name);
    assert.equal(r.error.range.start.line + 1, lineOf(source, start), name);
  }
  // An element written into a new array is followed (V is [5, 1]); what shares V's value would see the
  // write in CPython and is refused, located at it.
  const v = evaluate(doc, 'uses_v');
  assert.ok(v.ok && v.value.value === 6, JSON.stringify(v));
  const alias = evaluate(doc, 'uses_alias');
  assert.ok(!alias.ok, JSON.stringify(!alias.ok || alias.value.value));
  assert.match(alias.error.message, new RegExp(`^ALIAS may share its value with V, which line ${lineOf(source, 'V[0]')} changes in place`));
  assert.equal(alias.error.range.start.line + 1, lineOf(source, 'V[0]'));
  // Computed before the change: CPython's value (V's ones).
  const before = evaluate(doc, 'uses_before');
  assert.ok(before.ok && before.value.value === 2, JSON.stringify(before));
  // numpy's global generator drawn by a statement GradLens does not run: unknown from there, said so.
  const after = streams(doc, 'uses_after');
  assert.ok(after.some((w) => w.line === lineOf(source, 'AFTER') && /unseeded random values: numpy's/.test(w.message)), JSON.stringify(after));
});

test('a value that calls the file\'s code reading a name bound again after it is refused: the call would see the binding of its time', () => {
  const source = `SCALE = 2.0


def scaled(t):
    return SCALE * t


EARLY = scaled(1.0)
SCALE = 3.0
NOT_READ = scaled


def early(x):
    return x * EARLY


def late(x):
    return x * scaled(1.0)
`;
  const doc = DocumentAnalysis.fromText(source, 'file:///late.py', 'python');
  const r = evaluate(doc, 'early');
  assert.ok(!r.ok, JSON.stringify(!r.ok || r.value.value));
  assert.match(r.error.message, /cannot tell which value of SCALE the call here would see: line 9 binds SCALE again/);
  // A function called after the module has run sees the last binding, as CPython's call does.
  const l = evaluate(doc, 'late');
  assert.ok(l.ok && l.value.value === 3, JSON.stringify(l));
});

test("a default generator is the def's, as the function's first call sees it; where the module's code called the function before, its draws say a later call continues", () => {
  const source = `import numpy.random as npr


def init(n, rs=npr.RandomState(7)):
    return rs.randn(n)


def untouched(n, rs=npr.RandomState(7)):
    return rs.randn(n)


P = init(3)


def first(x):
    return x * P


def again(x):
    return x * init(2)


def own(x):
    return x * untouched(2)
`;
  const doc = DocumentAnalysis.fromText(source, 'file:///defaults.py', 'python');
  const values = (name: string) => {
    const r = evaluate(doc, name);
    assert.ok(r.ok, `${name}: ${!r.ok && r.error.message}`);
    return { values: flat(r.value.value), said: r.value.warnings.filter((w) => w.code === 'random-stream').map((w) => w.message) };
  };
  // P is CPython's first call, RandomState(7)'s first three normals; numpy 1.24 gives 1.6905257038003560 first.
  const p = values('first');
  assert.equal(p.values[0], 1.690525703800356);
  assert.deepEqual(p.said, []);
  // again(1) in CPython, after the module ran, is init's second call: GradLens shows the first call's and says so.
  const a = values('again');
  assert.deepEqual(a.values, p.values.slice(0, 2));
  assert.equal(a.said.length, 1);
  assert.match(a.said[0]!, /init's default generator rs: the draws of init's first call.*the module's own code calls init before/);
  // init's own lens is its first call (the call site's numbers): nothing to say.
  const i = doc.resolvePoint('init', { n: 2 });
  assert.ok(i.ok);
  const own = doc.gradient('init', i.value);
  assert.ok(own.ok && flat(own.value.value).join() === p.values.slice(0, 2).join(), JSON.stringify(own));
  assert.deepEqual(own.value.warnings.filter((w) => w.code === 'random-stream'), []);
  // A default the module never drew from: the first call's numbers, nothing to say.
  const o = values('own');
  assert.deepEqual(o.values, p.values.slice(0, 2));
  assert.deepEqual(o.said, []);
});

test("each read of a module name is the binding of its statement's time: a swap reads both names before binding them, a comprehension's own target hides the name", () => {
  // CPython: swapped(1.0) == 112.0, scoped(1.0) == 36.0, lambdas(1.0) == 30.0 (s is 3.0, A then 11.0, LATER 2.0)
  const source = `a = 1.0
b = 2.0
a, b = b, a
c = [a, b]
A = 3.0
D = [A for A in range(4)]
f = lambda t, s=A: t * s * A
g = lambda t: t * LATER
B = A * 2
A = 5.0
E = [x * A for x in (A, 1.0)]
A = A + B


def swapped(x):
    return x * a + 10 * b + 100 * c[1]


def scoped(x):
    return x * (sum(D) + sum(E))


def last(x):
    return x * A


def lambdas(x):
    return f(x) - g(x) - 1.0
LATER = 2.0
`;
  const doc = DocumentAnalysis.fromText(source, 'file:///rebound.py', 'python');
  for (const [name, want] of [['swapped', 112], ['scoped', 36], ['last', 11], ['lambdas', 30]] as const) {
    const r = evaluate(doc, name);
    assert.ok(r.ok && r.value.value === want, `${name}: ${JSON.stringify(r.ok ? r.value.value : r.error.message)}`);
  }
});

test("a module-level unpacking of any value names its parts: a library call's are computed, an unread module's fail where read, naming the module, never a name that reads itself", () => {
  // CPython: eig(1.0, 2.0) == 12.368033988749895 (eigh's eigenvalues 1.3819…, 3.6180…; a * b = 3.75)
  const source = `import numpy as np
import data_loader

A = np.array([[2.0, 1.0], [1.0, 3.0]])
w, V = np.linalg.eigh(A)
pair = (1.5, 2.5)
a, b = pair
N, labels = data_loader.load()
labels = labels * 2.0


def eig(x, y):
    return w[0] * x + w[1] * y + a * b


def loaded(x):
    return x * labels[0]
`;
  const doc = DocumentAnalysis.fromText(source, 'file:///unpacked.py', 'python');
  const r = doc.gradient('eig', { values: { x: 1, y: 2 }, source: 'annotation' });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  if (r.ok) assert.ok(Math.abs((r.value.value as number) - 12.368033988749895) < 1e-12, String(r.value.value));
  // before, labels was bound only by its second line, which read itself: "stack exhausted"
  const failed = doc.gradient('loaded', { values: { x: 1 }, source: 'annotation' });
  assert.ok(!failed.ok);
  if (!failed.ok) assert.match(failed.error.message, /data_loader/);
});

/*
 * Module-level changes in place followed in program order (frontends/python/globals.ts): elements
 * and slices written into new arrays, lists and dicts (`X[:, 0] = 1.0`, `y[::2] -= 0.25`,
 * `settings["lam"] *= 3`), `+=` on them, and statements that only draw (`print(rs.randn(2))`,
 * `np.random.rand(3)`): CPython's and numpy's numbers (module_writes.py,
 * make_module_init_expected.py). What may share a changed value, or a value that may be another's,
 * is refused where read, located at the change.
 */
const WRITES_SOURCE = readFileSync(join(DIR, 'module_writes.py'), 'utf8');
const WRITES_EXPECTED = JSON.parse(readFileSync(join(DIR, 'module_writes_expected.json'), 'utf8')) as Record<string, number[] | string>;
const writeNames = Object.keys(WRITES_EXPECTED).filter((k) => Array.isArray(WRITES_EXPECTED[k]));


test('the fixture writes its data in place at module level and draws in a print', () => {
  assert.equal(writeNames.length, 8);
});

for (const name of writeNames) {
  test(`${name}: CPython's and numpy's numbers, in every run, drawn as the program draws`, () => {
    const doc = DocumentAnalysis.fromText(WRITES_SOURCE, 'file:///module_writes.py', 'python');
    const want = WRITES_EXPECTED[name] as number[];
    for (let run = 0; run < 2; run++) {
      const r = evaluate(doc, name);
      assert.ok(r.ok, `${name}: ${!r.ok && r.error.message}`);
      const got = flat(r.value.value);
      assert.equal(got.length, want.length, name);
      got.forEach((v, i) => assert.ok(Math.abs(v - want[i]!) <= 4 * Number.EPSILON * Math.max(1, Math.abs(want[i]!)), `${name}[${i}], evaluation ${run + 1}: ${v} ≠ ${want[i]}`));
      assert.deepEqual(r.value.warnings.filter((w) => w.code === 'random-stream'), [], name);
    }
  });
}

test('what shares a value changed in place, or a value that may be another\'s changed by +=, is refused where read, located at the change', () => {
  const source = `import numpy as np

X = np.zeros((2, 2))
SAME = X
ROW = X[0]
PAIR = [X, 1.0]
SCALED = 2.0 * X
X[0, 0] = 3.0
acc = np.ones(2)
kept = acc
acc += 1.0
base = np.ones(3)
view = base[1:]
view += 5.0


def same(x):
    return x * np.sum(SAME)


def row(x):
    return x * np.sum(ROW)


def pair(x):
    return x * np.sum(PAIR[0])


def scaled(x):
    return x * np.sum(SCALED)


def written(x):
    return x * np.sum(X)


def kept_total(x):
    return x * np.sum(kept)


def acc_total(x):
    return x * np.sum(acc)


def base_total(x):
    return x * np.sum(base)
`;
  const doc = DocumentAnalysis.fromText(source, 'file:///shared.py', 'python');
  for (const [name, who, changed, start] of [
    ['same', 'SAME', 'X', 'X[0, 0]'],
    ['row', 'ROW', 'X', 'X[0, 0]'],
    ['pair', 'PAIR', 'X', 'X[0, 0]'],
    ['kept_total', 'kept', 'acc', 'acc +='],
  ] as const) {
    const r = evaluate(doc, name);
    assert.ok(!r.ok, `${name} gave ${!r.ok || JSON.stringify(r.value.value)}`);
    assert.match(r.error.message, new RegExp(`^${who} may share its value with ${changed}, which line ${lineOf(source, start)} changes in place`), name);
    assert.equal(r.error.range.start.line + 1, lineOf(source, start), name);
  }
  // Computed from X before the write, the write itself, and += on a new array: CPython's numbers.
  for (const [name, want] of [['scaled', 0], ['written', 3], ['acc_total', 4]] as const) {
    const r = evaluate(doc, name);
    assert.ok(r.ok && r.value.value === want, `${name}: ${JSON.stringify(r.ok ? r.value.value : r.error.message)}`);
  }
  // view is a view of base: += on it changes base in CPython (base is [1, 6, 6]); both refused.
  const b = evaluate(doc, 'base_total');
  assert.ok(!b.ok, JSON.stringify(!b.ok || b.value.value));
  assert.match(b.error.message, new RegExp(`^base may be changed on line ${lineOf(source, 'view +=')}`));
});
