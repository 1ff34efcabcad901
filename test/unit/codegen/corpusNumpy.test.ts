/**
 * The round trip's second half for Python: every oracle-corpus function GradLens writes as Python is
 * also run by real numpy (test/codegen/run_corpus_numpy.py, committed results), at the points the
 * check used, and must give GradLens's AD gradient there (1e-10 relative) — the code works outside
 * GradLens's own engine too. A generated text changed since the script ran makes this fail until it
 * is re-run (the command is in the message).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { sourceAgrees } from '../../../src/analysis/derivativeSource';
import { releaseTrace } from '../../../src/engine/run';
import { CORPUS, corpusPythonSources } from '../../codegen/corpusSources';

const RESULTS = join(__dirname, '..', '..', 'codegen', 'corpus_numpy_results.json');
const RERUN = 'node --import tsx test/codegen/write_corpus_sources.ts | /usr/bin/python3 test/codegen/run_corpus_numpy.py';

interface NumpyRun {
  readonly sha256: string;
  readonly points: readonly { readonly at: Record<string, unknown>; readonly gradient?: readonly number[]; readonly error?: string }[];
}

/** Flattened as the generated code returns it: per parameter, or per returned value then parameter (a Jacobian). */
function flat(v: unknown, out: number[] = []): number[] {
  if (Array.isArray(v)) v.forEach((x) => flat(x, out));
  else out.push(v as number);
  return out;
}

test('every corpus function GradLens writes as Python gives AD\'s gradient under real numpy at its check\'s points', () => {
  const results = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, NumpyRun>;
  const sources = corpusPythonSources();
  assert.ok(sources.length >= 105, `only ${sources.length} Python corpus functions written`);
  const docs = new Map<string, DocumentAnalysis>();
  let compared = 0;
  for (const s of sources) {
    const run = results[s.key];
    assert.ok(run, `${s.key} was never run under numpy: ${RERUN}`);
    assert.equal(run.sha256, s.sha256, `${s.key}'s generated code changed since it ran under numpy: ${RERUN}`);
    assert.equal(run.points.length, s.points.length);
    const path = join(CORPUS, s.file);
    if (!docs.has(s.file)) docs.set(s.file, DocumentAnalysis.fromText(readFileSync(path, 'utf8'), path, 'python'));
    const doc = docs.get(s.file)!;
    for (const p of run.points) {
      assert.equal(p.error, undefined, `${s.key} at ${JSON.stringify(p.at)} fails under numpy`);
      // A method's attributes (`self.w`; a method without parameters writes its instance's `self.x, self.y`) are named outright.
      const attributes = s.wrt.some((w) => w.startsWith('self.'));
      const ad = doc.gradient(s.function, { values: p.at as never, source: 'argument', ...(s.receiver ? { receiver: s.receiver } : {}) }, attributes ? { wrt: s.wrt } : {});
      assert.ok(ad.ok, ad.ok ? '' : `${s.key}: ${ad.error.message}`);
      const { gradient, jacobian } = ad.value;
      releaseTrace(ad.value.trace);
      const outputs = jacobian ? (jacobian[s.wrt[0]!] as unknown[]).length : 0;
      const expected = gradient ? flat(s.wrt.map((w) => gradient[w])) : flat(Array.from({ length: outputs }, (_, k) => s.wrt.map((w) => (jacobian![w] as unknown[])[k])));
      assert.equal(p.gradient!.length, expected.length, `${s.key}: numpy gives ${p.gradient!.length} numbers, AD ${expected.length}`);
      p.gradient!.forEach((g, i) => assert.ok(sourceAgrees(g, expected[i]!), `${s.key} at ${JSON.stringify(p.at)}: numpy ${g}, AD ${expected[i]} (entry ${i})`));
      compared++;
    }
  }
  console.log(`${sources.length} Python corpus functions' generated code run under numpy at ${compared} points, all matching AD`);
});
