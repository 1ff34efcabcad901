import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAtValues } from '../../../../src/frontends/python/points';
import { ratioHolds } from '../../../cpuTime';

test('# @at values', () => {
  assert.deepEqual({ ...(parseAtValues(' x1=2, x2=5') as object) }, { x1: 2, x2: 5 });
  assert.deepEqual({ ...(parseAtValues('a = -1.5e-3 ,b=+.5,') as object) }, { a: -0.0015, b: 0.5 });
  assert.deepEqual({ ...(parseAtValues('A=[[1, 2], [3, 4]], v=[], w=[1_000]') as object) }, { A: [[1, 2], [3, 4]], v: [], w: [1000] });
});

test('# @at mistakes are described', () => {
  const cases: [string, string][] = [
    ['', 'it gives no values'],
    ['x', "expected '=' after x, found the end of the line"],
    ['x=', 'the value of x must be a number, a list of numbers, a string in quotes or True/False/None, found the end of the line'],
    ['x=pi', 'the value of x must be a number, a list of numbers, a string in quotes or True/False/None, found \'pi\' (a string is written in quotes: x="pi")'],
    ['x=2x', "the value of x must be a number, a list of numbers, a string in quotes or True/False/None, found '2x'"],
    ['x="call', 'the string in the value of x is never closed (or holds a line break)'],
    ['x="a\\qb"', 'the string in the value of x has the escape \\q: only \\\\, \\", \\\', \\n and \\t are read'],
    ['x=true', 'the value of x must be a number, a list of numbers, a string in quotes or True/False/None, found \'true\' (a string is written in quotes: x="true")'],
    ['x=1 y=2', "expected ',' after the value of x, found 'y'"],
    ['x=[1, 2', "'[' is never closed in the value of x"],
    ['x=[1 2]', "expected ',' or ']' in the value of x, found '2'"],
    ['x=1, x=2', 'x is given twice'],
    ['=1', "expected a parameter name, found '='"],
  ];
  for (const [text, message] of cases) assert.equal(parseAtValues(text), message, text);
});

test('a long @at line is read in linear time: 16× the numbers costs about 16× the time, not 256×', () => {
  // A 16× step keeps linear (16×) and quadratic (256×) far apart, so a GC pause or a loaded
  // machine timing the small line cannot push a linear reader past the bound (at 4× they were 4× vs 16×).
  const line = (n: number): string => `x=[${Array.from({ length: n }, (_, i) => `${i}.5`).join(', ')}], y={a: 1, "b": [2, 3]}`;
  const small = line(20_000);
  const large = line(320_000);
  parseAtValues(small); // warm up
  const parsed = parseAtValues(large);
  assert.ok(typeof parsed !== 'string', typeof parsed === 'string' ? parsed : '');
  assert.equal((parsed.x as number[]).length, 320_000);
  assert.equal((parsed.x as number[])[319_999], 319_999.5);
  const { ok, ratio } = ratioHolds(() => parseAtValues(large), () => parseAtValues(small), 64, 3, 3);
  assert.ok(ok, `320k numbers took ${ratio.toFixed(1)}× the time of 20k (linear is 16×, quadratic 256×)`);
});
