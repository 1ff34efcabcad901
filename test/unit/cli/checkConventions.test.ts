import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/main';

/**
 * `gradlens check` on derivatives real code writes by its own conventions: a per-entry "gradient" of
 * a function that mixes its entries (a softmax), greeks of an option price, sample weights defaulting
 * to None.
 */

function run(...args: string[]): { exitCode: number; checks: Map<string, any> } {
  const r = runCli(['check', ...args]);
  const json = JSON.parse(r.stdout);
  assert.ok(Array.isArray(json.checks), r.stdout);
  return { exitCode: r.exitCode, checks: new Map(json.checks.map((c: any) => [c.gradient, c])) };
}

test('check: a per-entry gradient of a function whose Jacobian is not diagonal is compared with the diagonal, and says it is only that', () => {
  const { checks } = run('test/fixtures/points/softmax_diagonal.py');
  const softmax = checks.get('Softmax.gradient');
  assert.equal(softmax.verdict, 'match');
  assert.equal(softmax.compared, 'the diagonal of the Jacobian of Softmax.function');
  assert.equal(softmax.points, 9);
  assert.match(softmax.notes.join(' '), /Jacobian is not diagonal \(∂Softmax\.function\[0\]\/∂x\[1\] = -?[0-9.]+\): .*only the diagonal .* is compared; it is not Softmax\.function's full derivative/);
  const wrong = checks.get('LogSoftmax.gradient');
  assert.equal(wrong.verdict, 'mismatch');
  assert.equal(wrong.compared, 'the diagonal of the Jacobian of LogSoftmax.function');
  assert.equal(wrong.components.length, wrong.at.x.length, 'every diagonal entry differs');
});
