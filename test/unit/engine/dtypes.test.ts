import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocumentAnalysis } from '../../../src/analysis/document';

/** `dtype=` names numpy knows are read; one it does not (`'float99'`) is an error, as numpy's TypeError, never silently float64. */

function valueOf(dtype: string): { value?: unknown; error?: string } {
  const text = `import numpy as np\n# @at x=1.0\ndef f(x):\n    return np.sum(np.ones(3, dtype=${dtype}) * x)\n`;
  const doc = DocumentAnalysis.fromText(text, 'file:///d.py', 'python');
  const point = doc.resolvePoint('f');
  assert.ok(point.ok);
  const r = doc.gradient('f', point.value);
  return r.ok ? { value: r.value.value } : { error: r.error.message };
}

test('known dtypes, by name or by type object, are read', () => {
  for (const d of ["'float64'", "'f8'", "'<f8'", 'np.float64', 'float', "'int32'", 'np.int64', 'int', "'bool'"]) assert.deepEqual(valueOf(d), { value: 3 }, d);
});

test('an unknown dtype is an error naming it', () => {
  assert.match(valueOf("'float99'").error ?? '', /data type 'float99' is not understood/);
  assert.match(valueOf("'banana'").error ?? '', /data type 'banana' is not understood/);
});
