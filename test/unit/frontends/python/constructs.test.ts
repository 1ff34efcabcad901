import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * `match`, `for … else`, `while … else` and `del`, lowered to ordinary IR (lowerMatch.ts, labelled
 * blocks, assignments and `.pop`). The values are what /usr/bin/python3 printed for
 * test/fixtures/python/constructs.py (its own loop at the end, not copied here); the gradients are
 * the derivatives of each branch taken, written out by hand.
 */

const SOURCE = readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'python', 'constructs.py'), 'utf8');
const doc = DocumentAnalysis.fromText(SOURCE, 'constructs.py', 'python');

function at(name: string, x: number): { value: number; dx: number } {
  const r = doc.gradient(name, { values: { x }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) throw new Error('unreachable');
  return { value: r.value.value as number, dx: r.value.gradient!.x as number };
}

const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('match: literals, or, sequences with *rest, mappings, class patterns with guards, float(v), strings, None and _', () => {
  assert.deepEqual(doc.functions().flatMap((f) => f.errors), []);
  for (const [x, value] of [[0.7, 110.635], [1.9, 123.715]] as const) {
    const r = at('run_classify', x);
    close(r.value, value);
    // 1 + 2 + 3 + 2·0.5·x + 2.5 + 1.5 − 2 + 2x − 1 + 0
    close(r.dx, 7 + 3 * x);
  }
});

test('for … else and while … else: the else runs only when the loop was not left by its own break', () => {
  const taken = at('search', 0.7); // no k·x > 3: found = −1; the while ends without break: n = 30
  close(taken.value, 18.62653061713073);
  close(taken.dx, -1 + 30 * Math.cos(0.7));
  const broken = at('search', 1.9); // k = 2 breaks out
  close(broken.value, 32.18900263062243);
  close(broken.dx, 2 + 30 * Math.cos(1.9));
});

test('del: a dict entry and a list element removed, a name unbound', () => {
  for (const [x, value] of [[0.7, 3.4429999999999996], [1.9, 13.558999999999997]] as const) {
    const r = at('deleting', x);
    close(r.value, value);
    close(r.dx, 3 + 3 * x * x);
  }
  const after = DocumentAnalysis.fromText('def f(x):\n    y = 2 * x\n    del y\n    return y + 1\n', 'f.py', 'python');
  const r = after.gradient('f', { values: { x: 1 }, source: 'argument' });
  assert.ok(!r.ok && r.error.range.start.line === 3, JSON.stringify(r));
});

test('a pattern GradLens cannot read is refused only when a subject reaches its case', () => {
  const source = 'class P:\n    pass\n\ndef f(x, k):\n    obj = P() if k > 3 else k\n    match obj:\n        case 1:\n            return x\n        case {"a": 1, **rest}:\n            return x\n        case P(a, b):\n            return a\n    return 2 * x\n';
  const m = DocumentAnalysis.fromText(source, 'f.py', 'python');
  assert.deepEqual(m.functions().flatMap((f) => f.errors), []);
  const first = m.gradient('f', { values: { x: 2, k: 1 }, source: 'argument' });
  assert.ok(first.ok && first.value.gradient!.x === 1, JSON.stringify(first));
  const none = m.gradient('f', { values: { x: 2, k: 2 }, source: 'argument' });
  assert.ok(none.ok && none.value.gradient!.x === 2, JSON.stringify(none));
  const reached = m.gradient('f', { values: { x: 2, k: 5 }, source: 'argument' });
  assert.ok(!reached.ok && /__match_args__/.test(reached.error.message) && reached.error.range.start.line === 10, JSON.stringify(reached));
});

test('a class body\'s @overload stubs are skipped and a later def of a name replaces the earlier, as in CPython', () => {
  const source = [
    'from typing import overload',
    'import numpy as np',
    '',
    'class Scaler:',
    '    def __init__(self, k=2.0):',
    '        self.k = k',
    '',
    '    @overload',
    '    def apply(self, x: float) -> float: ...',
    '    @overload',
    '    def apply(self, x: np.ndarray) -> np.ndarray: ...',
    '    def apply(self, x):',
    '        return self.k * np.tanh(x)',
    '',
    '    def shift(self, x):',
    '        return x + 1.0',
    '',
    '    def shift(self, x):',
    '        return x * 3.0',
    '',
  ].join('\n');
  const m = DocumentAnalysis.fromText(source, 'scaler.py', 'python');
  // CPython: Scaler().apply(0.731) = 1.2473535159826405, its slope 2·(1 − tanh²) = 1.2220546030828723.
  const apply = m.gradient('Scaler.apply', { values: { x: 0.731 }, source: 'argument' });
  assert.ok(apply.ok, JSON.stringify(apply));
  assert.ok(Math.abs((apply.value.value as number) - 1.2473535159826405) < 1e-12);
  assert.ok(Math.abs((apply.value.gradient!.x as number) - 1.2220546030828723) < 1e-12);
  // CPython: Scaler().shift(2.0) = 6.0 (the second def).
  const shift = m.gradient('Scaler.shift', { values: { x: 2 }, source: 'argument' });
  assert.ok(shift.ok, JSON.stringify(shift));
  assert.equal(shift.value.value, 6);
  assert.equal(shift.value.gradient!.x, 3);
});

test('a module name rebound from itself (`Y = g(Y)`, `N = N * 2 + Y`) reads the value bound before, as CPython does', () => {
  const source = ['Y = 2.0', '', 'def g(y):', '    return y * y', '', 'Y = g(Y)', 'N = 3', 'N = N * 2 + Y', '', 'def h(x):', '    return x * Y + N', ''].join('\n');
  const m = DocumentAnalysis.fromText(source, 'rebound.py', 'python');
  // CPython: Y = 4.0, N = 10.0, h(1.5) = 16.0.
  const r = m.gradient('h', { values: { x: 1.5 }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.value, 16);
  assert.equal(r.value.gradient!.x, 4);
});

test('print runs its arguments when they change something (a pop, a draw, the file\'s own code) and skips them when they only format', () => {
  // CPython: effects(1.0) == 3.4001572083672233 (the pop leaves [1, 2]; RandomState(0)'s second normal)
  const source = `import numpy as np


def bump(state):
    state.append(10.0)
    return len(state)


def effects(x):
    xs = [1.0, 2.0, 3.0]
    print("popped", xs.pop())
    rs = np.random.RandomState(0)
    print(rs.randn())
    log = []
    print(bump(log))
    print("%.3f" % x, np.round(x, 2), f"{x:.2f}")
    return x * sum(xs) + rs.randn() + 0.0 * len(log)


def shown(x):
    print("x:", x.unknown_attribute)
    return 2 * x
`;
  const d = DocumentAnalysis.fromText(source, 'print.py', 'python');
  const r = d.gradient('effects', { values: { x: 1 }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(r));
  close(r.value.value as number, 3.4001572083672233);
  close(r.value.gradient!.x as number, 3);
  // A print that only formats is not read: what it formats cannot stop the function.
  const s = d.gradient('shown', { values: { x: 1.5 }, source: 'argument' });
  assert.ok(s.ok && s.value.value === 3, JSON.stringify(s));
});
