import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosticText } from '../../../src/core/diagnosticText';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { formatRange } from '../../../src/core/sourceRange';

/** Bad input gets a clear, located answer: what went wrong, where, and the offending value. */

function gradientOf(source: string, name: string, at: Record<string, number | number[]>, budget = {}) {
  const doc = DocumentAnalysis.fromText(source, 'test.py', 'python');
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok, JSON.stringify(point));
  return doc.gradient(name, point.value, { budget });
}

function expectError(source: string, name: string, at: Record<string, number | number[]>, code: string, message: RegExp, range: string, budget = {}): void {
  const r = gradientOf(source, name, at, budget);
  assert.equal(r.ok, false, 'expected an error');
  if (r.ok) return;
  assert.equal(r.error.code, code, r.error.message);
  assert.match(diagnosticText(r.error), message);
  assert.equal(formatRange(r.error.range), range);
}

test('log of a negative number names the operation, its range and the value', () => {
  expectError('import numpy as np\ndef f(x):\n    y = x * 2\n    return np.log(y) + 1\n', 'f', { x: -1 }, 'domain', /log of a negative number \(log\(−2\)\)/, '4:12-4:21');
});

test('division by zero at the point', () => {
  expectError('def f(x, y):\n    return x / (y - 1)\n', 'f', { x: 1, y: 1 }, 'domain', /division by zero/, '2:12-2:23');
});

test('an infinite loop stops at the step budget, located at the loop', () => {
  expectError('def f(x):\n    while True:\n        x = x + 1\n    return x\n', 'f', { x: 1 }, 'budget-steps', /step budget exceeded .* while loop at line 2/, '2:5-3:18', { maxSteps: 100_000 });
});

test('runaway recursion stops at the call-depth limit', () => {
  expectError('def f(x):\n    return f(x + 1)\n', 'f', { x: 1 }, 'recursion', /call depth exceeded/, '2:12-2:20');
});

test('a huge list is refused by the memory budget', () => {
  expectError('def f(x):\n    xs = [x] * 100000000\n    return xs[0]\n', 'f', { x: 1 }, 'budget-memory', /memory budget exceeded/, '2:10-2:25');
});

test('the time budget stops a long loop', () => {
  const r = gradientOf('def f(x):\n    s = 0.0\n    for i in range(100000000):\n        s = s + x * i\n    return s\n', 'f', { x: 1 }, { maxMillis: 50, maxSteps: 1e12 });
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.error.code, 'budget-time');
});

test('an unsupported construct fails where the evaluation reaches it, and only there', () => {
  const doc = DocumentAnalysis.fromText('def f(x):\n    eval("1")\n    return x\n\ndef g(x):\n    return x * 2\n\ndef h(x):\n    if x < 0:\n        return eval("x")\n    return x * 3\n', 'test.py', 'python');
  const f = doc.functions().find((fn) => fn.ir.name === 'f')!;
  assert.equal(f.errors.length, 0, 'nothing stops it before it runs');
  assert.match(f.refusals[0]!.error.message, /eval/);
  const reached = doc.gradient('f', { values: { x: 1 }, source: 'argument' });
  assert.ok(!reached.ok && /eval/.test(reached.error.message) && formatRange(reached.error.range) === '2:5-2:14', JSON.stringify(reached));
  // The branch with eval is not taken at x = 2.
  const h = doc.gradient('h', { values: { x: 2 }, source: 'argument' });
  assert.ok(h.ok && h.value.gradient!['x'] === 3, JSON.stringify(h.ok ? h.value.gradient : h.error));
  // The other function is unaffected.
  const g = doc.gradient('g', { values: { x: 3 }, source: 'argument' });
  assert.ok(g.ok);
  if (g.ok) assert.deepEqual({ ...g.value.gradient }, { x: 2 });
});

test('unknown names and wrong arity are located', () => {
  const doc = DocumentAnalysis.fromText('def f(x):\n    return foo(x)\n', 'test.py', 'python');
  const f = doc.functions()[0]!;
  assert.equal(f.refusals[0]!.error.code, 'unknown-name');
  assert.match(f.refusals[0]!.error.message, /foo/);
  expectError('def f(x):\n    return foo(x)\n', 'f', { x: 1 }, 'unknown-name', /unknown name foo/, '2:12-2:15');
  expectError('def h(a, b):\n    return a * b\n\ndef f(x):\n    return h(x)\n', 'f', { x: 1 }, 'arity', /missing a value for b/, '5:12-5:16');
});

