import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AnalysisClient } from '../../../src/extension/analysisClient';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
import type { DocumentReport } from '../../../src/report/report';
import { WARM_UP_DOCUMENTS, warmUp, warmUpWith } from '../../../src/report/warmUp';
import { reportRequest } from './fixtures';

/**
 * The worker's warm-up (report/warmUp.ts): its documents must run (else it warms only the paths of
 * a failure), it must stop when a request comes, and nothing it leaves behind may change a report.
 */

const ROOT = join(__dirname, '..', '..', '..');
const read = (...path: string[]): string => readFileSync(join(ROOT, ...path), 'utf8');

/** A report without its timings, which differ from run to run. */
const timeless = (r: DocumentReport): unknown => ({ ...r, millis: 0 });

const FILES: readonly (readonly [string, string])[] = [
  ['file:///ws/seeds.py', read('examples', 'seeds.py')],
  ['file:///ws/hand_gradients.py', read('examples', 'hand_gradients.py')],
  ['file:///ws/activations.py', read('test', 'fixtures', 'real_python', 'activations.py')],
];

describe("the analysis worker's warm-up", () => {
  it('every function of every warm-up document runs: a result, or a hand-written derivative that matches', () => {
    for (const [i, text] of WARM_UP_DOCUMENTS.entries()) {
      const report = reportDocument(reportRequest(text, { uri: `gradlens-warm-up:/${i}.py` }), new FunctionCache());
      assert.ok(report.functions.length > 0, `document ${i}`);
      for (const f of report.functions) {
        const ran = f.check ? f.check.outcome.ok && f.check.outcome.value.verdict === 'match' : f.result !== undefined && f.errors.length === 0 && f.error === undefined;
        assert.ok(ran, `document ${i}: ${f.name} ${JSON.stringify(f.check?.outcome ?? f.error ?? f.errors)}`);
      }
      assert.deepEqual(report.diagnostics, [], `document ${i}`);
      assert.ok(warmUpWith(i, new FunctionCache()) > 0);
    }
  });

  it('leaves nothing behind that changes a report: files analysed before and after it give the same reports', () => {
    const before = FILES.map(([uri, text]) => reportDocument(reportRequest(text, { uri }), new FunctionCache()));
    const cache = new FunctionCache();
    for (let i = 0; i < WARM_UP_DOCUMENTS.length; i++) warmUpWith(i, cache);
    const after = FILES.map(([uri, text]) => reportDocument(reportRequest(text, { uri }), new FunctionCache()));
    assert.ok(before.every((r) => r.functions.some((f) => f.result)));
    assert.deepEqual(after.map(timeless), before.map(timeless));
  });

  it('stops at the first turn after a request came, and says how far it got', async () => {
    // Two turns a document (lowered, then analysed); a request seen at a turn's start stops it there.
    const run = (stopAfter: number): Promise<number> =>
      new Promise((resolve) => {
        let turns = 0;
        warmUp(() => turns++ >= stopAfter, (documents) => resolve(documents));
      });
    assert.equal(await run(0), 0);
    assert.equal(await run(1), 0);
    assert.equal(await run(4), 2);
    assert.equal(await run(Infinity), WARM_UP_DOCUMENTS.length);
  });

  const worker = join(ROOT, 'dist', 'worker.js');
  it('dist/worker.js warms up when the host asks, and a request that comes meanwhile gets the report a cold worker gives', { skip: !existsSync(worker) && 'run scripts/build.mjs first' }, async () => {
    const logged: string[] = [];
    const warm = new AnalysisClient({ workerPath: worker, warmUp: true, info: (m) => logged.push(m) });
    const cold = new AnalysisClient({ workerPath: worker });
    try {
      warm.start();
      // Left alone, it analyses every warm-up document and says so.
      for (let waited = 0; !logged.some((m) => m.startsWith('analysis worker warmed up')) && waited < 20_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      assert.ok(logged.some((m) => m.startsWith(`analysis worker warmed up on ${WARM_UP_DOCUMENTS.length} documents`)), logged.join('\n'));
      for (const [uri, text] of FILES) {
        const [w, c] = await Promise.all([warm.analyse(reportRequest(text, { uri })), cold.analyse(reportRequest(text, { uri }))]);
        assert.deepEqual(timeless(w!), timeless(c!));
      }
      // A fresh warm worker asked at once: the request stops the warm-up and is answered as by a fresh cold one.
      const again = new AnalysisClient({ workerPath: worker, warmUp: true });
      const fresh = new AnalysisClient({ workerPath: worker });
      try {
        const [uri, text] = FILES[2]!;
        const [w, c] = await Promise.all([again.analyse(reportRequest(text, { uri })), fresh.analyse(reportRequest(text, { uri }))]);
        assert.deepEqual(timeless(w!), timeless(c!));
      } finally {
        again.dispose();
        fresh.dispose();
      }
    } finally {
      warm.dispose();
      cold.dispose();
    }
  });
});
