import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompiledModule } from '../../../src/engine/module';
import { recordTrace, evaluatePrimal } from '../../../src/engine/run';
import { derivatives, hessianMatrix, jacobianMatrix } from '../../../src/engine/differentiate';
import { assign, bin, call, fn, module, name, ret } from './irBuilders';

// Seed 001: f(x1, x2) = [sin(x1/x2) + x1/x2 − e^x2] × [x1/x2 − e^x2], written as the seed's Wengert list.
const seed001 = fn('f', ['v_1', 'v0'], [
  assign('v1', bin('/', name('v_1'), name('v0'))),
  assign('v2', call('sin', name('v1'))),
  assign('v3', call('exp', name('v0'))),
  assign('v4', bin('-', name('v1'), name('v3'))),
  assign('v5', bin('+', name('v2'), name('v4'))),
  assign('v6', bin('*', name('v5'), name('v4'))),
  ret(name('v6')),
]);

test('seed 001 from hand-built IR: value, gradient in both modes, symmetric Hessian', () => {
  const m = new CompiledModule(module(seed001));
  assert.deepEqual(m.functions.get('f')!.errors, []);
  const primal = evaluatePrimal(m, 'f', [1.5, 0.5]);
  assert.equal(primal.output.values[0], 2.016646669428201);
  const trace = recordTrace(m, 'f', [1.5, 0.5]);
  assert.equal(trace.tape.length, 8); // two inputs and the six operations v1…v6
  const rev = derivatives(trace, 'reverse').gradient!;
  const fwd = derivatives(trace, 'forward').gradient!;
  assert.ok(Math.abs((rev.v_1 as number) - 3.0118433276739065) < 1e-14);
  assert.ok(Math.abs((rev.v0 as number) - -13.723961509314076) < 1e-13);
  assert.ok(Math.abs((fwd.v_1 as number) - (rev.v_1 as number)) <= 1e-12 * Math.abs(rev.v_1 as number));
  const H = hessianMatrix(trace);
  assert.ok(Math.abs(H[0]![1]! - H[1]![0]!) < 1e-12 * Math.abs(H[0]![1]!));
  // Against central differences of the reverse gradient.
  const h = 1e-5;
  const grad = (x: number, y: number) => jacobianMatrix(recordTrace(m, 'f', [x, y]), 'reverse')[0]!;
  const col0 = grad(1.5 + h, 0.5).map((g, i) => (g - grad(1.5 - h, 0.5)[i]!) / (2 * h));
  assert.ok(Math.abs(col0[0]! - H[0]![0]!) < 1e-5 * Math.max(1, Math.abs(H[0]![0]!)), `${col0[0]} vs ${H[0]![0]}`);
  assert.ok(Math.abs(col0[1]! - H[1]![0]!) < 1e-5 * Math.max(1, Math.abs(H[1]![0]!)), `${col0[1]} vs ${H[1]![0]}`);
});
