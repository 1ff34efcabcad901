import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIntrinsicName, NAMED_CONSTANTS } from '../../../../src/ir/intrinsics';
import { mathConstant, mathFunction, mathFunctionNames, takesBareArgument } from '../../../../src/frontends/math/names';

test('every function spelling lowers to an intrinsic the engine knows', () => {
  for (const name of mathFunctionNames()) {
    const fn = mathFunction(name);
    assert.ok(fn, name);
    assert.ok(isIntrinsicName(fn.intrinsic), `${name} → ${fn.intrinsic}`);
  }
});

test('log is the natural logarithm, like ln', () => {
  assert.deepEqual(mathFunction('log'), mathFunction('ln'));
  assert.deepEqual(mathFunction('log'), { kind: 'intrinsic', intrinsic: 'log' });
});

test('names that are not functions, including Object.prototype members, are not functions', () => {
  for (const name of ['x', 'toString', 'constructor', '__proto__', 'hasOwnProperty']) {
    assert.equal(mathFunction(name), undefined, name);
    assert.equal(mathConstant(name), undefined, name);
  }
});

test('constants agree with the IR catalogue', () => {
  assert.equal(mathConstant('pi'), NAMED_CONSTANTS.pi);
  assert.equal(mathConstant('π'), Math.PI);
  assert.equal(mathConstant('e'), Math.E);
  assert.equal(mathConstant('τ'), 2 * Math.PI);
  assert.equal(mathConstant('tau'), 2 * Math.PI);
});

test('only one-argument functions take a bare argument', () => {
  assert.equal(takesBareArgument(mathFunction('sin')!), true);
  assert.equal(takesBareArgument(mathFunction('sec')!), true);
  assert.equal(takesBareArgument(mathFunction('round')!), true);
  assert.equal(takesBareArgument(mathFunction('atan2')!), false);
  assert.equal(takesBareArgument(mathFunction('max')!), false);
});
