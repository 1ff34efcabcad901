import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { graphModelFor } from '../../../src/report/graphModel';
import { plotSizes } from '../../../src/report/graphPlots';
import { isGraphModel } from '../../../src/protocol/graphModel';
import { loopModel, modelOf, seed001Model, SEED001_TEXT } from './fixtures';

/**
 * Seed 001 at (1.5, 0.5), table by table and cell by cell, against the seed's printed numbers with
 * shared/notes/seeds-errata.md applied (value 2.016646669428201; the product rule is v̇₅v₄ + v̇₄v₅).
 */

/** The seeds print three decimals. */
const f3 = (x: number | null): string => (x === null ? 'null' : x.toFixed(3));

test('seed 001: the primal–tangent table, cell by cell (seed x₁)', () => {
  const m = seed001Model();
  assert.equal(m.seed, 'x1');
  const rows = m.tangentRows.map((r) => [r.primal, f3(r.value), r.tangent, f3(r.tangentValue)]);
  assert.deepEqual(rows, [
    ['v₋₁ = x₁', '1.500', 'v̇₋₁', '1.000'],
    ['v₀ = x₂', '0.500', 'v̇₀', '0.000'],
    ['v₁ = v₋₁/v₀', '3.000', 'v̇₁ = (v₀v̇₋₁ − v₋₁v̇₀)/v₀²', '2.000'],
    ['v₂ = sin(v₁)', '0.141', 'v̇₂ = cos(v₁) × v̇₁', '-1.980'],
    ['v₃ = exp(v₀)', '1.649', 'v̇₃ = v₃ × v̇₀', '0.000'],
    ['v₄ = v₁ − v₃', '1.351', 'v̇₄ = v̇₁ − v̇₃', '2.000'],
    ['v₅ = v₂ + v₄', '1.492', 'v̇₅ = v̇₂ + v̇₄', '0.020'],
    // The seed prints "v̇₅v₄ − v̇₄v₅" but its number, 3.012, is the product rule's "+" (errata).
    ['v₆ = v₅ × v₄', '2.017', 'v̇₆ = v̇₅ × v₄ + v̇₄ × v₅', '3.012'],
    ['f(x₁, x₂) = v₆', '2.017', '∂f/∂x₁ = v̇₆', '3.012'],
  ]);
  assert.equal(m.outputs[0], 2.016646669428201); // errata: the exact value (2.0166 to four places)
});

test('seed 001: the primal–adjoint table, cell by cell', () => {
  const m = seed001Model();
  assert.deepEqual(
    m.primalRows.map((r) => [r.text, f3(r.value)]),
    [
      ['v₋₁ = x₁', '1.500'],
      ['v₀ = x₂', '0.500'],
      ['v₁ = v₋₁/v₀', '3.000'],
      ['v₂ = sin(v₁)', '0.141'],
      ['v₃ = exp(v₀)', '1.649'],
      ['v₄ = v₁ − v₃', '1.351'],
      ['v₅ = v₂ + v₄', '1.492'],
      ['v₆ = v₅ × v₄', '2.017'],
      ['f(x₁, x₂) = v₆', '2.017'],
    ],
  );
  assert.deepEqual(
    m.adjointRows.map((r) => [r.text, f3(r.value)]),
    [
      ['v̄₆ = f̄', '1.000'],
      ['v̄₅ = v₄ × v̄₆', '1.351'],
      ['v̄₄ = v₅ × v̄₆ + v̄₅', '2.844'],
      ['v̄₃ = −v̄₄', '-2.844'],
      ['v̄₂ = v̄₅', '1.351'],
      // The seed writes v̄₂ cos(v₁) + v̄₄; terms are listed in the order the reverse sweep adds them.
      ['v̄₁ = v̄₄ + v̄₂ cos(v₁)', '1.506'],
      ['v̄₀ = v̄₃ v₃ − v̄₁ v₋₁/v₀²', '-13.724'],
      ['v̄₋₁ = v̄₁/v₀', '3.012'],
      ['x̄₂ = v̄₀', '-13.724'],
      ['x̄₁ = v̄₋₁', '3.012'],
    ],
  );
  const near = (a: number | null, b: number): boolean => a !== null && Math.abs(a - b) <= 8 * Number.EPSILON * Math.abs(b);
  assert.ok(near(m.gradient![0]!, 3.0118433276739065), String(m.gradient));
  assert.ok(near(m.gradient![1]!, -13.723961509314076), String(m.gradient));
});

