import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/main';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../tempDir';

/** The CLI contract is exact: other tools parse it. These tests pin its shapes and exit codes. */

function cli(...args: string[]): { code: number; json: Record<string, any>; lines: number } {
  const r = runCli(args);
  return { code: r.exitCode, json: JSON.parse(r.stdout), lines: r.stdout.trimEnd().split('\n').length };
}

const LOCATION = ['line', 'column', 'endLine', 'endColumn'];

test('grad: exactly one JSON object with function, at, value, gradient, formula (seed 000 is one expression), warnings', () => {
  const { code, json, lines } = cli('grad', 'examples/seeds.py', '--function', 'seed000');
  assert.equal(code, 0);
  assert.equal(lines, 1);
  assert.deepEqual(Object.keys(json), ['function', 'at', 'value', 'gradient', 'formula', 'warnings']);
});

test('--at as JSON and as the short form give the same result, overriding the file', () => {
  const a = cli('grad', 'examples/seeds.py', '--function', 'seed000', '--at', '{"x1": 1, "x2": 0}');
  const b = cli('grad', 'examples/seeds.py', '--function', 'seed000', '--at', 'x1=1,x2=0');
  assert.deepEqual(a.json, b.json);
  assert.deepEqual(a.json.at, { x1: 1, x2: 0 });
  assert.equal(a.json.value, 0);
  assert.deepEqual(a.json.gradient, { x1: 1, x2: 0 });
});

test('list parameters: gradient in the parameter shape; --hessian is n×n over flattened entries', () => {
  const { json } = cli('grad', 'examples/physics.py', '--function', 'rosenbrock', '--at', 'x=[1,1,1]', '--hessian');
  assert.deepEqual(json.gradient, { x: [0, 0, 0] });
  assert.equal(json.hessian.length, 3);
  assert.deepEqual(json.hessian.map((r: number[]) => r.length), [3, 3, 3]);
  assert.deepEqual(json.hessian[0], [802, -400, 0]);
});

test('tuple output: jacobian replaces gradient, indexed [output][parameter entry]', () => {
  const { json } = cli('grad', 'examples/physics.py', '--function', 'polar_to_cartesian', '--at', 'r=2,phi=0');
  assert.equal(json.gradient, undefined);
  assert.deepEqual(json.value, [2, 0]);
  assert.deepEqual(json.jacobian.r, [1, 0]); // ∂(r cos φ)/∂r, ∂(r sin φ)/∂r
  assert.deepEqual(json.jacobian.phi, [0, 2]); // JSON has no −0
});

test('--repeat adds timing medians', () => {
  const { json } = cli('grad', 'examples/seeds.py', '--function', 'seed001', '--repeat', '5');
  assert.deepEqual(Object.keys(json.timing), ['primal_ms', 'gradient_ms']);
  assert.ok(json.timing.primal_ms >= 0 && json.timing.gradient_ms >= 0);
});

test('warnings carry one-based locations', () => {
  const { code, json } = cli('grad', 'examples/problems.py', '--function', 'kink');
  assert.equal(code, 0);
  assert.deepEqual(Object.keys(json.warnings[0]), ['message', ...LOCATION]);
  assert.equal(json.warnings[0].line, 13);
});

test('failures exit 2 with {"error": {message, line, column, endLine, endColumn}}', () => {
  for (const args of [
    ['grad', 'examples/problems.py', '--function', 'bad_log'],
    ['grad', 'examples/problems.py', '--function', 'sneaky'],
    ['grad', 'examples/problems.py', '--function', 'nope'],
    ['grad', 'examples/seeds.py', '--function', 'seed000', '--at', 'x1=1'],
    ['grad', 'examples/seeds.py', '--function', 'seed000', '--at', '{bad json'],
    ['grad', 'examples/seeds.py', '--function', 'seed000', '--mode', 'sideways'],
    ['grad', 'missing-file.py', '--function', 'f'],
    ['grad', 'README', '--function', 'f'],
    ['trace', 'examples/seeds.py', '--function', 'seed001', '--mode', 'forward'],
    ['frobnicate'],
    [],
  ]) {
    const { code, json } = cli(...args);
    assert.equal(code, 2, args.join(' '));
    assert.deepEqual(Object.keys(json), ['error'], args.join(' '));
    assert.deepEqual(Object.keys(json.error), ['message', ...LOCATION], args.join(' '));
  }
  const bad = cli('grad', 'examples/problems.py', '--function', 'bad_log').json.error;
  assert.match(bad.message, /log of a negative number/);
  assert.equal(bad.line, 7);
});

