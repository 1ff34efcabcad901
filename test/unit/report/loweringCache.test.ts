import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { FunctionCache, graphFor, lowerAhead, reportDocument } from '../../../src/report/documentReport';
import { NeedsFiles } from '../../../src/report/requestedFiles';
import type { AnalyseRequest, DocumentReport, WorkspaceFile } from '../../../src/report/report';
import { reportRequest } from './fixtures';

/**
 * The worker's caches between analyses (issue 23's cold open and re-analysis): a document is lowered
 * once per text (the rounds of one report, its graph and derivative-source requests, a settings
 * change), the sibling test files are asked for before the text is lowered, a changed imported file
 * is analysed again for its importers, and a function's points are found only when it is analysed.
 */

const ROOT = join(__dirname, '..', '..', '..');
const real = (name: string): string => readFileSync(join(ROOT, 'test', 'fixtures', 'real_python', name), 'utf8');

/** Analyses as the worker and host do: each `NeedsFiles` answered from `disk` (a path not there is no file). */
function analyse(request: AnalyseRequest, cache: FunctionCache, disk: Readonly<Record<string, string>>): { report: DocumentReport; rounds: number } {
  let files: Record<string, WorkspaceFile | null> = { ...request.files };
  for (let rounds = 1; ; rounds++) {
    try {
      return { report: reportDocument({ ...request, files }, cache), rounds };
    } catch (e) {
      if (!(e instanceof NeedsFiles)) throw e;
      for (const p of e.paths) files = { ...files, [p]: Object.hasOwn(disk, p) ? { stamp: `${disk[p]!.length}:${disk[p]!}`, bytes: disk[p]!.length, text: disk[p]! } : null };
    }
  }
}

const MAIN = 'file:///ws/main.py';
const HELPER = 'file:///ws/helpers.py';
const MAIN_TEXT = 'from helpers import scale\n\n# @at x=2\ndef f(x):\n    return scale(x) ** 2\n\n# @at x=3\ndef g(x):\n    return x * 5\n';
const helper = (k: number): string => `def scale(x):\n    return ${k} * x\n`;

