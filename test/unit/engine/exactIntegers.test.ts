import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * Python's ints are exact at any size. Every expected number here is what /usr/bin/python3 prints
 * for the same expression (run by hand when this was written; no Python at test time).
 */

function run(body: string, at: Record<string, number> = { x: 1 }) {
  const doc = DocumentAnalysis.fromText(`import math\n\ndef f(x):\n${body}\n`, 'test.py', 'python');
  const point = doc.resolvePoint('f', at);
  assert.ok(point.ok, JSON.stringify(point));
  const r = doc.gradient('f', point.value);
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

test('integer arithmetic past 2**53 is exact, as in Python', () => {
  const cases: [string, number][] = [
    ['(10**20 + 1) - 10**20', 1],
    ['2**100 - 2**100 + 7', 7],
    ['math.factorial(30) // math.factorial(28)', 870],
    ['100000000000000000001 - 100000000000000000000', 1],
    ['-(2**64) + 2**64 + 3', 3],
    ['(2**70) % 1000', 424],
    ['(-(2**70)) // 3 + 393530540239137101142', 0],
    ['0x10000000000000001 - 2**64', 1],
    ['math.comb(100, 50) - 100891344545564193334812497256', 0],
    ['sum([10**20, 1, -10**20])', 1],
  ];
  for (const [expr, expected] of cases) {
    const r = run(`    return (${expr}) * x`);
    assert.equal(r.value, expected, expr);
    assert.deepEqual({ ...r.gradient }, { x: expected }, expr);
  }
});

test('comparisons between large ints are exact; an int meets a float or a parameter as a float', () => {
  assert.equal(run('    return x if 2**100 == 2**100 + 1 else -x').value, -1);
  assert.equal(run('    return x if 3**40 > 3**39 else -x').value, 1);
  const scaled = run('    return math.factorial(30) * x', { x: 2 });
  assert.equal(scaled.value, 5.3050571962438214e32);
  assert.deepEqual({ ...scaled.gradient }, { x: 2.6525285981219107e32 });
  assert.equal(run('    return (2**100 + 0.5 - 2**100) * x').value, 0, 'a float in the sum rounds as Python rounds it');
  assert.deepEqual(scaled.warnings, []);
});

test('an int too large for float64 to hold in the result is shown as the nearest float with a warning', () => {
  const r = run('    n = 2**100\n    return [n, n + 1 - n, x * 3]');
  assert.deepEqual(r.value, [1.2676506002282294e30, 1, 3]);
  const w = r.warnings.find((d) => d.code === 'inexact-integer');
  assert.match(w?.message ?? '', /the integer 1267650600228229401496703205376, shown as the nearest float64/);
});

test('factorial of a parameter is refused with a hint, and of a huge number refused before it is made', () => {
  const doc = DocumentAnalysis.fromText('import math\n\ndef f(x):\n    return math.factorial(x)\n\ndef g(x):\n    return math.factorial(10**6) * x\n', 'test.py', 'python');
  for (const [name, message] of [['f', /needs an integer.*math\.gamma\(n \+ 1\)/], ['g', /larger than GradLens holds/]] as const) {
    const point = doc.resolvePoint(name, { x: 3 });
    assert.ok(point.ok);
    const r = doc.gradient(name, point.value);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error.message, message);
  }
});
