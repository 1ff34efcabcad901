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

test('check: Black-Scholes greeks pair with the price by their Greek letter — delta ∂/∂S, gamma ∂²/∂S², vega ∂/∂σ, rho ∂/∂r, theta −∂/∂T', () => {
  const { checks, exitCode } = run('test/fixtures/points/black_scholes.py');
  const summary = Object.fromEntries([...checks.values()].map((c) => [c.gradient, `${c.verdict} ${c.compared} (${c.points})`]));
  assert.deepEqual(summary, {
    delta: 'match ∂call_price/∂S (9)',
    gamma: 'match ∂²call_price/∂S² (9)',
    vega: 'match ∂call_price/∂sigma (9)',
    theta: 'match −∂call_price/∂T (9)',
    rho: 'match ∂call_price/∂r (9)',
  });
  assert.equal(checks.get('theta').pairedBy, 'by name (theta of call_price)');
  assert.deepEqual(checks.get('theta').notes, ['theta = −∂call_price/∂T, the value lost as time passes (T is the time to expiry)']);
  assert.equal(exitCode, 0);
  // d1 and d2 share the parameters but are helpers, not prices: nothing pairs with them.
  assert.ok([...checks.values()].every((c) => c.function === 'call_price'));
});

test('check: greeks quoted per day (÷ 365) or per percentage point (÷ 100) match and say so; a wrong gamma, a wrong theta and a rho off by another constant are caught', () => {
  const { checks, exitCode } = run('test/fixtures/points/greeks_desk.py');
  const summary = Object.fromEntries([...checks.values()].map((c) => [c.gradient, `${c.verdict} ${c.compared}`]));
  assert.deepEqual(summary, {
    delta_call: 'match ∂bs_call/∂S0',
    delta_put: 'match ∂bs_put/∂S0',
    gamma: 'mismatch ∂²bs_call/∂S0²',
    vega: 'match ∂bs_call/∂vol ÷ 100',
    theta_call: 'match −∂bs_call/∂T ÷ 365',
    theta_put: 'mismatch −∂bs_put/∂T',
    rho_call: 'mismatch ∂bs_call/∂r',
    rho_put: 'match ∂bs_put/∂r ÷ 100',
  });
  assert.ok(checks.get('theta_call').notes.includes('theta_call is −∂bs_call/∂T ÷ 365 (per calendar day) at every point compared'));
  assert.ok(checks.get('theta_call').maxRelError < 1e-12);
  assert.ok(checks.get('rho_call').notes.includes('rho_call is 1/10000 × ∂bs_call/∂r at every point compared: off by a constant factor'));
  // An unqualified gamma takes the call, and says how to ask for the put.
  assert.ok(checks.get('gamma').notes.includes('bs_call chosen as the price (bs_put has the same parameters; "@gradient-of bs_put wrt S0" above gamma says another)'));
  assert.equal(exitCode, 1);
});

test('a Greek letter in a name is not a greek without a price beside it or a parameter of its role', async () => {
  const { lowerPython } = await import('../../../src/frontends/python');
  const { findPairings } = await import('../../../src/analysis/pairing');
  const module = lowerPython(
    `def step(a, b):\n    return a * b\n\ndef delta(a, b):\n    return a - b\n\ndef rho(x, y):\n    return x * y\n\ndef vega(S, K, T, r, sigma):\n    return S * sigma\n`,
    'file:///x.py',
  );
  // delta(a, b) has no spot; rho(x, y) no rate; vega has a volatility but no price with its parameters.
  assert.deepEqual(findPairings(module.functions).map((p) => p.derivative.name), []);
  // The control: the same vega beside a price with its parameters is a greek.
  const priced = lowerPython(`def price(S, K, T, r, sigma):\n    return S * sigma * T\n\ndef vega(S, K, T, r, sigma):\n    return S * T\n`, 'file:///y.py');
  assert.deepEqual(findPairings(priced.functions).map((p) => `${p.derivative.name} ${p.reason}`), ['vega by name (vega of price)']);
  // A switch with a default (option_type='put') picks that kind's price; the switch keeps its default.
  const switched = lowerPython(
    `def call_price(S, K, T, r, sigma):\n    return S * T\n\ndef put_price(S, K, T, r, sigma):\n    return K * T\n\ndef bs_delta(S, K, T, r, sigma, option_type='put'):\n    return 0.0\n`,
    'file:///z.py',
  );
  assert.deepEqual(findPairings(switched.functions).map((p) => `${p.derivative.name} ${p.reason}`), ['bs_delta by name (delta of put_price)']);
});