test('a point with a missing or an extra value is an error naming it', () => {
  const doc = DocumentAnalysis.fromText('def f(x, y):\n    return x * y\n', 'test.py', 'python');
  const missing = doc.resolvePoint('f', { x: 1 });
  assert.equal(missing.ok, false);
  if (!missing.ok) assert.match(missing.error.message, /no value for y/);
  const extra = doc.resolvePoint('f', { x: 1, y: 2, z: 3 });
  assert.equal(extra.ok, false);
  if (!extra.ok) assert.match(extra.error.message, /z, which is not a parameter/);
});

test('abs at 0 gives the convention and a warning with one-sided derivatives', () => {
  const r = gradientOf('def f(x, y):\n    return abs(x) * y\n', 'f', { x: 0, y: 2 });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual({ ...r.value.gradient }, { x: 0, y: 0 });
  assert.equal(r.value.warnings.length, 1);
  assert.match(diagnosticText(r.value.warnings[0]!), /abs is not differentiable at 0.*left −1, right 1/);
  assert.equal(formatRange(r.value.warnings[0]!.range), '2:12-2:18');
});

test('floor is flagged as having zero derivative', () => {
  const r = gradientOf('import math\ndef f(x):\n    return math.floor(x) + x\n', 'f', { x: 2.5 });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual({ ...r.value.gradient }, { x: 1 });
  assert.equal(r.value.warnings[0]!.code, 'zero-derivative');
});

test('floor used only to pick an index or a branch is not flagged; floor in the value is, also on arrays and in a long loop', () => {
  const quiet = [
    'def f(x):\n    table = [1.0, 2.0, 3.0, 4.0]\n    return table[math.floor(x * 4)] * x\n',
    'def f(x):\n    if math.floor(x) == 0:\n        return x * x\n    return x\n',
    'def f(x):\n    s = 0.0\n    for i in range(20):\n        s += x if math.floor(x + i) % 2 == 0 else 2 * x\n    return s\n',
  ];
  for (const body of quiet) {
    const r = gradientOf(`import math\n${body}`, 'f', { x: 0.7 });
    assert.ok(r.ok, body);
    if (r.ok) assert.deepEqual(r.value.warnings.map((w) => w.code), [], body);
  }
  const flagged = [
    'def f(x):\n    return math.floor(x) * x\n',
    'def f(x):\n    s = 0.0\n    for i in range(200):\n        s += math.floor(x + i) * x\n    return s\n',
    'def f(x):\n    return np.sum(np.floor(np.array([x, 2 * x])) * x)\n',
  ];
  for (const body of flagged) {
    const r = gradientOf(`import math\nimport numpy as np\n${body}`, 'f', { x: 0.7 });
    assert.ok(r.ok, body);
    if (r.ok) assert.deepEqual(r.value.warnings.map((w) => w.code), ['zero-derivative'], body);
  }
});

test('a half-typed line is one problem, the syntax error, in Python and TypeScript', () => {
  const cases: [string, 'python' | 'typescript', string][] = [
    ['def f(x, y):\n    z = x * \n    return z + y\n', 'python', 'f'],
    ['function f(x: number, y: number) {\n  const z = x * ;\n  return z + y;\n}\n', 'typescript', 'f'],
  ];
  for (const [source, language, name] of cases) {
    const doc = DocumentAnalysis.fromText(source, `test.${language === 'python' ? 'py' : 'ts'}`, language);
    const fn = doc.functions().find((f) => f.ir.name === name)!;
    assert.deepEqual(
      fn.errors.map((e) => e.code),
      ['syntax'],
      `${language}: ${fn.errors.map((e) => `${e.code} ${e.message} ${formatRange(e.range)}`).join('; ')}`,
    );
    assert.equal(formatRange(fn.errors[0]!.range).startsWith('2:'), true);
  }
});
