import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { tempDir } from '../tempDir';
import { runCli } from '../../../src/cli/main';

/**
 * `np.add.at(a, indices, b)`: b added into a's selected entries in place, a repeated index adding
 * once per time (where `a[idx] += b` keeps the last write). The check table (test/oracle/table,
 * rows `add_at`) compares values and gradients with numpy's; here the paths the table does not
 * reach: constants only (a plain evaluation records nothing), a backward pass accumulating a
 * gradient with it (CS231n's word embedding), and the refusals.
 */
const SOURCE = `import numpy as np

def counts(x):
    acc = np.zeros(3)
    np.add.at(acc, [0, 0, 2], 1.0)
    return x * np.sum(acc * np.array([1.0, 2.0, 3.0]))

def embed_forward(x, W):
    out = W[x, :]
    cache = x, W
    return out, cache

def embed_backward(dout, cache):
    x, W = cache
    dW = np.zeros_like(W)
    np.add.at(dW, x, dout)
    return dW

def lookup_forward(x, W):
    return W[x, :], (x, W)

def lookup_backward(dout, cache):
    x, W = cache
    dW = np.zeros_like(W)
    dW[x] += dout
    return dW

def into_list(x):
    acc = [0.0, 0.0]
    np.add.at(acc, [0, 1], x)
    return x

def into_ints(x):
    acc = np.zeros(2, dtype=int)
    np.add.at(acc, [0, 1], x)
    return x
`;

const doc = DocumentAnalysis.fromText(SOURCE, 'file:///add_at.py', 'python');

test('constants added at a repeated index count twice, in a plain evaluation and under the tape', () => {
  // numpy: acc = [2, 0, 1], Σ acc·[1, 2, 3] = 5.
  const point = { values: { x: 1.5 }, source: 'argument' as const };
  const value = doc.evaluate('counts', point);
  assert.ok(value.ok && value.value.value === 7.5, JSON.stringify(value));
  const g = doc.gradient('counts', point);
  assert.ok(g.ok && g.value.value === 7.5 && g.value.gradient!.x === 5, JSON.stringify(g));
});

test('a backward pass that accumulates with np.add.at matches its forward; `dW[x] += dout` with a label repeated does not', () => {
  const file = join(tempDir('add-at-'), 'embedding.py');
  writeFileSync(file, SOURCE);
  const checks = new Map((JSON.parse(runCli(['check', file]).stdout).checks as Record<string, any>[]).map((c) => [c.gradient, c]));
  const right = checks.get('embed_backward');
  assert.equal(right?.verdict, 'match', JSON.stringify(right));
  assert.ok(right.points > 1 && new Set((right.at.x as number[])).size < right.at.x.length, `labels repeated at its point: ${JSON.stringify(right.at)}`);
  // numpy's buffered `+=` keeps one write per repeated label: that gradient is wrong, and caught.
  assert.equal(checks.get('lookup_backward')?.verdict, 'mismatch', JSON.stringify(checks.get('lookup_backward')));
});

test('np.add.at into a list or an int array with floats is refused as numpy refuses it', () => {
  const list = doc.gradient('into_list', { values: { x: 1 }, source: 'argument' });
  assert.ok(!list.ok && /must be a numpy array/.test(list.error.message), JSON.stringify(list));
  const ints = doc.gradient('into_ints', { values: { x: 0.5 }, source: 'argument' });
  assert.ok(!ints.ok && /UFuncTypeError/.test(ints.error.message), JSON.stringify(ints));
});
