import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import type { ResolvedPoint } from '../../../src/analysis/points';
import { keyedCopy } from '../../../src/core/keyed';
import type { PointTree } from '../../../src/core/pointTree';

/**
 * Real-style code whose parameters are strings (test/fixtures/strings): Black-Scholes by option type, a
 * digital option by `match kind`, losses by `reduction=` and WGAN-GP by `module`, a class's reduction
 * from its `; self:` part, TypeScript easing by `switch (kind)` and an object parameter holding a
 * string. Each case's value and gradient are CPython's / node's (expected_*.json, written by
 * make_expected.py and make_expected.mjs: the function run at the point, central differences).
 * Tolerance: value 1e-12 relative; gradient |AD − fd| ≤ 1e-6 (1 + |fd|), what h = 1e-6 resolves.
 * A case `from` the file must be one of the points GradLens finds there itself.
 */

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'strings');
interface Case {
  readonly file: string;
  readonly function: string;
  readonly from: '@at' | 'call-site' | 'given';
  readonly at: Record<string, PointTree>;
  readonly receiver?: Record<string, PointTree>;
  readonly value: number;
  readonly gradient: Record<string, unknown>;
}
const cases: Case[] = [...JSON.parse(readFileSync(join(DIR, 'expected_python.json'), 'utf8')), ...JSON.parse(readFileSync(join(DIR, 'expected_typescript.json'), 'utf8'))];
const documents = new Map<string, DocumentAnalysis>();
function document(file: string): DocumentAnalysis {
  let doc = documents.get(file);
  if (!doc) {
    doc = DocumentAnalysis.fromText(readFileSync(join(DIR, file), 'utf8'), `file:///strings/${file}`, file.endsWith('.py') ? 'python' : 'typescript');
    documents.set(file, doc);
  }
  return doc;
}

/** Each number of `ad` against the same place in `fd`; both hold the same keys (text has none). */
function compare(ad: unknown, fd: unknown, where: string): void {
  if (typeof fd === 'number') {
    assert.equal(typeof ad, 'number', `${where}: ${JSON.stringify(ad)}`);
    assert.ok(Math.abs((ad as number) - fd) <= 1e-6 * (1 + Math.abs(fd)), `${where}: AD ${ad as number}, central difference ${fd}`);
    return;
  }
  if (Array.isArray(fd)) {
    assert.ok(Array.isArray(ad) && ad.length === fd.length, `${where}: ${JSON.stringify(ad)}`);
    fd.forEach((x, i) => compare((ad as unknown[])[i], x, `${where}[${i}]`));
    return;
  }
  const o = fd as Record<string, unknown>;
  assert.deepEqual(Object.keys(ad as object), Object.keys(o), `${where}: its keys are the numbers' only`);
  for (const k of Object.keys(o)) compare((ad as Record<string, unknown>)[k], o[k], `${where}.${k}`);
}

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

for (const c of cases) {
  test(`${c.file} ${c.function} at ${JSON.stringify(c.at)}${c.receiver ? ` (self: ${JSON.stringify(c.receiver)})` : ''}, ${c.from}`, () => {
    const doc = document(c.file);
    let point: ResolvedPoint = { values: keyedCopy(c.at), source: 'argument', ...(c.receiver ? { receiver: c.receiver } : {}) };
    if (c.from !== 'given') {
      const found = doc.functions().find((f) => f.ir.name === c.function)!.points;
      const same = found.find((p) => JSON.stringify(plain(p.values)) === JSON.stringify(c.at) && JSON.stringify(plain(p.receiver ?? null)) === JSON.stringify(c.receiver ?? null));
      assert.ok(same, `the file's points of ${c.function}: ${JSON.stringify(found.map((p) => [p.source, p.values, p.receiver]))}`);
      assert.equal(same.source, c.from === '@at' ? 'annotation' : 'call-site');
      point = same;
    }
    for (const mode of ['reverse', 'forward'] as const) {
      const r = doc.gradient(c.function, point, { mode });
      assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
      assert.ok(Math.abs((r.value.value as number) - c.value) <= 1e-12 * Math.abs(c.value), `value ${r.value.value as number}, ${c.file}: ${c.value}`);
      // The instance's `self:` values are part of the point: under `self`, as `--at self={…}` takes them.
      assert.deepEqual(plain(r.value.at), c.receiver ? { ...c.at, self: c.receiver } : c.at, 'the point keeps its text');
      compare(r.value.gradient, c.gradient, `∇${c.function} (${mode})`);
      assert.deepEqual(r.value.warnings.map((w) => w.message), []);
    }
  });
}

