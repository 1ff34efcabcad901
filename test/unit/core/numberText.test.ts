import assert from 'node:assert/strict';
import { it } from 'node:test';
import { formatNumber, fullNumber } from '../../../src/core/numberText';

it('one number format: the precision in decimals, zeros dropped, exponents for the tiny and the huge, U+2212 minus', () => {
  assert.equal(formatNumber(0.766124, 4), '0.7661');
  assert.equal(formatNumber(0.766124, 2), '0.77');
  assert.equal(formatNumber(-13.723961509314076, 4), '−13.724');
  assert.equal(formatNumber(-13.723961509314076, 8), '−13.72396151');
  assert.equal(formatNumber(2, 4), '2');
  assert.equal(formatNumber(4e-6, 4), '4e−6');
  assert.equal(formatNumber(-4.25e-6, 4), '−4.25e−6');
  assert.equal(formatNumber(1.23456789e9, 3), '1.23e9');
  assert.equal(formatNumber(-0.00004, 1), '−4e−5');
  assert.equal(formatNumber(-0.0004, 1), '0'); // rounds to zero: no −0
  assert.equal(formatNumber(-Infinity, 4), '−∞');
  assert.equal(formatNumber(NaN, 4), 'NaN');
  assert.ok(!/-/.test(formatNumber(-1.5e-9, 17)), 'no ASCII minus anywhere, the exponent included');
});

it('full precision for tooltips: every digit, U+2212 minus', () => {
  assert.equal(fullNumber(-13.723961509314076), '−13.723961509314076');
  assert.equal(fullNumber(1e-7), '1e−7');
});
