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
