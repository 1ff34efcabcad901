import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/main';

/**
 * The seeds' numbers as acceptance tests, through the CLI contract. Seed 001's value is
 * 2.016646669428201 (its table's 2.0167 is a rounding slip: see shared/notes/seeds-errata.md).
 */

function cli(...args: string[]): { code: number; json: Record<string, any> } {
  const r = runCli(args);
  return { code: r.exitCode, json: JSON.parse(r.stdout) };
}

/** Within a few ulps: the seeds were printed by Python over C's libm, we use V8's. */
function near(actual: number, expected: number, ulps = 4): void {
  const tol = ulps * Number.EPSILON * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} vs ${expected}`);
}

for (const mode of ['reverse', 'forward']) {
  test(`seed 000 at (2, 5), ${mode} mode: 11.652071455223084 and ∇ = (5.5, 1.7163378145367738)`, () => {
    const { code, json } = cli('grad', 'examples/seeds.py', '--function', 'seed000', '--mode', mode);
    assert.equal(code, 0);
    assert.deepEqual(json.at, { x1: 2, x2: 5 });
    near(json.value, 11.652071455223084);
    assert.equal(json.gradient.x1, 5.5);
    near(json.gradient.x2, 1.7163378145367738);
    assert.deepEqual(json.warnings, []);
  });

  test(`seed 001 at (1.5, 0.5), ${mode} mode: 2.016646669428201 and ∇ = (3.0118…, −13.7239…)`, () => {
    const { code, json } = cli('grad', 'examples/seeds.py', '--function', 'seed001', '--mode', mode);
    assert.equal(code, 0);
    assert.deepEqual(json.at, { v_1: 1.5, v0: 0.5 });
    near(json.value, 2.016646669428201);
    near(json.gradient.v_1, 3.0118433276739065, 8);
    near(json.gradient.v0, -13.723961509314076, 8);
  });
}

test('seed 000 in math notation gives the same numbers', () => {
  const { code, json } = cli('grad', 'examples/seeds.math', '--function', 'f');
  assert.equal(code, 0, JSON.stringify(json));
  near(json.value, 11.652071455223084);
  assert.equal(json.gradient.x1, 5.5);
  near(json.gradient.x2, 1.7163378145367738);
});

test('seed 001 in math notation gives the same numbers', () => {
  const { code, json } = cli('grad', 'examples/seeds.math', '--function', 'g', '--hessian');
  assert.equal(code, 0, JSON.stringify(json));
  near(json.value, 2.016646669428201);
  near(json.gradient.x1, 3.0118433276739065, 8);
  near(json.gradient.x2, -13.723961509314076, 8);
  assert.equal(json.hessian.length, 2);
  assert.ok(Math.abs(json.hessian[0][1] - json.hessian[1][0]) < 1e-12 * Math.abs(json.hessian[0][1]));
});

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

test("gradlens trace reproduces seed 001's primal–tangent table row by row", () => {
  const { code, json } = cli('trace', 'examples/seeds.py', '--function', 'seed001', '--mode', 'forward', '--seed', 'v_1');
  assert.equal(code, 0, JSON.stringify(json));
  const rows = json.entries.map((e: any) => [e.op, round3(e.value), round3(e.tangent)]);
  // v₋₁ = x₁, v₀ = x₂, v₁ = v₋₁/v₀, v₂ = sin v₁, v₃ = exp v₀, v₄ = v₁ − v₃, v₅ = v₂ + v₄, v₆ = v₅ × v₄
  assert.deepEqual(rows, [
    ['input', 1.5, 1],
    ['input', 0.5, 0],
    ['div', 3, 2],
    ['sin', 0.141, -1.98],
    ['exp', 1.649, 0],
    ['sub', 1.351, 2],
    ['add', 1.492, 0.02],
    ['mul', 2.017, 3.012],
  ]);
  assert.deepEqual(json.entries[2].inputs, [0, 1]);
  // Each row points at its source: v1 = v_1 / v0 is on line 13 of the example.
  assert.equal(json.entries[2].line, 13);
  assert.equal(json.entries[0].name, 'v_1');
});

test("gradlens trace reproduces seed 001's primal–adjoint table row by row", () => {
  const { code, json } = cli('trace', 'examples/seeds.py', '--function', 'seed001');
  assert.equal(code, 0, JSON.stringify(json));
  const adjoints = json.entries.map((e: any) => round3(e.adjoint));
  // v̄₋₁ = 3.012, v̄₀ = −13.724, v̄₁ = 1.506, v̄₂ = 1.351, v̄₃ = −2.844, v̄₄ = 2.844, v̄₅ = 1.351, v̄₆ = 1
  assert.deepEqual(adjoints, [3.012, -13.724, 1.506, 1.351, -2.844, 2.844, 1.351, 1]);
});

test('the seeds in TypeScript give the same numbers', () => {
  const s0 = cli('grad', 'examples/seeds.ts', '--function', 'seed000');
  assert.equal(s0.code, 0, JSON.stringify(s0.json));
  near(s0.json.value, 11.652071455223084);
  assert.equal(s0.json.gradient.x1, 5.5);
  near(s0.json.gradient.x2, 1.7163378145367738);
  const s1 = cli('grad', 'examples/seeds.ts', '--function', 'seed001', '--mode', 'forward');
  assert.equal(s1.code, 0, JSON.stringify(s1.json));
  near(s1.json.value, 2.016646669428201);
  near(s1.json.gradient.v_1, 3.0118433276739065, 8);
  near(s1.json.gradient.v0, -13.723961509314076, 8);
});
