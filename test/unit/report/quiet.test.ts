import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
import { reportRequest } from './fixtures';

/**
 * Quiet by default: a long real-style module (argument checks, logging, warnings, option parsing,
 * classes, relative imports, a handful of math functions) gives almost nothing in Problems, while
 * every math function gets a number, or a lens saying how to get one.
 */

const REAL = readFileSync(join(__dirname, 'data', 'realModule.py'), 'utf8');
const request = reportRequest;

/** The functions of realModule.py that compute something a person wants the derivative of. */
const ANNOTATED = ['rosen', 'rosen_der', 'himmelblau', 'gaussian_nll', 'black_scholes_call', 'logistic_loss', 'smooth_penalty'];

describe('quiet by default', () => {
  it('a 600-line real-style module: at most a few problems, every math function a number or a lens', () => {
    assert.ok(REAL.split('\n').length >= 500);
    const report = reportDocument(request(REAL), new FunctionCache());
    assert.ok(report.diagnostics.length <= 2, report.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`).join('\n'));
    const byName = new Map(report.functions.map((f) => [f.name, f]));
    for (const name of ANNOTATED) {
      const f = byName.get(name)!;
      assert.ok(f.result, `${name}: ${f.error?.message ?? f.errors[0]?.message ?? 'no result'}`);
      assert.ok(f.result.gradient || f.result.jacobian, name);
    }
    // Helpers without a point still get a lens (they compute), and say nothing in Problems.
    for (const name of ['_payoff', '_norm_cdf', 'softplus_sum', 'bracket']) {
      const f = byName.get(name)!;
      assert.equal(f.asked, false, name);
      assert.ok(f.arithmetic, `${name} computes something, so it keeps a lens`);
    }
    // Functions that only check, log or print get no lens.
    for (const name of ['_check_tolerance', '_check_positive_integer', '_status_message', '_print_header', '_environment_threads']) {
      assert.equal(byName.get(name)!.arithmetic, false, name);
    }
    // A function nobody asked about that reaches an unmodelled module says so quietly, in its lens only.
    assert.match(byName.get('_environment_threads')!.quiet ?? '', /^can't read os\.environ\.get \(line \d+\)$/);
  });

  it('the numbers are right: Black–Scholes and the Rosenbrock function at their annotations', () => {
    const report = reportDocument(request(REAL), new FunctionCache());
    const bs = report.functions.find((f) => f.name === 'black_scholes_call')!.result!;
    // Closed form at s=100, k=95, t=0.5, r=0.01, v=0.2 (delta = N(d1)).
    const d1 = (Math.log(100 / 95) + (0.01 + 0.02) * 0.5) / (0.2 * Math.sqrt(0.5));
    const phi = (x: number): number => 0.5 * (1 + erf(x / Math.SQRT2));
    assert.ok(Math.abs((bs.gradient!.s as number) - phi(d1)) < 1e-7, String(bs.gradient!.s));
    const rosen = report.functions.find((f) => f.name === 'rosen')!.result!;
    const x = [1.3, 0.7, 0.8];
    const value = 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2 + 100 * (x[2]! - x[1]! ** 2) ** 2 + (1 - x[1]!) ** 2;
    assert.ok(Math.abs((rosen.value as number) - value) < 1e-12);
  });

  it('housekeeping says nothing: argparse, logging.config, a dataclass, @overload stubs, __all__, guarded imports, TYPE_CHECKING', () => {
    const text = readFileSync(join(__dirname, 'data', 'housekeeping.py'), 'utf8');
    const report = reportDocument(request(text), new FunctionCache());
    assert.deepEqual(report.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
    const byName = new Map(report.functions.map((f) => [f.name, f]));
    // The overloads are signatures for type checkers: the plain def after them is the function.
    const scale = byName.get('scale')!;
    assert.ok(scale.result?.gradient, scale.error?.message ?? 'no result');
    assert.equal(scale.result.gradient.x, 2);
    assert.equal(report.functions.filter((f) => f.name === 'scale').length, 1);
    assert.ok(byName.get('sigmoid_loss')!.result?.gradient, byName.get('sigmoid_loss')!.error?.message);
    for (const name of ['parse_args', 'setup_logging']) assert.equal(byName.get(name)!.arithmetic, false, name);
  });

  it('a function someone asked about is loud where its evaluation fails, and only there', () => {
    const text = 'import os\n\n# @at x=-1.0\ndef f(x):\n    if x > 0:\n        return os.getcwd()\n    return g(x)\n\ndef g(x):\n    return x.nothing\n\ndef h(x):\n    return os.path.join(x)\n';
    const report = reportDocument(request(text), new FunctionCache());
    assert.equal(report.diagnostics.length, 1, JSON.stringify(report.diagnostics));
    assert.match(report.diagnostics[0]!.message, /has no attribute \.nothing/);
    assert.equal(report.diagnostics[0]!.range.start.line, 9);
    // h has the same problem but nobody asked: nothing in Problems. Asking puts it there.
    const asked = reportDocument(request(text, { lastUsed: { h: { x: 1 } } }), new FunctionCache());
    assert.ok(asked.diagnostics.some((d) => /os\.path\.join/.test(d.message) && d.range.start.line === 12), JSON.stringify(asked.diagnostics));
  });

  it('a syntax error in a function nobody asked about stays out of Problems; in one asked about it is reported', () => {
    const quiet = reportDocument(request('def f(x):\n    return (x +\n\ndef g(x):\n    return x\n'), new FunctionCache());
    assert.equal(quiet.diagnostics.filter((d) => d.code === 'syntax').length, 0);
    const loud = reportDocument(request('# @at x=1\ndef f(x):\n    return (x +\n'), new FunctionCache());
    assert.ok(loud.diagnostics.some((d) => d.code === 'syntax'));
  });
});

function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26 is not enough for 1e-7; integrate the series instead.
  let sum = 0;
  let term = x;
  for (let n = 0; n < 60; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
