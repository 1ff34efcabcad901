import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { lowerTypeScript } from '../../../src/frontends/typescript/index';
import { compilePython, differentiate } from '../../oracle/table/engine';

/**
 * np.real/imag/conj/angle of real numbers (engine/array/complexParts.ts; their numbers are the check
 * table's rows): angle's jump at 0 is said when x is differentiated there, and complex numbers,
 * which GradLens does not have, are refused where they are written.
 */

const source = (body: string): string => `import numpy as np\n\ndef f(x):\n    return ${body}\n`;

test('angle at 0 is 0 (π at −0), its derivative 0 with a warning that it jumps there; elsewhere quiet', () => {
  const atZero = differentiate(compilePython(source('np.angle(x) + x')), 'f', [0], false);
  assert.deepEqual([atZero.values, atZero.reverse], [[0], [[1]]]);
  assert.ok(atZero.warnings.some((w) => /angle jumps from π to 0 at 0/.test(w)), atZero.warnings.join('\n'));
  const negativeZero = differentiate(compilePython(source('np.angle(-0.0) + x')), 'f', [1], false);
  assert.deepEqual(negativeZero.values, [Math.PI + 1]);
  const away = differentiate(compilePython(source('np.angle(x, deg=True) + np.imag(x)')), 'f', [-2], false);
  assert.deepEqual([away.values, away.reverse, away.warnings], [[180], [[0]], []]);
});

test('a complex number is refused where it is written', () => {
  assert.throws(() => differentiate(compilePython(source('np.real(x + 2j)')), 'f', [1], false), /complex numbers are not supported/);
});

test('x.real, x.imag, x.conj(), x.conjugate(): arrays and numbers; .real of an array is the array, writes included', () => {
  const m = compilePython('import numpy as np\n\ndef f(x):\n    y = x.copy()\n    y.real[1] = 5.0\n    return np.sum(y.real * x.conj()) + x[0].conjugate() + np.sum(x.imag)\n');
  const r = differentiate(m, 'f', [[1, 2, 3]], false);
  assert.deepEqual([r.values, r.reverse], [[1 + 10 + 9 + 1], [[3, 5, 6]]]);
  assert.throws(() => differentiate(compilePython(source('x.conj(1)')), 'f', [1], false), /conj\(\)|argument/);
  assert.throws(() => differentiate(compilePython(source('x.realpart')), 'f', [1], false), /no attribute \.realpart/);
});

test('JavaScript numbers have no .real or .imag: a property read of one is still refused', () => {
  const doc = DocumentAnalysis.fromModule(lowerTypeScript('function f(x: number) {\n  return x.real * x;\n}', 'file:///t.ts'));
  const point = doc.resolvePoint('f', { x: 2 });
  assert.ok(point.ok);
  const r = doc.gradient('f', point.value);
  assert.ok(!r.ok && /no property \.real/.test(JSON.stringify(r)), JSON.stringify(r));
});
