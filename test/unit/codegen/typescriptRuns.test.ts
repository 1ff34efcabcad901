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
import { besideMethod, derivativeSource, sourceAgrees } from '../../../src/analysis/derivativeSource';
import { nearbyPoints } from '../../../src/analysis/pointValues';
import { releaseTrace } from '../../../src/engine/run';

const CASES = join(__dirname, '..', '..', 'codegen', 'cases');

for (const file of readdirSync(CASES).filter((f) => f.endsWith('.ts')).sort()) {
  test(`${file}: the generated TypeScript, compiled by tsc and run by node, matches GradLens's AD`, () => {
    const path = join(CASES, file);
    const text = readFileSync(path, 'utf8');
    const doc = DocumentAnalysis.fromText(text, path, 'typescript');
    // A function, or a method (`Class.method`: its @at comment sits in the class, indented).
    const found = /@at[^\n]*\n(?:\s*\*[^\n]*\n)*(?:(?:export )?function\s+|(\s+))(\w+)\(/.exec(text)!;
    const cls = found[1] ? [...text.slice(0, found.index).matchAll(/^(?:export )?class (\w+)/gm)].pop()![1]! : undefined;
    const name = cls ? `${cls}.${found[2]!}` : found[2]!;
    const generated = derivativeSource(doc, name, { text, uri: path });
    assert.ok(generated.ok, generated.ok ? '' : generated.error.message);
    assert.equal(generated.value.inClass, cls);
    // A method's gradient is a method of its class: the file runs with it put beside the method.
    const program = cls ? besideMethod(text, generated.value.range, generated.value.functionText) : generated.value.text;
    const compiled = ts.transpileModule(program, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, strict: true } });
    assert.deepEqual(compiled.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')) ?? [], []);
    const base = doc.resolvePoint(name);
    assert.ok(base.ok);
    const defined = new Function('exports', `${compiled.outputText}\nreturn ${cls ?? generated.value.name};`)({}) as unknown;
    const gradient = cls ? onInstance(doc, cls, defined as new (...args: unknown[]) => Record<string, unknown>, base.value.receiver ?? {}, generated.value.name) : (defined as (...args: number[]) => number | (number | number[])[]);
    const points = [base.value.values, ...nearbyPoints(base.value.values, 8, doc.constants(doc.find(name)!))];
    assert.ok(points.length >= 5);
    for (const at of points) {
      const ad = doc.gradient(name, { values: at, source: 'argument', ...(base.value.receiver ? { receiver: base.value.receiver } : {}) });
      assert.ok(ad.ok, ad.ok ? '' : ad.error.message);
      const expected: number[] = generated.value.wrt.flatMap((p) => ad.value.gradient![p] as number | number[]);
      releaseTrace(ad.value.trace);
      const got = [gradient(...doc.find(name)!.params.map((p) => at[p.name] as number))].flat(2);
      assert.equal(got.length, expected.length);
      got.forEach((g, i) => assert.ok(sourceAgrees(g, expected[i]!), `${file} at ${JSON.stringify(at)}: node ${g}, AD ${expected[i]}`));
    }
  });
}

/** The generated method of an instance made as the engine makes it: the constructor's parameters by name from `self:`/`this:`, the rest set as attributes. */
function onInstance(doc: DocumentAnalysis, cls: string, Made: new (...args: unknown[]) => Record<string, unknown>, receiver: Readonly<Record<string, unknown>>, method: string) {
  const init = doc.module.classes!.find((c) => c.name === cls)!.methods.find((m) => m.role?.kind === 'constructor');
  const params = (init?.fn.params ?? []).slice(1).map((p) => p.name);
  const instance = new Made(...params.map((p) => receiver[p]));
  for (const [k, v] of Object.entries(receiver)) if (!params.includes(k)) instance[k] = v;
  return (...args: number[]) => (instance[method] as (...a: number[]) => number | (number | number[])[]).apply(instance, args);
}
