import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AnalysisClient } from '../../../src/extension/analysisClient';
import { FunctionCache, lowerAhead, ReportCancelled, reportDocument } from '../../../src/report/documentReport';
import { NeedsFiles } from '../../../src/report/requestedFiles';
import type { AnalyseRequest, DocumentReport, WorkspaceFile } from '../../../src/report/report';
import { dropFormulas, finishFormula, type PendingFormula } from '../../../src/report/laterFormulas';
import type { ExpressionFormula } from '../../../src/analysis/formula/formula';
import { DOCUMENT_MILLIS } from '../../../src/core/budget';
import { resultTitle } from '../../../src/extension/titles';
import { reportRequest } from './fixtures';

const ROOT = join(__dirname, '..', '..', '..');
const SEEDS = readFileSync(join(ROOT, 'examples', 'seeds.py'), 'utf8');
const request = reportRequest;
const close = (a: number, b: number, tol = 1e-12): void => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

describe('document reports (what the worker sends the editor)', () => {
  it('seed 001: value, gradient, Hessian and every intermediate with its tangents and adjoint', () => {
    const report = reportDocument(request(SEEDS), new FunctionCache());
    const f = report.functions.find((x) => x.name === 'seed001')!;
    assert.equal(f.point?.source, 'call-site');
    close(f.result!.value as number, 2.016646669428201);
    close(f.result!.gradient!.v_1 as number, 3.011843327673907);
    close(f.result!.gradient!.v0 as number, -13.723961509314076);
    assert.equal(f.result!.hessian!.length, 2);
    close(f.result!.hessian![0]![1]!, f.result!.hessian![1]![0]!);
    const v = Object.fromEntries(f.result!.variables.map((x) => [x.name, x]));
    assert.deepEqual(Object.keys(v), ['v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
    // The seed's tables at (1.5, 0.5): v1 = 3, v̇1 = 1/v0 = 2 along x1; v̄5 = v4 v̄6, v̄4 = v̄5 + v5 v̄6.
    close(v.v1!.value, 3);
    close(v.v1!.tangents.v_1!, 2);
    close(v.v1!.tangents.v0!, -6);
    const v4 = 3 - Math.exp(0.5);
    const v5 = Math.sin(3) + v4;
    close(v.v4!.value, v4);
    close(v.v5!.adjoint!, v4);
    close(v.v4!.adjoint!, v5 + v4);
    close(v.v6!.adjoint!, 1);
  });

  it('a function that stops parsing has errors and no result; the others still run', () => {
    const text = `# @at x=2, y=3\ndef live(x, y):\n    z = x * y *\n    return z + x\n\n# @at a=1\ndef ok(a):\n    return a * a\n`;
    const report = reportDocument(request(text), new FunctionCache());
    const live = report.functions.find((x) => x.name === 'live')!;
    assert.ok(live.errors.length > 0 && !live.result);
    assert.ok(report.diagnostics.some((d) => d.code === 'syntax' && d.range.start.line === 2));
    assert.equal(report.functions.find((x) => x.name === 'ok')!.result!.value, 1);
  });

  it('answers unchanged functions from the cache, and recomputes a caller when its callee changes', () => {
    const cache = new FunctionCache();
    const text = `def g(x):\n    return x * x\n\n# @at x=3\ndef f(x):\n    return g(x) + 1\n\n# @at y=2\ndef h(y):\n    return y ** 3\n`;
    assert.equal(reportDocument(request(text), cache).cached, 0);
    assert.equal(reportDocument(request(text, { version: 2 }), cache).cached, 3);
    // Editing h leaves f and g cached.
    const hEdited = text.replace('y ** 3', 'y ** 4');
    const r3 = reportDocument(request(hEdited, { version: 3 }), cache);
    assert.equal(r3.cached, 2);
    assert.equal(r3.functions.find((x) => x.name === 'h')!.result!.value, 16);
    // Editing g changes f's value: f must not come from the cache.
    const gEdited = hEdited.replace('x * x', 'x * x * x');
    const r4 = reportDocument(request(gEdited, { version: 4 }), cache);
    assert.equal(r4.functions.find((x) => x.name === 'f')!.result!.value, 28);
    assert.equal(r4.cached, 1);
  });

  it('a call site inside another function changes the point: the callee is not answered from the cache', () => {
    const cache = new FunctionCache();
    const text = (a: number): string => `def f(x):\n    return x * x\n\ndef g(y):\n    return f(${a}) + y\n`;
    const before = reportDocument(request(text(2)), cache).functions.find((x) => x.name === 'f')!;
    assert.deepEqual({ ...before.point?.values }, { x: 2 });
    const after = reportDocument(request(text(5), { version: 2 }), cache).functions.find((x) => x.name === 'f')!;
    assert.deepEqual({ ...after.point?.values }, { x: 5 });
    assert.equal(after.result!.value, 25);
  });

  it('a point chosen by the person wins over the file\'s and is reported as last used', () => {
    const report = reportDocument(request(SEEDS, { lastUsed: { seed000: { x1: 1, x2: 2 } } }), new FunctionCache());
    const f = report.functions.find((x) => x.name === 'seed000')!;
    assert.equal(f.point?.source, 'last-used');
    close(f.result!.value as number, 2 - Math.sin(2));
  });

  it('array functions: lenses summarize large arrays, and array variables report their shape', () => {
    const text = readFileSync(join(ROOT, 'examples', 'arrays.py'), 'utf8');
    const report = reportDocument(request(text, { uri: 'file:///arrays.py' }), new FunctionCache());
    const title = (name: string): string => resultTitle(report.functions.find((x) => x.name === name)!, 4, 'python');
    assert.equal(title('overwrite'), 'overwrite([1, 2, 3]) = 20 · ∇overwrite = [11, 3, 8]');
    assert.equal(title('column_write'), 'column_write(2×6 array) = 522 · ∇column_write = [2×6, ‖·‖ = 64.622, largest 42 at [1, 2], 42 at [1, 5]]');
    const p = report.functions.find((x) => x.name === 'logistic_loss')!.result!.variables.find((v) => v.name === 'p')!;
    assert.deepEqual(p.array?.shape, [3, 2]);
    assert.ok(p.array!.min > 0 && p.array!.max < 1);
  });

  it('formulas later: the report leaves them out, finishing gives the same formulas and caches the complete report', () => {
    const text = 'import numpy as np\n\n# @at x1=1.5, x2=0.5\ndef f(x1, x2):\n    return np.log(x1) + x1 * x2 - np.sin(x2)\n\n# @at x=2\ndef loop(x):\n    s = 0\n    for i in range(3):\n        s = s + x * i\n    return s\n';
    const inline = reportDocument(request(text), new FunctionCache());
    const cache = new FunctionCache();
    const later: PendingFormula[] = [];
    const first = reportDocument(request(text), cache, () => false, DOCUMENT_MILLIS, later);
    // Only the one-expression function waits for a formula; the loop's report is complete and cached.
    assert.deepEqual(later.map((p) => p.name), ['f']);
    assert.equal(first.functions[0]!.result!.formula, undefined);
    assert.deepEqual(first.functions[0]!.result!.value, inline.functions[0]!.result!.value);
    assert.equal(cache.size, 1);
    const formula = finishFormula(later[0]!, cache);
    assert.deepEqual(formula, inline.functions[0]!.result!.formula);
    assert.equal(cache.size, 2);
    const second = reportDocument(request(text, { version: 2 }), cache, () => false, DOCUMENT_MILLIS, []);
    assert.equal(second.cached, 2);
    assert.deepEqual(second.functions, inline.functions);
  });

  it('formulas later, stopped: nothing of them is cached, and the next analysis defers them again', () => {
    const text = 'import numpy as np\n\n# @at x=0.5\ndef f(x):\n    return np.sin(x) * x\n';
    const cache = new FunctionCache();
    const later: PendingFormula[] = [];
    reportDocument(request(text), cache, () => false, DOCUMENT_MILLIS, later);
    assert.equal(later.length, 1);
    dropFormulas(later);
    assert.equal(cache.size, 0);
    const again: PendingFormula[] = [];
    assert.equal(reportDocument(request(text, { version: 2 }), cache, () => false, DOCUMENT_MILLIS, again).cached, 0);
    assert.equal(again.length, 1);
    dropFormulas(again);
  });

  it('the functions on screen first: sent ahead in a partial report; the whole report is the same as without', () => {
    const text = `# @at x=1\ndef a(x):\n    return x * 2\n\n# @at x=2\ndef b(x):\n    return x ** 3\n\n# @at x=3\ndef c(x):\n    return x + 1\n`;
    const plain = reportDocument(request(text), new FunctionCache());
    const partials: DocumentReport[] = [];
    // Lines 5–6 are b's: it is analysed first and sent ahead alone.
    const whole = reportDocument(request(text, { visible: [{ start: 5, end: 6 }] }), new FunctionCache(), () => false, DOCUMENT_MILLIS, undefined, (p) => partials.push(p));
    assert.equal(partials.length, 1);
    assert.equal(partials[0]!.partial, true);
    assert.deepEqual(partials[0]!.functions.map((f) => f.name), ['b']);
    assert.deepEqual(partials[0]!.functions[0], plain.functions[1]);
    assert.deepEqual(partials[0]!.diagnostics, []);
    assert.deepEqual(whole.functions, plain.functions);
    assert.equal(whole.partial, undefined);
    // Nothing to send ahead when everything (or nothing) is on screen.
    reportDocument(request(text, { visible: [{ start: 0, end: 40 }] }), new FunctionCache(), () => false, DOCUMENT_MILLIS, undefined, (p) => partials.push(p));
    reportDocument(request(text, { visible: [{ start: 30, end: 40 }] }), new FunctionCache(), () => false, DOCUMENT_MILLIS, undefined, (p) => partials.push(p));
    assert.equal(partials.length, 1);
  });

  it('every lens before the checks: hand-written derivatives off screen are checked after every other function, and the whole report is the same as without', () => {
    const text = readFileSync(join(ROOT, 'examples', 'hand_gradients.py'), 'utf8');
    const plain = reportDocument(request(text), new FunctionCache());
    const paired = plain.functions.filter((f) => f.check).map((f) => f.name);
    assert.ok(paired.length >= 4, `${paired.length} checks`);
    // The screen shows f and grad_f (lines 6–12): grad_f's check is made with the screen's lenses.
    const visible = [{ start: 6, end: 12 }];
    const partials: DocumentReport[] = [];
    const whole = reportDocument(request(text, { visible }), new FunctionCache(), () => false, DOCUMENT_MILLIS, undefined, (p) => partials.push(p));
    assert.deepEqual(partials.map((p) => p.functions.length), [2, plain.functions.length]);
    assert.ok(partials[0]!.functions.find((f) => f.name === 'grad_f')!.check);
    const lenses = partials[1]!;
    assert.equal(lenses.partial, true);
    assert.deepEqual(lenses.diagnostics, []);
    // Every other derivative waits for its check, and says against what; every other function is as in the whole report.
    const coming = lenses.functions.filter((f) => f.checkPending !== undefined);
    assert.deepEqual(coming.map((f) => f.name), paired.filter((n) => n !== 'grad_f'));
    for (const f of coming) assert.equal(f.check, undefined);
    assert.equal(coming.find((f) => f.name === 'dg')!.checkPending, '∇g');
    lenses.functions.forEach((f, i) => {
      const { checkPending, ...rest } = f;
      assert.deepEqual(checkPending === undefined ? f : { ...rest, check: plain.functions[i]!.check }, plain.functions[i]);
    });
    assert.deepEqual(whole, { ...plain, millis: whole.millis });
    // Cached with their checks: the next version asks nothing again.
    const cache = new FunctionCache();
    reportDocument(request(text, { visible }), cache, () => false, DOCUMENT_MILLIS, undefined, () => {});
    const again = reportDocument(request(text, { version: 2, visible }), cache, () => false, DOCUMENT_MILLIS, undefined, () => {});
    assert.equal(again.cached, plain.functions.length);
    assert.deepEqual(again.functions, plain.functions);
  });

  it('a newer version stops the checks left for after the lenses: none of those functions is cached, their formulas are given back', () => {
    const text = readFileSync(join(ROOT, 'examples', 'hand_gradients.py'), 'utf8');
    const cache = new FunctionCache();
    const later: PendingFormula[] = [];
    let superseded = false;
    const sendAhead = (p: DocumentReport): void => void (superseded ||= p.functions.some((f) => f.checkPending !== undefined));
    assert.throws(() => reportDocument(request(text), cache, () => superseded, DOCUMENT_MILLIS, later, sendAhead), ReportCancelled);
    assert.ok(superseded);
    dropFormulas(later);
    // The functions without a check are cached (or wait for their formula); the derivatives are not.
    const next = reportDocument(request(text, { version: 2 }), cache);
    const checked = next.functions.filter((f) => f.check).length;
    assert.ok(checked >= 4);
    assert.equal(next.cached, next.functions.length - checked - later.length);
  });

  it('an edit compiles only the functions it analyses again: a derivative answered from the cache is not compiled to see whether its check can wait', () => {
    const text = readFileSync(join(ROOT, 'examples', 'hand_gradients.py'), 'utf8');
    const cache = new FunctionCache();
    const files = { files: {}, filesComplete: true };
    reportDocument(request(text, files), cache, () => false, DOCUMENT_MILLIS, undefined, () => {});
    // The edit's text lowered ahead (as the worker does while the host reads files), so the test holds the analysis the report uses.
    const edited = request(text.replace('return np.sin(x ** 2)', 'return np.sin(x ** 3)'), { version: 2, ...files });
    lowerAhead(edited, cache);
    const { analysis } = cache.ahead!;
    const report = reportDocument(edited, cache, () => false, DOCUMENT_MILLIS, undefined, () => {});
    const compiled = [...analysis.compiled.functions].filter(([, entry]) => (entry as unknown as { done?: unknown }).done !== undefined).map(([name]) => name);
    // g and its derivative dg are analysed again (dg's check runs g); f, h, cube and their derivatives come from the cache.
    assert.deepEqual(compiled.sort(), ['dg', 'g']);
    assert.equal(report.cached, report.functions.length - 2);
  });

  it('stops between functions when a newer version arrives', () => {
    let calls = 0;
    assert.throws(() => reportDocument(request(SEEDS), new FunctionCache(), () => ++calls > 1), ReportCancelled);
  });

  it('a notebook cell: the cells above are seen, change the cache key, and their errors show at the caller', () => {
    const above = 'import numpy as np\n\ndef g(x):\n    return np.log(x)\n';
    const cell = 'def k(x):\n    return 2 * g(x)\n\nk(2.0)\n';
    const cache = new FunctionCache();
    const first = reportDocument(request(cell, { prelude: above }), cache);
    assert.deepEqual(first.functions.map((f) => f.name), ['k']);
    close(first.functions[0]!.result!.value as number, 2 * Math.log(2));
    // A change above (g now takes log of −x) is not served from the cache, and its error lands on k.
    const changed = reportDocument(request(cell, { prelude: above.replace('np.log(x)', 'np.log(-x)') }), cache);
    assert.equal(changed.cached, 0);
    const k = changed.functions[0]!;
    assert.match(k.error!.message, /log of a negative number.*\(in a function from a cell above\)/);
    assert.deepEqual(k.error!.range, k.nameRange);
    assert.ok(changed.diagnostics.every((d) => d.range.start.line >= 0), JSON.stringify(changed.diagnostics));
  });
});

/** The editor's case: a tested file with a sibling test file that calls it with numbers. */
const OPTIM = 'import numpy as np\n\ndef rosen(x):\n    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)\n';
const OPTIM_TEST = 'import numpy as np\nfrom optim import rosen\n\ndef test_minimum():\n    assert rosen(np.array([1.0, 1.0, 1.0])) == 0\n';
const OPTIM_URI = 'file:///ws/optim.py';
const TEST_URI = 'file:///ws/test_optim.py';
/** What the host reads: the test file, and nothing at the other paths asked for. */
const hostRead = (paths: readonly string[]): Record<string, WorkspaceFile | null> => Object.fromEntries(paths.map((p) => [p, p === TEST_URI ? { stamp: '1', bytes: OPTIM_TEST.length, text: OPTIM_TEST } : null]));

describe('points from sibling test files in the editor', () => {
  it('the worker asks for the test files before anything runs, and the next round takes the point from them', () => {
    const cache = new FunctionCache();
    let asked: readonly string[] = [];
    assert.throws(() => reportDocument(request(OPTIM, { uri: OPTIM_URI, files: {} }), cache), (e) => e instanceof NeedsFiles && ((asked = e.paths), true));
    assert.ok(asked.includes(TEST_URI), JSON.stringify(asked));
    const report = reportDocument(request(OPTIM, { uri: OPTIM_URI, files: hostRead(asked) }), cache);
    const rosen = report.functions.find((f) => f.name === 'rosen')!;
    assert.equal(rosen.point?.source, 'test');
    assert.deepEqual(rosen.point?.test, { file: TEST_URI, line: 5 });
    assert.equal(rosen.result!.value, 0);
  });
});

describe('the analysis worker thread', () => {
  const worker = join(ROOT, 'dist', 'worker.js');

  it('reads a sibling test file through the host\'s reader and gives the lens its point', { skip: !existsSync(worker) && 'run scripts/build.mjs first' }, async () => {
    const reads: string[] = [];
    const client = new AnalysisClient({ workerPath: worker, files: { read: async (_importer, uris) => (reads.push(...uris), hostRead(uris)), remembered: () => [] } });
    try {
      const report = await client.analyse(request(OPTIM, { uri: OPTIM_URI }));
      assert.ok(reads.includes(TEST_URI), JSON.stringify(reads));
      const rosen = report!.functions.find((f) => f.name === 'rosen')!;
      assert.equal(rosen.point?.source, 'test');
      assert.equal(rosen.result!.value, 0);
    } finally {
      client.dispose();
    }
  });

  it('answers from dist/worker.js, and a newer version cancels an older one still running', { skip: !existsSync(worker) && 'run scripts/build.mjs first' }, async () => {
    const client = new AnalysisClient({ workerPath: worker });
    try {
      const first = await client.analyse(request(SEEDS));
      assert.ok(first);
      close(first.functions.find((x) => x.name === 'seed001')!.result!.value as number, 2.016646669428201);
      // Forty functions that each spin until their 150 ms time budget (6 s in all): the first request
      // is still on the first one when the second arrives, so it stops at the next function boundary.
      // Measured in CPU time (the worker is a thread of this process): a loaded machine stretches
      // the wall clock, not the spinning, and without cancellation the spinning alone is 6 s of CPU.
      const slow = Array.from({ length: 40 }, (_, i) => `# @at x=1\ndef spin${i}(x):\n    while True:\n        x = x + 1\n    return x\n`).join('\n');
      const budget = { maxMillis: 150, maxSteps: 1e12 };
      const before = process.cpuUsage();
      const older = client.analyse(request(slow, { version: 2, settings: { mode: 'reverse', budget } }));
      const newer = client.analyse(request(SEEDS, { version: 3 }));
      assert.equal(await older, undefined);
      const latest = await newer;
      assert.equal(latest?.version, 3);
      const used = process.cpuUsage(before);
      const ms = (used.user + used.system) / 1000;
      assert.ok(ms < 3000, `cancellation took ${ms.toFixed(0)} ms of CPU`);
    } finally {
      client.dispose();
    }
  });

  it('dist/worker.js sends the functions on screen ahead of the report', { skip: !existsSync(worker) && 'run scripts/build.mjs first' }, async () => {
    const client = new AnalysisClient({ workerPath: worker });
    const partials: DocumentReport[] = [];
    client.onPartial((p) => partials.push(p));
    try {
      const text = Array.from({ length: 30 }, (_, i) => `# @at x=${i + 1}\ndef f${i}(x):\n    return x * ${i}\n`).join('\n');
      const report = await client.analyse(request(text, { visible: [{ start: 40, end: 47 }] }));
      // f10 starts on line 40 and f11 on line 44: both on screen, sent first.
      assert.deepEqual(partials.map((p) => p.functions.map((f) => f.name)), [['f10', 'f11']]);
      // A hand-written derivative off screen: every lens goes ahead of its check, then the report with it.
      partials.length = 0;
      const paired = await client.analyse(request(`${text}\n# @at x=2\ndef cube(x):\n    return x ** 3\n\ndef cube_grad(x):\n    return 3 * x ** 2\n`, { version: 2, visible: [{ start: 40, end: 47 }] }));
      assert.deepEqual(partials.map((p) => p.functions.filter((f) => f.checkPending !== undefined).map((f) => f.name)), [[], ['cube_grad']]);
      // Read whole again on the host (it went as its changes against the first version's report).
      assert.deepEqual(partials[1]!.functions.map((f) => f.name), paired!.functions.map((f) => f.name));
      assert.equal(paired!.functions.find((f) => f.name === 'cube_grad')!.check!.outcome.ok, true);
      assert.equal(report!.functions.length, 30);
      assert.equal(report!.functions[10]!.result!.value, partials[0]!.functions[0]!.result!.value);
    } finally {
      client.dispose();
    }
  });

  it('loads mathjs (dist/mathjs.js) on the first formula, not with the worker; the formulas follow the report', { skip: !existsSync(worker) && 'run scripts/build.mjs first' }, async () => {
    assert.doesNotMatch(readFileSync(worker, 'utf8'), /createSimplifyCore/);
    assert.match(readFileSync(join(ROOT, 'dist', 'mathjs.js'), 'utf8'), /createSimplifyCore/);
    const client = new AnalysisClient({ workerPath: worker });
    const arrived: [DocumentReport, Readonly<Record<string, ExpressionFormula>>][] = [];
    const formulas = new Promise<void>((resolve) =>
      client.onFormulas((r, f) => {
        arrived.push([r, f]);
        resolve();
      }),
    );
    try {
      const text = 'import numpy as np\n\n# @at x1=1.5, x2=0.5\ndef f(x1, x2):\n    return np.log(x1) + x1 * x2 - np.sin(x2)\n';
      const report = await client.analyse(request(text));
      // The lens's report comes first, without the formula; the formula, for that same report, after it.
      assert.equal(report!.functions[0]!.result!.formula, undefined);
      await formulas;
      assert.equal(arrived.length, 1);
      assert.equal(arrived[0]![0], report);
      assert.equal(arrived[0]![1].f!.partials[0]!.text, 'x2 + 1/x1');
      // A second analysis of the same text is answered from the cache, formula included.
      const again = await client.analyse(request(text, { version: 2 }));
      assert.equal(again!.cached, 1);
      assert.equal(again!.functions[0]!.result!.formula!.partials[0]!.text, 'x2 + 1/x1');
    } finally {
      client.dispose();
    }
  });
});
