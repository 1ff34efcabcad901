import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../tempDir';
import { runCli } from '../../../src/cli/main';
import { assertAllMatch, checksOf, slipChecks } from './cliChecks';

/**
 * Layers' backward passes, CS231n style (test/fixtures/real_python/layer_passes.py): `X_backward(dout,
 * cache)` is checked against AD of `X_forward(…)` returning `(out, cache)`, as the vector–Jacobian
 * product doutᵀ·∂out/∂p for each parameter p whose gradient it returns, at the forward's own point
 * (sampled from its docstring's shapes) and eight more. Each right pass matches; each slip is caught.
 */

const FIXTURE = 'test/fixtures/real_python/layer_passes.py';


test('each backward pass matches the vector–Jacobian product of its forward pass at 9 points', () => {
  const checks = checksOf(FIXTURE);
  const expect: Record<string, string> = {
    affine_backward: 'doutᵀ·∂affine_forward/∂(x, w, b)',
    relu_backward: 'doutᵀ·∂relu_forward/∂x',
    sigmoid_backward: 'doutᵀ·∂sigmoid_forward/∂x',
    rnn_step_backward: 'doutᵀ·∂rnn_step_forward/∂(x, prev_h, Wx, Wh, b)',
    gated_step_backward: 'doutᵀ·∂gated_step_forward/∂(x, prev_c, Wg)',
    affine_relu_backward: 'doutᵀ·∂affine_relu_forward/∂(x, w, b)',
    layernorm_backward: 'doutᵀ·∂layernorm_forward/∂(x, gamma, beta)',
    batchnorm_backward_alt: 'doutᵀ·∂batchnorm_forward/∂(x, gamma, beta)',
  };
  assertAllMatch(checks, expect);
  assert.equal(checks.size, Object.keys(expect).length, [...checks.keys()].join(', '));
  // `(N, d_1, ..., d_k)` with `D = d_1 * ... * d_k`: rows of w's first axis.
  const at = checks.get('affine_backward')!.at;
  assert.equal(at.x[0].length, at.w.length, JSON.stringify(at));
  // `of any shape`: an array, so the ReLU's mask writes into one; around its kink at 0.
  assert.ok(Array.isArray(checks.get('relu_backward')!.at.x) && checks.get('relu_backward')!.at.x.some((v: number) => v < 0), JSON.stringify(checks.get('relu_backward')!.at));
  // `ln_param.get("eps", 1e-5)`: a dict left empty, so the default holds.
  assert.deepEqual(checks.get('layernorm_backward')!.at.ln_param, {});
  // `- mode: 'train' or 'test'` under `bn_param`: the first choice the docstring lists.
  assert.equal(checks.get('batchnorm_backward_alt')!.at.bn_param.mode, 'train');
  assert.match(checks.get('sigmoid_backward')!.pairedBy, /by position/);
  assert.match(checks.get('rnn_step_backward')!.pairedBy, /by its returned names/);
});

test('a slip in each backward pass is a mismatch', () => {
  const slips: [string, string, string][] = [
    ['affine_backward', 'db = np.sum(dout, axis=0)', 'db = np.sum(dout, axis=0) * 0.5'],
    ['affine_backward', 'dx = dout.dot(w.T).reshape(x.shape)', 'dx = dout.dot(w.T).reshape(x.shape) + 0.1'],
    ['relu_backward', 'dx[x <= 0] = 0', 'dx[x < -0.5] = 0'],
    ['sigmoid_backward', 'return dout * s * (1 - s)', 'return dout * s * (1 + s)'],
    ['rnn_step_backward', 'dWh = prev_h.T.dot(dh)', 'dWh = prev_h.T.dot(dnext_h)'],
    ['gated_step_backward', 'dc = dnext_c + dnext_h * (1 - np.tanh(next_c) ** 2)', 'dc = dnext_c + dnext_h * (1 - np.tanh(next_c))'],
    ['layernorm_backward', '- xhat * (dxhat * xhat).sum(axis=1, keepdims=True)', '- xhat * dxhat.sum(axis=1, keepdims=True)'],
    ['batchnorm_backward_alt', 'dgamma = (dout * xhat).sum(axis=0)', 'dgamma = dout.sum(axis=0)'],
  ];
  for (const { slip, check } of slipChecks(FIXTURE, slips, 'backward-passes-')) assert.equal(check?.verdict, 'mismatch', `${slip[0]} with ${slip[2]}: ${JSON.stringify(check)}`);
});