test('the hand gradient with a string parameter pairs with bs_price and matches at 9 points, for a call and for a put', () => {
  const doc = document('pricing.py');
  const pairing = doc.pairings().find((p) => p.derivative.name === 'grad_bs_price');
  assert.ok(pairing, 'grad_bs_price pairs');
  const atFile = doc.check(pairing);
  assert.ok(atFile.ok, JSON.stringify(!atFile.ok && atFile.error));
  assert.equal(atFile.value.verdict, 'match', JSON.stringify(atFile.value));
  assert.equal(atFile.value.points, 9);
  assert.equal(atFile.value.at.option_type, 'put');
  const call = doc.check(pairing, undefined, { S: 100, K: 110, T: 0.75, r: 0.03, sigma: 0.25, option_type: 'call' });
  assert.ok(call.ok && call.value.verdict === 'match' && call.value.points === 9, JSON.stringify(call));
});

test('numpy-ml-style WGAN-GP: the class hand gradient pairs, with module="C" from its @at, and matches at 9 points', () => {
  const doc = document('losses.py');
  const pairing = doc.pairings().find((p) => p.derivative.name === 'WGAN_GPLoss.grad');
  assert.ok(pairing, 'WGAN_GPLoss.grad pairs');
  const r = doc.check(pairing);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  assert.equal(r.value.verdict, 'match', JSON.stringify(r.value));
  assert.equal(r.value.points, 9);
  assert.equal(r.value.at.module, 'C');
});

test('a wrong put formula in the hand gradient is caught at the put point, located in its return', () => {
  const text = readFileSync(join(DIR, 'pricing.py'), 'utf8').replace('decay - r * K * disc * norm_cdf(-d2)', 'decay + r * K * disc * norm_cdf(-d2)');
  const doc = DocumentAnalysis.fromText(text, 'file:///strings/wrong.py', 'python');
  const pairing = doc.pairings().find((p) => p.derivative.name === 'grad_bs_price')!;
  const put = doc.check(pairing);
  assert.ok(put.ok && put.value.verdict === 'mismatch', JSON.stringify(put));
  assert.deepEqual(put.value.components.map((c) => c.name), ['∂bs_price/∂T']);
  // At a call the wrong line does not run: it matches, as it should.
  const call = doc.check(pairing, undefined, { S: 100, K: 110, T: 0.75, r: 0.03, sigma: 0.25, option_type: 'call' });
  assert.ok(call.ok && call.value.verdict === 'match', JSON.stringify(call));
});

test('easeIn compares kind with strings in a switch: sampled with the first, "linear", and the others named', () => {
  const r = document('easing.ts').resolvePoint('easeIn');
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.values.kind, 'linear');
  assert.ok((r.value.notes ?? []).some((n) => /^kind: "linear", the first string the code compares it with; .*"quad".* take other branches: give one with @at$/.test(n)), JSON.stringify(r.value.notes));
});

test('a wrong put formula in the hand gradient is caught with no point given: the check\'s nearby points take each string the code compares with', () => {
  const text = readFileSync(join(DIR, 'pricing.py'), 'utf8').replace('decay - r * K * disc * norm_cdf(-d2)', 'decay + r * K * disc * norm_cdf(-d2)').replace(/^# @at.*option_type.*\n/m, '');
  const doc = DocumentAnalysis.fromText(text, 'file:///strings/unpointed.py', 'python');
  const pairing = doc.pairings().find((p) => p.derivative.name === 'grad_bs_price')!;
  const r = doc.check(pairing);
  assert.ok(r.ok && r.value.verdict === 'mismatch', JSON.stringify(r));
  assert.ok(r.value.notes.some((n) => /^option_type takes "call", "put" in turn$/.test(n)), JSON.stringify(r.value.notes));
});
