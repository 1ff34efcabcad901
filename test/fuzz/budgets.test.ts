import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentAnalysis } from '../../src/analysis/document';
import { traceRows } from '../../src/analysis/trace';
import type { Budget } from '../../src/core/budget';
import { cpuMillis } from '../cpuTime';
import { FunctionCache, reportDocument } from '../../src/report/documentReport';
import { graphModelFromResult } from '../../src/report/graphModel';
import { variableReports } from '../../src/analysis/variables';

/**
 * Budgets hold where the work is: inside one array kernel, across sweeps, over a hand-gradient
 * check and over a whole document. Each case is sized to run for seconds without its budget and
 * must stop within 1.5× of it (plus a fixed allowance), in CPU time: the budgets run on the wall
 * clock, so the CPU a case spends is at most its wall time, and a shared 2-core machine cannot make
 * it fail, while a budget that no longer holds spends tens of seconds.
 */

const SLACK_MS = 500;

function gradientOf(text: string, fn: string, budget: Partial<Budget>, at?: Record<string, unknown>, mode: 'reverse' | 'forward' = 'reverse'): { code?: string; message?: string; ms: number } {
  const doc = DocumentAnalysis.fromText(text, 'file:///b.py', 'python');
  const point = doc.resolvePoint(fn, at as never);
  assert.ok(point.ok, point.ok ? '' : point.error.message);
  const { value: r, ms } = cpuMillis(() => doc.gradient(fn, point.value, { mode, budget }));
  return r.ok ? { ms } : { code: r.error.code, message: r.error.message, ms };
}

function stopsInTime(r: { code?: string; ms: number }, maxMillis: number): void {
  assert.equal(r.code, 'budget-time');
  assert.ok(r.ms < 1.5 * maxMillis + SLACK_MS, `stopped after ${r.ms.toFixed(0)} ms against a ${maxMillis} ms budget`);
}

