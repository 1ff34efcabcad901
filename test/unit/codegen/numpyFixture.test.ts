/**
 * The generated Python run by real numpy (test/codegen/run_generated_numpy.py, committed results)
 * agrees with GradLens's AD at the same points, to 1e-10 relative: the code works outside GradLens's
 * own engine too. A golden file changed since the script ran makes this fail until it is re-run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { sourceAgrees } from '../../../src/analysis/derivativeSource';
import { releaseTrace } from '../../../src/engine/run';

const ROOT = join(__dirname, '..', '..', 'codegen');

interface NumpyResult {
  golden_sha256: string;
  function: string;
  /** A method case: `Class.method`, and how its instance is made (`self: w=1.5`). */
  of?: string;
  receiver?: Record<string, number>;
  points: { at: Record<string, number | number[] | number[][]>; gradient: number[] }[];
}

const results = JSON.parse(readFileSync(join(ROOT, 'numpy_results.json'), 'utf8')) as Record<string, NumpyResult>;

for (const [file, result] of Object.entries(results)) {
  test(`${file}: the generated Python under numpy matches GradLens's AD at ${result.points.length} points`, () => {
    const golden = readFileSync(join(ROOT, 'golden', file.replace(/\.py$/, '.txt')), 'utf8');
    assert.equal(createHash('sha256').update(golden).digest('hex'), result.golden_sha256, 'the golden file changed: re-run /usr/bin/python3 test/codegen/run_generated_numpy.py');
    const path = join(ROOT, 'cases', file);
    const doc = DocumentAnalysis.fromText(readFileSync(path, 'utf8'), path, 'python');
    const name = result.of ?? doc.functions().find((f) => `grad_${f.ir.name}` === result.function || `${f.ir.name}_grad` === result.function)!.ir.name;
    assert.equal(result.points.length, 9);
    for (const { at, gradient } of result.points) {
      const ad = doc.gradient(name, { values: at, source: 'argument', ...(result.receiver ? { receiver: result.receiver } : {}) });
      assert.ok(ad.ok, ad.ok ? '' : ad.error.message);
      const expected = (Object.values(ad.value.gradient!) as unknown[]).flat(Infinity) as number[];
      releaseTrace(ad.value.trace);
      assert.equal(gradient.length, expected.length);
      gradient.forEach((g, i) => assert.ok(sourceAgrees(g, expected[i]!), `${file} at ${JSON.stringify(at)}: numpy ${g}, AD ${expected[i]}`));
    }
  });
}