test('a gradient of the wrong size is a size error, not a match', () => {
  const dir = tempDir('backward-passes-');
  const file = join(dir, 'short.py');
  writeFileSync(
    file,
    [
      'import numpy as np',
      '# @at x=[[1.0, 2.0]], w=[[0.5], [0.25]]',
      'def scale_forward(x, w):',
      '    return x.dot(w), (x, w)',
      '',
      'def scale_backward(dout, cache):',
      '    x, w = cache',
      '    return dout.dot(w.T)[:, :1], x.T.dot(dout)',
      '',
    ].join('\n'),
  );
  const c = checksOf(file).get('scale_backward')!;
  assert.equal(c.verdict, 'error', JSON.stringify(c));
  assert.match(c.error.message, /scale_backward returns 1 value, but x \(the gradient scale_backward returns first\) has 2/);
});

const CLASSES = 'test/fixtures/real_python/layer_classes.py';

test('a layer class\'s backward(self, dout) matches doutᵀ·∂forward/∂x on the instance its forward ran on', () => {
  const checks = checksOf(CLASSES);
  // What each backward pass gives: its input's gradient returned, and the weights' kept on the
  // instance (`self.dW`, nnfs's `self.dweights`), checked against AD in the instance's attributes.
  const compared: Record<string, string> = {
    Relu: 'x',
    Sigmoid: 'x',
    Tanh: 'x',
    Dense: '(x, self.W, self.b)',
    Softplus: 'x',
    SoftmaxWithLoss: 'x',
    Linear: '(x, self.W, self.b)',
    RandomDense: '(inputs, self.weights, self.biases)',
    StoredDense: '(inputs, self.weights, self.biases)',
    StoredRelu: 'inputs',
    StoredSoftmax: 'inputs',
  };
  for (const [cls, wrt] of Object.entries(compared)) {
    const c = checks.get(`${cls}.backward`);
    assert.ok(c, `${cls}.backward is not checked`);
    assert.equal(c.verdict, 'match', `${cls}: ${JSON.stringify(c)}`);
    assert.equal(c.points, 9, cls);
    assert.equal(c.compared, `doutᵀ·∂${cls}.forward/∂${wrt}`, cls);
  }
  // A forward that returns nothing is run for the output it keeps (`self.output`), a backward that
  // returns nothing for the gradients it keeps.
  assert.match(checks.get('StoredDense.backward')!.pairedBy, /by self\.dinputs, self\.dweights, self\.dbiases/);
  // `self.x.T @ dout` needs a batch: the forward's input is taken as rows, not the vector it runs at alone.
  assert.equal(checks.get('Dense.backward')!.at.x.length, 2, JSON.stringify(checks.get('Dense.backward')!.at));
  assert.ok(Array.isArray(checks.get('Dense.backward')!.at.x[0]));
  // `Linear(W, b)`: the constructor's arrays are sampled as the forward uses them, W one row per
  // column of x and b one entry per column of W; `RandomDense(n_inputs, n_neurons)` draws its
  // weights from its counts, sized so that the forward's input fits them.
  for (const [cls, input, weights, bias] of [['Linear', 'x', 'W', 'b'], ['RandomDense', 'inputs', 'weights', 'biases']] as const) {
    const { at } = checks.get(`${cls}.backward`)!;
    const instance = runCli(['grad', CLASSES, '--function', `${cls}.forward`]);
    const self = JSON.parse(instance.stdout).at.self;
    assert.ok(Array.isArray(at[input][0]), JSON.stringify(at));
    if (cls === 'Linear') {
      assert.equal(self[weights].length, at[input][0].length, JSON.stringify(self));
      assert.equal(self[bias].length, self[weights][0].length, JSON.stringify(self));
    } else assert.deepEqual([self.n_inputs, typeof self.n_neurons], [at[input][0].length, 'number'], JSON.stringify(self));
  }
  // Relu.forward does no arithmetic, yet it is sampled (around its kink) for its backward pass.
  assert.ok(checks.get('Relu.backward')!.at.x.some((v: number) => v < 0), JSON.stringify(checks.get('Relu.backward')!.at));
  // `self.t = t` then `cross_entropy_error(self.y, self.t)` indexing rows of `self.y = softmax(x)`:
  // t is labels, one per row of x (read through the receiver's attributes and a conditional reshape).
  const loss = checks.get('SoftmaxWithLoss.backward')!.at;
  assert.equal(loss.t.length, loss.x.length, JSON.stringify(loss));
  assert.ok(loss.t.every((v: number) => Number.isInteger(v)), JSON.stringify(loss));
  // `backward(self, x)` taking the input is a derivative f′(x), compared with ∇forward as before.
  assert.equal(checks.get('Square.backward')!.compared, '∇Square.forward');
  assert.equal(checks.get('Square.backward')!.verdict, 'match');
});

