import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { doubtfulWarnings } from '../../../src/extension/titles';

/**
 * GradLens cannot reproduce numpy's bit generators, so a number made from a random draw is never shown
 * as if it were numpy's: each draw is a located `random-stream` warning (and the lens starts with ⚠);
 * numpy's legacy RandomState and Python's `random` module are refused where they are reached.
 * (numpy: default_rng(42).normal() = 0.30471707975443135; GradLens's stream gives another number.)
 */

const SOURCE = `import numpy as np
import random


def rng_scaled(x):
    g = np.random.default_rng(42)
    return x * g.normal()


def global_draws(x):
    np.random.seed(0)
    return np.sum(x * np.random.randn(3))


def legacy(x):
    rs = np.random.RandomState(0)
    return np.sum(x * rs.randn(3))


def stdlib(x):
    random.seed(1)
    return x * random.uniform(0, 1)


def no_draws(x):
    return x * 2
`;

const doc = DocumentAnalysis.fromText(SOURCE, 'file:///draws.py', 'python');
const gradientAt = (name: string) => {
  const point = doc.resolvePoint(name, { x: 0.5 });
  assert.ok(point.ok);
  return doc.gradient(name, point.value);
};

test("a draw from GradLens's generator is warned about at the draw, as values that differ from numpy's stream", () => {
  for (const [name, line] of [['rng_scaled', 7], ['global_draws', 12]] as const) {
    const r = gradientAt(name);
    assert.ok(r.ok, name);
    const w = r.value.warnings.filter((d) => d.code === 'random-stream');
    assert.equal(w.length, 1, `${name}: ${JSON.stringify(r.value.warnings)}`);
    assert.match(w[0]!.message, /differ from numpy's stream/);
    assert.equal(w[0]!.range.start.line + 1, line);
  }
  const plain = gradientAt('no_draws');
  assert.ok(plain.ok);
  assert.deepEqual(plain.value.warnings.filter((d) => d.code === 'random-stream'), []);
});

test('the lens of such a function starts with ⚠', () => {
  const r = gradientAt('rng_scaled');
  assert.ok(r.ok);
  const shown = doubtfulWarnings({ result: { warnings: r.value.warnings } } as unknown as Parameters<typeof doubtfulWarnings>[0]);
  assert.ok(shown.some((s) => s.startsWith('⚠') && /numpy's stream/.test(s)), JSON.stringify(shown));
});

test("numpy's RandomState and Python's random module are refused where reached, with the line", () => {
  for (const [name, line, text] of [['legacy', 16, /RandomState is not supported/], ['stdlib', 21, /random\.seed comes from module random/]] as const) {
    const r = gradientAt(name);
    assert.ok(!r.ok, name);
    assert.match(r.error.message, text);
    assert.equal(r.error.range.start.line + 1, line);
  }
});
