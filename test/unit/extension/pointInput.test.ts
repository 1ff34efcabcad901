import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gradientAs } from '../../../src/extension/copyFormats';
import { pointText, validatePoint } from '../../../src/extension/pointInput';
import type { FunctionReport } from '../../../src/report/report';

const range = { start: { line: 0, column: 0 }, end: { line: 0, column: 1 } };
const fn: FunctionReport = {
  name: 'f',
  params: ['x1', 'x2'],
  paramRanges: [range, range],
  range,
  nameRange: range,
  errors: [],
  asked: true,
  arithmetic: true,
  point: { values: { x1: 1.5, x2: 0.5 }, source: 'annotation' },
  result: { value: 2.016646669428201, gradient: { x1: 3.011843327673907, x2: -13.723961509314076 }, inputLabels: ['x1', 'x2'], variables: [], warnings: [] },
};

describe('the point input of "Differentiate at Point…"', () => {
  it('prefills name=value pairs in parameter order', () => {
    assert.equal(pointText({ x2: 0.5, x1: 1.5 }, ['x1', 'x2']), 'x1=1.5, x2=0.5');
    assert.equal(pointText({ w: [1, 2] }, ['w']), 'w=[1,2]');
  });

  it('accepts a full point and says what is wrong with a bad one', () => {
    assert.equal(validatePoint('x1=1, x2=2', fn), undefined);
    assert.equal(validatePoint('{"x1": 1, "x2": 2}', fn), undefined);
    assert.match(validatePoint('x1=1, x2=[1, 2', fn)!, /x2/);
    // Text is a value (a string parameter such as option_type): quoted, or a bare word.
    assert.equal(validatePoint('x1=1, x2="call"', fn), undefined);
    assert.equal(validatePoint("x1=1, x2='call'", fn), undefined);
    assert.equal(validatePoint('x1=1, x2=call', fn), undefined);
    assert.match(validatePoint('x1=1', fn)!, /missing x2/);
    assert.match(validatePoint('x1=1, x3=2', fn)!, /x3 is not a parameter of f\(x1, x2\)/);
    assert.match(validatePoint('x1', fn)!, /name=value/);
  });
});

describe('Copy Gradient', () => {
  it('JSON and Python at full precision', () => {
    assert.deepEqual(JSON.parse(gradientAs('json', fn)), { x1: 3.011843327673907, x2: -13.723961509314076 });
    assert.equal(gradientAs('python', fn), '(3.011843327673907, -13.723961509314076)');
  });

  it('LaTeX as a column vector at the point', () => {
    const tex = gradientAs('latex', fn);
    assert.match(tex, /^\\nabla \\operatorname\{f\}\(1\.5, 0\.5\) = \\begin\{pmatrix\} 3\.0118433276739\d* \\\\ -13\.72396150931\d* \\end\{pmatrix\}$/);
  });
});
