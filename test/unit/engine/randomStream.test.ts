import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { doubtfulWarnings } from '../../../src/extension/titles';

/**
 * Which draws a number may be shown from without a word: a stream seeded in the evaluation that
 * draws from it, from numpy's RandomState or Python's random module, is the program's own (bit for
 * bit: randomStreams.test.ts). Everything else is a located `random-stream` warning, and the lens
 * starts with ⚠: default_rng (PCG64 is not reproduced), an unseeded draw (the program draws other
 * numbers each run), a generator seeded at module level and drawn from in a function (its numbers
 * depend on how many draws the program made before).
 */

const SOURCE = `import numpy as np
import random

RS = np.random.RandomState(0)


def rng_scaled(x):
    g = np.random.default_rng(42)
    return x * g.normal()


def unseeded(x):
    return np.sum(x * np.random.randn(3))


def module_generator(x):
    return np.sum(x * RS.rand(3))


def legacy(x):
    rs = np.random.RandomState(0)
    return np.sum(x * rs.randn(3))


def global_seeded(x):
    np.random.seed(0)
    return np.sum(x * np.random.randn(3))


def stdlib(x):
    random.seed(1)
    return x * random.uniform(0, 1)


def stdlib_unseeded(x):
    return x * random.random()


def no_draws(x):
    return x * 2


def legacy_unseeded(x):
    rs = np.random.RandomState()
    return x * rs.rand()
`;

const doc = DocumentAnalysis.fromText(SOURCE, 'file:///draws.py', 'python');
const gradientAt = (name: string) => {
  const point = doc.resolvePoint(name, { x: 0.5 });
  assert.ok(point.ok);
  const r = doc.gradient(name, point.value);
  assert.ok(r.ok, `${name}: ${!r.ok && r.error.message}`);
  return { ...r.value, streams: r.value.warnings.filter((d) => d.code === 'random-stream') };
};

test('a draw whose numbers may not be the program\'s is warned about where it is made, saying why', () => {
  for (const [name, line, why] of [
    ['rng_scaled', 9, /GradLens's own seeded generator: they differ from numpy's stream/],
    ['unseeded', 13, /unseeded random values: numpy's global generator, seeded by nothing GradLens follows .* draws other numbers on every run/],
    ['module_generator', 17, /seeded outside this evaluation .* depend on how many draws the program made before/],
    ['stdlib_unseeded', 36, /unseeded random values: Python's global generator/],
    ['legacy_unseeded', 45, /unseeded random values: numpy's unseeded generator draws/],
  ] as const) {
    const r = gradientAt(name);
    assert.equal(r.streams.length, 1, `${name}: ${JSON.stringify(r.warnings)}`);
    assert.match(r.streams[0]!.message, why, name);
    assert.equal(r.streams[0]!.range.start.line + 1, line, name);
  }
  assert.deepEqual(gradientAt('no_draws').streams, []);
});

test("a stream seeded where it is drawn gives numpy's and CPython's numbers (values from numpy 1.24 / CPython 3.11)", () => {
  for (const [name, value] of [['legacy', 1.5714737692203133], ['global_seeded', 1.5714737692203133], ['stdlib', 0.06718212205620061]] as const) {
    const r = gradientAt(name);
    assert.equal(r.value, value, name);
    assert.deepEqual(r.streams, [], name);
  }
  assert.deepEqual(gradientAt('stdlib').streams, []);
});

test('the lens of a function with an unreproducible draw starts with ⚠', () => {
  for (const name of ['rng_scaled', 'unseeded']) {
    const r = gradientAt(name);
    const shown = doubtfulWarnings({ result: { warnings: r.warnings } } as unknown as Parameters<typeof doubtfulWarnings>[0]);
    assert.ok(shown.some((s) => s.startsWith('⚠') && /random values/.test(s)), JSON.stringify(shown));
  }
});

test('a huge draw is refused by the memory budget, at its line', () => {
  const big = DocumentAnalysis.fromText('import numpy as np\n\n\ndef f(x):\n    rs = np.random.RandomState(0)\n    return x * np.sum(rs.randn(10**9))\n', 'file:///big.py', 'python');
  const point = big.resolvePoint('f', { x: 0.5 });
  assert.ok(point.ok);
  const r = big.gradient('f', point.value);
  assert.ok(!r.ok);
  assert.match(r.error.message, /memory|budget/i);
  assert.equal(r.error.range.start.line + 1, 6);
});
