import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pythonGradient } from '../../pythonRuns';

/**
 * `import autograd.numpy as np` (and jax.numpy) is numpy to GradLens: HIPS autograd's examples
 * (neural_net_regression.py's `inputs[:, np.newaxis]`) read its members as numpy's.
 */

test('np.newaxis of autograd.numpy and jax.numpy is None, as numpy.newaxis is', () => {
  const source = [
    'import autograd.numpy as np',
    'import jax.numpy as jnp',
    '',
    'def outer_sum(x):',
    '    a = x[:, np.newaxis] * x[np.newaxis, :]',
    '    b = x[jnp.newaxis, :] * 2.0',
    '    return np.sum(a) + np.sum(b)',
    '',
  ].join('\n');
  const r = pythonGradient(source, 'outer_sum', { x: [1, 2] });
  // python3 with numpy: (1 + 2)**2 + 2 * (1 + 2) = 15; d/dx_i = 2 * (x_0 + x_1) + 2 = 8
  assert.equal(r.value, 15);
  assert.deepEqual(r.gradient!['x'], [8, 8]);
});