describe("the worker's lowering cache", () => {
  it('asks for the sibling test files before lowering anything; the next round lowers the document once', () => {
    const cache = new FunctionCache();
    assert.throws(() => reportDocument(reportRequest('# @at x=1\ndef f(x):\n    return x * x\n', { uri: 'file:///ws/opt.py', files: {} }), cache), NeedsFiles);
    assert.deepEqual(cache.lowered.counts, { lowered: 0, reused: 0 });
    const { report, rounds } = analyse(reportRequest('# @at x=1\ndef f(x):\n    return x * x\n', { uri: 'file:///ws/opt.py' }), new FunctionCache(), {});
    assert.equal(rounds, 2);
    assert.equal(report.functions[0]!.result!.value, 1);
  });

  it('an import found while lowering: the next round reuses the lowered document (lowered ahead while the host reads)', () => {
    const cache = new FunctionCache();
    const request = reportRequest(MAIN_TEXT, { uri: MAIN });
    // Round 1 asks for the test files (nothing lowered), round 2 lowers and finds the import, round 3 has it.
    let files: Record<string, WorkspaceFile | null> = {};
    const rounds: string[][] = [];
    for (;;) {
      try {
        reportDocument({ ...request, files }, cache);
        break;
      } catch (e) {
        assert.ok(e instanceof NeedsFiles);
        rounds.push([...e.paths]);
        lowerAhead(request, cache); // as the worker does while the host reads
        for (const p of e.paths) files = { ...files, [p]: p === HELPER ? { stamp: '1', bytes: 30, text: helper(3) } : null };
      }
    }
    assert.equal(rounds.length, 2);
    assert.ok(rounds[1]!.includes(HELPER), JSON.stringify(rounds));
    // The document lowered once (ahead, after round 1), the helper once.
    assert.equal(cache.lowered.counts.lowered, 2);
    assert.ok(cache.lowered.counts.reused >= 2, JSON.stringify(cache.lowered.counts));
  });

  it('a graph request after the report, and a settings change, reuse the lowering; an edit lowers again', () => {
    const cache = new FunctionCache();
    const text = '# @at x=2\ndef f(x):\n    return x ** 3\n\n# @at x=1\ndef g(x):\n    return f(x) + x\n';
    const first = reportDocument(reportRequest(text), cache);
    assert.deepEqual(cache.lowered.counts, { lowered: 1, reused: 0 });
    const graph = graphFor({ document: reportRequest(text), name: 'f' }, cache.lowered);
    assert.ok(graph.ok);
    assert.deepEqual(cache.lowered.counts, { lowered: 1, reused: 1 });
    const precise = reportDocument(reportRequest(text, { settings: { mode: 'reverse', budget: {}, precision: 8 } }), cache);
    assert.equal(precise.cached, 0);
    assert.deepEqual(cache.lowered.counts, { lowered: 1, reused: 2 });
    assert.deepEqual(precise.functions.map((f) => f.result?.value), first.functions.map((f) => f.result?.value));
    const edited = reportDocument(reportRequest(text.replace('x ** 3', 'x ** 4'), { version: 2 }), cache);
    assert.deepEqual(cache.lowered.counts, { lowered: 2, reused: 2 });
    assert.equal(edited.functions[0]!.result!.value, 16);
  });

  it('a reused lowering gives the same reports as a fresh one (real-style files, settings changed so nothing is answered from the function cache)', () => {
    for (const name of ['losses.py', 'classifiers.py']) {
      const text = real(name);
      const cache = new FunctionCache();
      reportDocument(reportRequest(text, { uri: `file:///real/${name}` }), cache);
      const settings = { mode: 'reverse' as const, budget: {}, precision: 6 };
      const reused = reportDocument(reportRequest(text, { uri: `file:///real/${name}`, settings }), cache);
      assert.equal(cache.lowered.counts.reused, 1, name);
      const fresh = reportDocument(reportRequest(text, { uri: `file:///real/${name}`, settings }), new FunctionCache());
      const strip = (r: DocumentReport): unknown => ({ ...r, millis: 0 });
      assert.deepEqual(strip(reused), strip(fresh), name);
    }
  });

  it('a changed imported file: its importers are analysed again (not answered from the cache), the importer is not lowered again', () => {
    const cache = new FunctionCache();
    const before = analyse(reportRequest(MAIN_TEXT, { uri: MAIN }), cache, { [HELPER]: helper(3) }).report;
    assert.equal(before.functions.find((f) => f.name === 'f')!.result!.value, 36);
    const lowered = cache.lowered.counts.lowered;
    const after = analyse(reportRequest(MAIN_TEXT, { uri: MAIN, version: 2 }), cache, { [HELPER]: helper(4) }).report;
    assert.equal(after.functions.find((f) => f.name === 'f')!.result!.value, 64);
    // The helper was lowered again (new text), the document not.
    assert.equal(cache.lowered.counts.lowered, lowered + 1);
    // The file's stamps are part of every function's key: nothing came from the cache, g included.
    assert.equal(after.cached, 0);
    // Unchanged files: everything from the cache.
    const again = analyse(reportRequest(MAIN_TEXT, { uri: MAIN, version: 3 }), cache, { [HELPER]: helper(4) }).report;
    assert.equal(again.cached, again.functions.length);
  });
});

describe('points found when a function is analysed', () => {
  it("listing the functions searches no sample point; reading one function's points searches only its own", () => {
    const text = 'import numpy as np\n\ndef a(x):\n    return np.sin(x) * x\n\ndef b(x):\n    return np.exp(x) + x\n\ndef c(x):\n    return np.log(x) * x\n';
    const analysis = DocumentAnalysis.fromText(text, 'file:///s.py', 'python');
    const searched: string[] = [];
    const original = analysis.samplePoint.bind(analysis);
    analysis.samplePoint = (name) => (searched.push(name), original(name));
    const functions = analysis.functions();
    assert.deepEqual(searched, []);
    assert.equal(functions[1]!.points[0]!.source, 'sample');
    assert.deepEqual(searched, ['b']);
    // Read again: not searched again.
    void functions[1]!.points;
    void functions[1]!.pointErrors;
    assert.deepEqual(searched, ['b']);
  });
});
