import assert from 'node:assert/strict';
import { diagnosticText } from '../../../src/core/diagnosticText';
import { describe, it } from 'node:test';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A NaN or ∞ in a value or a derivative prints as null, so it always comes with a warning, located
 * at where the first one arose: the first operation that gave one, else the constant it came from.
 */

function gradient(body: string, at = 'x=1', fn = 'f'): { value: unknown; gradient: unknown; warnings: { message: string; line: number; column: number }[] } {
  const text = `import math\nimport numpy as np\n# @at ${at}\ndef ${fn}(x):\n${body}\n`;
  const doc = DocumentAnalysis.fromText(text, 'file:///nf.py', 'python');
  const point = doc.resolvePoint(fn);
  assert.ok(point.ok, point.ok ? '' : point.error.message);
  const r = doc.gradient(fn, point.value);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  const warnings = r.value.warnings.filter((w) => w.code === 'non-finite').map((w) => ({ message: diagnosticText(w), line: w.range.start.line + 1, column: w.range.start.column + 1 }));
  return { value: r.value.value, gradient: r.value.gradient, warnings };
}

describe('non-finite values and derivatives say where they arose', () => {
  it('inf − inf: the subtraction, not the multiplication that carried its NaN on', () => {
    const r = gradient('    return x * (math.inf - math.inf)');
    assert.ok(Number.isNaN(r.value));
    assert.deepEqual(r.warnings, [{ message: 'the value holds NaN (printed as null): the first non-finite number arose here, sub(∞, ∞) = NaN', line: 5, column: 17 }]);
  });

  it('x * 1e999999: the product of x with the infinite literal', () => {
    const r = gradient('    return x * 1e999999');
    assert.equal(r.value, Infinity);
    assert.match(r.warnings[0]!.message, /holds an infinity .*mul\(1, ∞\) = ∞$/);
    assert.equal(r.warnings[0]!.column, 12);
  });

  it('a NaN carried through a variable: the first operation that met it', () => {
    const r = gradient('    y = math.nan\n    z = x + 1\n    return z * y + x');
    assert.match(r.warnings[0]!.message, /mul\(2, NaN\) = NaN$/);
    assert.deepEqual([r.warnings[0]!.line, r.warnings[0]!.column], [7, 12]);
  });

  it('a returned constant with no operation: the constant', () => {
    const r = gradient('    best = math.inf\n    return best');
    assert.match(r.warnings[0]!.message, /arose here, the constant ∞$/);
    assert.deepEqual([r.warnings[0]!.line, r.warnings[0]!.column], [5, 12]);
  });

  it('an infinite constant that never reaches the result: no warning', () => {
    const r = gradient('    best = math.inf\n    best = min(best, x * x)\n    return best');
    assert.equal(r.value, 1);
    assert.deepEqual(r.warnings, []);
  });

  it('in an array: the element where it arose', () => {
    const r = gradient('    a = np.array([x, math.inf, x])\n    return np.sum(a - a)');
    assert.match(r.warnings[0]!.message, /sub\(∞, ∞\) = NaN at element 1$/);
  });

  it('a finite value with an infinite derivative: the operation whose partial is infinite', () => {
    const r = gradient('    return math.sqrt(x) + x', 'x=0');
    assert.equal(r.value, 0);
    assert.equal((r.gradient as Record<string, number>).x, Infinity);
    assert.match(r.warnings[0]!.message, /^the derivative holds an infinity \(printed as null\): .*sqrt\(0\) = 0, whose derivative is ∞$/);
  });

  it('an overflow of two constants is an error, as every other overflow (folding does not hide it)', () => {
    const doc = DocumentAnalysis.fromText('# @at x=1\ndef f(x):\n    return x + 1e308 * 10\n', 'file:///o.py', 'python');
    const point = doc.resolvePoint('f');
    assert.ok(point.ok);
    const r = doc.gradient('f', point.value);
    assert.ok(!r.ok);
    assert.match(diagnosticText(r.error), /mul\(1e308, 10\) overflows float64/);
  });
});
