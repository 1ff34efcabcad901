/**
 * A function returning (loss, grad) — CS231n's `loss, dW`, scipy's `fun, jac` — is its own
 * hand-written gradient (pairing.ts): its derivative as code is the gradient of the loss, checked
 * against AD of the loss at 9 points, with the hand-written gradient's steps left out as unread.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { derivativeSource } from '../../../src/analysis/derivativeSource';

const TEXT = `import numpy as np


# @at w=0.5, b=-0.2
def loss_and_grad(w, b):
    r = w * 2.0 + b - 1.0
    loss = 0.5 * r ** 2 + 0.1 * w * w
    dw = r * 2.0 + 0.2 * w
    db = r
    return loss, (dw, db)


# @at W=[[0.5, -1.0], [0.2, 0.3]], b=[0.1, -0.4]
def svm_loss(W, b):
    X = np.array([[1.0, 2.0], [0.5, -1.0], [0.3, 0.8]])
    scores = X @ W + b
    loss = np.sum(scores ** 2) / 2.0
    dW = X.T @ scores
    return loss, dW
`;

function generate(name: string) {
  const uri = '/tmp/loss_and_grad.py';
  return derivativeSource(DocumentAnalysis.fromText(TEXT, uri, 'python'), name, { text: TEXT, uri });
}

test('(loss, (dw, db)) of numbers: the code is the gradient of the loss, without the hand-written steps', () => {
  const out = generate('loss_and_grad');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.deepEqual(out.value.wrt, ['w', 'b']);
  assert.doesNotMatch(out.value.text, /^ {4}dw = /m);
  assert.doesNotMatch(out.value.text, /^ {4}db = /m);
  assert.match(out.value.text, /^ {4}loss = /m);
});

test('(loss, dW) of numpy arrays: the gradient of the loss as numpy, for every parameter', () => {
  const out = generate('svm_loss');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.match(out.value.text, /\.T @ /);
  assert.doesNotMatch(out.value.text, /^ {4}dW = /m);
});

test('a function returning a tuple inside a tuple, not a (loss, grad) pair, is refused with a reason', () => {
  const text = '# @at x=0.5, y=2.0\ndef f(x, y):\n    return x * y, (x + y, x - y)\n';
  const out = derivativeSource(DocumentAnalysis.fromText(text, '/tmp/nested.py', 'python'), 'f', { text, uri: '/tmp/nested.py' });
  assert.ok(!out.ok);
  assert.equal(out.error.code, 'unsupported');
});
