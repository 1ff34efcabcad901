import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerPython } from '../../../../src/frontends/python/index';
import { printModule } from '../../../../src/ir/printer';

const SOURCE = `import numpy as np

# @at x=1, y=2
# @gradient-of g
def f(x, y):
    if x > 0:
        return np.sin(x) * y
    return 'a'

f(3, 4)
`;

test('CRLF line endings lower exactly like LF, ranges included', () => {
  const lf = lowerPython(SOURCE, 'file:///a.py');
  const crlf = lowerPython(SOURCE.replace(/\n/g, '\r\n'), 'file:///a.py');
  assert.equal(printModule(crlf, { ranges: true }), printModule(lf, { ranges: true }));
  assert.equal(crlf.functions[0]!.gradientOf, 'g');
  assert.equal(crlf.points.length, 2);
});

test('a file without a trailing newline', () => {
  const m = lowerPython('def f(x):\n    return x', 'file:///a.py');
  assert.deepEqual(m.functions[0]!.diagnostics, []);
  assert.deepEqual(m.functions[0]!.range, { start: { line: 0, column: 0 }, end: { line: 1, column: 12 } });
});
