import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { tempDir } from '../tempDir';

/**
 * A layer returning `(out, cache)` whose cache holds None (CS231n's dropout mask in test mode), a
 * text or a flag: the numeric parts are differentiated and the others carried as they are, so the
 * layer has a sample point and its backward pass is checked against it
 * (test/fixtures/python/layer_caches; numbers from numpy and torch, make_expected.py there).
 */
const DIR = join(__dirname, '..', '..', 'fixtures', 'python', 'layer_caches');
const LAYERS = join(DIR, 'layers.py');
const EXPECTED = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  dropout_train: { x: number[][]; dropout_param: Record<string, unknown>; out: number[][]; mask: number[][]; jacobian_x: number[][][][] };
  affine: { x: number[][]; w: number[][]; b: number[]; out: number[][] };
};

function cli(args: string[]): { code: number; json: Record<string, any> } {
  const r = runCli(args);
  return { code: r.exitCode, json: JSON.parse(r.stdout) as Record<string, any> };
}

const closeAll = (a: unknown, b: unknown, what: string): void => {
  if (typeof b === 'number') {
    assert.ok(typeof a === 'number' && Math.abs(a - b) <= 1e-14 * Math.max(1, Math.abs(b)), `${what}: ${String(a)} vs ${b}`);
    return;
  }
  assert.ok(Array.isArray(a) && Array.isArray(b) && a.length === b.length, `${what}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  b.forEach((x, i) => closeAll((a as unknown[])[i], x, `${what}[${i}]`));
};

test('dropout in test mode: its sample point runs, the mask None is carried in the value, the output\'s Jacobian in x is the identity', () => {
  const r = cli(['grad', LAYERS, '--function', 'dropout_forward']);
  assert.equal(r.code, 0, JSON.stringify(r.json));
  assert.equal(r.json.at.dropout_param.mode, 'test');
  const [out, cache] = r.json.value as [number[], [Record<string, number | string>, null]];
  assert.deepEqual(out, r.json.at.x);
  assert.equal(cache[1], null);
  // The dict comes back as CPython returns it: its numbers, and its text entry carried.
  assert.deepEqual(cache[0], { p: r.json.at.dropout_param.p, mode: 'test', seed: r.json.at.dropout_param.seed });
  const jx = r.json.jacobian.x as [number[][], [unknown, null]];
  jx[0].forEach((row, i) => row.forEach((v, k) => assert.equal(v, i === k ? 1 : 0)));
  assert.equal(jx[1][1], null);
  assert.deepEqual(r.json.warnings, []);
});

test('dropout in train mode: numpy\'s mask from the seed, and torch\'s Jacobian of x * mask', () => {
  const e = EXPECTED.dropout_train;
  const at = JSON.stringify({ x: e.x, dropout_param: e.dropout_param });
  const r = cli(['grad', LAYERS, '--function', 'dropout_forward', '--at', at]);
  assert.equal(r.code, 0, JSON.stringify(r.json));
  const [out, cache] = r.json.value as [number[][], [unknown, number[][]]];
  closeAll(out, e.out, 'out');
  closeAll(cache[1], e.mask, 'mask');
  closeAll(r.json.jacobian.x[0], e.jacobian_x, 'd out / d x');
});

test('the backward pass is checked against the forward\'s output at points of both modes; a slip in train mode is a mismatch', () => {
  const r = cli(['check', LAYERS]);
  const check = (r.json.checks as Record<string, any>[]).find((c) => c.function === 'dropout_forward');
  assert.ok(check, JSON.stringify(r.json));
  assert.equal(check.gradient, 'dropout_backward');
  assert.equal(check.verdict, 'match', JSON.stringify(check));
  // Every point compared: the seed, a count, stays whole at the nearby points (np.random.seed needs an integer).
  assert.equal(check.points, 9, JSON.stringify(check));
  assert.equal(check.partial, undefined, JSON.stringify(check));
  const slipped = readFileSync(LAYERS, 'utf8').replace('return dout * mask', 'return dout * mask * 0.5');
  assert.notEqual(slipped, readFileSync(LAYERS, 'utf8'));
  const bad = runCheckOnText(slipped);
  assert.equal(bad.verdict, 'mismatch', JSON.stringify(bad));
  assert.equal(bad.components[0].at.dropout_param.mode, 'train');
});

test('text and flags in a cache are carried; a result holding no number at all is still refused', () => {
  const e = EXPECTED.affine;
  const r = cli(['grad', LAYERS, '--function', 'affine_forward', '--at', JSON.stringify({ x: e.x, w: e.w, b: e.b })]);
  assert.equal(r.code, 0, JSON.stringify(r.json));
  closeAll(r.json.value[0], e.out, 'out');
  assert.deepEqual(r.json.value[1].slice(3), ['affine', true]);
  closeAll(r.json.value[1][0], e.x, 'cached x');
  const none = cli(['grad', LAYERS, '--function', 'nothing_numeric', '--at', 'x=0.5']);
  assert.equal(none.code, 2, JSON.stringify(none.json));
  assert.match(none.json.error.message, /returned None/);
});

function runCheckOnText(text: string): Record<string, any> {
  const file = join(tempDir('layer-caches-'), 'layers.py');
  writeFileSync(file, text);
  const r = cli(['check', file]);
  return (r.json.checks as Record<string, any>[]).find((c) => c.function === 'dropout_forward')!;
}