test('seed 001: the tape listing writes out the reverse sweep, accumulation steps included', () => {
  const m = seed001Model();
  const forward = m.tape.filter((l) => l.kind === 'forward');
  assert.deepEqual(forward.map((l) => l.text), m.nodes.map((n) => `${n.name} = ${n.expression}`));
  const reverse = m.tape.filter((l) => l.kind !== 'forward');
  assert.deepEqual(
    reverse.map((l) => [l.text, f3(l.value), l.total === undefined ? '' : f3(l.total)]),
    [
      ['v̄₆ = 1', '1.000', ''],
      ['v̄₅ += v₄ × v̄₆', '1.351', '1.351'],
      ['v̄₄ += v₅ × v̄₆', '1.492', '1.492'],
      ['v̄₂ += v̄₅', '1.351', '1.351'],
      ['v̄₄ += v̄₅', '1.351', '2.844'],
      ['v̄₁ += v̄₄', '2.844', '2.844'],
      ['v̄₃ += −v̄₄', '-2.844', '-2.844'],
      ['v̄₀ += v̄₃ v₃', '-4.688', '-4.688'],
      ['v̄₁ += v̄₂ cos(v₁)', '-1.338', '1.506'],
      ['v̄₋₁ += v̄₁/v₀', '3.012', '3.012'],
      ['v̄₀ += −v̄₁ v₋₁/v₀²', '-9.036', '-13.724'],
    ],
  );
  // Each node's last running total is exactly the reverse sweep's adjoint (same additions, same order).
  for (const n of m.nodes) {
    const last = reverse.filter((l) => l.kind === 'accumulate' && l.nodeId === n.id).pop();
    if (last) assert.equal(last.total, n.adjoint, n.name);
  }
});

test('the numbers are the tape’s: edge partials are the stored ones, tangents agree with adjoints', () => {
  const text = SEED001_TEXT;
  const analysis = DocumentAnalysis.fromText(text, 'file:///s.py', 'python');
  const point = analysis.resolvePoint('f');
  assert.ok(point.ok);
  const trace = analysis.record('f', point.value);
  assert.ok(trace.ok);
  const m = graphModelFor(analysis, text, 'f', point.value);
  assert.ok(m.ok);
  for (const e of m.value.edges) {
    const stored: number | undefined = e.argument === 0 ? trace.value.tape.partial0[e.to] : trace.value.tape.partial1[e.to];
    assert.equal(e.partial, stored);
  }
  assert.equal(m.value.edges.find((e) => e.to === 2 && e.from === 1)!.partial, -6); // ∂(x₁/x₂)/∂x₂ = −x₁/x₂²
  const bySeed = seed001Model({ seed: 'x2' });
  assert.equal(bySeed.seed, 'x2');
  assert.deepEqual(bySeed.tangentRows.slice(0, 2).map((r) => r.tangentValue), [0, 1]);
  assert.equal(f3(bySeed.tangentRows.at(-1)!.tangentValue), '-13.724');
  assert.equal(bySeed.tangentRows.at(-1)!.tangent, '∂f/∂x₂ = v̇₆');
});

test('plots: f along the gradient and each coordinate with slope ∇f·d, and a contour grid', () => {
  const m = seed001Model({ plots: { samples: 101, grid: 41, budgetMs: 30_000 } });
  const [grad, e0, e1] = m.plots.lines;
  assert.equal(grad!.id, 'gradient');
  assert.equal(grad!.t.length, 101);
  assert.ok(Math.abs(grad!.slope - Math.hypot(3.0118433276739065, -13.723961509314076)) < 1e-12);
  assert.equal(e0!.slope, m.gradient![0]);
  assert.equal(e1!.slope, m.gradient![1]);
  assert.equal(e0!.t[50], 0);
  assert.equal(e0!.f[50], 2.016646669428201); // the sample at t = 0 is f(x₀)
  const c = m.plots.contour!;
  assert.equal(c.xs.length, 41);
  assert.equal(c.values.length, 41 * 41);
  assert.equal(c.values[20 * 41 + 20], 2.016646669428201);
  assert.deepEqual(c.gradient, m.gradient);
  assert.deepEqual(seed001Model({ plots: false }).plots, { lines: [] });
});

