import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/main';

/**
 * A count given to a constructor (`MixtureHead(num_mixtures)`) that a method uses as a slice bound,
 * through `K = self.num_mixtures`, is sampled as a whole number, not 0.731: the sample point runs.
 */

test('a constructor count used as a slice bound is sampled as a whole number, and the value is CPython\'s there', () => {
  const r = JSON.parse(runCli(['grad', 'test/fixtures/real_python/generator_nets.py', '--function', 'MixtureHead.nll']).stdout);
  assert.equal(r.error, undefined, r.error?.message);
  const k = r.at.self.num_mixtures;
  assert.ok(Number.isInteger(k) && k >= 1, String(k));
  // CPython at that point (MixtureHead(3).nll(raw, target)): 0.5470372616674058.
  assert.deepEqual(r.at.raw, [[0.731, 0.502, 0.872, 0.643], [0.414, 0.785, 0.556, 0.327]]);
  assert.ok(Math.abs(r.value - 0.5470372616674058) < 1e-12, String(r.value));
  assert.ok(r.gradient.raw.flat().every((g: number) => Number.isFinite(g)));
});

test('a constructor\'s list of layer sizes, each given to np.random.randn, is sampled as whole numbers, and the input matches the first', () => {
  const r = JSON.parse(runCli(['grad', 'test/fixtures/real_python/layer_sizes.py', '--function', 'LayeredNet.forward']).stdout);
  assert.equal(r.error, undefined, r.error?.message);
  const sizes = r.at.self.layer_sizes as number[];
  assert.ok(sizes.length >= 2 && sizes.every((n) => Number.isInteger(n) && n >= 1), JSON.stringify(sizes));
  assert.equal((r.at.activation as number[]).length, sizes[0]);
  // The weights are unseeded draws: shown as seed 0's, and said so (the values are CPython's at seed 0 in realPython.test.ts).
  assert.ok(r.warnings.some((w: { message: string }) => /unseeded random values/.test(w.message)), JSON.stringify(r.warnings));
});