describe('time is charged where the work is', () => {
  it('one large matmul stops mid-kernel', () => {
    const text = 'import numpy as np\ndef f(x):\n    A = np.ones((1500, 1500)) * x\n    return np.sum(A @ A @ A @ A)\n\nf(1.0)\n';
    stopsInTime(gradientOf(text, 'f', { maxMillis: 250 }), 250);
  });

  it('thousands of reductions over a large array stop in time', () => {
    const text = 'import numpy as np\ndef f(x):\n    A = np.ones((1000, 1000)) * x\n    s = 0.0\n    for i in range(4000):\n        s = s + np.sum(A)\n    return s\n\nf(1.0)\n';
    stopsInTime(gradientOf(text, 'f', { maxMillis: 250 }), 250);
  });

  it('forward mode over 50,000 inputs: one sweep per input, stopped by the budget', () => {
    const text = 'import numpy as np\ndef f(w):\n    return np.sum(w * w)\n';
    const r = gradientOf(text, 'f', { maxMillis: 250 }, { w: new Array(50_000).fill(0.5) }, 'forward');
    stopsInTime(r, 250);
    assert.match(r.message!, /50,000 forward sweeps/);
  });

  it('a Jacobian far taller than wide, asked in reverse mode, is swept forward: 200,000 outputs of one scale', () => {
    // One reverse sweep per output would visit 200,000 × 200,000 entries and always hit the budget
    // (autograd's init_random_params did, on every analysis); one forward sweep visits 200,000.
    const text = 'import numpy as np\ndef init(scale):\n    return scale * np.linspace(-1.0, 1.0, 200000)\n';
    // A generous clock: on a loaded machine the one forward sweep can take seconds of wall time,
    // and one reverse sweep per output would not end within any clock a test could wait for.
    const r = gradientOf(text, 'init', { maxMillis: 30_000 }, { scale: 0.1 });
    assert.equal(r.code, undefined, r.message);
    const doc = DocumentAnalysis.fromText(text, 'file:///b.py', 'python');
    const point = doc.resolvePoint('init', { scale: 0.1 } as never);
    assert.ok(point.ok);
    const g = doc.gradient('init', point.value, { mode: 'reverse', budget: { maxMillis: 30_000 } });
    assert.ok(g.ok, g.ok ? '' : g.error.message);
    const column = (g.value as unknown as { jacobian: { scale: number[] } }).jacobian.scale;
    assert.equal(column.length, 200_000);
    assert.equal(column[0], -1);
    assert.equal(column[199_999], 1);
  });

  it('a hand-written gradient is checked at nine points within one budget', () => {
    const text = 'def f(x):\n    s = 0.0\n    for i in range(300000):\n        s = s + x * 1e-6\n    return s\n\ndef grad_f(x):\n    s = 0.0\n    for i in range(300000):\n        s = s + 1e-6\n    return s\n\nf(1.0)\n';
    const doc = DocumentAnalysis.fromText(text, 'file:///c.py', 'python');
    const pairing = doc.pairings()[0]!;
    const { ms } = cpuMillis(() => doc.check(pairing, { maxMillis: 300, maxSteps: 10_000_000 }));
    assert.ok(ms < 1.5 * 300 + SLACK_MS, `the check took ${ms.toFixed(0)} ms against 300`);
  });

  it('a document of many slow functions ends at its own budget; the rest are marked not analysed', () => {
    const text = Array.from({ length: 12 }, (_, i) => `# @at x=1\ndef f${i}(x):\n    while True:\n        x = x + 1\n    return x\n`).join('\n');
    const { value: report, ms } = cpuMillis(() => reportDocument({ uri: 'file:///d.py', version: 1, text, language: 'python', settings: { mode: 'reverse', budget: { maxMillis: 150 } }, lastUsed: {} }, new FunctionCache(), () => false, 600));
    assert.ok(ms < 1.5 * 600 + SLACK_MS, `the document took ${ms.toFixed(0)} ms against 600`);
    const codes = report.functions.map((f) => f.error?.code);
    assert.ok(codes.every((c) => c === 'budget-time' || c === 'budget-steps'), codes.join());
    assert.match(report.functions.at(-1)!.error!.message, /not analysed: this document's time budget/);
  });
});

describe('sweeps that show a trace count their work, whenever they run', () => {
  const text = 'import numpy as np\n# @at x=1.0\ndef f(x):\n    A = np.ones((1000, 1000)) * x\n    B = A * A\n    return np.sum(B)\n';
  const resultWith = (budget: Partial<Budget>) => {
    const doc = DocumentAnalysis.fromText(text, 'file:///g.py', 'python');
    const point = doc.resolvePoint('f');
    assert.ok(point.ok);
    const r = doc.gradient('f', point.value, { budget });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    return { doc, result: r.value };
  };

  it('the graph of a trace whose sweeps would pass 256 units a step is refused by count, not by clock', () => {
    // 1,000 steps allow 256,000 units; the sweeps visit millions of elements.
    // The recording's clock is generous (a loaded machine); the graph is refused by its count.
    const { doc, result } = resultWith({ maxSteps: 1000, maxMillis: 30_000 });
    const model = graphModelFromResult(doc, text, result, { plots: false });
    assert.ok(!model.ok);
    assert.equal(model.error.code, 'budget-steps');
    assert.match(model.error.message, /the graph's tangents and adjoints needs more than 256,000 units of array work/);
    // The same trace within the default count gets its model, though its recording's deadline is long past.
    const { doc: d2, result: r2 } = resultWith({ maxMillis: 30_000 });
    const later = graphModelFromResult(d2, text, { ...r2, trace: { ...r2.trace, deadline: Date.now() - 1 } }, { plots: false });
    assert.ok(later.ok, later.ok ? '' : later.error.message);
  });

  it('hovers over such a trace keep the values and drop tangents and adjoints', () => {
    const { doc, result } = resultWith({ maxSteps: 1000, maxMillis: 30_000 });
    const variables = variableReports(doc.find('f')!, result.trace);
    assert.deepEqual(variables.map((v) => [v.name, v.adjoint, Object.keys(v.tangents).length]), [['A', undefined, 0], ['B', undefined, 0]]);
  });
});

describe('sizes are capped before allocation', () => {
  it('a 10⁶ × 10³ Jacobian (np.outer of 1,000 inputs) is refused at once', () => {
    const text = 'import numpy as np\ndef f(w):\n    return np.outer(w, w)\n';
    const r = gradientOf(text, 'f', {}, { w: new Array(1000).fill(0.5) });
    assert.equal(r.code, 'budget-memory');
    assert.match(r.message!, /1,000,000 outputs × 1,000 inputs/);
    // Seconds at most (it recorded a million output entries first); it used to run out of memory.
    assert.ok(r.ms < 15_000, `${r.ms} ms`);
  });

  it('a trace table longer than the memory budget allows is refused before its rows are made', () => {
    const text = 'def f(x):\n    s = 0.0\n    for i in range(50000):\n        s = s + x\n    return s\n\nf(1.0)\n';
    const doc = DocumentAnalysis.fromText(text, 'file:///t.py', 'python');
    const point = doc.resolvePoint('f');
    assert.ok(point.ok);
    const trace = doc.record('f', point.value, { maxBytes: 16 * 1024 * 1024 });
    assert.ok(trace.ok);
    const rows = traceRows(trace.value, { mode: 'reverse' }, doc.find('f')!.nameRange);
    assert.ok(!rows.ok);
    assert.equal(rows.error.code, 'budget-memory');
  });

  it('a loop making a small array per step is charged for each array, not only its numbers', () => {
    const text = 'import numpy as np\ndef f(x):\n    s = 0.0\n    for i in range(200000):\n        a = np.array([x, x])\n        s = s + a[0]\n    return s\n\nf(1.0)\n';
    const r = gradientOf(text, 'f', { maxBytes: 16 * 1024 * 1024, maxMillis: 5000 });
    assert.equal(r.code, 'budget-memory');
  });
});
