import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeholderPrefix, splitLongSum } from '../../../../src/frontends/shared/longSums';
import { MAX_CHAIN, maskDeepNesting, type BracketSyntax } from '../../../../src/frontends/shared/nesting';
import { sumsParserText } from '../../../../src/frontends/shared/parserText';

/**
 * Long flat sums split before parsing (frontends/shared/longSums.ts): the joining `+`/`−` are found
 * at the element's own bracket depth, never a sign (unary, an exponent's, one inside a string, a
 * comment or brackets), and anything binding looser than + (a comparison, a keyword, `:`) keeps the
 * chain refused as before.
 */

const PYTHON: BracketSyntax = { lineComment: '#', quotes: `'"`, filler: '?' };
const SCRIPT: BracketSyntax = { lineComment: '//', blockComment: ['/*', '*/'], quotes: `'"\``, filler: '#', bracesAreBlocks: true, unicodeSpaces: true };

/** The joining operators found in `element` written after `return ` (so its offset is not 0). */
function joins(element: string, syntax = PYTHON): string | undefined {
  const text = `return ${element}\n`;
  const sum = splitLongSum(text, 0, text.length - 1, syntax, 50, '__s0');
  return sum && sum.ops.join('');
}

test('the joining signs, not the unary ones or an exponent\'s', () => {
  assert.equal(joins('a*b + c - d'), '+-');
  assert.equal(joins('a * -b - -c + +d'), '-+');
  assert.equal(joins('2 ** -x + 1e-5 - 2.5E+3*y + 0xe-1'), '+-+-'); // 0xe - 1: e is a hex digit
  assert.equal(joins('- a + b'), '+'); // a leading unary minus is part of the first term
  assert.equal(joins("f(a + b, c - d)[e - 1] + 's+t-u' - \"v+w\""), '+-');
  assert.equal(joins('x - y  # a comment + with - signs'), '-');
  assert.equal(joins('a.b - c.d @ e // f % g'), '-');
});

test('a chain with anything looser than + and − is not split', () => {
  for (const e of ['a + b < c', 'a + b if c else d', 'lambda x: x + 1', 'a + b and c', 'not a + b', 'a + b == c', 'a | b + c', 'a + (b) = c']) {
    assert.equal(joins(e), undefined, e);
  }
  // JavaScript's increments are not two signs; a ternary is looser than +
  assert.equal(joins('a++ + b', SCRIPT), undefined);
  assert.equal(joins('a ? b + c : d', SCRIPT), undefined);
  assert.equal(joins('a - -b /* c + d */ + e', SCRIPT), '-+');
});

test('the list text keeps every offset: each joining operator a comma, brackets where the characters around the sum were', () => {
  const text = 'return x*x + y - z\n';
  const sum = splitLongSum(text, 0, text.length - 1, PYTHON, 50, '__s3')!;
  assert.equal(sum.placeholder, '__s3');
  assert.equal(text.slice(sum.from, sum.to), 'x*x + y - z');
  assert.equal(sum.listText, '[x*x , y , z]');
  assert.deepEqual(sum.at, [11, 15]);
});

test('maskDeepNesting reads a chain past MAX_CHAIN that is a sum as one placeholder, and refuses one that is not', () => {
  const terms = Array.from({ length: MAX_CHAIN + 5 }, (_, i) => (i === 0 ? 'x' : `c${i}*x`));
  const sum = `def f(x):\n    return (${terms.join(' +\n        ')})\n`;
  const masked = maskDeepNesting(sum, PYTHON);
  assert.deepEqual(masked.regions, []);
  assert.equal(masked.sums.length, 1);
  // the nesting scan finds the sum; the pre-parse step writes its placeholder, for the parser only
  assert.equal(masked.text, sum);
  const parsed = sumsParserText(masked.text, masked.sums);
  assert.equal(parsed.text.length, sum.length);
  assert.equal(parsed.text.split('\n').length, sum.split('\n').length, 'line breaks kept');
  // the placeholder on the first line it fits, a name the text does not hold, found by its offset
  assert.match(parsed.text, /return \( +\n__s0 +\n/);
  assert.deepEqual([...parsed.sums.keys()], [parsed.text.indexOf('__s0')]);
  assert.deepEqual(parsed.rewrites.map((r) => r.why), ['long sum']);
  assert.equal(placeholderPrefix('x = __s + __s_1'), '__s__');
  const compared = sum.replace('c1*x +', 'c1*x < 1 +');
  const refused = maskDeepNesting(compared, PYTHON);
  assert.equal(refused.sums.length, 0);
  assert.match(refused.regions[0]!.message, /chains more than 1,000 operators/);
  // a term that is itself a chain too long is refused too
  const product = `def f(x):\n    return ${Array.from({ length: MAX_CHAIN + 5 }, () => 'x').join(' * ')} + 1\n`;
  assert.equal(maskDeepNesting(product, PYTHON).sums.length, 0);
});