test('functions lists each function with parameters, range, points and diagnostics', () => {
  const { code, json } = cli('functions', 'examples/seeds.py');
  assert.equal(code, 0);
  assert.deepEqual(json.functions.map((f: any) => f.name), ['seed000', 'seed001']);
  const [s0, s1] = json.functions;
  assert.deepEqual(s0.parameters, ['x1', 'x2']);
  assert.deepEqual(s0.points, [{ source: 'annotation', at: { x1: 2, x2: 5 }, line: 6, column: 1, endLine: 6, endColumn: 17 }]); // end is exclusive
  assert.equal(s1.points[0].source, 'call-site');
  assert.deepEqual(s1.points[0].at, { v_1: 1.5, v0: 0.5 });
  for (const k of LOCATION) assert.equal(typeof s0[k], 'number');
});

test('functions lists what it cannot read at module level as info, a malformed annotation as an error', () => {
  const dir = tempDir('gradlens-functions-');
  const file = join(dir, 'mod.py');
  writeFileSync(file, 'from random import shuffle\nimport numpy as np\n\n# @at x=\ndef f(x):\n    return np.sum(x**2)\n');
  const { code, json } = cli('functions', file);
  assert.equal(code, 0);
  const bySeverity = (s: string) => json.diagnostics.filter((d: any) => d.severity === s).map((d: any) => d.line);
  assert.deepEqual(bySeverity('info'), [1], JSON.stringify(json.diagnostics));
  assert.ok(bySeverity('error').length + json.functions[0].diagnostics.filter((d: any) => d.severity === 'error').length >= 1, JSON.stringify(json));
});

test('trace entries have id, op, inputs, value, adjoint and a location', () => {
  const { json } = cli('trace', 'examples/seeds.py', '--function', 'seed000');
  for (const e of json.entries) {
    for (const k of ['id', 'op', 'inputs', 'value', 'adjoint', ...LOCATION]) assert.ok(k in e, `${k} in ${JSON.stringify(e)}`);
    assert.equal('tangent' in e, false);
  }
});

