import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTrailingDotNumber, parseNumber, parseString } from '../../../../src/frontends/python/literals';

test('Python number spellings', () => {
  const cases: [string, number][] = [
    ['0', 0], ['42', 42], ['1_000_000', 1e6], ['2.5', 2.5], ['.5', 0.5], ['1.', 1], ['1e-3', 0.001], ['1E+3', 1000],
    ['1_0.2_5', 10.25], ['0x1F', 31], ['0X_ff', 255], ['0o17', 15], ['0b101', 5], ['1.e5', 1e5],
  ];
  // A point or an exponent makes a float (`1.`, `1e-3`); a hex digit E does not (`0x1E` is 30).
  for (const [text, value] of cases) assert.deepEqual(parseNumber(text), { kind: 'number', value, ...(/^0[xob]/i.test(text) || !/[.e]/i.test(text) ? {} : { float: true }) }, text);
  assert.deepEqual(parseNumber('0x1E'), { kind: 'number', value: 30 });
  assert.deepEqual(parseNumber('123456789012345678901'), { kind: 'number', value: 123456789012345678901, integer: '123456789012345678901' });
  assert.deepEqual(parseNumber('1.23456789012345678901e20'), { kind: 'number', value: 1.23456789012345678901e20, float: true });
  assert.deepEqual(parseNumber('2j'), { kind: 'complex' });
  assert.deepEqual(parseNumber('1.5J'), { kind: 'complex' });
});

test('numbers lezer splits at the point', () => {
  for (const t of ['1.', '10.', '1.e5', '2.j', '1_0.']) assert.ok(isTrailingDotNumber(t), t);
  for (const t of ['1.5', 'x.', '1.real', '1.e-5', '.5']) assert.ok(!isTrailingDotNumber(t), t);
});

test('string literals: quotes, prefixes and escapes', () => {
  const cases: [string, string][] = [
    ["'a'", 'a'], ['"a"', 'a'], ["'''a\nb'''", 'a\nb'], ['"""x"""', 'x'], ["'it\\'s'", "it's"],
    ["'\\n\\t\\\\'", '\n\t\\'], ["'\\x41\\u00e9\\101'", 'A\u00e9A'], ["r'\\d+'", '\\d+'], ["R'\\n'", '\\n'],
    ["u'x'", 'x'], ["'\\q'", '\\q'], ["'a\\\nb'", 'ab'],
  ];
  for (const [text, value] of cases) assert.deepEqual(parseString(text), { kind: 'string', value }, text);
  assert.deepEqual(parseString("b'x'"), { kind: 'bytes' });
  assert.deepEqual(parseString("rb'x'"), { kind: 'bytes' });
  for (const t of ['"abc', "'a\\'", "'"]) assert.deepEqual(parseString(t), { kind: 'unterminated', triple: false }, t);
  for (const t of ['"""ab""', "'''ab\n"]) assert.deepEqual(parseString(t), { kind: 'unterminated', triple: true }, t);
});
