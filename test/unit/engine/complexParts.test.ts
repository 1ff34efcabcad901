import { test } from 'node:test';
import assert from 'node:assert/strict';
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