test('a slip in a layer class\'s backward pass is a mismatch', () => {
  const source = readFileSync(CLASSES, 'utf8');
  const slips: [string, string, string][] = [
    ['Sigmoid.backward', 'return dout * (1.0 - self.out) * self.out', 'return dout * (1.0 - self.out)'],
    ['Tanh.backward', 'return grad_output * (1 - self.y ** 2)', 'return grad_output * (1 - self.y)'],
    ['Dense.backward', 'return dout @ self.W.T', 'return dout @ self.W.T * 2'],
    ['Softplus.backward', 'return dy / (1 + np.exp(-self.x))', 'return dy / (1 + np.exp(self.x))'],
    ['Relu.backward', 'dout[self.mask] = 0', 'dout[self.mask] = 0.5'],
    ['SoftmaxWithLoss.backward', 'dx[np.arange(batch_size), self.t] -= 1', 'dx[np.arange(batch_size), self.t] -= 0.5'],
    ['Linear.backward', 'return np.dot(dout, self.W.T)', 'return np.dot(dout, self.W.T) + 0.01'],
    ['RandomDense.backward', 'return np.dot(dvalues, self.weights.T)', 'return np.dot(dvalues, self.weights.T) * 1.1'],
    // Gradients kept on the instance: each slip in one of them is caught too.
    ['Dense.backward', 'self.db = dout.sum(axis=0)', 'self.db = dout.sum(axis=0) * 0.5'],
    ['Linear.backward', 'self.dW = np.dot(self.x.T, dout)', 'self.dW = np.dot(self.x.T, dout) + 0.1'],
    ['RandomDense.backward', 'self.dweights = np.dot(self.inputs.T, dvalues)', 'self.dweights = np.dot(self.inputs.T, dvalues) * 0.9'],
    ['StoredDense.backward', 'self.dweights = self.inputs.T @ dvalues', 'self.dweights = self.inputs.T @ dvalues * 0.9'],
    ['StoredDense.backward', 'self.dinputs = dvalues @ self.weights.T', 'self.dinputs = dvalues @ self.weights.T * 1.1'],
    ['StoredDense.backward', 'self.dbiases = dvalues.sum(axis=0, keepdims=True)', 'self.dbiases = dvalues.sum(axis=0, keepdims=True) + 0.2'],
    ['StoredRelu.backward', 'self.dinputs = dvalues.copy()', 'self.dinputs = dvalues * 2.0'],
    ['StoredSoftmax.backward', 'jac = np.diagflat(s) - np.dot(s, s.T)', 'jac = np.diagflat(s) - 0.5 * np.dot(s, s.T)'],
  ];
  const dir = tempDir('layer-classes-');
  for (const [name, right, wrong] of slips) {
    assert.equal(source.split(right).length, 2, `${right} is not in the file once`);
    const file = join(dir, `${name.replace('.', '_')}.py`);
    writeFileSync(file, source.replace(right, wrong));
    const c = checksOf(file).get(name)!;
    assert.equal(c.verdict, 'mismatch', `${name} with ${wrong}: ${JSON.stringify(c)}`);
  }
});

test('a loss whose backward takes the predictions (nnfs\'s backward(self, dvalues, y_true)) is not paired', () => {
  const dir = tempDir('backward-passes-');
  const file = join(dir, 'loss.py');
  writeFileSync(
    file,
    [
      'import numpy as np',
      'class CrossEntropy:',
      '    def forward(self, y_pred, y_true):',
      '        clipped = np.clip(y_pred, 1e-7, 1 - 1e-7)',
      '        return -np.log(np.sum(clipped * y_true, axis=1))',
      '',
      '    def backward(self, dvalues, y_true):',
      '        self.dinputs = -y_true / dvalues / len(dvalues)',
      '',
    ].join('\n'),
  );
  // Before, it was paired by position as ∇forward (dvalues ↔ y_pred), an error for a function nobody asked about.
  assert.deepEqual([...checksOf(file).keys()], []);
});

test('a forward that returns nothing and keeps self.output (nnfs) has that output as its value and its Jacobian, not a "returned None" error in Problems', () => {
  const softmax = runCli(['grad', CLASSES, '--function', 'StoredSoftmax.forward', '--at', '{"inputs": [[1.0, 2.0], [0.5, -1.0]]}']);
  const r = JSON.parse(softmax.stdout);
  const rows = [[1.0, 2.0], [0.5, -1.0]].map((row) => row.map((v) => Math.exp(v - Math.max(...row)))).map((e) => e.map((v) => v / (e[0]! + e[1]!)));
  rows.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(r.value[i][j] - v) < 1e-15, JSON.stringify(r))));
  // ∂s₀/∂x₀ = s₀(1 − s₀) within a row; rows do not mix.
  assert.ok(Math.abs(r.jacobian.inputs[0][0][0][0] - rows[0]![0]! * (1 - rows[0]![0]!)) < 1e-15, JSON.stringify(r.jacobian));
  assert.equal(r.jacobian.inputs[0][0][1][0], 0);
  const relu = JSON.parse(runCli(['grad', CLASSES, '--function', 'StoredRelu.forward', '--at', '{"inputs": [0.5, -2.0]}']).stdout);
  assert.deepEqual([relu.value, relu.jacobian.inputs], [[0.5, 0], [[1, 0], [0, 0]]]);
});
