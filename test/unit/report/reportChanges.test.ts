import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AnalysisClient } from '../../../src/extension/analysisClient';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
import { ReportChanges } from '../../../src/report/reportChanges';
import { withFormula, type DocumentReport } from '../../../src/report/report';
import type { ExpressionFormula } from '../../../src/analysis/formula/formula';
import { reportRequest } from './fixtures';
import type { WorkerResponse } from '../../../src/report/workerProtocol';
import { dropFormulas, type PendingFormula } from '../../../src/report/laterFormulas';

const ROOT = join(__dirname, '..', '..', '..');

/** Three functions, the middle one's constant `k`. */
const threeFunctions = (k: number): string => `# @at x=1.5\ndef f(x):\n    return x * x\n\n# @at x=2.0\ndef g(x):\n    return ${k} * x\n\n# @at x=0.5\ndef h(x):\n    return x ** 3\n`;

describe('a report posted as its changes (reportChanges.ts)', () => {
  it('sends the function reports the last report of the document held as their index, and the host reads the same report back', () => {
    const worker = new ReportChanges();
    const host = new ReportChanges();
    const cache = new FunctionCache();
    const reports: DocumentReport[] = [];
    const received: DocumentReport[] = [];
    for (const [version, k] of [2, 3, 3, 4].entries()) {
      const report = reportDocument(reportRequest(threeFunctions(k), { uri: 'file:///three.py', version: version + 1 }), cache);
      const sent = worker.send(report);
      // Through a structured clone, as postMessage copies it.
      received.push(host.receive(structuredClone(sent)));
      // Compared as the host sees it: a structured clone (records lose their null prototype).
      reports.push(structuredClone(report));
      if (version === 0) assert.ok(sent.functions.every((f) => typeof f !== 'number'), 'the first report of a document is sent whole');
      // g changed (k 2 → 3): f and h are the cache's very reports, sent as indices; the same text again: all three.
      if (version === 1) assert.deepEqual(sent.functions.map((f) => (typeof f === 'number' ? f : f.name)), [0, 'g', 2]);
      if (version === 2) assert.deepEqual(sent.functions, [0, 1, 2]);
    }
    assert.deepEqual(received, reports);
    // The host keeps its own copy of an unchanged function's report: the previous report's object.
    assert.equal(received[1]!.functions[0], received[0]!.functions[0]);
  });

  it('keeps each document apart, and forgets the same documents on both sides', () => {
    const worker = new ReportChanges();
    const host = new ReportChanges();
    const cache = new FunctionCache();
    const uris = Array.from({ length: 70 }, (_, i) => `file:///doc${i}.py`);
    const check = (uri: string, version: number): DocumentReport['functions'][number] | number | undefined => {
      const report = reportDocument(reportRequest(threeFunctions(2), { uri, version }), cache);
      const sent = worker.send(report);
      assert.deepEqual(host.receive(structuredClone(sent)), structuredClone(report));
      return sent.functions[0];
    };
    for (const uri of uris) check(uri, 1);
    // The last documents are remembered (indices), the first ones were forgotten by both (sent whole).
    assert.equal(check(uris[69]!, 2), 0);
    assert.notEqual(typeof check(uris[0]!, 2), 'number');
  });

  it('the host refuses a report naming a function report it does not hold', () => {
    const report = reportDocument(reportRequest(threeFunctions(2)), new FunctionCache());
    assert.throws(() => new ReportChanges().receive({ ...report, functions: [0] }), /does not hold/);
  });

  const workerPath = join(ROOT, 'dist', 'worker.js');
  it('dist/worker.js: an edit of one function reports what a fresh worker reports', { skip: !existsSync(workerPath) && 'run scripts/build.mjs first' }, async () => {
    const warm = new AnalysisClient({ workerPath });
    const strip = (r: DocumentReport | undefined): unknown => r && { ...r, millis: 0, cached: 0 };
    try {
      // Their formulas follow the report (laterFormulas.ts); a report enters the cache with its formula.
      const arrived: Record<string, ExpressionFormula>[] = [];
      warm.onFormulas((_, f) => arrived.push(f));
      await warm.analyse(reportRequest(threeFunctions(2), { uri: 'file:///three.py' }));
      while (arrived.length < 1) await new Promise((r) => setTimeout(r, 10));
      const edited = reportRequest(threeFunctions(5), { uri: 'file:///three.py', version: 2 });
      const report = await warm.analyse(edited);
      // g's formula follows this report; f's and h's came with theirs, from the cache.
      while (arrived.length < 2) await new Promise((r) => setTimeout(r, 10));
      const after = report && { ...report, functions: report.functions.map((f) => withFormula(f, arrived[1]![f.name])) };
      assert.equal(after?.cached, 2, 'f and h from the cache');
      assert.equal(after?.functions[1]?.result?.value, 10);
      // A fresh analysis, every formula in.
      assert.deepEqual(strip(after), strip(structuredClone(reportDocument(edited, new FunctionCache()))));
    } finally {
      warm.dispose();
    }
  });

  it('dist/worker.js: every function\'s lens goes as its changes, and the report after it names those its checks left alike by index', { skip: !existsSync(workerPath) && 'run scripts/build.mjs first' }, async () => {
    const text = readFileSync(join(ROOT, 'examples', 'hand_gradients.py'), 'utf8');
    const request = reportRequest(text, { visible: [{ start: 6, end: 12 }] });
    const worker = new Worker(workerPath);
    const messages: WorkerResponse[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('message', (m: WorkerResponse) => {
          messages.push(m);
          if (m.kind === 'report' || m.kind === 'failed') resolve();
        });
        worker.postMessage({ kind: 'init', id: 0, cancelBuffer: new SharedArrayBuffer(16) });
        worker.postMessage({ kind: 'analyse', id: 1, slot: 0, generation: 0, request });
      });
    } finally {
      await worker.terminate();
    }
    const [screen, every, report] = messages.filter((m) => m.kind === 'partial' || m.kind === 'report');
    assert.ok(screen?.kind === 'partial' && !screen.every && every?.kind === 'partial' && every.every && report?.kind === 'report', messages.map((m) => m.kind).join());
    const indices = (functions: readonly unknown[]): number => functions.filter((f) => typeof f === 'number').length;
    // The first screen's partial is whole and not remembered; the report names every report the lenses' partial held unchanged.
    const checked = every.report.functions.filter((f) => typeof f !== 'number' && f.checkPending !== undefined).length;
    assert.ok(checked >= 4, `${checked} checks after the lenses`);
    assert.equal(indices(report.report.functions), report.report.functions.length - checked);
    // Read back on the host's side, in order: what the analysis gives in one process (formulas follow both).
    const host = new ReportChanges();
    host.receive(every.report);
    const received = host.receive(report.report);
    const later: PendingFormula[] = [];
    const plain = reportDocument(request, new FunctionCache(), () => false, undefined, later);
    dropFormulas(later);
    assert.deepEqual({ ...received, millis: 0 }, { ...structuredClone(plain), millis: 0 });
  });
});
