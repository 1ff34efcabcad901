import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../tempDir';
import { runCli } from '../../../src/cli/main';

/**
 * An objective that returns its value and writes its own gradient into an argument, as JavaScript
 * minimisers (`f(X, fxprime) { fxprime = fxprime || [0, 0]; … }`) and nlopt's Python interface
 * (`f(x, grad)`, `if grad.size > 0: grad[0] = …`) take them: the written gradient is checked against
 * AD of the returned value, and the argument is no input of the function's own lens.
 */

const JS = 'test/fixtures/pairing/objectives_with_gradient.js';
const PY = 'test/fixtures/pairing/objectives_with_gradient.py';

function checksOf(file: string): Map<string, Record<string, any>> {
  const r = runCli(['check', file]);
  return new Map(JSON.parse(r.stdout).checks.map((c: any) => [c.gradient, c]));
}

test('the gradient an objective writes into its argument matches AD of its value', () => {
  const expect: [string, string, string][] = [
    [JS, 'booth', '∂booth/∂p'],
    [JS, 'sphere', '∂sphere/∂values'],
    [JS, 'softplusSum', '∂softplusSum/∂w'],
    [PY, 'quartic_bowl', '∂quartic_bowl/∂x'],
    [PY, 'log_barrier', '∂log_barrier/∂x'],
    [PY, 'smooth_abs', '∂smooth_abs/∂x'],
    // nlopt's constraint with data after the buffer: the gradient is in x alone.
    [PY, 'cubic_wall', '∂cubic_wall/∂x'],
  ];
  const checks = new Map([...checksOf(JS), ...checksOf(PY)]);
  for (const [, name, compared] of expect) {
    const c = checks.get(name);
    assert.ok(c, `${name} is not checked`);
    assert.equal(c.verdict, 'match', `${name}: ${JSON.stringify(c)}`);
    assert.equal(c.points, 9, name);
    assert.equal(c.compared, compared, name);
    assert.equal(c.function, name, 'its own pairing');
    assert.match(c.pairedBy, /^writes its gradient into (gradient|fxprime|wprime|grad)$/, name);
  }
  // A buffer not named as a derivative is no gradient, whatever the function writes there.
  assert.equal(checks.has('scaleInto'), false);
});

test('a slip in a written gradient is a mismatch at the component that slipped', () => {
  const slips: [string, string, string, string, string][] = [
    [JS, 'booth', 'gradient[1] = 4 * (a + 2 * b - 7) + 2 * (2 * a + b - 5);', 'gradient[1] = 4 * (a + 2 * b - 7) + (2 * a + b - 5);', '[1]'],
    [JS, 'sphere', 'fxprime[i] = 2 * values[i];', 'fxprime[i] = values[i];', '[0]'],
    [PY, 'quartic_bowl', 'grad[0] = 4 * (x[0] - 1) ** 3', 'grad[0] = 3 * (x[0] - 1) ** 3', '[0]'],
    [PY, 'log_barrier', 'grad[:] = -1.0 / x + 2 * x', 'grad[:] = -1.0 / x + x', '[0]'],
    [PY, 'cubic_wall', 'grad[0] = 3 * slope * (slope * x[0] + offset) ** 2', 'grad[0] = 3 * (slope * x[0] + offset) ** 2', '[0]'],
  ];
  const dir = tempDir('own-output-gradient-');
  for (const [fixture, name, right, wrong, component] of slips) {
    const source = readFileSync(fixture, 'utf8');
    assert.ok(source.includes(right), right);
    const file = join(dir, `${name}${fixture.slice(fixture.lastIndexOf('.'))}`);
    writeFileSync(file, source.replace(right, wrong));
    const c = checksOf(file).get(name)!;
    assert.equal(c.verdict, 'mismatch', `${name}: ${JSON.stringify(c)}`);
    assert.ok(c.components.some((k: any) => String(k.name).endsWith(component)), `${name}: ${JSON.stringify(c.components)}`);
  }
});

test("the argument receiving the gradient is not differentiated in the objective's own lens", () => {
  const r = runCli(['grad', PY, '--function', 'smooth_abs']);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out.gradient), ['x']);
  const [a, b] = out.at.x as number[];
  assert.ok(Math.abs(out.gradient.x[0] - a! / Math.sqrt(a! * a! + 0.01)) < 1e-12);
  assert.ok(Math.abs(out.gradient.x[1] - Math.cos(b!)) < 1e-12);
});

test("a constraint's data after the buffer are inputs of its own lens; the buffer is not", () => {
  const out = JSON.parse(runCli(['grad', PY, '--function', 'cubic_wall']).stdout);
  assert.deepEqual(Object.keys(out.gradient).sort(), ['offset', 'slope', 'x']);
  const [x0] = out.at.x as number[];
  const { slope, offset } = out.at as { slope: number; offset: number };
  const inner = slope * x0! + offset;
  assert.ok(Math.abs(out.gradient.slope - 3 * inner * inner * x0!) < 1e-12);
  assert.ok(Math.abs(out.gradient.offset - 3 * inner * inner) < 1e-12);
  assert.deepEqual(out.gradient.x.map((g: number) => Number(g.toFixed(12))), [Number((3 * slope * inner * inner).toFixed(12)), -1]);
});
