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

function warningsOf(body: string, x = 0.1): { value?: unknown; warnings: string[]; error?: string } {
  const text = `import numpy as np\n\ndef f(x):\n    return ${body}\n`;
  const doc = DocumentAnalysis.fromText(text, 'file:///d.py', 'python');
  const point = doc.resolvePoint('f', { x });
  assert.ok(point.ok);
  const r = doc.gradient('f', point.value);
  return r.ok ? { value: r.value.value, warnings: r.value.warnings.map((w) => w.message) } : { error: r.error.message, warnings: [] };
}

test('a float32 cast rounds to float32 and says that what follows is float64; a float32 array says so too', () => {
  const cast = warningsOf('np.float32(x) * 3.0');
  assert.equal(cast.value, Math.fround(0.1) * 3);
  assert.ok(cast.warnings.some((w) => /np\.float32\(\) to float32: GradLens rounds the values to float32 here .* computes what follows in float64/.test(w)), cast.warnings.join('\n'));
  assert.ok(warningsOf("np.sum(np.array([x], dtype='f4'))").warnings.some((w) => /np\.array\(dtype=\) to float32/.test(w)));
  assert.ok(warningsOf('np.sum(np.zeros(2, dtype=np.float32) + x)').warnings.some((w) => /np\.zeros\(dtype=\) makes a float32 array: GradLens computes what follows in float64/.test(w)));
  assert.ok(warningsOf("np.sum(np.ones_like(np.ones(2), dtype='float16') * x)").warnings.some((w) => /makes a float16 array/.test(w)));
  // float64 says nothing
  assert.deepEqual(warningsOf('np.float64(x) * 3.0').warnings, []);
  assert.match(warningsOf("np.sum(np.array([x], dtype='float16'))").error ?? '', /GradLens does not support np\.array\(dtype=\) to 'float16' yet/);
});

test('a differentiated value written into an int or bool array is truncated or tested as numpy casts it, and its derivative 0 is said', () => {
  const text = 'import numpy as np\n\ndef f(x):\n    a = np.array([1, 2])\n    a[0] = x\n    b = np.zeros(2, dtype=int)\n    b[:] = x * np.ones(2)\n    return np.sum(a * x) + np.sum(b)\n';
  const doc = DocumentAnalysis.fromText(text, 'file:///d.py', 'python');
  const point = doc.resolvePoint('f', { x: 1.7 });
  assert.ok(point.ok);
  const r = doc.gradient('f', point.value);
  assert.ok(r.ok);
  // a = [1, 2] (1.7 truncated), b = [1, 1]: 3·x + 2, derivative 3 (through a * x only)
  assert.ok(Math.abs((r.value.value as number) - 7.1) < 1e-12);
  assert.equal((r.value.gradient as Record<string, number>).x, 3);
  const said = r.value.warnings.map((w) => w.message);
  assert.ok(said.some((w) => /a differentiated value stored into an int64 array becomes data, as numpy casts it \(truncated\): its derivative is 0 from here/.test(w)), said.join('\n'));
  assert.ok(said.some((w) => /differentiated values stored into an int64 array become data/.test(w)), said.join('\n'));
});

test("np.finfo of an array's dtype (scikit-learn's log_loss clips by np.finfo(y_prob.dtype).eps): float64's limits, and numpy's ValueError for an int array's", () => {
  assert.deepEqual(warningsOf('np.sum(np.ones(2) * x) * np.finfo(np.ones(2).dtype).eps', 2), { value: 4 * 2.220446049250313e-16, warnings: [] });
  assert.deepEqual(warningsOf('x + np.finfo(np.array([x, x]).dtype).tiny'), { value: 0.1 + 2.2250738585072014e-308, warnings: [] });
  assert.match(warningsOf('x * np.finfo(np.arange(3).dtype).eps').error ?? '', /ValueError: np\.finfo\(np\.arange\(3\)\.dtype\): the data type is not a float type/);
  assert.match(warningsOf('x * np.finfo(np.ones(2).dtype).bits').error ?? '', /does not support np\.finfo\(np\.ones\(2\)\.dtype\)\.bits/);
});
