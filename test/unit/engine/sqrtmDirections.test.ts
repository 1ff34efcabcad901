import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compilePython, differentiate } from '../../oracle/table/engine';

/**
 * sqrtm's first and second derivatives in directions that leave the symmetric matrices, at symmetric
 * positive definite points and at non-symmetric ones (complex eigenvalues, a Jordan block, eigenvalues
 * ±i), against scipy (test/oracle/sqrtm/make_sqrtm_fixtures.py: scipy's sqrtm and solve_sylvester,
 * checked there against differences of scipy's sqrtm). The check table's Hessian reference is
 * differences of GradLens's own gradients; these are scipy's. In symmetric directions at a symmetric
 * point Ṡ is symmetric, so a rule that forgot a transpose of S or of its tangent would pass the
 * table; here it fails.
 */

interface Case {
  A0: number[][];
  E: number[][][];
  W: number[][];
  value: number;
  gradient: number[];
  hessian: number[][];
}

const { cases } = JSON.parse(readFileSync(join(__dirname, '../../oracle/sqrtm/sqrtm_directions.json'), 'utf8')) as { cases: Case[] };
const literal = (m: number[][]): string => `np.array(${JSON.stringify(m)})`;

function source(c: Case): string {
  const moved = c.E.map((e, k) => ` + p[${k}] * ${literal(e)}`).join('');
  return `import numpy as np\nimport scipy.linalg as slinalg\n\ndef f(p):\n    a = ${literal(c.A0)}${moved}\n    return np.sum(${literal(c.W)} * slinalg.sqrtm(a))\n`;
}

const close = (a: number, b: number, scale: number): boolean => Math.abs(a - b) <= 1e-11 * scale;

cases.forEach((c, i) => {
  test(`sqrtm case ${i} (${c.A0.length}×${c.A0.length}): gradient and Hessian in non-symmetric directions match scipy's`, () => {
    const r = differentiate(compilePython(source(c)), 'f', [c.E.map(() => 0)], true);
    const scale = Math.max(1, ...c.hessian.flat().map(Math.abs), ...c.gradient.map(Math.abs));
    const problems: string[] = [];
    if (!close(r.values[0]!, c.value, scale)) problems.push(`value ${r.values[0]} ≠ ${c.value}`);
    for (const [mode, rows] of [['reverse', r.reverse], ['forward', r.forward]] as const) {
      rows[0]!.forEach((d, k) => close(d, c.gradient[k]!, scale) || problems.push(`${mode} ∂/∂p${k} ${d} ≠ ${c.gradient[k]}`));
    }
    r.hessian!.forEach((row, k) => row.forEach((h, l) => close(h, c.hessian[k]![l]!, scale) || problems.push(`H[${k}][${l}] ${h} ≠ ${c.hessian[k]![l]}`)));
    assert.deepEqual(problems, []);
    assert.deepEqual(r.warnings, []);
  });
});

test('sqrtm of a matrix without a real principal root is refused, saying why; a large non-symmetric one squares back to A', () => {
  const refused = (matrix: string): string => {
    try {
      differentiate(compilePython(`import numpy as np\nimport scipy.linalg as slinalg\n\ndef f(s):\n    return np.sum(slinalg.sqrtm(np.array(${matrix}) * s))\n`), 'f', [1], false);
      return 'not refused';
    } catch (e) {
      return (e as Error).message;
    }
  };
  // a negative eigenvalue, a defective negative one (the QR algorithm may split it into a pair about √ε off the axis), a zero one
  for (const m of ['[[-1.0, 1.0], [0.0, 2.0]]', '[[-1.0, 1.0], [0.0, -1.0]]', '[[0.0, 1.0], [0.0, 0.0]]', '[[1.0, 2.0], [-3.0, -4.0]]']) {
    assert.match(refused(m), /GradLens does not support sqrtm of a matrix with an eigenvalue on the closed negative real axis/, m);
  }
  const n = 30;
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 8 : 0) + Math.sin(1 + 3 * i + 7 * j)));
  const m = compilePython(`import numpy as np\nimport scipy.linalg as slinalg\n\ndef f():\n    a = np.array(${JSON.stringify(a)})\n    s = slinalg.sqrtm(a)\n    return s @ s - a\n`);
  const residual = differentiate(m, 'f', [], false).values;
  assert.ok(Math.max(...residual.map(Math.abs)) < 1e-12 * 8, `max |S² − A| ${Math.max(...residual.map(Math.abs))}`);
});
