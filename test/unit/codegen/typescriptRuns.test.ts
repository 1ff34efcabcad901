/**
 * The generated TypeScript of each TypeScript golden case, transpiled by the real TypeScript compiler
 * and run by node (test only: the product never runs text), gives GradLens's AD gradient at the
 * case's point and nearby ones, to 1e-10 relative: the code works outside GradLens's own engine too.
 * (Strict type checking is typescriptStrict.test.ts's.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { derivativeSource, sourceAgrees } from '../../../src/analysis/derivativeSource';
import { nearbyPoints } from '../../../src/analysis/pointValues';
import { releaseTrace } from '../../../src/engine/run';

const CASES = join(__dirname, '..', '..', 'codegen', 'cases');

for (const file of readdirSync(CASES).filter((f) => f.endsWith('.ts')).sort()) {
  test(`${file}: the generated TypeScript, compiled by tsc and run by node, matches GradLens's AD`, () => {
    const path = join(CASES, file);
    const text = readFileSync(path, 'utf8');
    const doc = DocumentAnalysis.fromText(text, path, 'typescript');
    const name = /@at[^\n]*\n(?:export )?function\s+(\w+)/.exec(text)![1]!;
    const generated = derivativeSource(doc, name, { text, uri: path });
    assert.ok(generated.ok, generated.ok ? '' : generated.error.message);
    const compiled = ts.transpileModule(generated.value.text, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2020, strict: true } });
    assert.deepEqual(compiled.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')) ?? [], []);
    const gradient = new Function(`${compiled.outputText}\nreturn ${generated.value.name};`)() as (...args: number[]) => number | number[];
    const base = doc.resolvePoint(name);
    assert.ok(base.ok);
    const points = [base.value.values, ...nearbyPoints(base.value.values, 8, doc.constants(doc.find(name)!))];
    assert.ok(points.length >= 5);
    for (const at of points) {
      const ad = doc.gradient(name, { values: at, source: 'argument' });
      assert.ok(ad.ok, ad.ok ? '' : ad.error.message);
      const expected: number[] = generated.value.wrt.map((p) => ad.value.gradient![p] as number);
      releaseTrace(ad.value.trace);
      const got = [gradient(...doc.find(name)!.params.map((p) => at[p.name] as number))].flat();
      assert.equal(got.length, expected.length);
      got.forEach((g, i) => assert.ok(sourceAgrees(g, expected[i]!), `${file} at ${JSON.stringify(at)}: node ${g}, AD ${expected[i]}`));
    }
  });
}
