import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../tempDir';
import { runCli } from '../../../src/cli/main';

/**
 * A method's sample point and the instance it runs on agree on sizes: what the constructor stores
 * (`self.params["W1"] = std * np.random.randn(input_size, hidden_size)`, `self.W = W`) has the shape
 * the method's reads of it need, and the method's data fit it.
 */

function sampleOf(source: string, fn: string): { at: Record<string, any>; value: unknown } {
  const dir = tempDir('constructor-shapes-');
  const file = join(dir, 'net.py');
  writeFileSync(file, source);
  const out = JSON.parse(runCli(['grad', file, '--function', fn]).stdout);
  assert.ok(out.at, JSON.stringify(out));
  return out;
}

test('counts a constructor draws weights from size the method\'s data (a two-layer net\'s params dict)', () => {
  const { at } = sampleOf(
    [
      'import numpy as np',
      'class Net:',
      '    def __init__(self, input_size, hidden_size, output_size, std=1e-4):',
      '        self.params = {}',
      "        self.params['W1'] = std * np.random.randn(input_size, hidden_size)",
      "        self.params['b1'] = np.zeros(hidden_size)",
      "        self.params['W2'] = std * np.random.randn(hidden_size, output_size)",
      "        self.params['b2'] = np.zeros(output_size)",
      '',
      '    def scores(self, X):',
      "        W1, b1 = self.params['W1'], self.params['b1']",
      "        W2, b2 = self.params['W2'], self.params['b2']",
      '        hidden = np.maximum(0, X.dot(W1) + b1)',
      '        return hidden.dot(W2) + b2',
      '',
    ].join('\n'),
    'Net.scores',
  );
  // Whole numbers, not samples like 0.731: np.random.randn needs integer sizes.
  assert.ok([at.self.input_size, at.self.hidden_size, at.self.output_size].every(Number.isInteger), JSON.stringify(at.self));
  assert.equal(at.X[0].length, at.self.input_size, JSON.stringify(at));
});

test('a small whole default size is the one the data fit; a generator\'s randn sizes as np.random\'s', () => {
  const { at } = sampleOf(
    [
      'import numpy as np',
      'class Layer:',
      '    def __init__(self, n_in=5, n_out=2):',
      '        rng = np.random.RandomState(0)',
      '        self.W = rng.randn(n_in, n_out)',
      '',
      '    def forward(self, x):',
      '        return np.tanh(x @ self.W)',
      '',
    ].join('\n'),
    'Layer.forward',
  );
  assert.equal(at.x.length, 5, JSON.stringify(at));
});

test('arrays given to the constructor are sampled in the shapes the methods use them in', () => {
  const { at } = sampleOf(
    [
      'import numpy as np',
      'class Affine:',
      '    def __init__(self, W, b):',
      '        self.W = W',
      '        self.b = b',
      '',
      '    def forward(self, x):',
      '        self.x = x',
      '        return np.dot(self.x, self.W) + self.b',
      '',
    ].join('\n'),
    'Affine.forward',
  );
  assert.ok(Array.isArray(at.self.W[0]), JSON.stringify(at.self));
  assert.equal(at.self.W.length, Array.isArray(at.x[0]) ? at.x[0].length : at.x.length, JSON.stringify(at));
  assert.equal(at.self.b.length, at.self.W[0].length, JSON.stringify(at.self));
});