test('plots size themselves to what one evaluation costs: full for a cheap function, fewer samples for a slow one', () => {
  // 7 lines (∇ and 6 coordinates); 40 ms for all of them.
  assert.deepEqual(plotSizes({}, 7, false, () => 0.005), { samples: 101, grid: 41 });
  assert.deepEqual(plotSizes({}, 7, false, () => 0.1), { samples: 57, grid: 21 });
  assert.deepEqual(plotSizes({}, 7, false, () => 50), { samples: 21, grid: 11 });
  // Two inputs: half for the lines, half for the contour grid.
  assert.deepEqual(plotSizes({}, 3, true, () => 0.02), { samples: 101, grid: 31 });
  // Given sizes are kept (made odd, so that t = 0 is a sample), and nothing is timed.
  assert.deepEqual(plotSizes({ samples: 60, grid: 40 }, 7, true, () => assert.fail('timed')), { samples: 61, grid: 41 });
  const cheap = seed001Model();
  assert.equal(cheap.plots.lines[0]!.t.length % 2, 1);
  assert.ok(cheap.plots.contour!.xs.length >= 11);
});

test('the model is valid protocol data, also after a JSON round trip', () => {
  assert.ok(isGraphModel(JSON.parse(JSON.stringify(seed001Model()))));
  assert.ok(isGraphModel(JSON.parse(JSON.stringify(loopModel(10)))));
});

test('a 500-node unrolled loop groups by parameter and by source line', () => {
  const m = loopModel();
  // 126 inputs and 3 operations per iteration: x[i] reads x's input entry, as for a list.
  assert.equal(m.nodes.length, 501);
  const groups = Object.fromEntries(m.groups.map((g) => [g.id, g]));
  assert.equal(groups['param:x']!.members.length, 125);
  assert.equal(groups['line:6']!.members.length, 375);
  assert.match(groups['line:6']!.label, /^line 7: s = s \+ a \* np\.sin\(x\[i\]\)/);
  assert.ok(m.nodes.filter((n) => n.group === undefined).length <= 1); // a
});

test('a helper function’s operations group by the helper', () => {
  const text = `import math\n\ndef sq(t):\n    return t * t + 1\n\n# @at x=2\ndef g(x):\n    return sq(x) * sq(x + 1)\n`;
  const m = modelOf(text, 'g');
  const helper = m.groups.find((g) => g.kind === 'helper');
  assert.ok(helper, JSON.stringify(m.groups));
  assert.equal(helper.members.length, 4);
  assert.equal(m.outputs[0], 5 * 10);
});

test('too large a tape is refused with a located message; a tuple output has no adjoint table', () => {
  const analysis = DocumentAnalysis.fromText(SEED001_TEXT, 'file:///s.py', 'python');
  const refused = graphModelFor(analysis, SEED001_TEXT, 'f', undefined, { maxNodes: 5 });
  assert.ok(!refused.ok);
  assert.match(refused.error.message, /records 8 operations/);
  assert.equal(refused.error.range.start.line, 3);
  const tuple = modelOf(`# @at x=1, y=2\ndef h(x, y):\n    return x * y, x + y\n`, 'h');
  assert.deepEqual(tuple.adjointRows, []);
  assert.match(tuple.adjointNote!, /scalar output/);
  assert.equal(tuple.gradient, null);
  assert.deepEqual(tuple.outputs, [2, 3]);
});

test('the seeds in math notation: ln and e^x read as on paper', () => {
  const text = readFileSync('examples/seeds.math', 'utf8');
  const m = modelOf(text, 'f', {}, 'math', 'file:///seeds.math');
  assert.ok(m.tangentRows.some((r) => r.primal.includes('ln(v₋₁)')), m.tangentRows.map((r) => r.primal).join('\n'));
  assert.ok(Math.abs(m.outputs[0]! - 11.652071455223084) < 1e-12);
});

test('plots of a function whose point holds text: the text stays at every sample (the put branch is plotted, not an error)', () => {
  const text = 'import math\n\n# @at S=3, K=2, kind="put"\ndef payoff(S, K, kind):\n    if kind == "call":\n        return math.exp(S - K)\n    return math.log(S + K) * K\n';
  const analysis = DocumentAnalysis.fromText(text, 'file:///p.py', 'python');
  const m = graphModelFor(analysis, text, 'payoff', undefined, { plots: { samples: 21, grid: 11, budgetMs: 30_000 } });
  assert.ok(m.ok, JSON.stringify(!m.ok && m.error));
  assert.match(m.value.point.text, /kind="put"/);
  const [grad, s, k] = m.value.plots.lines;
  assert.deepEqual([grad!.id, s!.label, k!.label].length, 3);
  // f(S, K) = ln(S + K)·K along S at t = 0 is the value; every sample is finite (none hit the call branch's error).
  assert.equal(s!.f[10], Math.log(5) * 2);
  assert.ok(s!.f.every((v) => v !== null && Number.isFinite(v)), JSON.stringify(s!.f));
  assert.equal(m.value.plots.contour!.values[5 * 11 + 5], Math.log(5) * 2);
});