test("the README's grad sample is what the CLI prints (the default, reverse mode)", () => {
  const readme = readFileSync('README.md', 'utf8');
  const sample = /\$ gradlens grad examples\/seeds\.py --function seed001\n([\s\S]*?)\n```/.exec(readme);
  assert.ok(sample, 'README has the grad sample');
  assert.deepEqual(JSON.parse(sample[1]!.replace(/\n\s*/g, '')), cli('grad', 'examples/seeds.py', '--function', 'seed001').json);
});

test('object parameters: the point and the gradient are objects of the same keys (@at, --at JSON, --at short form)', () => {
  const file = 'test/fixtures/objects/energy.ts';
  const fromFile = cli('grad', file, '--function', 'energy');
  assert.equal(fromFile.code, 0);
  assert.deepEqual(fromFile.json.at, { p: { x: 1, y: 2 }, k: 2 });
  assert.equal(fromFile.json.value, 14);
  assert.deepEqual(fromFile.json.gradient, { p: { x: 4, y: 6 }, k: 7 });
  const json = cli('grad', file, '--function', 'energy', '--at', '{"p": {"x": 1, "y": 2}, "k": 3}');
  assert.deepEqual(json.json.gradient, { p: { x: 6, y: 9 }, k: 7 });
  const short = cli('grad', file, '--function', 'energy', '--at', 'p={"x":1,"y":2},k=3');
  assert.deepEqual(short.json, json.json);
  // A destructured parameter is named by its position; its point comes from the call site.
  assert.deepEqual(cli('grad', file, '--function', 'spring').json.gradient, { arg0: { x: 12, y: 4 } });
  // An object output: the Jacobian keyed by the output's keys, then the parameter's.
  const out = cli('grad', file, '--function', 'moved', '--at', 'p={"x":1,"y":4}');
  assert.deepEqual(out.json.value, { x: 2, y: 4 });
  assert.deepEqual(out.json.jacobian, { p: { x: { x: 2, y: 0 }, y: { x: 4, y: 1 } } });
  assert.equal(cli('grad', file, '--function', 'energy', '--at', 'p={"x":"a"},k=1').code, 2);
  assert.equal(cli('grad', file, '--function', 'energy', '--at', 'p={},k=1').code, 2);
});

test('nested object parameters: points and gradients nest the same way (@at JS literal, @at JSON, --at, sample points)', () => {
  const file = 'test/fixtures/objects/bodies.ts';
  const energy = cli('grad', file, '--function', 'energy');
  assert.equal(energy.code, 0);
  assert.deepEqual(energy.json.at, { b: { pos: { x: 1, y: 2 }, vel: { x: 3, y: -1 }, m: 2 } });
  // 0.5·m·|v|² + m·g·y: ∂/∂v = m·v, ∂/∂y = m·g, ∂/∂m = 0.5·|v|² + g·y; pos.x is not read.
  assert.ok(Math.abs(energy.json.value - 49.24) < 1e-12);
  const g = energy.json.gradient.b;
  assert.deepEqual(Object.keys(g), ['pos', 'vel', 'm']);
  assert.deepEqual(g.pos, { x: 0, y: 19.62 });
  assert.deepEqual(g.vel, { x: 6, y: -2 });
  assert.ok(Math.abs(g.m - 24.62) < 1e-12);
  const json = cli('grad', file, '--function', 'momentum');
  assert.deepEqual(json.json.at, energy.json.at);
  assert.deepEqual(cli('grad', file, '--function', 'momentum', '--at', JSON.stringify(energy.json.at)).json, json.json);
  const short = cli('grad', file, '--function', 'momentum', '--at', 'b={"pos":{"x":0,"y":0},"vel":{"x":6,"y":8},"m":0.5}');
  assert.deepEqual(short.json.gradient, { b: { pos: { x: 0, y: 0 }, vel: { x: 0.3, y: 0.4 }, m: 10 } });
  // No point written: the sample point nests as the reads do (`s.pos.x`, a destructured `{pos: {x, y}}`).
  const drift = cli('grad', file, '--function', 'drift');
  assert.equal(drift.code, 0);
  const { s, dt } = drift.json.at;
  assert.deepEqual(Object.keys(s), ['pos', 'vel']);
  assert.deepEqual(drift.json.jacobian.s.y, { pos: { x: 0, y: 1 }, vel: { x: 0, y: dt } });
  assert.ok(Math.abs(drift.json.jacobian.dt.y - (s.vel.y - 9.81 * dt)) < 1e-12);
  assert.deepEqual(Object.keys(cli('grad', file, '--function', 'spring').json.gradient.arg0.pos), ['x', 'y']);
  // A missing nested key is an error where it is read, never a silent number.
  assert.equal(cli('grad', file, '--function', 'energy', '--at', 'b={"pos":{"x":1},"vel":{"x":1,"y":1},"m":1}').code, 2);
});

test('grad adds the checked formula of a one-expression function, and none for a loop', () => {
  const dir = tempDir('gradlens-formula-');
  const file = join(dir, 'f.py');
  writeFileSync(file, 'import numpy as np\n\n# @at x1=2.0, x2=5.0\ndef f(x1, x2):\n    return np.log(x1) + x1 * x2\n\n# @at x=0.5\ndef g(x):\n    s = 0.0\n    for k in range(3):\n        s += x ** k\n    return s\n');
  const { json } = cli('grad', file, '--function', 'f');
  assert.deepEqual(json.formula.partials.map((p: { parameter: string }) => p.parameter), ['x1', 'x2']);
  assert.equal(json.formula.partials[1].text, 'x1');
  assert.match(json.formula.partials[0].text, /^(1\/x1 \+ x2|x2 \+ 1\/x1)$/);
  assert.ok(typeof json.formula.value.tex === 'string' && json.formula.value.tex.length > 0);
  assert.equal('formula' in cli('grad', file, '--function', 'g').json, false);
});