test('check: (loss, grad) with sample_weight=None used as an array gets a sample for it (not differentiated) and is checked; one that asks "is None" keeps None', () => {
  const { checks } = run('test/fixtures/points/weighted_loss.py');
  const squared = checks.get('_squared_loss_and_gradient');
  assert.equal(squared.verdict, 'match');
  assert.equal(squared.pointSource, 'sample point');
  assert.equal(squared.at.sample_weight.length, squared.at.y.length, 'one weight per sample');
  assert.equal(squared.compared, '∂loss/∂w');
  const absolute = checks.get('_absolute_loss_and_gradient');
  assert.equal(absolute.verdict, 'mismatch');
  assert.deepEqual(absolute.components.map((c: any) => c.name), ['∂loss/∂w[0]', '∂loss/∂w[1]', '∂loss/∂w[2]']);
  const defaulted = checks.get('_loss_and_gradient_default_weights');
  assert.equal(defaulted.verdict, 'match');
  assert.equal(defaulted.at.sample_weight, undefined);
});

test('check: a function handed to a scipy solver or check_grad by name takes its start (and args) as the point; a gradient as long as one parameter is ∂/∂ that one', () => {
  const { checks } = run('test/fixtures/points/scipy_tutorial.py');
  const der = checks.get('rosen_der');
  assert.equal(der.verdict, 'match');
  assert.equal(der.pointSource, 'call on line 38');
  assert.deepEqual(der.at, { x: [1.3, 0.7, 0.8, 1.9, 1.2] });
  // scipy's tutorial name for the Hessian-vector product; its sign slip is on the first entry.
  const hp = checks.get('rosen_hess_p');
  assert.equal(hp.compared, '∇²rosen·p');
  assert.deepEqual(hp.components.map((c: any) => c.name), ['(∇²rosen·p)[x[0]]']);
  // check_grad(f, g, x0, X, y): the point is (x0, X, y), and g's two values are ∂f/∂w.
  const lsq = checks.get('lsq_loss_grad');
  assert.equal(lsq.verdict, 'match');
  assert.equal(lsq.compared, '∂lsq_loss/∂w');
  assert.deepEqual(lsq.at, { w: [0.1, -0.2], X: [[1, 2], [3, 4], [5, 7]], y: [1, 0.5, 2] });
  assert.ok(lsq.notes.some((n: string) => n.startsWith('lsq_loss_grad gives 2 values, as many as w has: compared with ∂lsq_loss/∂w, X, y taken as data')));
});

test('no point: the suggested @at has the shapes the code implies, and says where a sample point of those shapes stops', () => {
  const r = runCli(['grad', 'test/fixtures/points/weighted_loss.py', '--function', '_needs_sklearn']);
  const message: string = JSON.parse(r.stdout).error.message;
  // safe_sparse_dot(X, w) is read as X @ w for shapes (scikit-learn's helper), so w is a vector as long as X's rows.
  const suggested = /^no point for _needs_sklearn: add "@at w=\[([-0-9., ]+)\], X=\[(\[[-0-9., ]+\](?:, \[[-0-9., ]+\])+)\], y=\[[-0-9., ]+\]" above it/.exec(message);
  assert.ok(suggested, message);
  const features = suggested[1]!.split(',').length;
  assert.ok(features > 1 && suggested[2]!.split('], [').every((row) => row.split(',').length === features), message);
  // gradlens check says the same for a pair it cannot run.
  const { checks } = run('test/fixtures/points/weighted_loss.py');
  assert.match(checks.get('_needs_sklearn_and_gradient').error.message, /^no point to check _needs_sklearn_and_gradient at: add "@at w=.*" above _needs_sklearn_and_gradient, .*A sample point in the shapes the code implies stops at line \d+: unknown name safe_sparse_dot/);
  assert.match(message, /A sample point in the shapes the code implies stops at line \d+: .*safe_sparse_dot/);
});
