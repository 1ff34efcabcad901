import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { lowerTypeScript } from '../../../src/frontends/typescript/index';
import { compilePython, differentiate } from '../../oracle/table/engine';

/**
 * `&`, `|`, `^`, `~` are IR operators with one meaning for every front end (engine/interpreter/
 * bitwise.ts): logical on booleans and boolean arrays, bitwise on 32-bit integers, refused on floats.
 * The values below are Python's, numpy's and node's own.
 */

function py(body: string, point: number[] | number, params = 'x'): ReturnType<typeof differentiate> {
  const m = compilePython(`import numpy as np\n\ndef f(${params}):\n    ${body.includes('return') ? body : `return ${body}`}\n`);
  return differentiate(m, 'f', [point], false);
}

function refusal(body: string, point: number[] | number): string {
  try {
    py(body, point);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return 'ran';
}

test('boolean masks: & | ^ ~ of numpy boolean arrays, with gradients through np.where', () => {
  const r = py('m = (x > 0) & (x < 1.5); k = ~(x > 0) | (x > 1.9); j = (x > 0) ^ True; return np.sum(np.where(m, x ** 2, 0.0)) + np.sum(k * x) + np.sum(j * x)', [0.5, -1, 2]);
  assert.deepEqual(r.values, [0.25 + 1 - 1]);
  assert.deepEqual(r.reverse, [[1, 2, 1]]);
  assert.deepEqual(r.forward, [[1, 2, 1]]);
  // a mask stays a boolean array: it indexes
  assert.deepEqual(py('np.sum(x[(x > 0) & ~(x > 1)])', [0.5, -1, 2, 0.25]).values, [0.75]);
  // augmented: mask &= other
  assert.deepEqual(py('m = x > 0; m &= x < 1; return np.sum(m * x)', [0.5, -1, 2]).values, [0.5]);
});

test('integers: bitwise within 32 bits, as Python and JavaScript agree; bools combine to bools', () => {
  assert.deepEqual(py('(5 & 3) * x + (5 | 3) + (5 ^ 3) * 10 + (~2) * 100 + (-3 & 5) * 1000', 1).values, [1 + 7 + 60 - 300 + 5000]);
  assert.deepEqual(py('float((x > 0) & True) + float((x > 0) | False) * 2 + float(True ^ True) * 4', 1).values, [3]);
  assert.deepEqual(py('np.sum((np.arange(4) & 1) * x)', [1, 2, 3, 4]).values, [6]);
});

test('floats, large integers and a single boolean under ~ are refused, located, saying why', () => {
  assert.match(refusal('x & 1', 1.5), /the operator & needs booleans or integers, got 1\.5/);
  assert.match(refusal('np.sum(x | (x > 0))', [1.5, 2]), /needs boolean or integer arrays, got a float array of shape \(2,\)/);
  assert.match(refusal('(2 ** 40) & 1', 1), /GradLens does not support & on integers outside 32 bits/);
  assert.match(refusal('~(x > 0) * x', 1), /~ on a single boolean is ambiguous/);
});

test('the TypeScript front end gets the same operators: & | ^ ~ on integers and booleans, &= |= ^=', () => {
  const doc = DocumentAnalysis.fromModule(lowerTypeScript(`
function f(x: number) {
  let k = 12;
  k &= 10;
  k |= 1;
  k ^= 3;
  return ((x > 1) & true ? 1 : 0) * x + (6 | 1) * x + ~3 + (5 ^ 1) + k * 100;
}
function g(x: number) {
  return (x | 0) * x;
}`, 'file:///t.ts'));
  const point = doc.resolvePoint('f', { x: 2 });
  assert.ok(point.ok);
  const r = doc.gradient('f', point.value);
  assert.ok(r.ok, JSON.stringify(r));
  // k = ((12 & 10) | 1) ^ 3 = 9 ^ 3 = 10, as node computes it
  assert.equal(r.value.value, 2 + 14 - 4 + 4 + (((12 & 10) | 1) ^ 3) * 100);
  assert.equal(r.value.gradient!['x'], 8);
  const gp = doc.resolvePoint('g', { x: 2.5 });
  assert.ok(gp.ok);
  const refused = doc.gradient('g', gp.value);
  assert.ok(!refused.ok);
  assert.match(JSON.stringify(refused), /the operator \| needs booleans or integers, got 2\.5/);
});
