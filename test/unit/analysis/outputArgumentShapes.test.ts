import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * Sample shapes read from how real code writes and calls: scipy's `fprime(x, out)` writes its result
 * into `out[:]`, so out has x's shape; a local lambda called with a label (`p(y[i])` where
 * `p = lambda k: np.exp(f[k]) / s`) makes y labels; `x.reshape(x.shape[0], -1)` takes x as rows.
 */
test('out[:] = 2 * x: out is sampled in x\'s shape (x\'s rank known only from the function it is the gradient of)', () => {
  const source = 'import numpy as np\n\ndef sphere(x):\n    return np.sum(x ** 2)\n\ndef sphere_fprime(x, out):\n    out[:] = 2 * x\n';
  const doc = DocumentAnalysis.fromText(source, 'f.py', 'python');
  const at = doc.shapedPoint('sphere_fprime')!;
  assert.equal((at.out as number[]).length, (at.x as number[]).length, JSON.stringify(at));
});

test('a local lambda\'s call reads its body with the argument: y holds labels (whole numbers below the class count)', () => {
  const source = 'import numpy as np\n\ndef loss(W, X, y):\n    total = 0.0\n    for i in range(X.shape[0]):\n        f = X[i].dot(W)\n        s = np.sum(np.exp(f))\n        p = lambda k: np.exp(f[k]) / s\n        total += -np.log(p(y[i]))\n    return total\n';
  const doc = DocumentAnalysis.fromText(source, 'f.py', 'python');
  const at = doc.shapedPoint('loss')!;
  const classes = (at.W as number[][])[0]!.length;
  for (const label of at.y as number[]) assert.ok(Number.isInteger(label) && label >= 0 && label < classes, JSON.stringify(at));
});

test('x.reshape(x.shape[0], -1).dot(w): x has rows, and the product evaluates', () => {
  const doc = DocumentAnalysis.fromText('import numpy as np\n\ndef affine(x, w, b):\n    return x.reshape(x.shape[0], -1).dot(w) + b\n', 'f.py', 'python');
  const at = doc.shapedPoint('affine')!;
  assert.equal((at.x as number[][])[0]!.length, (at.w as number[]).length, JSON.stringify(at));
  assert.ok(doc.samplePoint('affine'));
});

test('((y_true - y_pred) ** 2).mean() / 2 (scikit-learn\'s squared_loss): a float has no .mean(), so both are sampled as vectors and the sample runs', () => {
  const doc = DocumentAnalysis.fromText('import numpy as np\n\ndef squared_loss(y_true, y_pred):\n    return ((y_true - y_pred) ** 2).mean() / 2\n', 'f.py', 'python');
  const at = doc.shapedPoint('squared_loss')!;
  assert.ok(Array.isArray(at.y_true) && Array.isArray(at.y_pred) && (at.y_true as number[]).length === (at.y_pred as number[]).length, JSON.stringify(at));
  assert.ok(doc.samplePoint('squared_loss'));
});

test('np.pad(x, ((1, 1), (2, 2)), …) (CS231n\'s conv layers): x has one axis per (before, after) pair, and the sample runs', () => {
  const doc = DocumentAnalysis.fromText("import numpy as np\n\ndef padded(x):\n    return np.sum(np.pad(x, ((1, 1), (2, 2)), 'constant', constant_values=(0, 0)) ** 2)\n", 'f.py', 'python');
  const at = doc.shapedPoint('padded')!;
  assert.ok(Array.isArray(at.x) && Array.isArray((at.x as number[][])[0]), JSON.stringify(at));
  assert.ok(doc.samplePoint('padded'));
});

test('c = np.clip(y_pred, …) then c[range(samples), y_true] (nnfs\'s categorical cross-entropy): y_pred is sampled as rows of probabilities and the sample runs', () => {
  const source = 'import numpy as np\n\ndef forward(y_pred, y_true):\n    samples = len(y_pred)\n    clipped = np.clip(y_pred, 1e-7, 1 - 1e-7)\n    return -np.log(clipped[range(samples), y_true])\n';
  const doc = DocumentAnalysis.fromText(source, 'f.py', 'python');
  const at = doc.shapedPoint('forward')!;
  assert.ok(Array.isArray((at.y_pred as number[][])[0]), JSON.stringify(at));
  assert.equal((at.y_true as number[]).length, (at.y_pred as number[][]).length, JSON.stringify(at));
  assert.ok(doc.samplePoint('forward'));
});
